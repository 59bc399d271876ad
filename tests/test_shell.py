"""The frame around every page: in the page's language, valid HTML, a 404 page with a way on,
a front page that starts tasks, and card pages that say where the reader is."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

import system_tools
import yaml
from bs4 import BeautifulSoup

from guide.cards import model as cards_model
from guide.languages import parts as language_parts
from guide.search import labels as search_labels
from guide.languages import shell_labels
from pages import html_pages, resolve, soup
from sitebuild import PROJECT

LOCALES = ["fi", "sv"]
ROOTS = {"fi": "", "sv": "sv/"}
THEME_LANGUAGES = PROJECT / ".venv/lib/python3.11/site-packages/material/templates/partials/languages"
VNU = PROJECT / "node_modules/vnu-jar/build/dist/vnu.jar"
MIN_LENGTH = 12
"""Interface texts at least this long (and not found in the other language) identify a language."""
SHELL = shell_labels.load(shell_labels.labels_path(PROJECT), LOCALES, PROJECT)
NOT_FOUND = shell_labels.load_not_found(shell_labels.labels_path(PROJECT), LOCALES, PROJECT)
SEARCH = search_labels.load(search_labels.labels_path(PROJECT), LOCALES, PROJECT)
CARDS = cards_model.load_cards(PROJECT / "data" / "cards", LOCALES, PROJECT)


def locale_of(url: str) -> str:
    return "sv" if url.startswith("sv/") else "fi"


# --- Texts of each language, from the theme's language files and the project's own labels ---

def _theme_texts(path: Path) -> set[str]:
    pairs = re.findall(r'"([a-z.]+)": "([^"]*)"', path.read_text("utf-8"))
    return {value for key, value in pairs if key != "language" and not key.startswith(("search.config", "direction"))}


def _leaves(node) -> set[str]:
    if isinstance(node, str):
        return {node}
    if isinstance(node, dict):
        return set().union(set(), *(_leaves(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(set(), *(_leaves(value) for value in node))
    return set()


@cache
def interface_texts() -> dict[str, set[str]]:
    """Every interface text per language: Material's language files (as shipped and as the
    project overrides them) and every language block of the label files in data/."""
    texts = {locale: set() for locale in [*LOCALES, "en"]}
    for locale in texts:
        texts[locale] |= _theme_texts(THEME_LANGUAGES / f"{locale}.html")
        override = PROJECT / "overrides/partials/languages" / f"{locale}.html"
        if override.is_file():
            texts[locale] |= _theme_texts(override)
    for path in sorted((PROJECT / "data").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for locale in LOCALES:
            if isinstance(data, dict) and locale in data:
                texts[locale] |= _leaves(data[locale])
    return {locale: {" ".join(text.split()) for text in found} for locale, found in texts.items()}


def telltale_texts(of: str, page_locale: str) -> set[str]:
    """Texts of language `of` that cannot belong to a page in `page_locale`: long enough, with
    no placeholder, and found in none of that language's own texts."""
    own = " | ".join(interface_texts()[page_locale]).casefold()
    return {text for text in interface_texts()[of]
            if len(text) >= MIN_LENGTH and not re.search(r"[{#<]", text) and text.casefold() not in own}


READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "content", "value")


def reader_text(page: BeautifulSoup, locale: str) -> str:
    """What a reader sees or hears on a page: text and the attributes read out, leaving out
    scripts and whatever is marked as being in another language (`lang`)."""
    parts = []
    for element in page.find_all(True):
        if element.name in ("script", "style", "template") or element.find_parent(["script", "style", "template"]):
            continue
        marked = element if element.has_attr("lang") else element.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"] != locale:
            continue
        parts += [element[name] for name in READ_ATTRIBUTES if isinstance(element.get(name), str)]
        parts += [text for text in element.find_all(string=True, recursive=False)]
    return " ".join(" ".join(parts).split())


def test_telltale_texts_are_found_in_both_languages():
    """The check below has material: dozens of texts per language tell the languages apart."""
    assert len(telltale_texts("fi", "sv")) > 50 and len(telltale_texts("sv", "fi")) > 50
    assert "Tyhjää" not in telltale_texts("fi", "sv")  # too short to tell; kept out
    assert "Ei täsmääviä dokumentteja" in telltale_texts("fi", "sv")


