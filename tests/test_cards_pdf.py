"""Printable cards: a PDF per card and language and booklets per language, linked and cached."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from guide.cards import model as cards_model
from guide.cards import pdf as cards_pdf
from guide.cards import pdf_guard as cards_pdf_guard
from guide.cards import render as cards_render
from guide.cards import printables as printables_data
import sitebuild
from pages import soup
from qr import qr_codes

PROJECT = sitebuild.PROJECT
LOCALES = ["fi", "sv"]
ROOTS = {"fi": "", "sv": "sv/"}
CARDS = cards_model.load_cards(PROJECT / "data" / "cards", LOCALES, PROJECT)
LABELS = cards_model.load_labels(PROJECT / "data" / "cards", LOCALES, PROJECT)
PRINTABLES = printables_data.load(printables_data.data_path(PROJECT), LOCALES, cards_model.display_order(PROJECT / "data" / "cards")[0], PROJECT)
FONTS = PROJECT / "overrides" / "cards" / "fonts"
CARDS_BY_ID = {card.id: card for card in CARDS}
EVERY_CARD_PDF = [(card, locale) for card in CARDS for locale in LOCALES]
HANDOUTS = [card for card in CARDS if card.texts["fi"].handout]
FILES = len(CARDS) + len(HANDOUTS) + 3 + 2
"""PDFs per language: cards, handouts, three booklets (all cards, one per model), voting sheet, feedback form."""


def card_pdf(site: Path, locale: str, name: str) -> Path:
    return site / ROOTS[locale] / "kortit" / f"{name}.pdf"


def booklet_name(locale: str) -> str:
    return LABELS[locale]["pdf"]["booklet_file"]


@cache
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


@cache
def text_of(path: Path) -> str:
    """All the PDF's text with every space and line break dropped, so wrapping plays no part."""
    return "".join("".join(page.extract_text() for page in reader(path).pages).split())


def compact(text: str) -> str:
    """A YAML text as it reads in print: Markdown emphasis marks gone, no whitespace."""
    return "".join(re.sub(r"[*_]", "", text).split())


def ids(value):
    return f"{value[0].id}-{value[1]}" if isinstance(value, tuple) else None


@pytest.mark.parametrize("card_locale", EVERY_CARD_PDF, ids=ids)
def test_every_card_has_a_valid_pdf_in_each_language(site, card_locale):
    """Each card has a PDF in each language, beside its page, that pypdf reads."""
    card, locale = card_locale
    path = card_pdf(site, locale, card.id)
    assert path.read_bytes().startswith(b"%PDF-"), path
    assert len(reader(path).pages) >= 1


@pytest.mark.parametrize("card_locale", EVERY_CARD_PDF, ids=ids)
def test_card_pdf_text_is_the_card_in_its_language(site, card_locale):
    """Extracted text holds the title, every phase title and the safety note, å ä ö intact."""
    card, locale = card_locale
    text, own = text_of(card_pdf(site, locale, card.id)), card.texts[locale]
    for expected in [own.title, *(phase.title for phase in own.phases.values()), own.safety_note]:
        assert compact(expected) in text, f"{card.id} ({locale}): {expected!r} not in the PDF's text"
    other = card.texts[next(lang for lang in LOCALES if lang != locale)]
    if other.safety_note != own.safety_note:
        assert compact(other.safety_note) not in text


@pytest.mark.parametrize("locale, letters", [("fi", "äöÄ"), ("sv", "åäöÅ")])
def test_nordic_letters_are_real_text(site, locale, letters):
    """å, ä and ö (and capitals) come out of the PDF as themselves, not as look-alikes or boxes."""
    text = text_of(card_pdf(site, locale, booklet_name(locale)))
    assert set(letters) <= set(text)
    assert compact(LABELS[locale]["pdf"]["online"]) in text


@pytest.mark.parametrize("card_locale", EVERY_CARD_PDF, ids=ids)
def test_card_pdf_declares_its_title_and_language(site, card_locale):
    """The PDF's title starts with the card's title and its /Lang is the page's language."""
    card, locale = card_locale
    pdf = reader(card_pdf(site, locale, card.id))
    assert pdf.trailer["/Root"]["/Lang"] == locale
    assert pdf.metadata.title.startswith(card.texts[locale].title)
    assert "/StructTreeRoot" in pdf.trailer["/Root"], "not a tagged PDF"


