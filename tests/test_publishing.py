"""Builds are safe to publish: no local address in print or links, and `make publish` insists on the public one."""

from __future__ import annotations

import pytest
import yaml
from pypdf import PdfReader

import public_address
import sitebuild
from pages import html_pages, soup
from sitebuild import PROJECT, PUBLIC

LABELS = yaml.safe_load((PROJECT / "data" / "card-labels.yml").read_text("utf-8"))

NOT_FOR_PUBLISHING = ("Not for publishing: no web address in the PDFs, no canonical links and no sitemap "
                      "(SITE_URL is not a public address); no edit links (REPO_URL is unset).")


@pytest.mark.parametrize("url, public", [
    (None, False), ("", False), ("http://127.0.0.1:8000/", False), ("http://localhost:8000/", False),
    ("http://[::1]/", False), ("http://10.0.0.5/opas/", False), ("http://192.168.1.2/", False),
    ("https://intranet/", False), ("https://opas.local/", False), ("file:///srv/site/", False),
    ("https://opas.example.org/", True), ("http://opas.example.org/", True), ("https://193.166.1.1/", True),
])
def test_public_addresses_are_told_from_local_ones(url, public):
    """Loopback, private and single-label hosts are not public; real names and global IPs are."""
    assert public_address.is_public(url) is public


def test_only_https_is_publishable():
    """A public address must also use https to be published."""
    assert public_address.is_publishable("https://opas.example.org/")
    assert not public_address.is_publishable("http://opas.example.org/")


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    """The real project built as `make build` does with no SITE_URL or REPO_URL, PDFs included."""
    env = {name: "" for name in PUBLIC}
    result = sitebuild.build(PROJECT, tmp_path_factory.mktemp("default") / "site", **env)
    assert result.returncode == 0, result.log
    return result


def test_default_build_says_in_one_line_what_it_left_out(default_build):
    """A build without public addresses says once that it is not for publishing, and why."""
    assert default_build.log.count(NOT_FOR_PUBLISHING) == 1


def test_default_build_prints_no_web_address_of_the_guide_in_any_pdf(default_build):
    """No card PDF or booklet of a default build carries the guide's own address (or any local one)."""
    pdfs = sorted(default_build.site.rglob("*.pdf"))
    assert len(pdfs) >= 28
    online = [labels["pdf"]["online"] for labels in LABELS.values()]
    for path in pdfs:
        text = "".join(page.extract_text() for page in PdfReader(path).pages)
        assert not any(word in text for word in ["127.0.0.1", "localhost", "/kortit/", *online]), path


def test_default_build_has_no_canonical_links_sitemap_or_edit_links(default_build):
    """Without public addresses: no canonical link, no sitemap, no edit or repository link."""
    site = default_build.site
    assert not (site / "sitemap.xml").exists() and not (site / "sv" / "sitemap.xml").exists()
    for url in html_pages(site):
        page = soup(site, url)
        assert page.select("link[rel=canonical], a[rel=edit], .md-source") == [], url


def test_public_build_prints_the_public_address_in_the_pdfs(site):
    """A build with SITE_URL=https://… prints each card's public address in its PDF and the booklet's cover."""
    card = "".join(page.extract_text() for page in PdfReader(site / "sv" / "kortit" / "raha.pdf").pages)
    assert PUBLIC["SITE_URL"] + "sv/kortit/raha/" in card.replace("\n", "")
    cover = PdfReader(site / "kortit" / "teemakortit.pdf").pages[0].extract_text()
    assert PUBLIC["SITE_URL"] + "kortit/" in cover.replace("\n", "")


@pytest.mark.parametrize("site_url", ["", "http://127.0.0.1:8000/", "http://opas.example.org/"])
def test_publish_refuses_a_build_without_a_public_https_address(project_copy, tmp_path, site_url):
    """PUBLISH=1 (make publish) stops unless SITE_URL is a public https address, and says what to set."""
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0", PUBLISH="1", SITE_URL=site_url)
    assert result.returncode != 0
    assert f"make publish needs the guide's public https address in SITE_URL (now: {site_url or 'unset'})" in result.log


def test_make_publish_sets_publish_and_builds_strictly():
    """`make publish` is the README's publishing command: a strict build with PUBLISH=1."""
    makefile = (PROJECT / "Makefile").read_text("utf-8")
    recipe = makefile.split("\npublish:", 1)[1].split("\n\n", 1)[0]
    assert "PUBLISH=1" in recipe and "mkdocs build --strict" in recipe
