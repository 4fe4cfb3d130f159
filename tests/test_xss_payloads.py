"""Without the payload file the XSS tests skip, except in CI, where they fail."""

import pytest

from tests import xss_payloads as payloads


def test_a_missing_payload_file_skips_the_test_on_a_workstation(monkeypatch, tmp_path):
    monkeypatch.setattr(payloads, "PATH", tmp_path / "absent.txt")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        payloads.xss_payloads()


def test_a_missing_payload_file_fails_the_test_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(payloads, "PATH", tmp_path / "absent.txt")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        payloads.xss_payloads()


def test_the_payload_file_beside_the_project_is_read_whole():
    assert len(payloads.xss_payloads()) > 6000