@pytest.mark.parametrize("card_locale", EVERY_CARD_PDF, ids=ids)
def test_card_fits_on_one_or_two_pages(site, card_locale):
    """Every card prints on at most two A4 pages."""
    card, locale = card_locale
    pdf = reader(card_pdf(site, locale, card.id))
    assert 1 <= len(pdf.pages) <= 2, f"{card.id} ({locale}) takes {len(pdf.pages)} pages"
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@pytest.mark.parametrize("locale", LOCALES)
def test_card_pdf_footer_has_source_line_and_web_address(site, locale):
    """The footer carries the model's source line and the card page's own web address."""
    for card in CARDS:
        text = text_of(card_pdf(site, locale, card.id))
        page = soup(site, f"{ROOTS[locale]}kortit/{card.id}/")
        address = page.find("link", rel="canonical")["href"]
        assert compact(LABELS[locale]["model_sources"][card.model]) in text
        assert compact(address) in text, f"{card.id} ({locale}): {address} not in the footer"


@pytest.mark.parametrize("locale", LOCALES)
def test_fonts_are_the_shipped_font_embedded(site, locale):
    """Every font in the PDFs is embedded and is the one shipped in overrides/cards/fonts/."""
    for path in [card_pdf(site, locale, "raha"), card_pdf(site, locale, booklet_name(locale))]:
        for page in reader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
                assert font["/BaseFont"].split("+")[-1].startswith("Card-Sans"), font["/BaseFont"]


def test_shipped_font_covers_every_card_text():
    """The subset font has a glyph for every character of every card text and label."""
    characters = set("".join(str(value) for value in _leaves(LABELS))) | set("".join(str(value) for value in _leaves(PRINTABLES)))
    for card in CARDS:
        characters |= set("".join(str(value) for value in _leaves(card.texts)))
    for path in sorted(FONTS.glob("*.ttf")):
        missing = {char for char in characters - {"\n"} if ord(char) not in TTFont(path).getBestCmap()}
        assert not missing, f"{path.name} lacks {sorted(missing)}: subset it again (fonts/README.md)"


@pytest.mark.parametrize("locale", LOCALES)
def test_booklet_holds_every_card(site, locale):
    """The booklet has a cover, contents and every card's title and safety note, in its language."""
    path = card_pdf(site, locale, booklet_name(locale))
    pdf, text = reader(path), text_of(path)
    assert pdf.trailer["/Root"]["/Lang"] == locale
    assert compact(LABELS[locale]["pdf"]["booklet_title"]) in text
    assert compact(LABELS[locale]["pdf"]["contents"]) in text
    for card in CARDS:
        assert compact(card.texts[locale].title) in text
        assert compact(card.texts[locale].safety_note) in text
    assert len(pdf.pages) >= 2 + len(CARDS)


@pytest.mark.parametrize("locale", LOCALES)
def test_card_pages_and_index_link_their_pdfs(site, locale):
    """Each card page links its PDF, and the index the booklet and every card's PDF, in its language."""
    index = soup(site, f"{ROOTS[locale]}kortit/")
    index_links = {a["href"] for a in index.find_all("a", href=True)}
    assert f"{booklet_name(locale)}.pdf" in index_links
    for card in CARDS:
        assert f"{card.id}.pdf" in index_links
        page = soup(site, f"{ROOTS[locale]}kortit/{card.id}/")
        download = page.find("a", class_="card-download")
        assert download["href"] == f"../{card.id}.pdf"
        assert download.get_text(strip=True) == LABELS[locale]["pdf"]["download_card"]


def test_downloads_are_saved_under_their_title_in_the_pages_language(site):
    """A Swedish reader saves a card and its handout under their Swedish titles, not the Finnish slug (SV3-031)."""
    page = soup(site, "sv/kortit/raha/")
    card, handout = page.find_all("a", class_="card-download")
    assert (card["download"], handout["download"]) == ("Pengar.pdf", "Från oro till nästa steg.pdf")
    assert soup(site, "sv/kortit/").find("a", href="raha.pdf")["download"] == "Pengar.pdf"
    assert soup(site, "kortit/vahvistin-aloitus/").find("a", class_="card-download")["download"] == "Aloitustapaaminen (Vahvistin).pdf"


