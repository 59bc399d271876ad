"""Crisis help where the reader is: one data file; the full box on the pages for someone who
may be unwell (safety, participants, 404) and in every PDF, a compact line of tel: links on the
organisers' pages and card pages."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from guide.cards import model as cards_model
from guide.safety import crisis_help as crisis_help_data
from guide.languages import shell_labels
import sitebuild
from pages import file_of, resolve, soup
from sitebuild import PROJECT

LOCALES = ["fi", "sv"]
ROOTS = {"fi": "", "sv": "sv/"}
HELP = crisis_help_data.load(crisis_help_data.data_path(PROJECT), LOCALES, PROJECT)
CARDS = cards_model.load_cards(PROJECT / "data" / "cards", LOCALES, PROJECT)
LABELS = cards_model.load_labels(PROJECT / "data" / "cards", LOCALES, PROJECT)
MIELI = {"fi": "+358925250111", "sv": "+358925250112"}
"""The crisis line in the page's language (data/crisis-help.yml)."""
EVERY_TEL = {"tel:112", "tel:116117"}
CRISIS_NUMBERS = re.compile(r"116\s?117|2525\s?011[12]")


def _url(rel_path: str) -> str:
    return "" if rel_path == "index.md" else rel_path.removesuffix("index.md").removesuffix(".md") + ("" if rel_path.endswith("index.md") else "/")


LISTED = [(locale, ROOTS[locale] + _url(page)) for locale in LOCALES for page in HELP.pages]
LINE_LISTED = [(locale, ROOTS[locale] + _url(page)) for locale in LOCALES for page in HELP.line_pages]
CARD_PAGES = [(locale, f"{ROOTS[locale]}kortit/{card.id}/") for locale in LOCALES for card in CARDS]
NOT_FOUND = [(locale, f"{ROOTS[locale]}404.html") for locale in LOCALES]
FULL_BOX = LISTED + NOT_FOUND
LINE = LINE_LISTED + CARD_PAGES
EVERY_PAGE = FULL_BOX + LINE
FRONT_PAGES = [(locale, ROOTS[locale]) for locale in LOCALES]


def box_of(site: Path, url_path: str):
    """The box in the page's content (the site search's dialog may hold one too)."""
    boxes = soup(site, url_path).select("article aside.crisis-help")
    assert len(boxes) == 1, f"{url_path}: {len(boxes)} crisis help boxes"
    return boxes[0]


@pytest.mark.parametrize("locale, url_path", EVERY_PAGE, ids=[url or "front" for _, url in EVERY_PAGE])
def test_page_has_the_crisis_help_in_its_language(site, locale, url_path):
    """The box (or line) is in the page's language, named by its heading, with the numbers as tel: links."""
    box = box_of(site, url_path)
    text = HELP.texts[locale]
    compact = (locale, url_path) in LINE
    assert ("crisis-help--line" in box["class"]) == compact
    assert soup(site, url_path).html["lang"] == box["lang"] == locale
    assert box.select_one(f"#{box['aria-labelledby']}").get_text().rstrip(":") == text["heading"]
    tels = {a["href"] for a in box.select("a[href^='tel:']")}
    assert EVERY_TEL | {f"tel:{MIELI[locale]}"} <= tels
    assert tels == {f"tel:{line['tel']}" for line in text["lines"]}
    for line in text["lines"]:
        name = line["short_name"] if compact else line["name"]
        assert " ".join(box.find("a", href=f"tel:{line['tel']}").get_text().split()) == f"{name} {line['number']}"


@pytest.mark.parametrize("locale, url_path", LINE, ids=[url or "front" for _, url in LINE])
def test_organiser_pages_have_a_line_of_one_paragraph(site, locale, url_path):
    """On an organiser's page the help is one paragraph: no list, no heading, no long texts."""
    box = box_of(site, url_path)
    assert [child.name for child in box.find_all(recursive=False)] == ["p"]
    assert not box.select("h2, h3, ul, .crisis-help__text")


@pytest.mark.parametrize("locale, url_path", EVERY_PAGE, ids=[url or "front" for _, url in EVERY_PAGE])
def test_box_comes_right_after_the_heading(site, locale, url_path):
    """Nothing but the card's meta line (on the front page: the sentence on what the guide is
    for) stands between the page's h1 and the box."""
    h1 = soup(site, url_path).select_one("article h1")
    between = [el for el in h1.find_next_siblings() if el.name][:2]
    if "card-meta" in (between[0].get("class") or []) or (locale, url_path) in FRONT_PAGES:
        assert between[0].name == "p"
        between = between[1:]
    assert between[0].name == "aside" and "crisis-help" in between[0]["class"], f"{url_path}: {between[0]}"


