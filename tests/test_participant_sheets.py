"""Every sheet a participant takes home (handouts, the voting sheet, the feedback form) carries
the crisis numbers of its language, said to the participant, and in a public build the address
and a QR code of the participants' page in the same language. The sheets are found in the
build's own print plan, so a new kind of sheet cannot leave the band out unnoticed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from guide.cards import model as cards_model
from guide.cards import pdf as cards_pdf
from guide.cards import render as cards_render
from guide.safety import crisis_help as crisis_help_data
import system_tools
from pages import soup
from qr import qr_codes
from sitebuild import PROJECT
from test_cards_pdf import CARDS, LABELS, PRINTABLES, ROOTS, compact
from test_printables import pdf_file

LOCALES = ["fi", "sv"]
HELP = crisis_help_data.load(crisis_help_data.data_path(PROJECT), LOCALES, PROJECT)
ORDER = cards_model.display_order(PROJECT / "data" / "cards")
ENV = cards_render.environment([str(PROJECT / "overrides")])
OWN_LINE = {"fi": "+358925250111", "sv": "+358925250112"}
"""The MIELI crisis line that answers in the sheet's language (data/crisis-help.yml)."""


def print_plan(locale: str, participant_url: str | None = None) -> cards_pdf.PrintPlan:
    """The language's print plan, made as the build makes it (without card addresses)."""
    site = cards_pdf.PrintSite("Opas", {}, None, crisis=HELP.texts[locale], participant_url=participant_url)
    return cards_pdf.plan(ENV, CARDS, locale, LABELS, PRINTABLES, site, ORDER)


def participant_sheets(locale: str) -> list[str]:
    return [document.file_name for document in print_plan(locale).documents if document.for_participants]


SHEETS = [(locale, name) for locale in LOCALES for name in participant_sheets(locale)]


def pdftotext(path: Path) -> str:
    """The PDF's text as poppler's pdftotext reads it, without whitespace."""
    program = system_tools.required(shutil.which("pdftotext"), "Debian's poppler-utils: sudo apt-get install poppler-utils")
    return "".join(subprocess.run([program, str(path), "-"], capture_output=True, text=True, check=True).stdout.split())


@pytest.mark.parametrize("locale", LOCALES)
def test_plan_marks_every_handout_and_sheet_for_participants(locale):
    """The handouts, the voting sheet and the feedback form are the plan's participant sheets; cards are not."""
    texts, handout = PRINTABLES[locale], LABELS[locale]["pdf"]["handout_file"]
    expected = {f"{card.id}-{handout}.pdf" for card in CARDS if card.texts[locale].handout}
    expected |= {f"{texts['voting_sheet']['pdf_file']}.pdf", f"{texts['feedback']['pdf_file']}.pdf"}
    assert set(participant_sheets(locale)) == expected


@pytest.mark.parametrize("locale", LOCALES)
def test_plan_names_every_pdf_the_build_makes(site, locale):
    """The plan the sheets are found in is the build's: the same PDFs, no more, no fewer."""
    plan = print_plan(locale)
    built = {path.name for path in (site / ROOTS[locale] / "kortit").glob("*.pdf")}
    assert built == {document.file_name for document in plan.documents} | {booklet.file_name for booklet in plan.booklets}


@pytest.mark.parametrize("locale, name", SHEETS, ids=[f"{locale}-{name}" for locale, name in SHEETS])
def test_participant_sheet_has_crisis_numbers_and_a_qr_code_of_the_participants_page(site, tmp_path, locale, name):
    """pdftotext finds the band's words, 112 and the language's crisis line; zbarimg decodes the
    QR code on the band's page to the participants' page in the sheet's language."""
    path = pdf_file(site, locale, name)
    text, help_ = pdftotext(path), HELP.texts[locale]
    assert compact(help_["sheet_heading"]) in text
    for line in help_["lines"]:
        assert compact(line["number"]) in text, f"{name}: {line['number']} missing"
    assert "112" in text and compact(next(line["number"] for line in help_["lines"] if line["tel"] == OWN_LINE[locale])) in text
    participants = soup(site, ROOTS[locale] + "osallistujalle/")
    address = participants.find("link", rel="canonical")["href"]
    assert participants.html["lang"] == locale
    assert address in text
    assert qr_codes(path, tmp_path, page=len(PdfReader(path).pages)) == [address]


@pytest.mark.parametrize("locale", LOCALES)
def test_sheets_without_a_public_address_still_have_the_numbers(locale):
    """Without a public address the band has the numbers, but no address and no QR code."""
    for document in print_plan(locale).documents:
        if document.for_participants:
            assert "participant-band" in document.html
            assert "tel:112" in document.html and f"tel:{OWN_LINE[locale]}" in document.html
            assert "https://" not in document.html and "[[qr:" not in document.html, document.file_name


def test_participant_page_is_the_one_the_data_names():
    """data/crisis-help.yml names the participants' page, and it exists in every language."""
    assert HELP.participant_page == "osallistujalle.md"
    assert (PROJECT / "docs" / HELP.participant_page).is_file() and (PROJECT / "docs_sv" / HELP.participant_page).is_file()
