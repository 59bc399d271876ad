"""Printables beyond one card: QR codes, per-model booklets, handouts, the voting sheet and the
feedback form; the web pages' clock times and method links; data/printables.yml's checks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide.cards import model as cards_model
from guide.cards import pdf as cards_pdf
from guide.cards import render as cards_render
from guide.safety import crisis_help as crisis_help_data
from guide.cards import printables as printables_data
from pages import soup
from qr import qr_codes
from sitebuild import PROJECT
from test_cards_pdf import CARDS, LABELS, PRINTABLES, ROOTS, card_pdf, compact, text_of

LOCALES = ["fi", "sv"]
MODELS = cards_model.display_order(PROJECT / "data" / "cards")[0]
METHODS = [card for card in CARDS if card.is_method]
USERS = [card for card in CARDS if card.methods]


def pdf_file(site: Path, locale: str, file_name: str) -> Path:
    return site / ROOTS[locale] / "kortit" / file_name


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("card_id", ["raha", "kokemus-aloitus"])
def test_card_pdf_qr_code_opens_its_page(site, tmp_path, card_id, locale):
    """The QR code on a card PDF decodes to the card page's public address (its canonical link)."""
    page = soup(site, f"{ROOTS[locale]}kortit/{card_id}/")
    assert qr_codes(card_pdf(site, locale, card_id), tmp_path) == [page.find("link", rel="canonical")["href"]]


@pytest.mark.parametrize("locale", LOCALES)
def test_card_pdf_has_fill_in_lines(site, locale):
    """Every card PDF has places to write the date, the place and the next meeting."""
    for card in CARDS:
        text = text_of(card_pdf(site, locale, card.id))
        for key in ("date", "place", "next"):
            assert compact(LABELS[locale]["pdf"]["fill_in"][key]) in text, f"{card.id} ({locale})"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("model", MODELS)
def test_model_booklet_holds_its_cards_cover_and_sheets(site, locale, model):
    """A model's booklet: the model in brief, the ground rules, the crisis help, its own cards only
    (handouts included), the feedback form, and for Vahvistin the voting sheet."""
    texts = PRINTABLES[locale]
    path = pdf_file(site, locale, f"{texts['booklets'][model]['pdf_file']}.pdf")
    pdf, text = PdfReader(path), text_of(path)
    assert pdf.trailer["/Root"]["/Lang"] == locale and "/StructTreeRoot" in pdf.trailer["/Root"]
    assert pdf.metadata.title.startswith(texts["booklets"][model]["title"])
    cover = compact(pdf.pages[0].extract_text())
    assert compact(LABELS[locale]["pdf"]["contents"]) in compact(pdf.pages[1].extract_text()), "the cover takes more than a page"
    assert compact(texts["booklets"][model]["title"]) in cover
    assert compact(texts["ground_rules"]["title"]) in cover and "112" in cover
    for line in texts["booklets"][model]["brief"]:
        assert compact(line) in cover
    for card in CARDS:
        if card.model == model:
            assert compact(card.texts[locale].title) in text
            if card.texts[locale].handout:
                assert compact(card.texts[locale].handout.title) in text
    assert all(compact(card.texts[locale].goal) not in text for card in CARDS if card.model != model)
    assert compact(texts["feedback"]["title"]) in text
    assert (compact(texts["voting_sheet"]["title"]) in text) == (model == "vahvistin")


@pytest.mark.parametrize("locale", LOCALES)
def test_booklet_contents_page_numbers_and_bookmarks_point_at_the_cards(site, locale):
    """In every booklet, each card starts on the page its contents entry and its bookmark name,
    a right-hand (odd) page labelled with the booklet's own page number."""
    files = [f"{LABELS[locale]['pdf']['booklet_file']}.pdf"] + [f"{PRINTABLES[locale]['booklets'][m]['pdf_file']}.pdf" for m in MODELS]
    label = LABELS[locale]["pdf"]["page"]
    for file_name in files:
        pdf = PdfReader(pdf_file(site, locale, file_name))
        pages = [page.extract_text() for page in pdf.pages]
        contents = "".join(pages[1:3])
        assert LABELS[locale]["pdf"]["contents"] in pages[1], f"{file_name}: the cover takes more than a page"
        marks = {item.title: pdf.get_destination_page_number(item) + 1 for item in _flat(pdf.outline)}
        for card in CARDS:
            title = card.texts[locale].title
            if title not in marks:
                continue
            start = marks[title]
            assert start % 2 == 1, f"{file_name}: {card.id} starts on page {start}"
            assert compact(title) in compact(pages[start - 1]), f"{file_name}: {card.id} is not on page {start}"
            assert f"{label} {start} / {len(pages)}" in pages[start - 1]
            assert re.search(rf"{re.escape(title)}.*?\.\s*{start}\b", contents, re.S), f"{file_name}: contents lack {title} … {start}"
        assert len(marks) >= 3


