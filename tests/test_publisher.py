"""The guide names its publisher and a working feedback channel (data/publisher.yml), and is not
published without them (Act on the Provision of Digital Services 306/2019)."""

from __future__ import annotations

import pytest
import yaml
from pypdf import PdfReader

from guide.cards import model as cards_model
from guide.cards import pdf as cards_pdf
from guide.cards import render as cards_render
from guide.safety import publisher as publisher_data
import sitebuild
from guide.shared.data_files import Problems
from pages import soup
from sitebuild import PROJECT, PUBLIC

STATEMENT = {"fi": "tietoa/saavutettavuus/", "sv": "sv/tietoa/saavutettavuus/"}
ABOUT = {"fi": "tietoa/", "sv": "sv/tietoa/"}
DATA = yaml.safe_load((PROJECT / "data" / "publisher.yml").read_text("utf-8"))
EXAMPLE = """\
feedback: palaute@example.org
accessibility_reviewed: 2026-12-01
fi:
  name: Esimerkkiyhdistys ry
  missing: Julkaisijan tiedot puuttuvat
sv:
  name: Exempelföreningen rf
  missing: Uppgifterna om utgivaren saknas
"""
"""A publisher with reserved example values (RFC 2606), for builds that must show one."""


def test_the_committed_file_names_no_invented_publisher():
    """The project has no publisher yet: every value is empty, so nothing is made up."""
    assert DATA["feedback"] == DATA["accessibility_reviewed"] == ""
    assert all(DATA[locale]["name"] == "" for locale in STATEMENT)


@pytest.mark.parametrize("locale", STATEMENT)
def test_a_preview_shows_a_visible_placeholder_on_the_statement(site, locale):
    """Without a publisher the statement shows the language's placeholder where the name, the
    feedback address and the review date go, naming the setting to fill in."""
    missing = soup(site, STATEMENT[locale]).select("article .publisher-missing")
    texts = [element.get_text() for element in missing]
    assert len(texts) == 3 and all(text.startswith(f"[{DATA[locale]['missing']}: data/publisher.yml, ") for text in texts)
    assert {text.rsplit(", ", 1)[1] for text in texts} == {f"{locale}.name]", "feedback]", "accessibility_reviewed]"}


@pytest.mark.parametrize("locale", STATEMENT)
def test_the_statement_does_not_send_feedback_to_an_edit_button(site, locale):
    """Feedback goes to the publisher's address, not to an "edit this page" button a build may lack (FI3-007)."""
    text = soup(site, STATEMENT[locale]).select_one("article").get_text()
    assert "Muokkaa tätä sivua" not in text and "Redigera sidan" not in text


def test_publish_refuses_to_build_without_the_publisher(project_copy, tmp_path):
    """make publish with a public address but an empty data/publisher.yml stops, naming each missing setting, its line and how to set it."""
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0", PUBLISH="1", **PUBLIC)
    assert result.returncode != 0
    assert "make publish needs the guide's publisher; fill in data/publisher.yml:" in result.log
    for line, key in ((13, "feedback"), (14, "accessibility_reviewed"), (16, "fi.name"), (19, "sv.name")):
        assert f"data/publisher.yml:{line}: {key}: empty; set " in result.log, key


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A copy of the project with an example publisher, built as `make publish` does (PDFs off)."""
    project = sitebuild.copy_project(tmp_path_factory.mktemp("published") / "project")
    (project / "data" / "publisher.yml").write_text(EXAMPLE, "utf-8")
    result = sitebuild.build(project, project / "site", CARDS_PDF="0", PUBLISH="1", **PUBLIC)
    assert result.returncode == 0, result.log
    assert "publisher is not set" not in result.log
    return result.site


@pytest.mark.parametrize("locale, name", [("fi", "Esimerkkiyhdistys ry"), ("sv", "Exempelföreningen rf")])
def test_with_a_publisher_the_statement_shows_the_feedback_address(published, locale, name):
    """With the publisher set, the statement names it, links its feedback address and dates the
    last review, in each language; the "about" page names it and links the address too."""
    for url in (STATEMENT[locale], ABOUT[locale]):
        article = soup(published, url).select_one("article")
        assert not article.select(".publisher-missing"), url
        assert [link.get_text() for link in article.select('a[href="mailto:palaute@example.org"]')] == ["palaute@example.org"], url
        assert name in article.get_text(), url
    assert "1.12.2026" in soup(published, STATEMENT[locale]).select_one("article").get_text()


def test_a_form_address_is_linked_as_it_is(tmp_path):
    """A feedback form's https address is linked as written; an e-mail address gets mailto:."""
    path = tmp_path / "publisher.yml"
    path.write_text(EXAMPLE.replace("palaute@example.org", "https://example.org/palaute"), "utf-8")
    assert publisher_data.load(path, ["fi", "sv"], tmp_path).feedback_href() == "https://example.org/palaute"


@pytest.mark.parametrize("change, message", [
    (("palaute@example.org", "palaute"), "publisher.yml:1: feedback: 'palaute' is neither an e-mail address nor an https:// address"),
    (("palaute@example.org", "http://example.org/"), "publisher.yml:1: feedback: 'http://example.org/' is neither"),
    (("2026-12-01", "1.12.2026"), "publisher.yml:2: accessibility_reviewed: '1.12.2026' is not a date; write it as YYYY-MM-DD"),
    (("  missing: Uppgifterna om utgivaren saknas\n", ""), "publisher.yml:7: sv.missing: missing or empty"),
])
def test_wrong_values_stop_every_build_with_file_line_and_key(tmp_path, change, message):
    """A value written wrongly (not only an empty one) is named with its file, line and key."""
    path = tmp_path / "publisher.yml"
    path.write_text(EXAMPLE.replace(*change), "utf-8")
    with pytest.raises(Problems) as problems:
        publisher_data.load(path, ["fi", "sv"], tmp_path)
    assert any(line.startswith(message) for line in problems.value.problems), problems.value.problems


def test_the_pdfs_author_is_the_publisher(tmp_path):
    """A card PDF's metadata names the publisher as its author (the site's name while there is none)."""
    locales = ["fi", "sv"]
    cards = cards_model.load_cards(PROJECT / "data" / "cards", locales, PROJECT)
    labels = cards_model.load_labels(PROJECT / "data" / "cards", locales, PROJECT)
    env = cards_render.environment([str(PROJECT / "overrides")])
    renderer = cards_pdf.Renderer(cards_pdf.stylesheet_path(env))
    for publisher, author in (("Exempelföreningen rf", "Exempelföreningen rf"), ("", "Guide för kamratstödsgrupper")):
        site = cards_pdf.PrintSite("Guide för kamratstödsgrupper", {}, None, publisher=publisher)
        path = tmp_path / "card.pdf"
        path.write_bytes(renderer.render(cards_pdf.card_html(env, cards[0], "sv", labels, site)).pdf)
        assert PdfReader(path).metadata.author == author
