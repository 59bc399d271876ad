"""Shared fixtures: one real strict build of the project per test session, and one browser
(Debian's chromium, driven by Playwright) with the build served on a loopback port."""

from __future__ import annotations

import shutil

import pytest

import system_tools

import sitebuild

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def sources_before_build() -> dict:
    """Every source file's content hash, taken before the real build."""
    return sitebuild.snapshot(sitebuild.PROJECT)


@pytest.fixture(scope="session")
def built(tmp_path_factory, sources_before_build) -> sitebuild.Build:
    """The real project, built once into a temporary folder as it is published."""
    result = sitebuild.build(sitebuild.PROJECT, tmp_path_factory.mktemp("site") / "site", **sitebuild.PUBLIC)
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def site(built):
    """The folder of the real build."""
    return built.site


@pytest.fixture
def project_copy(tmp_path):
    """A copy of the project's sources that a test may break."""
    return sitebuild.copy_project(tmp_path / "project")


def chromium_path() -> str:
    return system_tools.required(shutil.which("chromium"), "Debian's chromium: sudo apt-get install chromium")


@pytest.fixture(scope="session")
def origin(site):
    """The built site served over HTTP on a free loopback port."""
    with sitebuild.served(site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
