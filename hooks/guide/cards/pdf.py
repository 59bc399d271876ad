"""Printables of one language: a PDF per card (and per participant handout), the Vahvistin theme
list and voting sheet, the participant feedback form, and booklets (all cards; one per model).

Documents. The card model (`guide.cards.model`) and the printables' texts (`guide.cards.printables`) are
rendered to HTML by the templates in `overrides/cards/` (`print.html.jinja` a card,
`print-handout.html.jinja` a handout, `print-sheet.html.jinja` the voting sheet and the
feedback form, `print-booklet.html.jinja` a booklet's cover and contents) in the environment of
`guide.cards.render.environment`, so escaping and `inline_markdown` are those of the web pages.
WeasyPrint lays them out with `cards/print.css` and the font beside it (`cards/fonts/`, loaded
through @font-face) into tagged PDFs (PDF/UA-1). WeasyPrint reads only `data:` addresses and
the files beside the stylesheet (`guide.cards.pdf_guard.print_files_only`): a card text cannot make it
read the build machine's files or the network. A card whose page has a public address carries
a QR code of it (segno, vector SVG); without a public address no address and no QR code.
Every sheet for participants (handouts, the voting sheet, the feedback form: the documents
marked `for_participants`) ends with a band of the crisis numbers and, with a public address,
the address and QR code of the participants' page (`cards/participant-band.html.jinja`).

Booklets are assembled, not laid out again: a booklet is its cover and contents (laid out on
their own, with the page numbers its parts will have), then the pages of its parts (cards,
handouts, sheets) as they were laid out for their own PDFs, each part starting on a right-hand
page (a blank page before it when needed). The parts' page labels ("Sivu 1 / 2") are swapped
for the booklet's ("Sivu 17 / 60"), taken from a document of empty pages laid out for that, so
the contents page, the page labels and the bookmarks agree.

Cache and parallel work. A document's PDF is cached under a key that hashes its HTML with what
shapes its layout besides (stylesheet, fonts, WeasyPrint version, options); a booklet's key
hashes its cover HTML and its parts' keys. `render` makes what is missing from the cache for
one or more languages, one task per language in a process pool (each process sets WeasyPrint up
once, and ends when the build's process ends, even if it is killed: `guide.cards.pdf_guard.end_with_parent`);
a booklet is assembled in the process that laid out its parts.

Pure helpers: no MkDocs imports. WeasyPrint is imported only when something is rendered (the
import alone takes about half a second): a build served from the cache never loads it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import copy
import functools
import hashlib
import logging
import multiprocessing
import os
import re
import tempfile
import time
import urllib.parse
import warnings
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import jinja2
import markupsafe
import segno

from guide.cards import pdf_guard as cards_pdf_guard
from guide.cards import render as cards_render
from guide.cards.model import Card

TEMPLATE = "cards/print.html.jinja"
HANDOUT_TEMPLATE = "cards/print-handout.html.jinja"
SHEET_TEMPLATE = "cards/print-sheet.html.jinja"
BOOKLET_TEMPLATE = "cards/print-booklet.html.jinja"
STYLESHEET = "cards/print.css"
ENGINE = f"weasyprint {version('weasyprint')}, segno {version('segno')}"
RENDER_OPTIONS = {"pdf_variant": "pdf/ua-1"}
"""A tagged PDF that declares its title and language (WeasyPrint's PDF/UA-1 variant)."""
CACHE_FORMAT = "2"
"""Bump it to re-render every cached PDF after changing how PDFs are made in this module."""
QR_TOKEN = "[[qr:{}]]"
"""Stands in a card's HTML for the QR code of its address, drawn only when the card is laid out:
the HTML (and so the cache key) holds the address, and a build served from the cache makes no
QR code at all."""
QR_TOKEN_PATTERN = re.compile(r"\[\[qr:([^\]]+)\]\]")
PAGE_TOKEN = "[[page:{}]]"
"""Stands in a booklet's contents for the page its part starts on (filled in when assembled)."""
PAGE_TOKEN_PATTERN = re.compile(r"\[\[page:([^\]]+)\]\]")
VOTING_MODEL = "vahvistin"
"""The model whose theme cards the voting sheet lists (its groups choose their themes)."""
PRUNE_GRACE = 600
"""Seconds an outdated cached PDF is kept (see `prune`)."""
PAGE_LABEL_BOX = "@top-right"
"""The margin box that holds the page label (print.css): swapped in booklets."""


@dataclass(frozen=True)
class PrintSite:
    """What the printed cover and footers say about the site in one language."""

    name: str
    page_urls: dict[str, str]
    """Each card's web address, by card id; empty when the build has no public address."""
    index_url: str | None
    crisis: dict | None = None
    """The crisis help box's texts in this language (data/crisis-help.yml, `guide.safety.crisis_help`);
    printed at the top of every card and on the booklets' covers, and in the band of every
    participant sheet (which needs them)."""
    safety_url: str | None = None
    """The safety page's web address, which the box links; none without a public address."""
    participant_url: str | None = None
    """The participants' page's web address, printed with its QR code on every participant
    sheet; none without a public address."""
    publisher: str = ""
    """The publisher's name in this language (data/publisher.yml): the PDFs' author; the site's
    name while there is none."""

    @property
    def author(self) -> str:
        return self.publisher or self.name


@dataclass(frozen=True)
class PrintLinks:
    """The PDF file names of one language, beside its card pages (`kortit/`)."""

    booklet: str
    """The booklet of all cards."""
    booklets: dict[str, str] = field(default_factory=dict)
    """Each model's booklet, by model."""
    voting_sheet: str | None = None
    voting_model: str = VOTING_MODEL
    feedback: str | None = None
    handout_suffix: str = "handout"
    handouts: frozenset[str] = frozenset()
    """Ids of the cards that have a participant handout."""

    def card(self, card_id: str) -> str:
        return f"{card_id}.pdf"

    def handout(self, card_id: str) -> str | None:
        return f"{card_id}-{self.handout_suffix}.pdf" if card_id in self.handouts else None


@dataclass(frozen=True)
class PrintDocument:
    """One PDF laid out on its own: its file name, what it is (for messages) and its HTML."""

    file_name: str
    what: str
    html: str
    for_participants: bool = False
    """A sheet that participants take home: it carries the participants' band."""


@dataclass(frozen=True)
class PrintBooklet:
    """A PDF assembled from a cover and contents (`front_html`, with page tokens) and the pages
    of other documents of the same language (`parts`, file names, in order)."""

    file_name: str
    what: str
    front_html: str
    parts: tuple[str, ...]
    page_label: str
    """The word before the page number ("Sivu"), for the booklet's own page labels."""
    locale: str


@dataclass(frozen=True)
class PrintPlan:
    """Everything one language prints."""

    locale: str
    links: PrintLinks
    documents: list[PrintDocument]
    booklets: list[PrintBooklet]

    def keys(self, layout: str) -> dict[str, str]:
        """The cache key of every file, by file name."""
        keys = {document.file_name: cache_key(document.html, layout) for document in self.documents}
        for booklet in self.booklets:
            keys[booklet.file_name] = cache_key("\0".join([booklet.front_html, *(keys[part] for part in booklet.parts)]), layout)
        return keys


@dataclass(frozen=True)
class Outcome:
    """A file of a plan: where its PDF is, whether it was rendered now, WeasyPrint's warnings."""

    file_name: str
    what: str
    path: Path
    rendered: bool
    warnings: tuple[str, ...] = ()


class PrintProblem(Exception):
    """A document cannot be printed; the message names the card (or printable) and language."""


def plan(env, cards: list[Card], locale: str, labels: dict, printables: dict, site: PrintSite, order) -> PrintPlan:
    """Every printable of a language: card PDFs, handouts, sheets and booklets, as HTML."""
    own, texts = labels[locale]["pdf"], printables[locale]
    links = PrintLinks(
        booklet=f"{own['booklet_file']}.pdf",
        booklets={model: f"{texts['booklets'][model]['pdf_file']}.pdf" for model in order[0]},
        voting_sheet=f"{texts['voting_sheet']['pdf_file']}.pdf" if _themes(cards, VOTING_MODEL) else None,
        feedback=f"{texts['feedback']['pdf_file']}.pdf",
        handout_suffix=own["handout_file"],
        handouts=frozenset(card.id for card in cards if card.texts[locale].handout),
    )
    _check_names(links, cards, locale)
    context = {"locale": locale, "labels": labels[locale], "printables": texts, "site_name": site.name,
               "author": site.author, "crisis": site.crisis, "safety_url": site.safety_url,
               "index_url": site.index_url, "participant_url": site.participant_url,
               "participant_qr": QR_TOKEN.format(site.participant_url) if site.participant_url else None}
    documents, users = [], _users(cards)
    for card in cards:
        what = f"Card {card.id} ({locale}, {card.source.name})"
        with _named(what):
            documents.append(PrintDocument(links.card(card.id), what, card_html(env, card, locale, labels, site, cards=cards, users=users)))
            if links.handout(card.id):
                html = env.get_template(HANDOUT_TEMPLATE).render(
                    card=card, text=card.texts[locale], heading=cards_render.distinct_title(card, locale, labels[locale], cards), **context)
                documents.append(PrintDocument(links.handout(card.id), f"The handout of card {card.id} ({locale}, {card.source.name})", html, True))
    sheets = [("feedback", links.feedback, [])]
    if links.voting_sheet:
        sheets.insert(0, ("voting_sheet", links.voting_sheet, _themes(cards, VOTING_MODEL)))
    for kind, file_name, themes in sheets:
        what = f"The {kind.replace('_', ' ')} ({locale}, data/printables.yml)"
        with _named(what):
            html = env.get_template(SHEET_TEMPLATE).render(sheet=kind, themes=[card.texts[locale].title for card in themes], **context)
            documents.append(PrintDocument(file_name, what, html, True))
    booklets = [_booklet(env, links, cards, order, None, context)]
    booklets += [_booklet(env, links, cards, order, model, context) for model in order[0] if any(card.model == model for card in cards)]
    return PrintPlan(locale, links, documents, booklets)


def card_html(env: jinja2.Environment, card: Card, locale: str, labels: dict, site: PrintSite,
              cards: list[Card] | None = None, users: dict | None = None) -> str:
    """One card as a printable HTML document; `cards` name the method cards it uses and `users`
    the meetings that use a method card."""
    by_id = {other.id: other for other in cards or [card]}
    url = site.page_urls.get(card.id)
    return env.get_template(TEMPLATE).render(
        card=card, text=card.texts[locale], locale=locale, labels=labels[locale],
        heading=cards_render.distinct_title(card, locale, labels[locale], cards or [card]),
        site_name=site.name, author=site.author, url=url, qr=QR_TOKEN.format(url) if url else None,
        crisis=site.crisis, safety_url=site.safety_url,
        methods=[by_id[name] for name in card.methods if name in by_id],
        used_in=(users or {}).get(card.id, []),
    )


def qr_svg(url: str) -> str:
    """A QR code of `url` as a vector SVG (black modules, no border: the layout gives margins);
    error correction M at least (higher when the version has room for it)."""
    return segno.make(url, error="m", mode="byte", micro=False).svg_inline(border=0, dark="#000", scale=1)


def with_qr_codes(html: str) -> str:
    """The HTML with each QR token replaced by the picture of its address (an SVG data URL)."""
    return QR_TOKEN_PATTERN.sub(lambda match: "data:image/svg+xml;charset=utf-8," + urllib.parse.quote(qr_svg(markupsafe.Markup(match.group(1)).unescape())), html)


def _booklet(env, links: PrintLinks, cards: list[Card], order, model: str | None, context: dict) -> PrintBooklet:
    """The booklet of one model's cards (or of all cards when `model` is None): its parts are the
    cards in the index's order, each followed by its handout, then the model's sheets."""
    chosen = [card for card in cards if model is None or card.model == model]
    groups, entries, parts = cards_render.grouped(chosen, order), [], []
    for group_model, meetings in groups:
        sections = []
        for meeting, in_meeting in meetings:
            items = []
            for card in in_meeting:
                items.append({"card": card, "file": links.card(card.id)})
                parts.append(links.card(card.id))
                if links.handout(card.id):
                    items.append({"handout": card, "file": links.handout(card.id)})
                    parts.append(links.handout(card.id))
            sections.append((meeting, items))
        entries.append((group_model, sections))
    sheets = []
    if links.voting_sheet and model in (None, VOTING_MODEL) and any(card.model == VOTING_MODEL for card in chosen):
        sheets.append(("voting_sheet", links.voting_sheet))
    if links.feedback:
        sheets.append(("feedback", links.feedback))
    parts += [file_name for _, file_name in sheets]
    file_name = links.booklets[model] if model else links.booklet
    what = f"The booklet {file_name} ({context['locale']})"
    with _named(what):
        html = env.get_template(BOOKLET_TEMPLATE).render(model=model, entries=entries, sheets=sheets, page=PAGE_TOKEN.format, **context)
    return PrintBooklet(file_name, what, html, tuple(parts), context["labels"]["pdf"]["page"], context["locale"])


def _themes(cards: list[Card], model: str) -> list[Card]:
    """The theme cards of a model, in their order: the voting sheet's list."""
    return sorted((card for card in cards if card.model == model and card.meeting == "theme"), key=lambda card: card.order)


def _users(cards: list[Card]) -> dict[str, list[Card]]:
    users: dict[str, list[Card]] = {}
    for card in cards:
        for name in card.methods:
            users.setdefault(name, []).append(card)
    return users


def _check_names(links: PrintLinks, cards: list[Card], locale: str) -> None:
    """Two printables may not share a file name (a card's PDF, a handout, a booklet, a sheet)."""
    names: dict[str, str] = {}
    owned = [(links.card(card.id), f"card {card.id}") for card in cards]
    owned += [(links.handout(card.id), f"the handout of {card.id}") for card in cards if links.handout(card.id)]
    owned += [(links.booklet, f"card-labels.yml: {locale}.pdf.booklet_file")]
    owned += [(name, f"printables.yml: {locale}.booklets.{model}.pdf_file") for model, name in links.booklets.items()]
    owned += [(name, f"printables.yml: {locale}.{key}.pdf_file") for key, name in (("voting_sheet", links.voting_sheet), ("feedback", links.feedback)) if name]
    for name, owner in owned:
        if name in names:
            raise PrintProblem(f"{owner}: {name} is also the PDF of {names[name]}; give it another name")
        names[name] = owner


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
    """Write a PDF into the cache atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as partial:
        partial.write(pdf)
    os.replace(partial.name, path)


def prune(cache_dir: Path, current: set[Path], grace: float = PRUNE_GRACE) -> None:
    """Drop the cached PDFs that are not `current` and were written more than `grace` seconds
    ago. The grace keeps a PDF that another build running at the same time in the same project
    has just registered (it copies it into its site only at its end)."""
    now = time.time()
    for path in cache_dir.glob("*.pdf"):
        with contextlib.suppress(FileNotFoundError):
            if path not in current and now - path.stat().st_mtime > grace:
                path.unlink()


@dataclass
class Job:
    """One language's plan with its cache folder: what a worker process needs."""

    plan: PrintPlan
    cache_dir: Path
    layout: str

    @functools.cached_property
    def keys(self) -> dict[str, str]:
        return self.plan.keys(self.layout)

    @functools.cached_property
    def _what(self) -> dict[str, str]:
        return {item.file_name: item.what for item in [*self.plan.documents, *self.plan.booklets]}

    def outcome(self, file_name: str, rendered: bool = False, warnings: tuple[str, ...] = ()) -> Outcome:
        """Where the file's PDF is kept; one made with warnings is kept out of the cache's keys,
        so the next build renders (and warns) again."""
        key = "unchecked" if warnings else self.keys[file_name]
        return Outcome(file_name, self._what[file_name], cached_path(self.cache_dir, file_name, key), rendered, warnings)

    def missing(self) -> set[str]:
        """The files whose PDF is not in the cache under their current key."""
        return {name for name, key in self.keys.items() if not cached_path(self.cache_dir, name, key).exists()}


def render(jobs: list[Job], stylesheet: Path, workers: int | None = None) -> dict[str, list[Outcome]]:
    """Every file of every job, by locale: from the cache, or rendered now. Jobs with something
    to render run in parallel, one process each (at most `workers`, default: the cores)."""
    pending = [job for job in jobs if job.missing()]
    done: dict[str, list[Outcome]] = {}
    workers = min(len(pending), workers or os.cpu_count() or 1)
    if workers > 1:
        with worker_pool(workers, stylesheet) as pool:
            for job, outcomes in zip(pending, pool.map(_render_job, pending)):
                done[job.plan.locale] = outcomes
    else:
        renderer = Renderer(stylesheet)
        for job in pending:
            done[job.plan.locale] = render_job(job, renderer)
    outcomes = {job.plan.locale: done.get(job.plan.locale) or [job.outcome(name) for name in job.keys] for job in jobs}
    for job in jobs:
        prune(job.cache_dir, {outcome.path for outcome in outcomes[job.plan.locale]})
    return outcomes


_WORKER_RENDERER: Renderer | None = None


def worker_pool(workers: int, stylesheet: Path) -> concurrent.futures.ProcessPoolExecutor:
    """Processes that render with one WeasyPrint setup each, and end when this process ends."""
    context = multiprocessing.get_context("fork")
    return concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                                  initargs=(stylesheet, os.getpid()))


