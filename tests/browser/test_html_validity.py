"""Every page passes the Nu Html Checker: each page the other browser tests loaded, as the server
sent it, and the public pages fetched here, checked in one run of vnu.jar (one Java start for all).

vnu.jar comes from the npm package `vnu-jar` (package.json; `make test-browser` installs it) and
needs Java. Without either the test skips, and fails where the browser suite is required."""

import hashlib
import json
import os
import shutil
import subprocess
import urllib.request

import pytest

from tests.conftest import _env_flag

from .conftest import ROOT, VISITED_HTML

pytestmark = pytest.mark.browser

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Fetched here too, so that the check covers them even when run on its own.
PAGES = ["/", "/groups/", "/groups/?q=deuil", "/groups/?theme=anxiety", "/help/", "/help/?country=DE",
         "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
         "/meetings/guides/video-group/", "/meetings/guides/hybrid-group/"]
CHECK_SECONDS = 300


@pytest.fixture(scope="session")
def nu_html_checker():
    """Before the server starts: without Java or vnu.jar, skip, or fail where required."""
    absent = ""
    if not shutil.which("java"):
        absent = "Java (apt-get install default-jre-headless)"
    elif not VNU_JAR.exists():
        absent = f"{VNU_JAR.relative_to(ROOT)} (make test-browser installs it: npm ci)"
    if absent and _env_flag("ENTRAIDE_REQUIRE_BROWSER"):
        pytest.fail(f"ENTRAIDE_REQUIRE_BROWSER=1 but the HTML check needs {absent}.", pytrace=False)
    if absent:
        pytest.skip(f"needs {absent}")
    return VNU_JAR


def fetched(server, path: str) -> tuple[str, str]:
    request = urllib.request.Request(server.url(path), headers={"Accept-Language": "fr-CH"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.url, response.read().decode()


def run_checker(jar, files) -> list[dict]:
    """vnu.jar's error messages (JSON on standard error) for all the files at once."""
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=CHECK_SECONDS)
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar did not answer in JSON (status {result.returncode}):\n{result.stderr[:2000]}")
    return [message for message in report["messages"] if message.get("type") in ("error", "non-document-error")]


def describe(message: dict, address_of: dict) -> str:
    name = os.path.basename(message.get("url", ""))
    where = f"line {message['lastLine']}" if "lastLine" in message else "the page"
    extract = (message.get("extract") or "").replace("\n", " ")
    return f"{address_of.get(name, name)}, {where}: {message['message']}\n    {extract}"


def test_every_page_the_browser_tests_visit_passes_the_nu_html_checker(nu_html_checker, demo_server, tmp_path):
    pages = [*VISITED_HTML, *(fetched(demo_server, path) for path in PAGES)]
    address_of, files = {}, []
    for address, html in pages:
        name = hashlib.sha1(html.encode()).hexdigest()[:16] + ".html"
        if name not in address_of:  # the same page loaded again is checked once
            address_of[name] = address.removeprefix(demo_server.base_url)
            files.append(tmp_path / name)
            files[-1].write_text(html, encoding="utf-8")

    errors = run_checker(nu_html_checker, files)

    assert not errors, f"{len(errors)} HTML errors in {len(files)} pages:\n" + "\n".join(
        describe(message, address_of) for message in errors
    )
