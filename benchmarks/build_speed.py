"""How fast the guide builds with printable card PDFs, and how that scales with the number of cards.

Run with `make bench` (under ten minutes on two cores). All of it is measured in one run, in
temporary copies of the project (each with its own `.cache/`); data/ is never touched.

1. The real project: a clean build (empty PDF cache), a warm build (every PDF from the cache),
   a build with CARDS_PDF=0, and what one card PDF and one booklet cost, rendered in this
   process with the project's own print code (a booklet is assembled from its cards' pages,
   already laid out for their own PDFs: its cost is the cover, the contents and the writing).
2. `mkdocs serve`: after a Markdown edit, the rebuild must render no PDF.
3. Scaling: the real cards (13, the "about 12") and generated copies of them, about 120 and
   600 cards in all: the CARDS_PDF=0 and warm builds at every size, clean builds up to
   FULL_RENDER_UP_TO cards. A clean build of 600 cards (1200 card PDFs and six booklets)
   would take longer than the benchmark may, so it is extrapolated from the measured costs,
   and the output says so. Its warm build needs a full cache: a seeding build, run with
   WeasyPrint stubbed out in that copy's guide/cards/pdf.py, fills the cache with a stand-in PDF
   under every real key; the copy's code is then restored, so the warm build that is timed
   runs the project's own code and must render nothing.

The machine is shared and builds are noisy: the real project's clean build, and the CARDS_PDF=0
and warm builds (in turns) are run REPEATS times and the fastest kept (once only at the largest
size, to stay within time).

Targets: warm build <= 1.3 x the CARDS_PDF=0 build; clean build <= 4 x the CARDS_PDF=0 build
(the languages' PDFs are rendered in parallel, one process each); the cost per card about
constant (linear in the number of cards); no PDF rendered by `mkdocs serve` after a Markdown edit.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))

import sitebuild  # noqa: E402  (the tests' helper: a strict build exactly as `make build` runs it)

SIZES = (120, 600)
"""Card counts to generate, besides the real project's."""
FULL_RENDER_UP_TO = 120
WARM_TARGET = 1.3
CLEAN_TARGET = 4.0
SAMPLE = 8
REPEATS = 2
"""CARDS_PDF=0 and warm builds are timed this often (best kept), except at the largest size."""
PDF_LINE = re.compile(r"Card PDFs \((\w+)\): (\d+) files, (\d+) rendered, (\d+) from the cache")
STUB = '''

# Added by benchmarks/build_speed.py to seed this copy's cache: no WeasyPrint, a stand-in PDF.
def render_job(job, renderer):
    stand_in = Path(__file__).with_name("stand-in.pdf").read_bytes()
    missing = job.missing()
    for name in missing:
        store(job.outcome(name).path, stand_in)
    return [job.outcome(name, name in missing) for name in job.keys]
'''


