"""Readers of an outdated Swedish page see, in Swedish, that the Finnish page is newer."""

from __future__ import annotations

import pytest

import sitebuild
from guide.translation import stamps as translation_stamps
from pages import html_pages, resolve, soup

STALE_PAGE = "docs_sv/vahvistin/askeleet.md"
STALE_CARD = "data/cards/raha.yml"


@pytest.fixture(scope="module")
def stale_site(tmp_path_factory):
    """A build of the project in which one Swedish page's stamp and one card's Swedish stamp are old."""
    project = sitebuild.copy_project(tmp_path_factory.mktemp("stale") / "project")
    page, card = project / STALE_PAGE, project / STALE_CARD
    assert translation_stamps.page_stamp(page), f"{STALE_PAGE} must be stamped for this test"
    page.write_text(translation_stamps.stamped_page(page.read_text("utf-8"), "000000000000"), "utf-8")
    card.write_text(translation_stamps.stamped_card(card.read_text("utf-8"), "sv", "000000000000"), "utf-8")
    result = sitebuild.build(project, project.parent / "site", CARDS_PDF="0")
    assert result.returncode == 0, result.log
    return result.site


def test_outdated_page_shows_the_notice_in_swedish(stale_site):
    """The stale page opens with a Swedish notice linking to its Finnish twin."""
    notice = soup(stale_site, "sv/vahvistin/askeleet/").select_one(".md-content .translation-notice")
    assert notice is not None
    assert notice.select_one(".admonition-title").get_text(strip=True) == "Den finska versionen är nyare"
    link = notice.select_one("a[hreflang=fi]")
    assert link.get_text(strip=True) == "Läs sidan på finska"
    assert resolve("sv/vahvistin/askeleet/", link["href"]) == "vahvistin/askeleet/"


def test_outdated_card_shows_the_notice_in_swedish(stale_site):
    """A card page whose Swedish block is outdated opens with the notice, linking to the Finnish card."""
    notice = soup(stale_site, "sv/kortit/raha/").select_one(".md-content .translation-notice")
    assert notice is not None
    assert notice.select_one(".admonition-title").get_text(strip=True) == "Den finska versionen är nyare"
    assert resolve("sv/kortit/raha/", notice.select_one("a[hreflang=fi]")["href"]) == "kortit/raha/"


def test_no_other_page_shows_the_notice(stale_site):
    """Up-to-date Swedish pages and cards, the card index and Finnish pages carry no notice."""
    with_notice = [url for url in html_pages(stale_site) if soup(stale_site, url).select(".translation-notice")]
    assert with_notice == ["sv/kortit/raha/", "sv/vahvistin/askeleet/"]


def test_the_stamp_is_not_shown_to_readers(stale_site):
    """The translated_from and translation_outdated front matter never reach a page's HTML."""
    for url in html_pages(stale_site):
        text = soup(stale_site, url).get_text()
        assert "translated_from" not in text and "translation_outdated" not in text, url
