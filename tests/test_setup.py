"""A fresh machine: `make serve` starts without the system parts it lacks and says what it
skipped; strict builds stop without them; one package list serves .ci/run and `make test`."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import sitebuild
from guide.shared import system_parts
import system_tools
from sitebuild import PROJECT

HIDDEN = {"GUIDE_HIDE_SYSTEM": "voikko,hunspell,pango"}
STARTUP_SECONDS = 300
"""How long the preview may take to build and answer (a loaded 2-core machine)."""


def preview_check(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide.shared.system_parts", "--preview"], cwd=PROJECT,
                          env={**os.environ, "PYTHONPATH": "hooks", **env}, capture_output=True, text=True)


def test_preview_check_names_each_missing_part_and_the_command_that_adds_it():
    """With Voikko, Hunspell and Pango hidden the check passes, prints one line per part (what is
    skipped, the apt-get command from .ci/debian-packages.txt) and the settings that skip it."""
    result = preview_check(**HIDDEN)
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for line, name, packages in zip(lines, ("voikko", "hunspell", "pango"), (
            "libvoikko1 voikko-fi", "hunspell-sv", "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0")):
        assert line.startswith(f"Preview without {system_parts.PARTS[name].title}: ")
        assert line.endswith(f"Add it with: {system_parts.install_command(name)}") and line.endswith(packages)
    assert result.stdout.split() == ["export", "SEARCH_BASE_FORMS=0", "export", "CARDS_PDF=0"]


def test_preview_check_is_silent_when_nothing_is_missing():
    """On a machine with every part (as the tests' own), the check says nothing and skips nothing."""
    if any(system_parts.missing(name) for name in system_parts.PARTS):
        pytest.skip("a system part is missing on this machine")
    result = preview_check(GUIDE_HIDE_SYSTEM="")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_make_serve_starts_without_voikko_hunspell_and_pango(tmp_path):
    """`make serve` on a machine without the three parts (hidden) starts, serves the guide, says
    what it skipped and builds the search without base forms and no PDFs."""
    make = system_tools.required(shutil.which("make"), "make: sudo apt-get install make")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen([make, "--no-print-directory", "serve", f"SERVE_ADDR=127.0.0.1:{port}"], cwd=PROJECT,
                                   env={**os.environ, **HIDDEN}, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = _wait_for_page(f"http://127.0.0.1:{port}/tietoa/saavutettavuus/", process, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    said = log.read_text()
    assert "Saavutettavuusseloste" in page
    for line in system_parts.preview_lines(["voikko", "hunspell", "pango"]):
        assert line in said
    assert "Card PDFs are off (CARDS_PDF=0)" in said and "without base forms (SEARCH_BASE_FORMS=0)" in said


@pytest.mark.parametrize("hidden, message", [
    ("voikko", "Search: the search needs the Voikko analyser for 'fi': Voikko is hidden (GUIDE_HIDE_SYSTEM); install it with: "),
    ("pango", "The card PDFs need Pango, which is missing; install it with: "),
])
def test_a_strict_build_stops_without_a_part_and_names_the_command(tmp_path, hidden, message):
    """`make build` (and so publish and test) does not skip a missing part: it stops, naming the command."""
    env = {"GUIDE_HIDE_SYSTEM": hidden, **({"CARDS_PDF": "0"} if hidden == "voikko" else {})}
    result = sitebuild.build(PROJECT, tmp_path / "site", **env)
    assert result.returncode != 0
    assert message + system_parts.install_command(hidden) in result.log


def test_one_package_list_installs_only_what_is_missing(tmp_path):
    """.ci/install-packages (run by .ci/run and make test) reads .ci/debian-packages.txt, skips a
    package whose command is already there (npm beside NodeSource's nodejs) and names the exact command."""
    system_tools.required(shutil.which("dpkg-query"), "Debian's dpkg")
    ci = tmp_path / ".ci"
    ci.mkdir()
    shutil.copy2(PROJECT / ".ci" / "install-packages", ci)
    (ci / "debian-packages.txt").write_text(
        "# package  part  command\nguide-test-absent-package  tests\nguide-test-npm  html-check  sh\n", "utf-8")
    result = subprocess.run([str(ci / "install-packages"), "--print"], capture_output=True, text=True)
    sudo = "" if os.geteuid() == 0 else "sudo "
    assert (result.returncode, result.stdout) == (0, f"Missing Debian packages; install them with: {sudo}apt-get install -y guide-test-absent-package\n")


def test_ci_and_make_test_install_from_the_same_list():
    """.ci/run and `make test` both run .ci/install-packages; `make test` before the set-up (npm first)."""
    assert ".ci/install-packages\nmake test" in (PROJECT / ".ci" / "run").read_text("utf-8")
    recipe = (PROJECT / "Makefile").read_text("utf-8").split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert recipe.index(".ci/install-packages") < recipe.index("setup") < recipe.index("pytest")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_page(url: str, process: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("make serve stopped:\n" + log.read_text())
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(1)
    raise AssertionError("make serve did not answer in time:\n" + log.read_text())


def test_readme_sets_up_with_two_commands_and_names_what_make_test_installs():
    """The README's set-up is `make serve` and `make test`; it names every package make test may install."""
    section = (PROJECT / "README.md").read_text("utf-8").split("## Set up and use\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make serve", "make test"]
    listed = [line.split()[0] for line in (PROJECT / ".ci" / "debian-packages.txt").read_text("utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    assert [package for package in listed if package not in section] == []
