"""The built site has two complete languages: Finnish at /, Swedish at /sv/."""

from __future__ import annotations

import json
from xml.etree import ElementTree
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from pages import file_of, html_pages, is_swedish, resolve, soup, twin_of
from sitebuild import PROJECT, PUBLIC

SITE_URL = PUBLIC["SITE_URL"]
OWN_HOSTS = {"", "127.0.0.1", "site.local"}


def content_pages(site: Path) -> list[str]:
    return [url for url in html_pages(site) if not url.endswith("404.html")]


def mkdocs_config() -> dict:
    return yaml.load((PROJECT / "mkdocs.yml").read_text("utf-8"), Loader=_EnvTagLoader)


class _EnvTagLoader(yaml.SafeLoader):
    pass


_EnvTagLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def test_pinned_stack_is_the_tested_stack():
    """The suite runs on exactly the MkDocs, Material and static-i18n versions pinned."""
    pins = dict(
        line.split("==") for line in (PROJECT / "requirements.txt").read_text().splitlines() if "==" in line
    )
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n"):
        assert version(package) == pins[package]


def test_every_finnish_page_has_a_swedish_twin_and_back(site):
    """Each built page exists in the other language at the mirrored URL."""
    pages = set(html_pages(site))
    assert any(is_swedish(url) for url in pages)
    for url in pages:
        assert twin_of(url) in pages, f"{url} has no twin {twin_of(url)}"


@pytest.mark.parametrize("prefix, lang", [("", "fi"), ("sv/", "sv")])
def test_html_lang_matches_the_language(site, prefix, lang):
    """`<html lang>` is fi on Finnish pages and sv on Swedish pages, 404 included."""
    for url in html_pages(site):
        if is_swedish(url) == bool(prefix):
            assert soup(site, url).html["lang"] == lang, url


def test_root_404_is_finnish_and_sv_404_is_swedish(site):
    """The 404 page at the root speaks Finnish and the one under /sv/ Swedish."""
    assert soup(site, "404.html").html["lang"] == "fi"
    assert soup(site, "sv/404.html").html["lang"] == "sv"
    assert "Guide för kamratstödsgrupper" in soup(site, "sv/404.html").title.text


def test_language_switcher_leads_to_the_twin_page(site):
    """The language switcher on every page links to the same page in the other language."""
    for url in content_pages(site):
        links = soup(site, url).select("a.shell-language__link[hreflang]")
        targets = {link["hreflang"]: resolve(url, link["href"]) for link in links}
        assert targets == ({"fi": twin_of(url)} if is_swedish(url) else {"sv": twin_of(url)}), url
        assert all(file_of(site, target).is_file() for target in targets.values())


def test_hreflang_alternates_are_absolute_and_only_in_the_sitemap(site):
    """Every page pair is in sitemap.xml with absolute hreflang links; no page head has any."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    alternates = {
        url.findtext("s:loc", namespaces=ns): {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in urls
    }
    for url in content_pages(site):
        fi_url = twin_of(url) if is_swedish(url) else url
        assert alternates[SITE_URL + url] == {"fi": SITE_URL + fi_url, "sv": SITE_URL + twin_of(fi_url)}
        assert soup(site, url).select("link[hreflang]") == [], url


def test_site_name_and_description_follow_the_language(site):
    """Each language has its own site name and description."""
    assert soup(site, "").title.text == "Vertaisryhmäopas"
    assert soup(site, "sv/").title.text == "Guide för kamratstödsgrupper"
    assert "vertaisryhmän" in soup(site, "").find("meta", attrs={"name": "description"})["content"]
    assert "kamratstödsgrupper" in soup(site, "sv/").find("meta", attrs={"name": "description"})["content"]


def test_swedish_navigation_is_swedish(site):
    """Section titles in the Swedish navigation are translated."""
    nav = soup(site, "sv/").select_one("nav.md-nav--primary").get_text(" ")
    assert "Booster" in nav and "Om guiden" in nav
    assert "Tietoa oppaasta" not in nav


def test_no_reference_to_another_host(site):
    """No script, stylesheet, font, image or frame is loaded from another host."""
    selector = "script[src], link[rel=stylesheet], link[rel=preload], link[rel=icon], img, iframe, source, video, audio"
    for url in html_pages(site):
        for element in soup(site, url).select(selector):
            ref = element.get("src") or element.get("href") or ""
            assert urlsplit(ref).hostname in (None, *OWN_HOSTS), f"{url}: {element}"
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text("utf-8"), css


def test_javascript_base_is_the_language_root(site):
    """Material's JS resolves sitemap requests against the page's language root."""
    for url, root in (("", ""), ("vahvistin/", ""), ("sv/", "sv/"), ("sv/vahvistin/", "sv/")):
        base = json.loads(soup(site, url).select_one("#__config").string)["base"]
        assert resolve(url, base) == root, url
    assert (site / "sv" / "sitemap.xml").is_file()


def test_edit_links_open_the_source_in_its_language_folder(site):
    """"Edit this page" opens docs/ for Finnish pages and docs_sv/ for Swedish pages."""
    assert soup(site, "vahvistin/").select_one("a[rel=edit]")["href"].endswith("/docs/vahvistin/index.md")
    assert soup(site, "sv/vahvistin/").select_one("a[rel=edit]")["href"].endswith("/docs_sv/vahvistin/index.md")


def test_no_instant_navigation():
    """navigation.instant stays off: it breaks the contextual language switcher."""
    assert "navigation.instant" not in mkdocs_config()["theme"]["features"]


def test_finnish_interface_spells_source_code_right():
    """The Finnish interface string for 'source' reads Lähdekoodi, not Material's Lähdekodi."""
    from mkdocs.config import load_config

    config = load_config(str(PROJECT / "mkdocs.yml"))
    template = config.theme.get_env().from_string(
        '{% import "partials/language.html" as lang with context %}{{ lang.t("meta.source") }}'
    )
    assert template.render(config=config) == "Lähdekoodi"
