"""Every extension point behaves the same way: keys in the order they came, and a key
registered twice is an error, seen at start-up rather than silently overwritten. And the
registry is how apps extend each other: no two apps import each other, even through a third,
and the core imports no feature app."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from entraide import registry
from entraide.registry import AlreadyRegistered, NotRegistered, Registry


def test_entries_come_back_in_the_order_they_were_registered():
    garden = Registry("garden")
    garden.register("roses", 1)
    garden.register("tulips", 2)

    assert list(garden) == ["roses", "tulips"]
    assert garden.items() == [("roses", 1), ("tulips", 2)]
    assert garden.values() == [1, 2]
    assert (len(garden), "roses" in garden, "daisies" in garden) == (2, True, False)


def test_registering_a_key_twice_is_an_error_even_with_the_same_value_and_keeps_the_first():
    garden = Registry("garden")
    garden.register("roses", 1)

    for value in (1, 2):
        with pytest.raises(AlreadyRegistered, match="garden: 'roses'"):
            garden.register("roses", value)

    assert garden.get("roses") == 1


def test_an_unknown_key_is_not_registered_unless_a_default_is_given():
    garden = Registry("garden")

    with pytest.raises(NotRegistered):
        garden.get("daisies")
    with pytest.raises(KeyError):
        garden.unregister("daisies")
    assert garden.get("daisies", None) is None


def test_a_key_unregistered_can_be_registered_again():
    garden = Registry("garden")
    garden.register("roses", 1)
    garden.unregister("roses")

    garden.register("roses", 2)

    assert garden.get("roses") == 2


def test_the_apps_registered_their_extensions_when_they_were_ready():
    assert {"member", "group", "post"} <= set(registry.reportable_kinds)
    assert {"person", "thread", "slow_mode", "story"} <= set(registry.subject_kinds)
    assert {"export", "account", "roles", "forum_posts"} <= set(registry.export_sections)
    assert {"mutes_and_blocks", "forum_choices"} <= set(registry.account_cleanups)
    assert "forum_threads" in registry.name_changes
    assert "forum_threads" in registry.demo_data
    assert "founding_roles" in registry.group_created
    assert {"role_terms", "forum_watching"} <= set(registry.membership_ended)
    assert {"decide_join_requests", "edit_group"} <= set(registry.group_policies)
    assert "roles_mutes_removals" in registry.standing_facts


def test_each_reportable_kind_is_registered_under_its_own_kind_and_is_no_plain_subject_too():
    for kind, reportable in registry.reportable_kinds.items():
        assert reportable.kind == kind
        assert kind not in registry.subject_kinds


# --- No app imports another --------------------------------------------------------------------
# Every module of the project's apps is read as source (ast), so that an import inside a
# function, which only runs later, counts as much as one at the top of a file.

CORE = "entraide"


def project_apps() -> dict[str, Path]:
    """The project's own apps, each a package at the top of the repository, by name."""
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.name: Path(config.path).resolve()
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    }


def _module_name(app: str, root: Path, file: Path) -> tuple[str, bool]:
    parts = file.relative_to(root).with_suffix("").parts
    is_package = parts[-1] == "__init__"
    return ".".join((app, *(parts[:-1] if is_package else parts))), is_package


def _imported_modules(tree: ast.AST, module: str, is_package: bool):
    """(absolute module name, line) of every import in the tree, wherever it stands."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                yield ".".join([*base, *([node.module] if node.module else [])]), node.lineno
            else:
                yield node.module, node.lineno
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in ("import_module", "__import__")
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value, node.lineno


def _app_of(module: str, app_names) -> str | None:
    owners = [name for name in app_names if module == name or module.startswith(name + ".")]
    return max(owners, key=len) if owners else None


def app_imports(app_paths: dict[str, Path]) -> dict[str, dict[str, list[str]]]:
    """app -> other app -> where it imports it ("path:line"), for every .py file of each app."""
    graph: dict[str, dict[str, list[str]]] = {app: {} for app in app_paths}
    for app, root in app_paths.items():
        for file in sorted(root.rglob("*.py")):
            module, is_package = _module_name(app, root, file)
            tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
            for imported, line in _imported_modules(tree, module, is_package):
                other = _app_of(imported, app_paths)
                if other is not None and other != app:
                    graph[app].setdefault(other, []).append(f"{file.relative_to(root.parent)}:{line}")
    return graph


def import_cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """Each cycle between apps once, as the apps along it, the first one repeated at the end."""
    cycles, seen = [], set()

    def visit(app, path):
        for other in sorted(graph.get(app, {})):
            if other in path:
                cycle = path[path.index(other):]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    cycles.append([*cycle, other])
            else:
                visit(other, [*path, other])

    for app in sorted(graph):
        visit(app, [app])
    return cycles


def _explain(graph, cycle) -> str:
    return "; ".join(f"{a} -> {b} ({graph[a][b][0]})" for a, b in zip(cycle, cycle[1:]))


def test_the_core_imports_no_feature_app():
    graph = app_imports(project_apps())

    assert graph[CORE] == {}, f"entraide imports feature apps: {graph[CORE]}"


def test_no_two_apps_import_each_other_even_through_a_third():
    graph = app_imports(project_apps())

    cycles = import_cycles(graph)

    assert cycles == [], "\n".join(_explain(graph, cycle) for cycle in cycles)


def test_the_walk_sees_every_project_app_and_the_imports_the_feature_apps_make_of_the_core():
    app_paths = project_apps()
    graph = app_imports(app_paths)

    assert {CORE, "moderation", "forums"} <= set(app_paths)
    assert all(CORE in graph[app] for app in app_paths if app != CORE)


def _write(root: Path, files: dict[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return {app: root / app for app in {name.split("/")[0] for name in files}}


def test_an_import_inside_a_function_makes_a_cycle_it_reports(tmp_path):
    app_paths = _write(tmp_path, {
        "core/__init__.py": "",
        "core/services.py": "def later():\n    from garden.models import Bed\n    return Bed\n",
        "garden/__init__.py": "",
        "garden/models.py": "from core import services\n",
    })

    graph = app_imports(app_paths)

    assert graph == {"core": {"garden": ["core/services.py:2"]}, "garden": {"core": ["garden/models.py:1"]}}
    assert import_cycles(graph) == [["core", "garden", "core"]]


def test_relative_imports_stay_in_their_app_and_a_cycle_through_a_third_app_is_found(tmp_path):
    app_paths = _write(tmp_path, {
        "core/__init__.py": "",
        "core/views/__init__.py": "from .. import models\nfrom ..models import Thing\n",
        "core/models.py": "import importlib\nimportlib.import_module('orchard.trees')\n",
        "garden/__init__.py": "from core.models import Thing\n",
        "orchard/__init__.py": "",
        "orchard/trees.py": "if True:\n    import garden\n",
    })

    graph = app_imports(app_paths)

    assert graph["core"] == {"orchard": ["core/models.py:2"]}
    assert import_cycles(graph) == [["core", "orchard", "garden", "core"]]