@pytest.mark.parametrize("locale, url_path", CARD_PAGES, ids=[url for _, url in CARD_PAGES])
def test_card_page_box_comes_before_the_goal(site, locale, url_path):
    """On a card page the box is near the top: before the first section heading (the goal)."""
    page = soup(site, url_path)
    box = box_of(site, url_path)
    first_h2 = next(h2 for h2 in page.select("article h2") if box not in h2.parents)
    assert first_h2.get_text(strip=True).startswith(LABELS[locale]["goal"])
    assert box.sourceline < first_h2.sourceline or (box.sourceline == first_h2.sourceline and box.sourcepos < first_h2.sourcepos)


@pytest.mark.parametrize("locale, url_path", LISTED + LINE, ids=[url or "front" for _, url in LISTED + LINE])
def test_box_links_the_safety_page_of_its_language(site, locale, url_path):
    """'A peer group is not crisis help' (the line: 'more help') links the safety page in the same language (not itself)."""
    links = box_of(site, url_path).select(".crisis-help__note a, .crisis-help__more")
    safety = ROOTS[locale] + _url(HELP.safety_page)
    if url_path == safety:
        assert links == []
    else:
        assert [resolve(url_path, a["href"]) for a in links] == [safety]


@pytest.mark.parametrize("locale, url_path", NOT_FOUND)
def test_404_page_speaks_its_language_and_links_work_from_any_depth(site, locale, url_path):
    """Heading and sentence in the page's language; every link is an absolute path to a real page."""
    page = soup(site, url_path)
    labels = yaml.safe_load(shell_labels.labels_path(PROJECT).read_text("utf-8"))[locale]["not_found"]
    assert page.select_one("article h1").get_text(strip=True) == labels["title"]
    assert labels["text"] in page.select_one("article").get_text(" ", strip=True)
    hrefs = [a["href"] for a in page.select("article a") if not a["href"].startswith(("tel:", "https:"))]
    assert len(hrefs) == 3, hrefs  # front page, card index, safety page
    for href in hrefs:
        assert href.startswith("/"), f"{href} is relative: it breaks at /a/b/missing"
        assert file_of(site, href).is_file(), f"{href} leads nowhere"
        assert href.startswith(f"/{ROOTS[locale]}")
    switcher = {a["hreflang"]: resolve(url_path, a["href"]) for a in page.select("a.shell-language__link[hreflang]")}
    assert switcher == {other: root for other, root in ROOTS.items() if other != locale}, "the language switcher leads to the other language's front page"


@cache
def pdf_text(path: Path) -> str:
    return "".join("".join(page.extract_text() for page in PdfReader(path).pages).split())


def _pdfs():
    for locale in LOCALES:
        for name in [card.id for card in CARDS] + [LABELS[locale]["pdf"]["booklet_file"]]:
            yield locale, f"{ROOTS[locale]}kortit/{name}.pdf"


@pytest.mark.parametrize("locale, pdf", list(_pdfs()), ids=[pdf for _, pdf in _pdfs()])
def test_every_card_pdf_and_booklet_has_the_numbers(site, locale, pdf):
    """Every card PDF and both booklets print the crisis numbers of their language."""
    text = pdf_text(site / pdf)
    for line in HELP.texts[locale]["lines"]:
        assert "".join(line["number"].split()) in text, f"{pdf}: {line['number']} missing"
    assert "".join(HELP.texts[locale]["heading"].split()) in text


@pytest.mark.parametrize("locale", LOCALES)
def test_booklet_cover_has_the_box(site, locale):
    """The booklet's first page (its cover) carries the box."""
    cover = PdfReader(site / ROOTS[locale] / "kortit" / f"{LABELS[locale]['pdf']['booklet_file']}.pdf").pages[0]
    text = "".join(cover.extract_text().split())
    assert "".join(HELP.texts[locale]["heading"].split()) in text
    assert MIELI[locale].replace("+358", "0") in text


def test_shipped_print_font_covers_the_crisis_texts():
    """The card font has a glyph for every character of the box's texts."""
    characters = set(str(HELP.texts))
    for path in sorted((PROJECT / "overrides" / "cards" / "fonts").glob("*.ttf")):
        assert not {char for char in characters if ord(char) not in TTFont(path).getBestCmap()}, path.name


def test_crisis_numbers_live_only_in_the_data_file():
    """No page or card text writes a crisis number: they live in data/crisis-help.yml only."""
    found = [
        f"{path.relative_to(PROJECT)}: {match.group()}"
        for folder in ("docs", "docs_sv", "data/cards")
        for path in sorted((PROJECT / folder).rglob("*"))
        if path.is_file() and path.suffix in {".md", ".yml", ".yaml"}
        for match in CRISIS_NUMBERS.finditer(path.read_text("utf-8"))
    ]
    assert not found, "write the service's name, not its number (the box shows it): " + "; ".join(found)
    assert CRISIS_NUMBERS.search(crisis_help_data.data_path(PROJECT).read_text("utf-8"))


