"""Find the version of a Finnish file that a translation was stamped from, in its git history.

A `translated_from` stamp (`guide.translation.stamps`) is a hash of the Finnish text, not a commit.
To show translators what changed since, walk the file's history newest first
(`git log --format=%H -- <file>`), read each version (`git show <rev>:./<file>`), compute its
stamp, and stop at the first that matches. The current text is the file in the working tree.

When no version matches, `Missing` says why in one line: no git, no repository, a shallow clone
(the older commits are not there), or a stamp made from text that was never committed.
Pure: runs `git` read-only; imports nothing from MkDocs.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Version:
    """A committed version of a file: its commit, the commit's date, and the file's bytes."""

    commit: str
    date: str
    content: bytes

    @property
    def name(self) -> str:
        return f"commit {self.commit[:10]} of {self.date}"


@dataclass(frozen=True)
class Missing:
    """Why no committed version has the stamp, as the end of a sentence."""

    reason: str


class _GitError(Exception):
    """git is missing or refused; the message is a `Missing` reason."""


def stamped_version(path: Path, stamp: str, stamp_of: Callable[[bytes], str | None]) -> Version | Missing:
    """The newest committed version of `path` whose stamp (`stamp_of` its bytes) is `stamp`."""
    try:
        for commit, date in _revisions(path):
            content = _git(path.parent, "show", f"{commit}:./{path.name}")
            if stamp_of(content) == stamp:
                return Version(commit, date, content)
        shallow = _git(path.parent, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except _GitError as error:
        return Missing(str(error))
    if shallow:
        return Missing("this is a shallow clone, which lacks the older commits "
                       "(git fetch --unshallow gets them)")
    return Missing("no commit has it (the stamp was made from text that was never committed, or outside git)")


def _revisions(path: Path) -> list[tuple[str, str]]:
    """The commits that changed `path` (but not those that deleted it), newest first, with their dates."""
    out = _git(path.parent, "log", "--diff-filter=ACMRT", "--format=%H %cs", "--", path.name).decode("utf-8")
    return [tuple(line.split(" ", 1)) for line in out.splitlines() if line]


def _git(folder: Path, *args: str) -> bytes:
    """The output of a read-only git command run in `folder`."""
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError:
        raise _GitError("git is not installed") from None
    if result.returncode == 128 and b"not a git repository" in result.stderr.lower():
        raise _GitError("the file is not in a git repository")
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        raise _GitError(f"git {args[0]} failed ({message[0]})")
    return result.stdout
