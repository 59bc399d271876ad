"""Builds are safe to publish: no local address in print or links, and `make publish` insists on the public one."""

from __future__ import annotations

import pytest
import yaml
from pypdf import PdfReader

from guide.safety import public_address
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


@pytest.mark.parametrize("url", [
    "https://user:pass@opas.example.org/", "https://user@opas.example.org/",
    "https://127.1/", "https://0x7f.0.0.1/", "https://0177.0.0.1/", "https://2130706433/", "https://0x7f000001/",
    "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[fd00::1]/", "https://[fe80::1]/", "https://256.0.0.1/",
    "https://opas.example.org/?x=1", "https://opas.example.org/#frag", "https://opas.example.org/?x=1#frag",
    "https://opas.example.org:99999/", "https://opas.example.org:0/", "https://opas.example.org:x/",
    "https://opas.example.org\\@evil.example/", 'https://opas.example.org/"><script>alert(1)</script>/',
])
def test_addresses_are_read_as_browsers_read_them(url):
    """User info, queries, fragments, bad ports, odd characters and every loopback or private form
    (short, hex, octal and whole-number IPv4, IPv6 loopback, private and IPv4-mapped) are not public (#7, #8)."""
    assert not public_address.is_public(url) and not public_address.is_publishable(url)


@pytest.mark.parametrize("url", ["https://opas.example.org/", "HTTPS://OPAS.EXAMPLE.ORG/opas/", "https://opas.example.org:8443/",
                                 "https://[2001:4860:4860::8888]/", "https://ääkköset.fi/"])
def test_public_addresses_in_other_forms_are_still_public(url):
    """Case, a sub-path, a valid port, a global IPv6 address and a Unicode name stay publishable."""
    assert public_address.is_publishable(url)


def test_publish_refuses_credentials_without_printing_the_password(project_copy, tmp_path):
    """make publish with user:pass@ in SITE_URL stops, says why, and does not repeat the password (#7)."""
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0", PUBLISH="1",
                             SITE_URL="https://user:s3cret@opas.example.org/")
    assert result.returncode != 0 and "s3cret" not in result.log
    assert ("make publish needs the guide's public https address in SITE_URL (now: https://…@opas.example.org/): "
            "it holds a user name or password, which every PDF and QR code would print") in result.log


def test_a_build_with_a_loopback_address_in_another_form_prints_no_address(project_copy, tmp_path):
    """A plain build with SITE_URL=https://127.1/ treats it as local: no canonical link, no sitemap (#8)."""
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0", SITE_URL="https://127.1/")
    assert result.returncode == 0, result.log
    assert not (result.site / "sitemap.xml").exists()
    assert soup(result.site, "").select("link[rel=canonical]") == []


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