def _start_worker(stylesheet: Path, parent: int) -> None:
    """A worker process ends with the build, and sets WeasyPrint up once (stylesheet, fonts),
    for all its documents."""
    global _WORKER_RENDERER
    cards_pdf_guard.end_with_parent(parent)
    _WORKER_RENDERER = Renderer(stylesheet)
    _WORKER_RENDERER.setup()


def _render_job(job: Job) -> list[Outcome]:
    return render_job(job, _WORKER_RENDERER)


def render_job(job: Job, renderer: Renderer) -> list[Outcome]:
    """One language: lays out the documents that are missing or that a missing booklet needs,
    writes the missing PDFs into the cache, assembles the missing booklets."""
    missing, outcomes, laid_out = job.missing(), {}, {}
    needed = missing | {part for booklet in job.plan.booklets if booklet.file_name in missing for part in booklet.parts}
    for document in job.plan.documents:
        if document.file_name not in needed:
            continue
        laid_out[document.file_name] = rendered = renderer.layout(document.html)
        if document.file_name in missing:
            outcome = job.outcome(document.file_name, True, tuple(rendered.warnings))
            store(outcome.path, renderer.write(rendered.document))
            outcomes[document.file_name] = outcome
    for booklet in job.plan.booklets:
        if booklet.file_name in missing:
            pdf, found = assemble(booklet, laid_out, renderer)
            outcome = job.outcome(booklet.file_name, True, tuple(found))
            store(outcome.path, pdf)
            outcomes[booklet.file_name] = outcome
    return [outcomes.get(name) or job.outcome(name) for name in job.keys]