def test_no_page_carries_another_languages_interface_text(site):
    """No page shows or reads out a theme or label text of another language (English included)."""
    found = {}
    for url in html_pages(site):
        locale = locale_of(url)
        text = reader_text(soup(site, url), locale).casefold()
        for other in [lang for lang in [*LOCALES, "en"] if lang != locale]:
            hits = sorted(t for t in telltale_texts(other, locale) if t.casefold() in text)
            if hits:
                found[f"{url} ({other})"] = hits
    assert found == {}


def test_no_english_credit_line_and_no_heading_permalinks(site):
    """No page ends in 'Made with Material for MkDocs' or has a ¶ link after each heading."""
    for url in html_pages(site):
        page = soup(site, url)
        assert "Made with" not in page.select_one(".md-footer").get_text(), url
        assert page.select(".headerlink") == [], url


def test_theme_strings_are_the_reviewed_ones(site):
    """The Finnish and Swedish theme texts on the pages are the corrected ones (FI-C29, UI-7)."""
    fi, sv = soup(site, ""), soup(site, "sv/")
    assert fi.select_one(".md-skip").get_text(strip=True) == "Siirry sisältöön"
    assert sv.select_one(".md-skip").get_text(strip=True) == "Gå till innehållet"
    assert fi.select_one("nav.md-nav--primary")["aria-label"] == "Valikko"
    overrides = PROJECT / "overrides/partials/languages"
    assert not {"Tyhjää", "Aloitetaan hakua", "Mene repositoryyn", "Ei täsmääviä dokumentteja"} & _theme_texts(overrides / "fi.html")
    assert not {"Initialiserar sök", "Gå till datakatalog"} & _theme_texts(overrides / "sv.html")


# --- Valid HTML ---

