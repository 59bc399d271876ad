"""Shared fixtures: one real strict build of the project per test session."""

from __future__ import annotations

import pytest

import sitebuild


@pytest.fixture(scope="session")
def sources_before_build() -> dict:
    """Every source file's content hash, taken before the real build."""
    return sitebuild.snapshot(sitebuild.PROJECT)


@pytest.fixture(scope="session")
def built(tmp_path_factory, sources_before_build) -> sitebuild.Build:
    """The real project, built once into a temporary folder."""
    result = sitebuild.build(sitebuild.PROJECT, tmp_path_factory.mktemp("site") / "site")
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
