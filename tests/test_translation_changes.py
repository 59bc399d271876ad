"""`make translations` shows the Finnish changes since an outdated translation's stamped version,
found in a real git history, and says in one line when that version cannot be found."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import system_tools
from guide.translation import diff as translation_diff
from guide.translation import report as translation_report
from guide.translation import status as translation_status
from guide.translation.stamps import page_hash

FIXTURES = Path(__file__).parent / "data" / "translations"
VNU = Path(__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"


def git(repo: Path, *args: str) -> str:
    """Run git in `repo`; its output."""
    program = system_tools.required(shutil.which("git"), "git (Debian package git)")
    return subprocess.run([program, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A stamped, up-to-date page and card (the `complete` fixture), committed in a new repository."""
    root = shutil.copytree(FIXTURES / "complete", tmp_path / "project")
    git(root, "init", "--quiet")
    for key, value in (("user.name", "Kääntäjä"), ("user.email", "kaantaja@example.invalid"), ("commit.gpgsign", "false")):
        git(root, "config", key, value)
    commit(root, "Translated and stamped")
    return root


def commit(root: Path, message: str) -> None:
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def change_sentence_and_field(root: Path) -> None:
    """One Finnish sentence of the page and one text of the card's fi: block, changed."""
    edit(root / "docs" / "ohje.md", "Varaa tila.", "Varaa tila hyvissä ajoin.")
    edit(root / "data" / "cards" / "kortti.yml", "- Mikä auttaa?", "- Mikä auttaa jaksamaan?")


def report(capsys, root: Path, *args: str, status: int = 0) -> list[str]:
    """The lines `make translations` prints for `root`, after checking its exit status."""
    assert translation_status.main([str(root), *args]) == status
    return capsys.readouterr().out.splitlines()


def stamped_version(root: Path) -> str:
    """How the report names the first commit: the version the translations were stamped from."""
    commit_hash, date = git(root, "log", "--reverse", "--format=%H %cs").splitlines()[0].split()
    return f"commit {commit_hash[:10]} of {date}"


def test_changed_sentence_and_field_are_shown_old_and_new(capsys, repo):
    """A committed change shows the page's paragraph and the card's field, old and new, changed words
    marked, each with where its translation is (the twin heading, the sv: field's line)."""
    change_sentence_and_field(repo)
    commit(repo, "Finnish edited")
    lines = report(capsys, repo)
    version = stamped_version(repo)
    page = lines.index(f"      Changes in docs/ohje.md since the translated version ({version}):")
    assert lines[page + 1:page + 4] == [
        "      docs/ohje.md:5 (changed): docs_sv/ohje.md:7: under ## Före träffen",
        "        was: Varaa tila.",
        "        now: Varaa tila {+hyvissä ajoin+}.",
    ]
    card = lines.index(f"      Changes in the 'fi:' block of data/cards/kortti.yml since the translated version ({version}):")
    assert lines[card + 1:card + 4] == [
        "      questions[0] (changed): data/cards/kortti.yml:24: sv.questions[0]: update it",
        "        was: Mikä auttaa?",
        "        now: Mikä auttaa {+jaksamaan+}?",
    ]
    assert not any("\x1b" in line for line in lines), "colour only on a terminal"


def test_uncommitted_change_is_shown_too(capsys, repo):
    """The new side is the working tree: a Finnish edit not yet committed is shown."""
    edit(repo / "docs" / "ohje.md", "Aloittakaa kuulumisilla.", "Aloittakaa lyhyillä kuulumisilla.")
    lines = report(capsys, repo)
    start = lines.index("      docs/ohje.md:9 (changed): docs_sv/ohje.md:11: under ## Under träffen")
    assert lines[start + 1:start + 3] == [
        "        was: Aloittakaa kuulumisilla.",
        "        now: Aloittakaa {+lyhyillä+} kuulumisilla.",
    ]


