"""Outside DEBUG, static files get hashed names, and a script's ES module imports name the
hashed file they import: a new frames.js changes chat.js's name too, so no browser keeps a
stale pair."""

import re

from django.core.management import call_command


def test_collected_scripts_import_the_hashed_modules(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "entraide.static_storage.ModuleAwareManifestStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    [chat] = [path for path in (tmp_path / "js").glob("chat.*.js") if re.fullmatch(r"chat\.[0-9a-f]{12}\.js", path.name)]
    imports = re.findall(r'from\s+"\./([^"]+)"', chat.read_text())
    assert imports and all(re.fullmatch(r"[a-z_]+\.[0-9a-f]{12}\.js", name) for name in imports), imports
    assert all((tmp_path / "js" / name).exists() for name in imports)
