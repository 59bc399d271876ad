"""The repository holds sources only: nothing a tool installs, no large files."""

from __future__ import annotations

import shutil
import subprocess

import system_tools
from sitebuild import PROJECT

MAX_BYTES = 5 * 1024 * 1024
"""The largest file the repository may hold (a clone downloads every version of every file)."""


def tracked(*paths: str) -> list[str]:
    git = system_tools.required(shutil.which("git"), "git: sudo apt-get install git")
    listed = subprocess.run([git, "ls-files", "-z", "--", *paths], cwd=PROJECT, capture_output=True, check=True)
    return [name for name in listed.stdout.decode().split("\0") if name]


def test_nothing_npm_installs_is_committed():
    """node_modules/ is installed by `npm ci` from package-lock.json, never committed."""
    assert tracked("node_modules") == []
    assert "node_modules/" in (PROJECT / ".gitignore").read_text("utf-8").splitlines()


def test_no_committed_file_is_over_5_mb():
    """Every tracked file is at most 5 MB."""
    sizes = {name: (PROJECT / name).stat().st_size for name in tracked() if (PROJECT / name).is_file()}
    assert sizes and {name: size for name, size in sizes.items() if size > MAX_BYTES} == {}
