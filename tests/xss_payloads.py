"""The XSS payloads of ../shared/data/xss-payloads.txt, for every test that writes them.

Without the file beside the project the tests that need it are skipped, except in CI
(`CI=true`, set by .ci/run), where a missing file would hide an acceptance test: it fails."""

import os
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "xss-payloads.txt"


def xss_payloads() -> list[str]:
    """Every line of the file, as written (undecodable bytes replaced)."""
    if not PATH.exists():
        message = f"{PATH} is not beside the project"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {message}", pytrace=False)
        pytest.skip(message)
    return PATH.read_text(encoding="utf-8", errors="replace").splitlines()
