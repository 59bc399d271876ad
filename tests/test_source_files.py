"""Only what belongs in the sources is published, and nothing written there is lost or replaced silently."""

from __future__ import annotations

import os

import sitebuild

CANARY = "SEC23_CANARY_SECRET"


def build_copy(project, tmp_path, **env):
    return sitebuild.build(project, tmp_path / "site", CARDS_PDF="0", **env)


def prepend(path, text: str) -> None:
    path.write_text(text + path.read_text("utf-8"), "utf-8")


def test_symbolic_links_stop_the_build_without_showing_their_targets(project_copy, tmp_path):
    """A link to a file, to the build's environment or to a folder, in docs/, docs_sv/, data/ or
    overrides/, stops the build naming only the link; nothing of the target reaches the log or the site (#5, #23)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(CANARY, "utf-8")
    links = {
        "docs/env.txt": "/proc/self/environ",
        "docs/passwd.md": "/etc/passwd",
        "docs_sv/passwd.md": "/etc/passwd",
        "docs/kansio": str(outside),
        "data/cards/ulkoa.yml": str(outside / "secret.txt"),
        "overrides/partials/ulkoa.html": str(outside / "secret.txt"),
    }
    for link, target in links.items():
        os.symlink(target, project_copy / link)
    result = build_copy(project_copy, tmp_path, **{CANARY: CANARY})
    assert result.returncode != 0 and "Traceback" not in result.log
    for link in links:
        assert (f"{link}: a symbolic link: the build publishes only files kept in the project; "
                "put the file itself here, or remove the link") in result.log
    assert CANARY not in result.log and "root:" not in result.log and "/etc/passwd" not in result.log
    assert not (result.site / "env.txt").exists() and not (result.site / "kansio").exists()


def test_only_pages_pictures_and_pdfs_are_published_from_the_pages_folders(project_copy, tmp_path):
    """An HTML, JavaScript or SVG file in docs/ stops the build, named with what to do; a PNG and a PDF pass (#1)."""
    (project_copy / "docs" / "liite.html").write_text("<script>alert(document.domain)</script>", "utf-8")
    (project_copy / "docs" / "liite.js").write_text("alert(1)", "utf-8")
    (project_copy / "docs_sv" / "bild.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "utf-8")
    (project_copy / "docs" / "kuva.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (project_copy / "docs" / "opas.pdf").write_bytes(b"%PDF-1.4\n")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.log
    assert ("docs/liite.html: .html cannot be published from the pages' folders: only pages (.md), pictures and PDFs "
            "(.png, .jpg, .jpeg, .gif, .webp, .avif, .pdf); write the content as a page, or remove the file") in result.log
    assert "docs/liite.js: .js cannot be published from the pages' folders" in result.log
    assert ("docs_sv/bild.svg: an SVG picture can carry scripts, so the guide does not publish SVG files: "
            "save it as .png or .webp and link that") in result.log
    assert "kuva.png" not in result.log and "opas.pdf" not in result.log


def test_front_matter_problems_stop_the_build_each_at_its_line(project_copy, tmp_path):
    """Front matter that is not YAML or not a mapping, a title or description that is not a text
    (a list, nothing, an empty list), `hide: 42`, an alias and a repeated key are each an error at
    their line, all at once, with no traceback (#3, #11, #13, #19, #21)."""
    docs, docs_sv = project_copy / "docs", project_copy / "docs_sv"
    prepend(docs / "ohjaajalle.md", '---\ntitle: ["<script>alert(201)</script>"]\n---\n')
    prepend(docs_sv / "ohjaajalle.md", "---\ntitle: [unclosed\n---\n")
    prepend(docs / "turvallisuus.md", "---\n- title\n- description\n---\n")
    prepend(docs_sv / "turvallisuus.md", "---\ntitle:\ndescription: []\n---\n")
    prepend(docs / "suunnittelu.md", "---\nhide: 42\n---\n")
    prepend(docs_sv / "suunnittelu.md", "---\ntitle: &a Rubrik\ndescription: *a\ntitle: Igen\n---\n")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.log
    for line in [
        "docs/ohjaajalle.md:2: title: expected a text on one line, got a list;",
        "docs_sv/ohjaajalle.md:3: the front matter is not valid YAML (",
        "docs/turvallisuus.md:2: the front matter must be 'key: value' lines (title: …, description: …), not a list or a text",
        "docs_sv/turvallisuus.md:2: title: expected a text on one line, got nothing;",
        "docs_sv/turvallisuus.md:3: description: expected a text on one line, got a list;",
        "docs/suunnittelu.md:2: hide: expected a list of navigation, toc, footer, path, tags, feedback (e.g. hide: [toc]), got a number",
        "docs_sv/suunnittelu.md:3: front matter: an alias (*name) repeats another value: write the value out where it is needed",
    ]:
        assert line in result.log, (line, result.log[-2500:])


def test_a_repeated_front_matter_key_is_an_error(project_copy, tmp_path):
    """A key written twice in front matter is named with both lines instead of the last one winning (#10, #11)."""
    prepend(project_copy / "docs" / "ohjaajalle.md", "---\ntitle: Yksi\ndescription: Kuvaus\ntitle: Kaksi\n---\n")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert ("docs/ohjaajalle.md:4: front matter: 'title:' is written twice (first on line 2); "
            "keep one and merge what the other holds") in result.log


def test_a_written_page_at_a_cards_address_is_never_replaced(project_copy, tmp_path):
    """A hand-written page where a card page is generated stops the build naming both files (#9)."""
    for folder in ("docs", "docs_sv"):
        (project_copy / folder / "kortit").mkdir()
    (project_copy / "docs" / "kortit" / "raha.md").write_text("# Käsin\n", "utf-8")
    (project_copy / "docs_sv" / "kortit" / "raha.md").write_text("# För hand\n", "utf-8")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.log
    assert ("docs/kortit/raha.md and data/cards/raha.yml both make kortit/raha.md: remove the written file "
            "(card pages and PDFs are made from data/cards/), or give the card another id") in result.log
    assert "docs_sv/kortit/raha.md and data/cards/raha.yml both make sv/kortit/raha.md" in result.log


def test_bad_card_files_give_file_and_line_in_the_build(project_copy, tmp_path):
    """An empty card, a card that is not UTF-8, a `.yaml` card, a card id `index` and a second
    `sv:` block each stop the build with `file:line:`, no traceback (#9, #10, #12, #19)."""
    cards = project_copy / "data" / "cards"
    raha = (cards / "raha.yml").read_text("utf-8")
    (cards / "tyhja.yml").write_text("", "utf-8")
    (cards / "latin.yml").write_bytes(raha.replace("id: raha", "id: latin").encode("utf-8") + "\n# \xe4\n".encode("latin-1"))
    (cards / "extra.yaml").write_text(raha.replace("id: raha", "id: extra"), "utf-8")
    (cards / "index.yml").write_text(raha.replace("id: raha", "id: index"), "utf-8")
    (cards / "raha.yml").write_text(raha + "sv:\n  title: Pengar-DUBBLETT\n", "utf-8")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.log
    for line in [
        "data/cards/tyhja.yml:1: (file): the file must be a mapping of card fields",
        f"data/cards/latin.yml:{raha.count(chr(10)) + 2}: (file): byte 0xe4 is not UTF-8 text",
        "data/cards/extra.yaml: card files end in .yml (this one is not read); rename it to extra.yml",
        "id: 'index' is reserved for the card index page",
        f"data/cards/raha.yml:{raha.count(chr(10)) + 1}: 'sv:' is written twice",
    ]:
        assert line in result.log, (line, result.log[-2500:])