def test_added_question_is_one_added_field(capsys, repo):
    """A question added at the top is reported once, with the line where its translation goes."""
    edit(repo / "data" / "cards" / "kortti.yml", "  questions:\n    - Mikä auttaa?",
         "  questions:\n    - Mikä ilahduttaa?\n    - Mikä auttaa?")
    lines = report(capsys, repo, status=1)  # a question is also missing from sv:
    start = lines.index("      questions[0] (added): data/cards/kortti.yml:25: sv.questions[0]: translate the new text")
    assert lines[start + 1:start + 3] == ["        now: {+Mikä ilahduttaa?+}", ""]


def test_stamp_missing_from_history_gives_the_fallback_line(capsys, repo):
    """A stamp that no commit matches keeps today's message and adds one line saying why."""
    edit(repo / "docs_sv" / "ohje.md", (repo / "docs_sv" / "ohje.md").read_text("utf-8").split('"')[1], "0123456789ab")
    lines = report(capsys, repo)
    start = next(n for n, line in enumerate(lines) if line.startswith("    - docs_sv/ohje.md was translated from an older"))
    assert lines[start + 1] == (
        '      Changes not shown: the version of docs/ohje.md stamped "0123456789ab" was not found: '
        "no commit has it (the stamp was made from text that was never committed, or outside git).")
    assert lines[start].endswith(f'(translated_from: "0123456789ab", now "{page_hash(repo / "docs" / "ohje.md")}"): '
                                 'update the translation, then stamp it (make translations ARGS="--stamp docs_sv/ohje.md").')
    assert lines[start + 2] == ""


def test_shallow_clone_says_so(capsys, repo, tmp_path):
    """In a shallow clone the fallback line says the older commits are missing and how to fetch them."""
    change_sentence_and_field(repo)
    commit(repo, "Finnish edited")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", repo.as_uri(), str(clone))
    lines = report(capsys, clone)
    assert ('      Changes not shown: the version of docs/ohje.md stamped "' in line
            and line.endswith("was not found: this is a shallow clone, which lacks the older commits "
                              "(git fetch --unshallow gets them).") for line in lines)


def test_outside_git_gives_the_fallback_line(capsys, tmp_path):
    """Without a repository the report says so in one line under each outdated translation."""
    root = shutil.copytree(FIXTURES / "outdated", tmp_path / "outdated")
    lines = report(capsys, root)
    assert lines.count('      Changes not shown: the version of docs/ohje.md stamped "b8f407377ed4" was not found: '
                       "the file is not in a git repository.") == 1


def test_html_report_holds_both_texts_escaped(capsys, repo):
    """--html writes one page under .cache/ with the old and the new text escaped, and prints its path."""
    edit(repo / "docs" / "ohje.md", "Varaa tila.", "Varaa tila <b>ajoissa</b> & siivoa.")
    commit(repo, "Finnish edited")
    lines = report(capsys, repo, "--html")
    path = repo / translation_report.HTML_REPORT
    assert lines[-1] == f"The report as a web page: {path}"
    html = path.read_text("utf-8")
    assert '<dd lang="fi">Varaa tila.</dd>' in html
    assert "&lt;b&gt;ajoissa&lt;/b&gt; &amp; siivoa" in html
    assert "<b>" not in html
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == "?? .cache/translations/report.html\n"


def test_html_report_is_valid_html(capsys, repo):
    """The W3C Nu HTML checker finds no error in the HTML report of a changed page and card."""
    java = system_tools.required(shutil.which("java"), "Java: sudo apt-get install default-jre-headless")
    system_tools.required(str(VNU) if VNU.is_file() else None, "the Nu checker: make setup (npm ci installs vnu-jar)")
    change_sentence_and_field(repo)
    report(capsys, repo, "--html")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", str(repo / translation_report.HTML_REPORT)],
                            capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")


def test_colour_marks_the_changed_words_on_a_terminal():
    """With colour, the marks stay (colour-blind readers) and are coloured red and green."""
    found = translation_diff.page_changes("Yksi.\n", "Kaksi.\n", "docs/x.md")
    lines = translation_report.text_lines(translation_report.SourceChanges("docs/x.md", "0" * 12, "v", tuple(found)),
                                          colour=True)
    assert lines[2:] == ["        was: \x1b[31m[-Yksi-]\x1b[0m.", "        now: \x1b[32m{+Kaksi+}\x1b[0m."]