def test_pdfs_off_leaves_out_pdfs_and_links(project_copy, tmp_path):
    """With CARDS_PDF=0 the strict build passes, says so once, and makes no PDF and no link."""
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0")
    assert result.returncode == 0, result.log
    assert result.log.count("Card PDFs are off (CARDS_PDF=0)") == 1
    assert not list(result.site.rglob("*.pdf"))
    assert ".pdf" not in (result.site / "kortit" / "raha" / "index.html").read_text("utf-8")
    assert not (project_copy / ".cache").exists()


def test_failing_print_template_names_the_card_and_language(project_copy, tmp_path):
    """A card whose print template fails stops the build with an error naming card and language."""
    template = project_copy / "overrides" / "cards" / "print.html.jinja"
    source = template.read_text("utf-8")
    body = '<body data-page-label="{{ pdf.page }}">\n'
    broken = body + '{% if card.id == "raha" %}{{ text.no_such_field }}{% endif %}\n'
    template.write_text(source.replace(body, broken, 1), "utf-8")
    result = sitebuild.build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "Card raha (fi, raha.yml): its PDF could not be rendered" in result.log
    assert "no_such_field" in result.log


@pytest.fixture(scope="module")
def cached_copy(tmp_path_factory):
    """A copy of the project built once with PDFs, so its cache holds every PDF."""
    project = sitebuild.copy_project(tmp_path_factory.mktemp("cached") / "project")
    first = sitebuild.build(project, project.parent / "site")
    assert first.returncode == 0, first.log
    for locale in LOCALES:
        assert f"Card PDFs ({locale}): {FILES} files, {FILES} rendered" in first.log
    return project


def rebuild(project: Path) -> sitebuild.Build:
    result = sitebuild.build(project, project.parent / "site")
    assert result.returncode == 0, result.log
    return result


def test_second_build_takes_every_pdf_from_the_cache(cached_copy):
    """An unchanged project renders no PDF again: each comes from the cache, byte for byte."""
    before = {path: path.read_bytes() for path in (cached_copy.parent / "site").rglob("*.pdf")}
    result = rebuild(cached_copy)
    for locale in LOCALES:
        assert f"Card PDFs ({locale}): {FILES} files, 0 rendered, {FILES} from the cache" in result.log
    assert before == {path: path.read_bytes() for path in before}


def test_default_build_pdfs_have_no_qr_code_or_address(cached_copy, tmp_path):
    """A build without a public address prints neither a QR code nor a web address on a card."""
    pdf = cached_copy.parent / "site" / "kortit" / "raha.pdf"
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert qr_codes(pdf, tmp_path) == []
    assert "https://" not in text and "http://" not in text


def test_editing_a_page_renders_no_pdf(cached_copy):
    """A Markdown edit (what `mkdocs serve` rebuilds on) re-renders no PDF."""
    page = cached_copy / "docs" / "ohjaajalle.md"
    page.write_text(page.read_text("utf-8") + "\nLisätty kappale.\n", "utf-8")
    result = rebuild(cached_copy)
    assert result.log.count(" 0 rendered") == 2


def test_editing_one_card_renders_only_its_pdf_and_booklet(cached_copy):
    """A Finnish title edit re-renders that card's Finnish PDF, its handout and the voting sheet
    (which name it) and the two Finnish booklets that hold it, nothing else."""
    card = cached_copy / "data" / "cards" / "raha.yml"
    card.write_text(card.read_text("utf-8").replace("  title: Raha\n", "  title: Raha ja talous\n", 1), "utf-8")
    result = rebuild(cached_copy)
    changed = 1 + (CARDS_BY_ID["raha"] in HANDOUTS) + 1 + 2
    assert f"Card PDFs (fi): {FILES} files, {changed} rendered" in result.log, [line for line in result.log.splitlines() if "Card PDFs" in line]
    assert f"Card PDFs (sv): {FILES} files, 0 rendered" in result.log
    assert "Rahajatalous" in text_of(cached_copy.parent / "site" / "kortit" / "raha.pdf")


