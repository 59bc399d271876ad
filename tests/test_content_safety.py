"""Content is input, not code: nothing a translator or editor writes can run in a reader's browser."""

from __future__ import annotations

import textwrap

import pytest
from bs4 import BeautifulSoup

from guide.shared import site_languages
import sitebuild
from guide.safety import sanitise as content_sanitise
from pages import file_of, html_pages, soup

EVIL_TITLE = "Raha</title><script>alert(1)</script>"
EVIL_TEXT = '"><script>alert(2)</script>'
SITE_SCRIPTS = {entry["path"] if isinstance(entry, dict) else entry
                for entry in site_languages.read_config_file(sitebuild.PROJECT / "mkdocs.yml").get("extra_javascript", [])}
THEME_SCRIPT_SOURCES = {"bundle", "md-scope", "assets/javascripts/planner.js", "assets/javascripts/planner-early.js", *SITE_SCRIPTS}
"""The theme's scripts and the site's own script files (mkdocs.yml extra_javascript; the planner's, hooks/planner.py)."""


AS_TEXT = textwrap.dedent("""

    Koodina `<img src=x onerror=alert(4)>` ja merkkiviittauksina &lt;script&gt;alert(5)&lt;/script&gt;.

    Linkin otsikko [x](turvallisuus.md "\\"><img src=x onerror=alert(6)>") ja <abbr title="<script>alert(7)</script>">lyhenne</abbr>.
    """)
"""Vectors the guide lets through as text: they must reach readers as text and run nothing."""
HEADING_TITLE = 'Turva &lt;script&gt;alert(8)&lt;/script&gt; <abbr title="<!--">a</abbr><abbr title="--><img src=x onerror=alert(9)>">b</abbr>'
"""A first heading whose title MkDocs takes by naive tag stripping (its comment rule eats the quotes)."""
HEADING_TEXT = "Turva <script>alert(8)</script> ab"


def build_copy(project, tmp_path, **env):
    return sitebuild.build(project, tmp_path / "site", CARDS_PDF="0", **env)