def assemble(booklet: PrintBooklet, laid_out: dict, renderer: Renderer) -> tuple[bytes, list[str]]:
    """A booklet from its cover and contents and its parts' laid-out pages (see the docstring)."""
    parts = [laid_out[name].document for name in booklet.parts]
    found = [warning for name in booklet.parts for warning in laid_out[name].warnings]
    front_pages, front = 2, None
    for _ in range(4):
        starts, total = _page_plan(front_pages, [len(part.pages) for part in parts])
        html = PAGE_TOKEN_PATTERN.sub(lambda match: str(starts[booklet.parts.index(match.group(1))]), booklet.front_html)
        front = renderer.layout(html)
        if len(front.document.pages) == front_pages:
            break
        front_pages = len(front.document.pages)
    found += front.warnings
    numbers = renderer.layout(_numbers_html(total, booklet))
    found += numbers.warnings
    number_pages = numbers.document.pages
    sequence = list(front.document.pages)
    for start, part in zip(starts, parts):
        while len(sequence) < start - 1:
            sequence.append(_blank(number_pages[len(sequence)]))
        sequence += part.pages
    pages = [page if index == 0 else _relabelled(page, number_pages[index]) for index, page in enumerate(sequence)]
    return renderer.write(front.document.copy(pages)), found


