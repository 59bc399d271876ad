"""Build the site, or a copy of the project, exactly as `make build` does, and serve a built site."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SOURCE_FOLDERS = ["docs", "docs_sv", "data"]
PROJECT_PARTS = ["mkdocs.yml", "docs", "docs_sv", "data", "hooks", "overrides"]
PUBLIC = {"SITE_URL": "https://vertaisryhmaopas.example.org/", "REPO_URL": "https://git.example.org/vertaisryhmaopas/"}
"""The addresses a published build is made with (`make publish`); reserved example names."""


@dataclass
class Build:
    returncode: int
    log: str
    seconds: float
    site: Path


def build(project: Path, site: Path, **env: str) -> Build:
    """Run a strict `mkdocs build` of `project` into `site` in a fresh process."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
    )
    return Build(result.returncode, result.stdout + result.stderr, time.perf_counter() - started, site)


def snapshot(project: Path) -> dict[str, str]:
    """Content hash of every file a translator or editor owns."""
    return {
        path.relative_to(project).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in SOURCE_FOLDERS
        for path in sorted((project / folder).rglob("*"))
        if path.is_file()
    }


def copy_project(target: Path) -> Path:
    """A throwaway copy of the project's sources, to break on purpose."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@contextlib.contextmanager
def served(site: Path):
    """The built `site` served over HTTP on a free loopback port; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