def test_cache_drops_outdated_pdfs_after_a_grace_period(tmp_path):
    """Pruning keeps the current PDFs and recent ones (another build may be using them), and
    drops the outdated ones older than the grace period."""
    old, recent = cards_pdf.cached_path(tmp_path, "raha.pdf", "a" * 64), cards_pdf.cached_path(tmp_path, "raha-2.pdf", "b" * 64)
    new = cards_pdf.cached_path(tmp_path, "raha.pdf", "c" * 64)
    for path in (old, recent, new):
        cards_pdf.store(path, b"%PDF-")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    os.utime(new, (time.time() - 3600, time.time() - 3600))
    cards_pdf.prune(tmp_path, {new})
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([new.name, recent.name])


def test_weasyprint_warnings_are_reported(tmp_path):
    """A CSS rule WeasyPrint cannot use comes back as a warning, which the build logs for --strict."""
    stylesheet = tmp_path / "print.css"
    stylesheet.write_text("p { colr: red; }\n", "utf-8")
    env = cards_render.environment([str(PROJECT / "overrides")])
    site = cards_pdf.PrintSite("Vertaisryhmäopas", {card.id: f"https://example.invalid/{card.id}/" for card in CARDS}, "https://example.invalid/")
    rendered = cards_pdf.Renderer(stylesheet).render(cards_pdf.card_html(env, CARDS[0], "fi", LABELS, site))
    assert rendered.pdf.startswith(b"%PDF-")
    assert any("colr" in warning for warning in rendered.warnings), rendered.warnings


def _leaves(tree):
    if isinstance(tree, dict):
        for value in tree.values():
            yield from _leaves(value)
    elif isinstance(tree, (list, tuple)):
        for value in tree:
            yield from _leaves(value)
    elif hasattr(tree, "__dataclass_fields__"):
        yield from _leaves(vars(tree))
    else:
        yield tree


def test_pdf_renderer_reads_only_data_and_its_print_files(tmp_path):
    """A picture address to a local file outside the print files is refused with a warning, which
    fails the strict build; its content never reaches the PDF; data: pictures still work (#6)."""
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text x="0" y="20">'
                      'SECRET-TEXT-FROM-OUTSIDE</text></svg>', "utf-8")
    env = cards_render.environment([str(PROJECT / "overrides")])
    html = (f'<html lang="fi"><body><p>Kortti</p><img src="{secret.as_uri()}" alt="x">'
            '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%2210%22 height=%2210%22/%3E" alt="z">'
            '</body></html>')
    rendered = cards_pdf.Renderer(cards_pdf.stylesheet_path(env)).render(html)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert "SECRET-TEXT" not in text and "Kortti" in text
    refused = [warning for warning in rendered.warnings if "not read:" in warning]
    assert any(secret.name in warning for warning in refused), rendered.warnings
    assert not any("data:image" in warning for warning in rendered.warnings)


@pytest.mark.parametrize("url, readable", [
    ("data:image/png;base64,AAAA", True), ("file:///dev/zero", False), ("file:///etc/hostname", False),
    ("https://example.org/x.png", False), ("file://evil.example/share/x.png", False),
    ("PRINT/fonts/../print.css", True), ("PRINT/../base.html", False), ("PRINT/missing.css", False),
])
def test_pdf_renderer_may_read_only_data_and_print_files(url, readable):
    """The fetcher's rule: data:, and existing files inside overrides/cards/; not /dev/zero (which ran
    the build out of memory), other files, other hosts or a path climbing out (#6)."""
    folder = (PROJECT / "overrides" / "cards").resolve()
    url = url.replace("PRINT", folder.as_uri())
    assert cards_pdf_guard.readable(url, folder) is readable


WORKER_PARENT = """
import sys, time
sys.path.insert(0, {hooks!r})
from guide.cards import pdf as cards_pdf
pool = cards_pdf.worker_pool(1, cards_pdf.Path({stylesheet!r}))
pool.submit(time.sleep, 0).result()
print(*pool._processes, flush=True)
pool.submit(time.sleep, 300)
time.sleep(300)
"""


def test_pdf_workers_end_when_the_build_is_killed(tmp_path):
    """After SIGKILL of the build's process (a CI timeout, the OOM killer), its PDF workers end too (#22)."""
    env = cards_render.environment([str(PROJECT / "overrides")])
    script = WORKER_PARENT.format(hooks=str(PROJECT / "hooks"), stylesheet=str(cards_pdf.stylesheet_path(env)))
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as parent:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert workers and all(_alive(pid) for pid in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    """Running (a zombie that no one reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")
