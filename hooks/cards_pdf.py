"""Printable meeting cards: a PDF per card and language, and a booklet of all cards per language.

The card model (`cards_model`) is rendered to an HTML document by
`overrides/cards/print.html.jinja` in the environment of `cards_render.environment`, so
escaping and the `inline_markdown` filter are those of the web pages, and the timeline
picture is the same `cards/timeline.svg.jinja`. WeasyPrint lays the document out with
`cards/print.css` and the font beside it (`cards/fonts/`, loaded through @font-face: installed
fonts play no part) into a tagged PDF (PDF/UA-1): real text, embedded fonts, title and
language set.

A PDF is cached under a key that hashes its HTML, which holds everything the card data,
labels, language, templates and site address put into it, together with what shapes its
layout besides: the stylesheet, the font files, the WeasyPrint version and the render
options. Rendering the HTML takes about a millisecond; only a new key costs a WeasyPrint run.

Pure helpers: no MkDocs imports, and nothing kept between calls (a `Renderer` lives for one
build). WeasyPrint is imported only when a PDF is really rendered, since the import alone
takes about half a second: a build served from the cache never loads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import jinja2

import cards_render
from cards_model import Card

TEMPLATE = "cards/print.html.jinja"
STYLESHEET = "cards/print.css"
ENGINE = f"weasyprint {version('weasyprint')}"
RENDER_OPTIONS = {"pdf_variant": "pdf/ua-1"}
"""A tagged PDF that declares its title and language (WeasyPrint's PDF/UA-1 variant)."""
CACHE_FORMAT = "1"
"""Bump it to re-render every cached PDF after changing how PDFs are made in this module."""


@dataclass(frozen=True)
class PrintSite:
    """What the printed cover and footers say about the site in one language."""

    name: str
    page_urls: dict[str, str]
    """Each card's web address, by card id."""
    index_url: str


@dataclass(frozen=True)
class PrintLinks:
    """The PDF file names of one language, beside its card pages (`kortit/`)."""

    booklet: str

    def card(self, card_id: str) -> str:
        return f"{card_id}.pdf"


@dataclass(frozen=True)
class PrintDocument:
    """One PDF to make: its file name, what it is (for messages) and its HTML."""

    file_name: str
    what: str
    html: str


@dataclass(frozen=True)
class Rendered:
    """A PDF's bytes and the warnings WeasyPrint gave while making it."""

    pdf: bytes
    warnings: list[str]


class PrintProblem(Exception):
    """A document cannot be printed; the message names the card (or booklet) and language."""


def documents(env, cards: list[Card], locale: str, labels: dict, site: PrintSite, order) -> tuple[PrintLinks, list[PrintDocument]]:
    """Every card of a language and the booklet of them all, as HTML documents to print."""
    links = PrintLinks(booklet=f"{labels[locale]['pdf']['booklet_file']}.pdf")
    if links.booklet in {links.card(card.id) for card in cards}:
        raise PrintProblem(f"card-labels.yml: {locale}.pdf.booklet_file: {links.booklet} is also a card's PDF; name the booklet otherwise")
    printed = []
    for card in cards:
        what = f"Card {card.id} ({locale}, {card.source.name})"
        with _named(what):
            printed.append(PrintDocument(links.card(card.id), what, card_html(env, card, locale, labels, site)))
    what = f"The booklet of all cards ({locale})"
    with _named(what):
        printed.append(PrintDocument(links.booklet, what, booklet_html(env, cards, locale, labels, site, order)))
    return links, printed


def card_html(env: jinja2.Environment, card: Card, locale: str, labels: dict, site: PrintSite) -> str:
    """One card as a printable HTML document."""
    return env.get_template(TEMPLATE).render(
        cards=[card], booklet=False, groups=[], locale=locale, labels=labels[locale],
        site_name=site.name, urls=site.page_urls, index_url=site.index_url,
    )


def booklet_html(env, cards: list[Card], locale: str, labels: dict, site: PrintSite, order) -> str:
    """A cover, a table of contents and every card, in the card index's order."""
    groups = cards_render.grouped(cards, order)
    in_order = [card for _, meetings in groups for _, in_meeting in meetings for card in in_meeting]
    return env.get_template(TEMPLATE).render(
        cards=in_order, booklet=True, groups=groups, locale=locale, labels=labels[locale],
        site_name=site.name, urls=site.page_urls, index_url=site.index_url,
    )


@contextlib.contextmanager
def _named(what: str):
    """Turn a template error into a PrintProblem that names the document."""
    try:
        yield
    except jinja2.TemplateError as error:
        raise PrintProblem(f"{what}: its PDF could not be rendered: {error}") from None


def stylesheet_path(env: jinja2.Environment) -> Path:
    """The print stylesheet, found in the theme folders as the templates are."""
    return Path(env.loader.get_source(env, STYLESHEET)[1])


def layout_digest(stylesheet: Path) -> str:
    """A hash of what shapes a PDF besides its HTML: stylesheet, fonts, engine, options."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{ENGINE}\0{sorted(RENDER_OPTIONS.items())}\0".encode())
    for path in [stylesheet, *sorted((stylesheet.parent / "fonts").glob("*.[ot]tf"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(html: str, layout: str) -> str:
    return hashlib.sha256(f"{layout}\0{html}".encode()).hexdigest()


def cached_path(cache_dir: Path, file_name: str, key: str) -> Path:
    """Where the PDF `file_name` with this key is kept: `<stem>.<key>.pdf` in `cache_dir`."""
    return cache_dir / f"{Path(file_name).stem}.{key}.pdf"


def store(path: Path, pdf: bytes) -> None:
    """Write a PDF into the cache atomically, and drop the older versions of the same file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as partial:
        partial.write(pdf)
    os.replace(partial.name, path)
    stem = path.name.split(".")[0]
    for older in path.parent.glob(f"{stem}.*.pdf"):
        if older != path:
            older.unlink(missing_ok=True)


class Renderer:
    """Renders HTML documents to PDF with one WeasyPrint setup (stylesheet, fonts), made on first use."""

    def __init__(self, stylesheet: Path):
        self.stylesheet = stylesheet
        self._setup = None
        self._stylesheet_warnings: list[str] = []

    def render(self, html: str) -> Rendered:
        weasyprint, fetcher, font_config, css = self._weasyprint()
        with _weasyprint_warnings() as messages:
            document = weasyprint.HTML(string=html, base_url=str(self.stylesheet), url_fetcher=fetcher)
            pdf = document.write_pdf(stylesheets=[css], font_config=font_config, **RENDER_OPTIONS)
        # The stylesheet's own warnings are reported once, with the first PDF.
        messages = self._stylesheet_warnings + messages
        self._stylesheet_warnings = []
        return Rendered(pdf, messages)

    def _weasyprint(self):
        if self._setup is None:
            import weasyprint  # here, not at the top: see the module docstring
            from weasyprint.text.fonts import FontConfiguration

            # Local files only (the stylesheet, the font, the timeline's data: URL): no network.
            fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
            with warnings.catch_warnings():
                # Said when the machine has no fonts at all: ours come through @font-face.
                warnings.filterwarnings("ignore", "No fonts configured in FontConfig", UserWarning)
                font_config = FontConfiguration()
            with _weasyprint_warnings() as self._stylesheet_warnings:
                css = weasyprint.CSS(filename=str(self.stylesheet), url_fetcher=fetcher, font_config=font_config)
            self._setup = weasyprint, fetcher, font_config, css
        return self._setup


@contextlib.contextmanager
def _weasyprint_warnings():
    """Collect what WeasyPrint logs at warning level or above (bad CSS, unreadable fonts)."""
    messages: list[str] = []
    handler = _Collector(messages)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


class _Collector(logging.Handler):
    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