def main() -> None:
    started = time.perf_counter()
    print(f"Card PDF build benchmark: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"each build a fresh `mkdocs build --strict` process")
    with tempfile.TemporaryDirectory(prefix="cards-bench-") as scratch:
        scratch = Path(scratch)
        real = real_project(scratch / "real")
        serve_check(scratch / "real")
        scaling(scratch, real)
    print(f"\nWhole benchmark: {time.perf_counter() - started:.0f} s")


def real_project(project: Path) -> dict:
    sitebuild.copy_project(project)
    cards = count_cards(project)
    print(f"\n1. The real project: {cards} cards x 2 languages, with handouts, sheets and 3 booklets per language")
    clean = min((clean_build(project) for _ in range(REPEATS)), key=lambda result: result.seconds)
    off, warm = off_and_warm(project, REPEATS)
    row(f"clean build (empty PDF cache), best of {REPEATS}", clean.seconds, f"{rendered(clean)} PDFs rendered")
    row(f"warm build (every PDF from the cache), best of {REPEATS}", warm.seconds, f"{rendered(warm)} PDFs rendered")
    row(f"build with CARDS_PDF=0, best of {REPEATS}", off.seconds)
    ratio("warm / CARDS_PDF=0", warm.seconds / off.seconds, WARM_TARGET)
    ratio("clean / CARDS_PDF=0", clean.seconds / off.seconds, CLEAN_TARGET)
    costs = pdf_costs(project)
    row(f"one card PDF (mean of {SAMPLE}, laid out and written, in this process)", costs["card"])
    row(f"assembling the booklet of all {cards} cards from laid-out pages", costs["booklet"], f"{costs['booklet'] / cards:.3f} s per card")
    row("WeasyPrint import and font setup, once per process that renders", costs["setup"])
    return {**costs, "cards": cards, "clean": clean.seconds, "warm": warm.seconds, "off": off.seconds}


def pdf_costs(project: Path) -> dict:
    """Seconds for WeasyPrint's setup, one card PDF (mean of a sample) and the booklet."""
    sys.path.insert(0, str(project / "hooks"))
    from guide.cards import model as cards_model
    from guide.cards import pdf as cards_pdf
    from guide.cards import render as cards_render
    from guide.cards import printables as printables_data
    from guide.safety import crisis_help

    cards_dir = project / "data" / "cards"
    order = cards_model.display_order(cards_dir)
    cards = cards_model.load_cards(cards_dir, ["fi", "sv"], project)
    labels = cards_model.load_labels(cards_dir, ["fi", "sv"], project)
    printables = printables_data.load(printables_data.data_path(project), ["fi", "sv"], order[0], project)
    env = cards_render.environment([str(project / "overrides")])
    urls = {card.id: f"https://vertaisryhmaopas.example.org/kortit/{card.id}/" for card in cards}
    crisis = crisis_help.load(crisis_help.data_path(project), ["fi", "sv"], project).texts["fi"]
    site = cards_pdf.PrintSite("Vertaisryhmäopas", urls, "https://vertaisryhmaopas.example.org/kortit/", crisis=crisis)
    plan = cards_pdf.plan(env, cards, "fi", labels, printables, site, order)
    renderer = cards_pdf.Renderer(cards_pdf.stylesheet_path(env))
    setup = timed(renderer.render, plan.documents[0].html) - timed(renderer.render, plan.documents[0].html)
    card_seconds = [timed(renderer.render, document.html) for document in plan.documents[1:SAMPLE + 1]]
    laid_out = {document.file_name: renderer.layout(document.html) for document in plan.documents}
    booklet = plan.booklets[0]
    return {"setup": setup, "card": sum(card_seconds) / len(card_seconds),
            "booklet": timed(cards_pdf.assemble, booklet, laid_out, renderer)}


def serve_check(project: Path) -> None:
    """Start `mkdocs serve`, edit a Markdown page, and count the PDFs its rebuild renders."""
    print("\n2. mkdocs serve, then a Markdown edit")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")), daemon=True).start()
    try:
        first = wait_for(lines, 0, "Serving on")
        print(f"   serve's first build: {sum_rendered(first)} PDFs rendered "
              "(serve's local address is not printed, so its PDFs are those of a plain build)")
        page = project / "docs" / "ohjaajalle.md"
        page.write_text(page.read_text("utf-8") + "\nLisätty kappale.\n", "utf-8")
        edited = time.perf_counter()
        count = sum_rendered(wait_for(lines, len(first), "Reloading browsers"))
        print(f"   rebuild after editing docs/ohjaajalle.md: {count} PDFs rendered, "
              f"{time.perf_counter() - edited:.1f} s to reload; target 0: {'OK' if count == 0 else 'MISSED'}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def scaling(scratch: Path, real: dict) -> None:
    print("\n3. Scaling: the real cards plus generated copies of them")
    print(f"   {'cards':>5} {'CARDS_PDF=0':>12} {'warm':>8} {'warm/off':>9} {'clean':>9}"
          f"    seconds per card: {'off':>6} {'warm':>6} {'clean':>6}")
    scaling_row(real["cards"], real["off"], real["warm"], real["clean"], "")
    measured_pdf_seconds_per_card = (real["clean"] - real["warm"]) / real["cards"]
    for size in SIZES:
        project = sitebuild.copy_project(scratch / f"cards-{size}")
        cards = add_generated_cards(project, size)
        if cards <= FULL_RENDER_UP_TO:
            clean, note = build(project).seconds, ""
            off, warm = off_and_warm(project, REPEATS)
            measured_pdf_seconds_per_card = (clean - warm.seconds) / cards
        else:
            seeding = seed(project)
            off, warm = off_and_warm(project, 1)
            # Linear in the cards: the PDF seconds per card of the largest size rendered in full.
            clean = warm.seconds + cards * measured_pdf_seconds_per_card
            note = (f"  <- clean EXTRAPOLATED: warm + {measured_pdf_seconds_per_card:.3f} s of PDFs per card, as measured "
                    f"at {FULL_RENDER_UP_TO} cards (cache seeded with stand-ins in {seeding:.0f} s)")
        assert rendered(warm) == 0, f"the warm build of {cards} cards rendered PDFs"
        scaling_row(cards, off.seconds, warm.seconds, clean, note)
    print(f"   Targets: warm/off <= {WARM_TARGET}; clean/off <= {CLEAN_TARGET} (the real project); seconds per card about constant, i.e. linear in the number of cards.")


def clean_build(project: Path) -> sitebuild.Build:
    """A build with an empty PDF cache."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return build(project)


def off_and_warm(project: Path, repeats: int) -> tuple[sitebuild.Build, sitebuild.Build]:
    """The fastest of `repeats` CARDS_PDF=0 and warm builds, run in turns so load drifts even out."""
    offs, warms = [], []
    for _ in range(repeats):
        offs.append(build(project, CARDS_PDF="0"))
        warms.append(build(project))
    return min(offs, key=lambda b: b.seconds), min(warms, key=lambda b: b.seconds)


def scaling_row(cards: int, off: float, warm: float, clean: float, note: str) -> None:
    print(f"   {cards:>5} {off:>10.1f} s {warm:>6.1f} s {warm / off:>9.2f} {clean:>7.1f} s"
          f"                      {off / cards:>6.3f} {warm / cards:>6.3f} {clean / cards:>6.3f}{note}")


def add_generated_cards(project: Path, total: int) -> int:
    """Copies of the real cards, with their own id, order and titles, up to `total` cards."""
    cards_dir = project / "data" / "cards"
    real = [yaml.safe_load(path.read_text("utf-8")) for path in sorted(cards_dir.glob("*.yml"))]
    last_order = {card["model"]: 0 for card in real}
    for card in real:
        last_order[card["model"]] = max(last_order[card["model"]], card["order"])
    for number in range(1, total - len(real) + 1):
        card = yaml.safe_load(yaml.safe_dump(real[number % len(real)]))
        card["id"] = f"{card['id']}-kopio-{number}"
        last_order[card["model"]] = card["order"] = last_order[card["model"]] + 1
        for locale in ("fi", "sv"):
            card[locale]["title"] += f" {number}"
        (cards_dir / f"{card['id']}.yml").write_text(yaml.safe_dump(card, allow_unicode=True, sort_keys=False), "utf-8")
    return count_cards(project)


def seed(project: Path) -> float:
    """Fill the copy's PDF cache with a stand-in PDF under every real key; return the seconds."""
    module = project / "hooks" / "guide" / "cards" / "pdf.py"
    original = module.read_text("utf-8")
    stand_in = next((project.parent / "real" / ".cache" / "cards-pdf" / "fi").glob("raha.*.pdf"))
    module.with_name("stand-in.pdf").write_bytes(stand_in.read_bytes())
    module.write_text(original + STUB, "utf-8")
    try:
        return build(project).seconds
    finally:
        module.write_text(original, "utf-8")


def build(project: Path, **env: str) -> sitebuild.Build:
    result = sitebuild.build(project, project.parent / f"site-{project.name}", **env)
    if result.returncode != 0:
        sys.exit(f"The build of {project} failed:\n{result.log}")
    return result


def count_cards(project: Path) -> int:
    return len(list((project / "data" / "cards").glob("*.yml")))


def rendered(result: sitebuild.Build) -> int:
    return sum_rendered(result.log.splitlines())


def sum_rendered(lines: list[str]) -> int:
    return sum(int(match[3]) for line in lines if (match := PDF_LINE.search(line)))


def wait_for(lines: list[str], start: int, marker: str, timeout: float = 300) -> list[str]:
    """The server's log lines from `start` on, once one of them contains `marker`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(marker in line for line in lines[start:]):
            return lines[start:]
        time.sleep(0.2)
    sys.exit(f"mkdocs serve logged no {marker!r} within {timeout} s:\n" + "".join(lines))


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def row(label: str, seconds: float, note: str = "") -> None:
    print(f"   {label:<64} {seconds:7.2f} s" + (f"   ({note})" if note else ""))


def ratio(label: str, value: float, target: float) -> None:
    print(f"   {label:<64} {value:7.2f}     target <= {target}: {'OK' if value <= target else 'MISSED'}")


if __name__ == "__main__":
    main()