def append(path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def replace(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def own_scripts(html: str) -> list[str]:
    """Scripts in a page other than the theme's and the site's own: the bundle, md-scope.js, the
    site's script files, the JSON config and the one inline script the Content-Security-Policy lists."""
    page = BeautifulSoup(html, "html.parser")
    return [
        str(script) for script in page.find_all("script")
        if not any(name in script.get("src", "") for name in THEME_SCRIPT_SOURCES)
        and script.get("id") != "__config" and not script.get_text().startswith("var target=")
    ]


def line_number(path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("html, message", [
    ("<script>alert(1)</script>", "a <script> element: scripts cannot be part of the content"),
    ("<p><style>p{}</style></p>", "a <style> element: styles cannot be part of the content"),
    ('<img src="x" onerror="alert(1)">', "an event-handler attribute (onerror=…) runs a script"),
    ('<a href=" JavaScript:alert(1)">x</a>', "a javascript: address in href="),
    ('<img src="data:image/svg+xml,<svg/onload=alert(1)>">', "a data: address in src="),
    ('<img src="file:///etc/hostname">', "a file: address in src="),
    ('<iframe src="https://example.org/"></iframe>', "a <iframe> element: embedded content is not allowed"),
    ("<object data=x></object>", "a <object> element: embedded content is not allowed"),
    ("<embed src=x>", "a <embed> element: embedded content is not allowed"),
    ('<form action="https://example.org/"><input></form>', "a <form> element: forms are not allowed in content"),
    ('<p style="color:red">x</p>', "a style attribute: styles cannot be part of the content"),
])
def test_each_kind_of_active_content_is_found(html, message):
    """Scripts, styles, handlers, script/data addresses and embedding elements are each found."""
    assert any(finding.message.startswith(message) for finding in content_sanitise.findings(html)), html


def test_harmless_markup_and_escaped_html_pass():
    """Text, links to pages, tel: and https: addresses, lang spans and escaped tags pass."""
    html = ('<p>Soita <a href="tel:112">112</a>, lue <a href="../turvallisuus/">tämä</a> ja '
            '<a href="https://www.ttl.fi/">TTL</a>. <span lang="fi">Kokemus voimavaraksi</span> '
            '&lt;script&gt;alert(1)&lt;/script&gt;</p>')
    assert content_sanitise.findings(html) == []


def test_markdown_page_with_active_content_stops_the_build_naming_each_line(project_copy, tmp_path):
    """A script, an event handler and a javascript: link in a Swedish page each stop the build with file:line."""
    page = project_copy / "docs_sv" / "ohjaajalle.md"
    append(page, textwrap.dedent("""
        <img src=x onerror=alert(1)>

        <script>alert(2)</script>

        [Klicka här](javascript:alert(3))
        """))
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert f"docs_sv/ohjaajalle.md:{line_number(page, 'onerror')}: an event-handler attribute (onerror=…)" in result.log
    assert f"docs_sv/ohjaajalle.md:{line_number(page, '<script>')}: a <script> element" in result.log
    assert f"docs_sv/ohjaajalle.md:{line_number(page, 'javascript:')}: a javascript: address in href=" in result.log


def test_embedding_element_in_a_page_stops_the_build(project_copy, tmp_path):
    """An iframe in a Finnish page stops the build, naming the file, the line and what to do."""
    page = project_copy / "docs" / "turvallisuus.md"
    append(page, '\n<iframe src="https://example.org/"></iframe>\n')
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert (f"docs/turvallisuus.md:{line_number(page, '<iframe')}: a <iframe> element: embedded content is not allowed: "
            "remove it and link to the page instead") in result.log


def test_javascript_link_in_a_card_text_stops_the_build_naming_the_card_file(project_copy, tmp_path):
    """A Markdown link with a javascript: address in a card's YAML stops the build at that YAML line."""
    card = project_copy / "data" / "cards" / "raha.yml"
    text = card.read_text("utf-8")
    goal = next(line for line in text.splitlines() if line.strip().startswith("goal:"))
    replace(card, goal, goal.split("goal:")[0] + 'goal: "[Lue lisää](javascript:alert(1)) ja keskustelkaa."')
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert f"data/cards/raha.yml:{line_number(card, 'javascript:')}: a javascript: address in href=" in result.log


@pytest.mark.parametrize("html, message", [
    ('<!--><img src=x onerror=alert(115)>-->', "an event-handler attribute (onerror=…)"),
    ('<!---><img src=x onerror=alert(117)>-->', "an event-handler attribute (onerror=…)"),
    ('<![CDATA[><img src=x onerror=alert(118)>]]>', "an event-handler attribute (onerror=…)"),
    ('<noembed><img title="</noembed><img src=x onerror=alert(119)>"></noembed>', "a <noembed> element"),
    ('<xmp><img title="</xmp><img src=x onerror=alert(120)>"></xmp>', "a <xmp> element"),
    ('<textarea><img title="</textarea><img src=x onerror=alert(121)>"></textarea>', "a <textarea> element"),
    ('<svg><a><set attributeName="href" to="javascript:alert(123)"/><text>Click</text></a></svg>', "a <a> element: inline SVG"),
    ('<svg><animate attributeName="href" values="javascript:alert(124)"/></svg>', "a <animate> element: inline SVG"),
    ('<div>\n<img src=x onerror=alert(125) x="', "a tag, comment or attribute left open at the end"),
    ('<!--><script src="/assets/x.js"></script>-->', "a <script> element"),
    ('<p>x</p><!-- a note -->', "a comment: markup that browsers read as a comment"),
    ('<span data-catalogue="https://evil.example/">x</span>', "the attribute data-catalogue= on <span> is not allowed"),
    ('<p id="__config">{}</p>', "the id '__config' is not allowed"),
    ('<img src="https://evil.example/p.png" alt="">', "a picture from another site in src="),
])
def test_markup_is_read_as_browsers_read_it(html, message):
    """Comments, CDATA, raw-text elements, SVG animation and an unfinished tag are read as a browser
    reads them, so what the old parser missed is found; anything outside the allowlist is too (#2)."""
    assert any(finding.message.startswith(message) for finding in content_sanitise.findings(html)), content_sanitise.findings(html)


def test_parser_differential_vectors_stop_the_build_each_at_its_line(project_copy, tmp_path):
    """Vectors that slipped past the old parser stop the build, each at its own line, an address
    written with character references or across lines included (#2, #6, #20)."""
    page = project_copy / "docs" / "ohjaajalle.md"
    append(page, textwrap.dedent("""
        <!--><script src="/assets/x.js"></script>-->

        <noembed><img title="</noembed><img src=x onerror=alert(119)>"></noembed>

        Lue <a href="jav&#x09;ascript:alert(1)">tämä</a>.

        Lue [tämäkin](jav&#x61;script:alert(2)).

        Katso ![kuva](file:///etc/hostname).

        Lue [viite][r2] nyt.

        [r2]: &#106;avascript:alert(3)

        Katso [x](java
        script:alert(4)) nyt.

        <div>
        <img src=x onerror=alert(125) x="
        """))
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.log
    name = "docs/ohjaajalle.md"
    for needle, message in [
        ('<!-->', "a comment: markup that browsers read as a comment"),
        ('<!-->', "a <script> element: scripts cannot be part of the content"),
        ("<noembed>", "a <noembed> element"),
        ("jav&#x09;ascript", "a javascript: address in href="),
        ("jav&#x61;script", "a javascript: address in href="),
        ("file:///etc/hostname", "a file: address in src="),
        ("&#106;avascript", "a javascript: address in href="),
        ("[x](java", "a javascript: address in href="),
        ('<img src=x onerror=alert(125) x="', "a tag, comment or attribute left open at the end of the content"),
    ]:
        assert f"{name}:{line_number(page, needle)}: {message}" in result.log, (needle, result.log[-3000:])


def test_heading_title_trick_stops_the_build(project_copy, tmp_path):
    """The heading whose naive tag stripping left a live <script> in the header and footers now stops
    the build: its attributes and comment are outside the allowlist (#4)."""
    page = project_copy / "docs" / "ohjaajalle.md"
    text = page.read_text("utf-8").split("\n", 1)
    page.write_text('# Vinkit <abbr data-x=">" title="<!--">x</abbr><abbr title="--><script src=/assets/x.js y=<!--">y</abbr><!-- -->\n'
                    + text[1], "utf-8")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.log
    assert "docs/ohjaajalle.md:1: the attribute data-x= on <abbr> is not allowed" in result.log


def test_unknown_front_matter_key_stops_the_build(project_copy, tmp_path):
    """A front-matter key the guide does not use (one the theme would act on) stops the build."""
    page = project_copy / "docs" / "ohjaajalle.md"
    page.write_text('---\ntemplate: redirect.html\n---\n' + page.read_text("utf-8"), "utf-8")
    result = build_copy(project_copy, tmp_path)
    assert result.returncode != 0
    assert "docs/ohjaajalle.md:2: front matter key 'template' is not used by this guide: remove it" in result.log


@pytest.fixture(scope="module")
def evil_build(tmp_path_factory):
    """A copy of the project whose card title, card goal and page front matter try to break out of HTML."""
    project = sitebuild.copy_project(tmp_path_factory.mktemp("evil") / "project")
    card = project / "data" / "cards" / "raha.yml"
    replace(card, "  title: Raha\n", f"  title: '{EVIL_TITLE}'\n")
    goal = next(line for line in card.read_text("utf-8").splitlines() if line.startswith("  goal:"))
    replace(card, goal, f"  goal: '{EVIL_TEXT} <script>alert(3)</script>'")
    page = project / "docs" / "ohjaajalle.md"
    page.write_text(f"---\ntitle: '{EVIL_TITLE}'\ndescription: '{EVIL_TEXT}'\n---\n" + page.read_text("utf-8") + AS_TEXT, "utf-8")
    heading_page = project / "docs" / "turvallisuus.md"
    body = heading_page.read_text("utf-8").split("\n", 1)[1]
    heading_page.write_text(f"# {HEADING_TITLE}\n{body}", "utf-8")
    sources = sitebuild.snapshot(project)
    result = sitebuild.build(project, tmp_path_factory.mktemp("evil") / "site", CARDS_PDF="0")
    assert result.returncode == 0, result.log
    assert sitebuild.snapshot(project) == sources
    return result.site


def test_card_title_that_closes_title_is_inert_in_title_and_heading(evil_build):
    """A card title that closes <title> and opens a script reaches the reader as text, in <title> and <h1>."""
    page = soup(evil_build, "kortit/raha/")
    assert page.title.get_text().startswith(EVIL_TITLE)
    assert EVIL_TITLE in page.h1.get_text()
    assert own_scripts((evil_build / "kortit" / "raha" / "index.html").read_text("utf-8")) == []


def test_card_goal_is_inert_in_the_meta_description(evil_build):
    """A card goal that tries to leave the description attribute stays inside it, as text."""
    page = soup(evil_build, "kortit/raha/")
    assert page.find("meta", attrs={"name": "description"})["content"].startswith(EVIL_TEXT)


def test_front_matter_title_and_description_are_inert_everywhere(evil_build):
    """A page's front-matter title and description show as text in <title>, header, navigation and <meta>."""
    html = (evil_build / "ohjaajalle" / "index.html").read_text("utf-8")
    page = soup(evil_build, "ohjaajalle/")
    assert page.title.get_text().startswith(EVIL_TITLE)
    assert page.find("meta", attrs={"name": "description"})["content"] == EVIL_TEXT
    assert EVIL_TITLE in page.select_one(".md-header__topic[data-md-component=header-topic]").get_text()
    assert own_scripts(html) == []
    front = (evil_build / "index.html").read_text("utf-8")
    assert EVIL_TITLE in soup(evil_build, "").select_one("nav.md-nav--primary").get_text()
    assert own_scripts(front) == []


def test_title_from_a_heading_is_its_text_everywhere(evil_build):
    """A title MkDocs takes from the first heading is the heading's text in <title>, the header, the
    navigation and the neighbours' footers; nothing of it runs (#4)."""
    page = soup(evil_build, "turvallisuus/")
    assert page.title.get_text().startswith(HEADING_TEXT)
    assert page.select_one(".md-header__topic[data-md-component=header-topic]").get_text().strip() == HEADING_TEXT
    assert HEADING_TEXT in soup(evil_build, "").select_one("nav.md-nav--primary").get_text()
    footers = [soup(evil_build, url).select_one(".md-footer") for url in html_pages(evil_build)]
    assert any(footer and HEADING_TEXT in footer.get_text() for footer in footers)
    for url in html_pages(evil_build):
        assert own_scripts(file_of(evil_build, url).read_text("utf-8")) == [], url
        assert not soup(evil_build, url).select("img[onerror]"), url


@pytest.mark.browser
def test_no_injected_script_runs_on_a_site_served_without_headers(evil_build, browser):
    """Served with no headers at all, and even with the pages' own policy switched off in the
    browser, no vector the guide lets through as text opens a dialog or runs (a browser test)."""
    ran = []
    with sitebuild.served(evil_build) as origin:
        for bypass in (False, True):
            context = browser.new_context(bypass_csp=bypass)
            page = context.new_page()
            page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
            page.on("pageerror", lambda error: ran.append(str(error)))
            for url in ["", "ohjaajalle/", "turvallisuus/", "suunnittelu/", "kortit/", "kortit/raha/", "sv/kortit/raha/"]:
                page.goto(origin + url, wait_until="load")
                page.mouse.click(5, 5)
            context.close()
    assert ran == []