def _page_plan(front_pages: int, lengths: list[int]) -> tuple[list[int], int]:
    """The page each part starts on (always odd: a right-hand page) and the booklet's length."""
    starts, next_page = [], front_pages + 1
    for length in lengths:
        next_page += (next_page + 1) % 2
        starts.append(next_page)
        next_page += length
    return starts, next_page - 1


def _numbers_html(total: int, booklet: PrintBooklet) -> str:
    """A document of `total` empty pages whose page labels are the booklet's."""
    sheets = '<div class="page-number-sheet"></div>' * total
    return (f'<!DOCTYPE html><html lang="{booklet.locale}"><head><meta charset="utf-8"><title>-</title></head>'
            f'<body data-page-label="{markupsafe.escape(booklet.page_label)}">{sheets}</body></html>')


def _relabelled(page, numbered):
    """`page` with the page label of `numbered` instead of its own (none if it had none)."""
    box = page._page_box
    labels = [child for child in box.children if getattr(child, "at_keyword", None) == PAGE_LABEL_BOX]
    if not labels:
        return page
    new_labels = [child for child in numbered._page_box.children if getattr(child, "at_keyword", None) == PAGE_LABEL_BOX]
    children = [child for child in box.children if child not in labels] + new_labels
    return _with_box(page, box.copy_with_children(children))