def vnu_command() -> list[str]:
    java = system_tools.required(shutil.which("java"), "Java: sudo apt-get install default-jre-headless")
    system_tools.required(str(VNU) if VNU.is_file() else None, "the Nu checker: make setup (npm ci installs vnu-jar)")
    return [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html"]


def test_every_page_is_valid_html(site):
    """The W3C Nu HTML checker finds no error on any built page, 404 pages included."""
    result = subprocess.run([*vnu_command(), str(site)], capture_output=True, text=True)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"]
    assert errors == [], "\n".join(errors[:40])
    assert len(html_pages(site)) > 40


# --- The language switcher ---

@pytest.mark.parametrize("url, target, words", [
    ("vahvistin/askeleet/", "sv/vahvistin/askeleet/", "På svenska"),
    ("sv/kortit/raha/", "kortit/raha/", "Suomeksi"),
])
def test_language_switcher_names_its_target_in_words_and_marks_its_language(site, url, target, words):
    """The switcher is a link to the twin page, in words of the target language, with lang and hreflang."""
    links = soup(site, url).select("a.shell-language__link")
    assert len(links) == 1
    link = links[0]
    assert link.get_text(" ", strip=True) == words
    assert link["lang"] == link["hreflang"] == locale_of(target)
    assert resolve(url, link["href"]) == target


# --- The 404 pages ---

@pytest.mark.parametrize("locale", LOCALES)
def test_404_page_has_search_links_crisis_help_and_a_switch_to_the_other_front_page(site, locale):
    """A 404 page in its language: heading, sentence, a search, links on, crisis help, other language."""
    url = f"{ROOTS[locale]}404.html"
    page = soup(site, url)
    article = page.select_one("article")
    assert page.html["lang"] == locale
    assert article.h1.get_text(strip=True) == NOT_FOUND[locale]["title"]
    assert NOT_FOUND[locale]["text"] in article.get_text(" ", strip=True)
    form = article.select_one("form[role=search]")
    assert form["action"] == f"/{ROOTS[locale]}" and form.get("method") == "get"
    field = form.select_one("input[type=search][name=q]")
    assert form.select_one(f"label[for={field['id']}]").get_text(strip=True) == SEARCH[locale]["label"]
    assert form.select_one("button[type=submit]").get_text(strip=True) == SHELL[locale]["search_start"]
    assert article.select_one(".crisis-help") is not None
    other = "sv" if locale == "fi" else "fi"
    switch = page.select_one("a.shell-language__link")
    assert (switch["href"], switch["lang"], switch.get_text(strip=True)) == (f"/{ROOTS[other]}", other, SHELL[other]["in_this_language"])


# --- The front page ---

@pytest.mark.parametrize("locale", LOCALES)
def test_front_page_starts_with_task_links_after_the_crisis_help(site, locale):
    """Right after the heading, the sentence on what the guide is for and the crisis help: four
    task links, to the Vahvistin steps, the Kokemus voimavaraksi page (which opens with "may I
    start one?" and the first steps), the cards and the planner."""
    heading = soup(site, ROOTS[locale]).select_one("article h1")
    after = heading.find_next_siblings(True, limit=3)
    assert after[0].name == "p" and not after[0].get("class"), after[0]
    assert "crisis-help" in after[1].get("class", []), after[1].name
    tasks = after[2]
    assert "task-links" in tasks.get("class", [])
    targets = [resolve(ROOTS[locale], a["href"]) for a in tasks.select("a.md-button")]
    assert targets == [ROOTS[locale] + path for path in
                       ("vahvistin/askeleet/", "kokemus-voimavaraksi/", "kortit/", "suunnittelu/")]


# --- Card pages and the card index ---

def _model_sequences(site, locale: str) -> list[list[str]]:
    """The card index's lists of card pages, one per model and kind (meetings, method cards),
    in the index's order."""
    index = soup(site, f"{ROOTS[locale]}kortit/")
    method = cards_model.load_labels(PROJECT / "data" / "cards", LOCALES, PROJECT)[locale]["meetings"]["method"]
    sequences: list[list[str]] = []
    for heading in index.select("article h2, article h3"):
        if heading.name == "h2" or heading.get_text(strip=True) == method:
            sequences.append([])
        listed = heading.find_next_sibling(["ul", "h2", "h3"])
        if heading.name == "h3" and listed is not None and listed.name == "ul":
            sequences[-1] += [resolve(f"{ROOTS[locale]}kortit/", li.a["href"]) for li in listed.find_all("li", recursive=False)]
    return [sequence for sequence in sequences if sequence]


@pytest.mark.parametrize("locale", LOCALES)
def test_card_pages_link_the_previous_and_next_card_in_the_index_order(site, locale):
    """Each card page links the card before and after it in its model's list on the card index."""
    sequences = _model_sequences(site, locale)
    assert sum(len(sequence) for sequence in sequences) == len(CARDS)
    for sequence in sequences:
        for at, url in enumerate(sequence):
            pager = soup(site, url).select_one(".card-pager")
            found = {kind: resolve(url, a["href"]) for kind in ("previous", "next")
                     for a in pager.select(f".card-pager__link--{kind}")}
            expected = {**({"previous": sequence[at - 1]} if at else {}),
                        **({"next": sequence[at + 1]} if at + 1 < len(sequence) else {})}
            assert found == expected, url


@pytest.mark.parametrize("locale", LOCALES)
def test_card_pages_highlight_the_card_index_in_the_menu(site, locale):
    """On a card page the menu highlights the card index, and nothing else."""
    page = soup(site, f"{ROOTS[locale]}kortit/raha/")
    active = [resolve(f"{ROOTS[locale]}kortit/raha/", a["href"]) for a in page.select("nav.md-nav--primary a.md-nav__link--active")]
    assert active == [f"{ROOTS[locale]}kortit/"]


@pytest.mark.parametrize("locale", LOCALES)
def test_card_index_file_links_are_large_and_have_distinct_names(site, locale):
    """Each 'PDF' or handout link on the card index is named with its card's title (and model,
    where two models have a card of the same title), no two alike."""
    links = soup(site, f"{ROOTS[locale]}kortit/").select("a.card-index__file")
    names = [a["aria-label"] for a in links]
    assert len(links) >= len(CARDS) and len(set(names)) == len(names), sorted(names)
    for link in links:
        title = link.find_parent("li").a.get_text(strip=True)
        assert link["aria-label"].startswith(title) and link.get_text(strip=True) in link["aria-label"]


def test_links_that_name_a_card_use_its_title(site):
    """A link to a card page from a content page says the card's title (UX-13)."""
    titles = {(locale, f"{ROOTS[locale]}kortit/{card.id}/"): card.texts[locale].title for card in CARDS for locale in LOCALES}
    wrong = []
    for url in html_pages(site):
        if "/kortit/" in f"/{url}" or url.endswith("404.html"):
            continue
        for a in soup(site, url).select("article a[href]"):
            title = titles.get((locale_of(url), resolve(url, a["href"])))
            if title and title.casefold() not in a.get_text(" ", strip=True).casefold():
                wrong.append(f"{url}: '{a.get_text(' ', strip=True)}' leads to the card '{title}'")
    assert wrong == []


@pytest.mark.parametrize("locale", LOCALES)
def test_timeline_legend_explains_every_colour_the_chart_uses(site, locale):
    """Under each card's timeline, one legend line per bar colour it uses, naming its phase kinds."""
    labels = cards_model.load_labels(PROJECT / "data" / "cards", LOCALES, PROJECT)[locale]["kinds"]
    for card in CARDS:
        figure = soup(site, f"{ROOTS[locale]}kortit/{card.id}/").select_one("figure.card-timeline-figure")
        legend = figure.select_one("figcaption.card-timeline-legend").get_text(" ", strip=True).casefold()
        for phase in card.phases:
            assert labels[phase.kind].casefold() in legend, (card.id, phase.kind)
        drawn = {g["class"][1] for g in figure.select("svg.card-timeline g.card-timeline__phase")}
        keys = {g["class"][1] for g in figure.select("svg.card-timeline-legend__swatch g")}
        assert keys <= drawn and len(keys) == len(figure.select(".card-timeline-legend__item"))


# --- The shell's texts and where an off-menu page belongs ---

def test_a_missing_shell_text_stops_the_build_naming_file_line_and_key(tmp_path):
    """A language without a shell text is reported as file:line: key: what to do."""
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "site-labels.yml"
    path.write_text("fi:\n  shell:\n    menu: Valikko\nsv:\n  not_found: {}\n", "utf-8")
    with pytest.raises(shell_labels.Problems) as raised:
        shell_labels.load(path, LOCALES, tmp_path)
    problems = raised.value.problems
    assert "data/site-labels.yml:3: fi.shell.menu_close: missing or empty; add the text in this language" in problems
    assert any(p.startswith("data/site-labels.yml:5: sv.shell: missing; add a 'sv:' block") for p in problems)


def test_an_off_menu_page_belongs_to_the_menu_page_whose_address_starts_its_own():
    """kortit/raha/ belongs to kortit/, never to a language's front page."""
    menu = ["", "kortit/", "vahvistin/", "sv/", "sv/kortit/"]
    assert shell_labels.nav_parent("kortit/raha/", menu, {"", "sv/"}) == "kortit/"
    assert shell_labels.nav_parent("sv/kortit/raha/", menu, {"", "sv/"}) == "sv/kortit/"
    assert shell_labels.nav_parent("tietoa/muu/", menu, {"", "sv/"}) is None


def test_names_of_another_language_are_marked_in_text_only():
    """A Finnish name in Swedish text gets lang="fi"; attributes, scripts, SVG and text already
    marked with a language stay as they are; a Finnish page is left alone."""
    html = ('<html lang="sv"><head><title>Kokemus voimavaraksi</title></head><body>'
            '<p title="Kokemus voimavaraksi">Om Kokemus voimavaraksi och Vahvistin-vertaisryhmämalli.</p>'
            '<em lang="fi">Kokemus voimavaraksi</em><svg><text>Vahvistin</text></svg>'
            '<script>var x = "Vahvistin";</script><p>Vahvistinen, Vahvistin.</p></body></html>')
    names = {"fi": ["Vahvistin", "Kokemus voimavaraksi", "Vahvistin-vertaisryhmämalli"]}
    marked = language_parts.mark(html, names, "sv")
    assert marked.count('<span lang="fi">') == 3
    assert '<p title="Kokemus voimavaraksi">Om <span lang="fi">Kokemus voimavaraksi</span> och <span lang="fi">Vahvistin-vertaisryhmämalli</span>.</p>' in marked
    assert '<p>Vahvistinen, <span lang="fi">Vahvistin</span>.</p>' in marked
    assert marked.replace('<span lang="fi">', "").replace("</span>", "") == html
    assert language_parts.mark(html.replace('lang="sv"', 'lang="fi"'), names, "fi") == html.replace('lang="sv"', 'lang="fi"')
