"""System programs the tests drive (Debian packages that .ci/run installs)."""

from __future__ import annotations

import os

import pytest


def required(path: str | None, what: str) -> str:
    """`path` if the program was found; otherwise the test fails in CI (where .ci/run installs
    every program) and is skipped locally, saying what to install."""
    if path:
        return path
    message = f"This test needs {what}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