def _blank(numbered):
    """An empty page (no label, no footer): a left-hand page left blank before a part."""
    box = numbered._page_box
    return _with_box(numbered, box.copy_with_children([child for child in box.children if not getattr(child, "at_keyword", None)]))


def _with_box(page, box):
    new = copy.copy(page)
    new._page_box = box
    return new


@dataclass
class Laid:
    """A laid-out WeasyPrint document and the warnings WeasyPrint gave while making it."""

    document: object
    warnings: list[str]


@dataclass(frozen=True)
class Rendered:
    """A PDF's bytes and the warnings WeasyPrint gave while making it."""

    pdf: bytes
    warnings: list[str]


class Renderer:
    """Lays out and writes HTML documents with one WeasyPrint setup (stylesheet, fonts), made on first use."""

    def __init__(self, stylesheet: Path):
        self.stylesheet = stylesheet
        self._setup = None
        self._stylesheet_warnings: list[str] = []

    def setup(self):
        if self._setup is None:
            import weasyprint  # here, not at the top: see the module docstring
            from weasyprint.text.fonts import FontConfiguration

            # The print files beside the stylesheet (it, the font) and data: URLs only (cards_pdf_guard).
            fetcher = cards_pdf_guard.print_files_only(self.stylesheet.parent)
            with warnings.catch_warnings():
                # Said when the machine has no fonts at all: ours come through @font-face.
                warnings.filterwarnings("ignore", "No fonts configured in FontConfig", UserWarning)
                font_config = FontConfiguration()
            with _weasyprint_warnings() as self._stylesheet_warnings:
                css = weasyprint.CSS(filename=str(self.stylesheet), url_fetcher=fetcher, font_config=font_config)
            self._setup = weasyprint, fetcher, font_config, css
        return self._setup

    def layout(self, html: str) -> Laid:
        weasyprint, fetcher, font_config, css = self.setup()
        with _weasyprint_warnings() as messages:
            document = weasyprint.HTML(string=with_qr_codes(html), base_url=str(self.stylesheet), url_fetcher=fetcher).render(
                stylesheets=[css], font_config=font_config, **RENDER_OPTIONS)
        # The stylesheet's own warnings are reported once, with the first document.
        messages = self._stylesheet_warnings + messages
        self._stylesheet_warnings = []
        return Laid(document, messages)

    def write(self, document) -> bytes:
        return document.write_pdf(**RENDER_OPTIONS)

    def render(self, html: str) -> Rendered:
        """One HTML document straight to a PDF."""
        laid = self.layout(html)
        return Rendered(self.write(laid.document), laid.warnings)


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