@pytest.mark.parametrize("locale", LOCALES)
def test_voting_sheet_lists_the_vahvistin_themes_on_one_page(site, locale):
    """The voting sheet is one page with every Vahvistin theme card's title and rows for the group's own."""
    texts = PRINTABLES[locale]["voting_sheet"]
    path = pdf_file(site, locale, f"{texts['pdf_file']}.pdf")
    assert len(PdfReader(path).pages) == 1
    text = text_of(path)
    themes = [card for card in CARDS if card.model == "vahvistin" and card.meeting == "theme"]
    assert len(themes) >= 7
    for card in themes:
        assert compact(card.texts[locale].title) in text
    assert compact(texts["own_themes"]) in text


@pytest.mark.parametrize("locale", LOCALES)
def test_feedback_form_is_anonymous_plain_and_short(site, locale):
    """The feedback form fits on one or two pages, says it is anonymous, asks the guide's own
    questions and reproduces no licensed scale."""
    texts = PRINTABLES[locale]["feedback"]
    path = pdf_file(site, locale, f"{texts['pdf_file']}.pdf")
    assert 1 <= len(PdfReader(path).pages) <= 2
    text = text_of(path)
    for item in [texts["intro"], *texts["statements"], *texts["open_questions"], *texts["scale"]]:
        assert compact(item) in text
    assert not re.search(r"WEMWBS|Warwick|Edinburgh", text, re.I)


@pytest.mark.parametrize("locale", LOCALES)
def test_handouts_are_one_page_with_their_prompts(site, locale):
    """Every card with a handout has a one-page participant PDF with each prompt on it."""
    handouts = [card for card in CARDS if card.texts[locale].handout]
    assert handouts
    for card in handouts:
        path = pdf_file(site, locale, f"{card.id}-{LABELS[locale]['pdf']['handout_file']}.pdf")
        assert len(PdfReader(path).pages) == 1
        for prompt in card.texts[locale].handout.prompts:
            assert compact(prompt) in text_of(path)


@pytest.mark.parametrize("prefix, locale", [("", "fi"), ("sv/", "sv")])
def test_index_links_every_printable(site, prefix, locale):
    """The card index links each model's booklet, the voting sheet, the feedback form and every handout."""
    links = {a["href"] for a in soup(site, f"{prefix}kortit/").select("article a[href]")}
    texts = PRINTABLES[locale]
    expected = {f"{texts['booklets'][m]['pdf_file']}.pdf" for m in MODELS}
    expected |= {f"{texts['voting_sheet']['pdf_file']}.pdf", f"{texts['feedback']['pdf_file']}.pdf"}
    expected |= {f"{card.id}-{LABELS[locale]['pdf']['handout_file']}.pdf" for card in CARDS if card.texts[locale].handout}
    assert expected <= links


@pytest.mark.parametrize("prefix, locale", [("", "fi"), ("sv/", "sv")])
def test_index_has_headings_for_info_and_method_cards(site, prefix, locale):
    """The index lists the info session and the method cards under their own headings."""
    headings = [h.get_text(strip=True).rstrip("¶") for h in soup(site, f"{prefix}kortit/").select("article h3")]
    for kind in {card.meeting for card in CARDS} & {"info", "method"}:
        assert LABELS[locale]["meetings"][kind] in headings


def test_web_card_page_shows_clock_times_per_phase(site):
    """Each phase on a card page starts with its clock times, as on the printed card."""
    card = next(card for card in CARDS if card.id == "raha")
    text = soup(site, "kortit/raha/").select_one("article").get_text(" ")
    for phase, start in card.phase_starts():
        assert f"{start}–{start + phase.minutes} min." in text


@pytest.mark.skipif(not USERS, reason="no card uses a method card yet")
def test_meeting_and_method_pages_link_each_other(site):
    """A meeting card's page links the method cards it uses, and a method card's page the meetings."""
    meeting = USERS[0]
    hrefs = {a["href"] for a in soup(site, f"kortit/{meeting.id}/").select("article a[href]")}
    assert {f"../{method}/" for method in meeting.methods} <= hrefs
    back = {a["href"] for a in soup(site, f"kortit/{meeting.methods[0]}/").select("article a[href]")}
    assert f"../{meeting.id}/" in back


def test_a_kokemus_voimavaraksi_series_has_every_card_it_needs():
    """A 10-week Kokemus voimavaraksi group has an info session, a first meeting, six middle
    meetings, a closing meeting, a follow-up and the four method cards."""
    kinds = [card.meeting for card in CARDS if card.model == "kokemus-voimavaraksi"]
    assert kinds.count("info") >= 1 and kinds.count("kickoff") >= 1 and kinds.count("closing") >= 1
    assert kinds.count("follow-up") >= 1 and kinds.count("theme") >= 6 and kinds.count("method") >= 4


