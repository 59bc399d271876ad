"""Readers of an outdated Swedish page see, in Swedish, that the Finnish page is newer."""

from __future__ import annotations

import pytest

import sitebuild
import translation_stamps
from pages import html_pages, resolve, soup

STALE_PAGE = "docs_sv/vahvistin/askeleet.md"


@pytest.fixture(scope="module")
def stale_site(tmp_path_factory):
    """A build of the project in which one Swedish page's stamp no longer matches its source."""
    project = sitebuild.copy_project(tmp_path_factory.mktemp("stale") / "project")
    page = project / STALE_PAGE
    assert translation_stamps.page_stamp(page), f"{STALE_PAGE} must be stamped for this test"
    page.write_text(translation_stamps.stamped_page(page.read_text("utf-8"), "000000000000"), "utf-8")
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


def test_no_other_page_shows_the_notice(stale_site):
    """Up-to-date Swedish pages, Finnish pages and card pages carry no notice."""
    with_notice = [url for url in html_pages(stale_site) if soup(stale_site, url).select(".translation-notice")]
    assert with_notice == ["sv/vahvistin/askeleet/"]


def test_the_stamp_is_not_shown_to_readers(stale_site):
    """The translated_from front matter never reaches a page's HTML."""
    for url in html_pages(stale_site):
        assert "translated_from" not in soup(stale_site, url).get_text(), url