@pytest.mark.parametrize("locale, url_path", EVERY_PAGE[:1] + CARD_PAGES[:1])
def test_search_indexes_leave_the_box_out(site, locale, url_path):
    """The box is on many pages: search indexes skip it (Material's and Pagefind's attributes)."""
    box = box_of(site, url_path)
    assert box.has_attr("data-search-exclude") and box.has_attr("data-pagefind-ignore")
    material_index = site / ROOTS[locale] / "search" / "search_index.json"
    if material_index.is_file():
        assert HELP.texts[locale]["heading"] not in material_index.read_text("utf-8")


# The data file's checks, on broken copies.

def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data" / "crisis-help.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(crisis_help_data.Problems) as caught:
        crisis_help_data.load(path, LOCALES, path.parents[1])
    return caught.value.problems


def test_wrong_tel_names_line_and_key(tmp_path):
    """A tel that does not dial the printed number, or has spaces, is named with its line."""
    text = crisis_help_data.data_path(PROJECT).read_text("utf-8")
    text = text.replace('tel: "+358925250111"', 'tel: "+358925250110"', 1).replace('tel: "116117"', 'tel: "116 117"', 1)
    problems = _problems(_write(tmp_path, text))
    lines = text.splitlines()
    assert len(problems) == 2
    for problem, wrong in zip(problems, ['"+358925250110"', '"116 117"']):
        name, line, key = problem.split(":", 3)[:3]
        assert name == "data/crisis-help.yml" and wrong in lines[int(line) - 1]
        assert re.fullmatch(r" fi\.lines\[\d\]\.tel", key)


def test_missing_line_key_and_text_are_named(tmp_path):
    """A missing intro or a line without its number is named with file, line and key."""
    text = crisis_help_data.data_path(PROJECT).read_text("utf-8")
    text = re.sub(r"\n  intro: .*", "", text, count=1)
    text = re.sub(r'\n      number: "112"', "", text, count=1)
    problems = _problems(_write(tmp_path, text))
    assert any(": fi.intro: missing" in p for p in problems), problems
    assert any(": fi.lines[0].number: missing" in p for p in problems), problems


def test_tel_forms():
    """A tel: target dials the printed number, in local or international form, and no other."""
    assert crisis_help_data.same_number("09 2525 0111", "+358925250111")
    assert crisis_help_data.same_number("112", "112")
    assert not crisis_help_data.same_number("09 2525 0111", "+358925250112")
    assert not crisis_help_data.same_number("116117", "+358116117")


def test_missing_not_found_text_names_file_key_and_language(tmp_path):
    """A 404 text missing in one language is named with file, line, language and key."""
    path = tmp_path / "data" / "site-labels.yml"
    path.parent.mkdir()
    path.write_text("fi:\n  not_found:\n    title: a\n    text: b\n    front_page: c\n    card_index: d\nsv:\n  not_found:\n    title: a\n", "utf-8")
    with pytest.raises(shell_labels.Problems) as caught:
        shell_labels.load_not_found(path, LOCALES, tmp_path)
    assert caught.value.problems == [  # line 9: where sv's not_found texts start
        f"data/site-labels.yml:9: sv.not_found.{key}: missing or empty; add the text in this language"
        for key in ("text", "front_page", "card_index")
    ]


def test_box_goes_after_the_heading_and_a_card_meta_line():
    """The box goes right after the h1, or after a card's meta line under it, or (front page)
    after the paragraph under it; no h1, no box."""
    place = crisis_help_data.insert_after_heading
    assert place('<h1 id="a">A</h1>\n<p>x</p>', "BOX") == '<h1 id="a">A</h1>\nBOX\n\n<p>x</p>'
    assert place('<h1>A</h1>\n<p class="card-meta">m</p>\n<h2>', "BOX") == '<h1>A</h1>\n<p class="card-meta">m</p>\nBOX\n\n<h2>'
    assert place('<h1>A</h1>\n<p>lead</p>\n<p class="x">', "BOX", after_lead=True) == '<h1>A</h1>\n<p>lead</p>\nBOX\n\n<p class="x">'
    assert place("<p>no heading</p>", "BOX") is None
    assert place("<h1>A</h1>\n<h2>B</h2>", "BOX", after_lead=True) is None


def test_missing_language_block_stops_the_build(project_copy, tmp_path):
    """A language without its block stops the build, naming the file and the key."""
    path = crisis_help_data.data_path(project_copy)
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("\nsv:")] + "\n", "utf-8")
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0")
    assert result.returncode != 0
    assert re.search(r"data/crisis-help\.yml:\d+: sv: missing; add a 'sv:' block", result.log), result.log


def test_listed_page_that_does_not_exist_stops_the_build(project_copy, tmp_path):
    """A page listed for the box that does not exist stops the build, naming the missing file."""
    path = crisis_help_data.data_path(project_copy)
    path.write_text(path.read_text("utf-8").replace("  - turvallisuus.md\n", "  - turvalisuus.md\n", 1), "utf-8")
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0")
    assert result.returncode != 0
    assert "data/crisis-help.yml: pages: these pages do not exist in Suomi (fi)" in result.log, result.log
    assert "docs/turvalisuus.md" in result.log