def test_page_plan_starts_every_part_on_a_right_hand_page():
    """Parts of 2, 1 and 3 pages after a 2-page front start on pages 3, 5 and 7; 9 pages in all."""
    assert cards_pdf._page_plan(2, [2, 1, 3]) == ([3, 5, 7], 9)
    assert cards_pdf._page_plan(3, [1]) == ([5], 5)


def test_missing_pdfs_of_two_languages_render_in_parallel(tmp_path):
    """Two languages' missing PDFs are rendered by two worker processes into the cache, each once."""
    env = cards_render.environment([str(PROJECT / "overrides")])
    stylesheet = cards_pdf.stylesheet_path(env)
    layout = cards_pdf.layout_digest(stylesheet)
    order = cards_model.display_order(PROJECT / "data" / "cards")
    cards = [card for card in CARDS if card.id in {"raha", "verkostot"}]
    crisis = crisis_help_data.load(crisis_help_data.data_path(PROJECT), LOCALES, PROJECT).texts
    jobs = [cards_pdf.Job(cards_pdf.plan(env, cards, locale, LABELS, PRINTABLES, cards_pdf.PrintSite("Opas", {}, None, crisis[locale]), order),
                          tmp_path / locale, layout) for locale in LOCALES]
    first = cards_pdf.render(jobs, stylesheet, workers=2)
    assert {locale: all(o.rendered and o.path.exists() for o in found) for locale, found in first.items()} == {"fi": True, "sv": True}
    again = cards_pdf.render(jobs, stylesheet, workers=2)
    assert not any(o.rendered for found in again.values() for o in found)


def test_printables_of_every_language_load():
    """data/printables.yml has every model's booklet and the same texts in every language."""
    assert set(PRINTABLES["sv"]["booklets"]) == set(MODELS)


@pytest.fixture
def printables_file(tmp_path) -> Path:
    """A copy of data/printables.yml to break."""
    path = tmp_path / "data" / "printables.yml"
    path.parent.mkdir()
    shutil.copy(printables_data.data_path(PROJECT), path)
    return path


def printables_problems(path: Path) -> list[str]:
    with pytest.raises(printables_data.Problems) as raised:
        printables_data.load(path, LOCALES, MODELS, path.parents[1])
    return raised.value.problems


def line_of(path: Path, text: str, after: str = "") -> int:
    lines = path.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(after)) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and line.strip().startswith(text)) + 1


def test_printables_missing_translation_is_named(printables_file):
    """A Swedish statement left out of the feedback form is named with its line."""
    text = printables_file.read_text("utf-8")
    block = text[text.index("\nsv:"):]
    statements = re.search(r"\n    statements:\n((?:      - .*\n)+)", block)
    first = statements.group(1).splitlines(keepends=True)[0]
    printables_file.write_text(text[: text.index("\nsv:")] + block.replace(first, "", 1), "utf-8")
    line = line_of(printables_file, "statements:", after="sv:")
    count = len(PRINTABLES["fi"]["feedback"]["statements"])
    assert printables_problems(printables_file) == [
        f"data/printables.yml:{line}: sv.feedback.statements: has {count - 1} items but "
        f"'fi.feedback.statements' has {count}; every language needs the same items"
    ]


def test_printables_file_name_must_be_a_slug(printables_file):
    """A booklet file name with .pdf or capitals is rejected with what to write."""
    text = printables_file.read_text("utf-8")
    name = PRINTABLES["fi"]["booklets"]["vahvistin"]["pdf_file"]
    printables_file.write_text(text.replace(f"pdf_file: {name}\n", "pdf_file: Vahvistin.pdf\n", 1), "utf-8")
    line = line_of(printables_file, "pdf_file: Vahvistin.pdf")
    assert printables_problems(printables_file) == [
        f"data/printables.yml:{line}: fi.booklets.vahvistin.pdf_file: 'Vahvistin.pdf' must be a lowercase ASCII "
        f"slug such as 'vahvistin-kortit' (no .pdf)"
    ]


def test_printables_need_a_booklet_per_model(printables_file):
    """Every model of the cards needs its booklet in the default language."""
    with pytest.raises(printables_data.Problems) as raised:
        printables_data.load(printables_file, LOCALES, [*MODELS, "uusi-malli"], printables_file.parents[1])
    line = line_of(printables_file, "booklets:")
    assert raised.value.problems == [
        f"data/printables.yml:{line}: fi.booklets: no booklet for the model 'uusi-malli'; add 'uusi-malli:' with pdf_file, title, download and brief"
    ]


def test_printables_empty_text(printables_file):
    """An empty text is named by its field."""
    text = printables_file.read_text("utf-8")
    thanks = PRINTABLES["fi"]["feedback"]["thanks"]
    printables_file.write_text(text.replace(f"thanks: {thanks}", 'thanks: ""', 1), "utf-8")
    line = line_of(printables_file, 'thanks: ""')
    assert printables_problems(printables_file) == [f"data/printables.yml:{line}: fi.feedback.thanks: must be a non-empty text"]


def _flat(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item
