"""What the site search costs and how well it finds: run with `make bench`.

Builds the project once (CARDS_PDF=0, as published) into a temporary folder, serves it on a
loopback port and drives Debian's Chromium:

1. Bytes fetched by a page view without a search (a content page and a card page per
   language), and how many of them are the search's (target: 0).
2. Bytes the first search fetches (Pagefind's script, WebAssembly, index chunks, vocabulary).
3. Hit rate per language: the evaluation sets in tests/data/search/ typed into the dialog,
   the expected page among the first five (target: >= 90%, none from the other language):
   the inflected single words (<locale>.yml, kept at 100%) and the readers' questions
   (questions-<locale>.yml: organisers, HR staff, participants, translators; whole questions,
   task words, typos), with the misses listed.
4. Crisis recall per language: the phrasings of tests/data/search/crisis-<locale>.yml typed
   into the dialog, the crisis help shown (target: 100%); and how many of the evaluation
   queries show it too (not a target: when in doubt the help is shown).
5. Time from the last keystroke to the results shown (median and slowest of the evaluation
   queries, the dialog's 120 ms typing pause included; the first search, which loads the
   index, separately).
6. Indexing: the Voikko markers and Pagefind, rerun in this process on the built site.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

PROJECT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(PROJECT / "tests"), str(PROJECT / "hooks")]

from guide.search import compounds as search_compounds  # noqa: E402
from guide.search import pagefind as search_pagefind  # noqa: E402
from guide.search import words as search_words  # noqa: E402
import sitebuild  # noqa: E402

ROOTS = {"fi": "", "sv": "sv/"}
PAGE_VIEWS = ["", "kortit/raha/", "sv/", "sv/kortit/raha/"]
SEARCH_FILES = ("/pagefind/", "/assets/search/")
TIMED = """async (query) => {
  const input = document.querySelector('#site-search-input'), list = document.querySelector('[data-site-search-results]');
  const started = performance.now();
  input.value = query; input.dispatchEvent(new Event('input', {bubbles: true}));
  while (list.dataset.query !== query) await new Promise((resolve) => setTimeout(resolve, 2));
  const crisis = !document.querySelector('[data-site-search-crisis]').hidden;
  return [performance.now() - started, [...list.querySelectorAll('.site-search__link')].map((a) => new URL(a.href).pathname), crisis];
}"""



def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build = sitebuild.build(sitebuild.PROJECT, site, CARDS_PDF="0", **sitebuild.PUBLIC)
        if build.returncode:
            sys.exit(build.log)
        print(f"Build (CARDS_PDF=0, both languages, search included): {build.seconds:.1f} s")
        with sitebuild.served(site) as origin:
            _in_browser(origin)
        _indexing(site)


def _in_browser(origin: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        print("\nPage views without a search (bytes as served, uncompressed):")
        for url in PAGE_VIEWS:
            page, sizes = _page(browser, origin + url)
            search = sum(size for path, size in sizes if path.startswith(SEARCH_FILES))
            print(f"  /{url:<18} {sum(size for _, size in sizes):>8} bytes in {len(sizes):>2} files; search files: {search} bytes")
            page.close()
        for locale, root in ROOTS.items():
            _evaluate(browser, origin, locale, root)
        browser.close()


def _page(browser, url: str):
    page, sizes = browser.new_page(), []
    page.on("requestfinished", lambda request: sizes.append((urlsplit(request.url).path, _size(request))))
    page.goto(url, wait_until="networkidle")
    return page, sizes


def _size(request) -> int:
    response = request.response()
    try:
        return len(response.body()) if response else 0
    except Exception:  # a redirect or an aborted request has no body
        return 0


def _evaluate(browser, origin: str, locale: str, root: str) -> None:
    queries = _data(f"{locale}.yml")
    questions = _data(f"questions-{locale}.yml")
    phrasings = _data(f"crisis-{locale}.yml")
    page, sizes = _page(browser, origin + root)
    before = len(sizes)
    page.click("[data-site-search-open]")
    first_ms, *_ = page.evaluate(TIMED, "ryhmä" if locale == "fi" else "grupp")
    page.wait_for_load_state("networkidle")
    fetched = [(path, size) for path, size in sizes[before:] if path.startswith(SEARCH_FILES)]
    times, hits, foreign, alarms, inflected_missed = [], 0, 0, 0, []
    for item in queries:
        ms, paths, crisis = page.evaluate(TIMED, item["q"])
        times.append(ms)
        hit = f"/{root}{item['page']}" in paths[:5]
        hits += hit
        inflected_missed += [] if hit else [item["q"]]
        foreign += sum(path.startswith("/sv/") != (locale == "sv") for path in paths)
        alarms += crisis and bool(paths)
    missed = []
    for item in questions:
        ms, paths, _ = page.evaluate(TIMED, item["q"])
        times.append(ms)
        if not any(f"/{root}{wanted.lstrip('/')}" in paths[:5] for wanted in item["pages"]):
            missed.append(f"{item['q']} ({item['who']})")
    recalled = [page.evaluate(TIMED, query)[2] for query in phrasings]
    page.close()
    print(f"\nSearch in {locale} (/{root}):")
    print(f"  first search fetched {sum(size for _, size in fetched)} bytes in {len(fetched)} files "
          f"({', '.join(sorted({Path(path).name.split('_')[0] for path, _ in fetched})[:6])} …); "
          f"results {first_ms:.0f} ms after the first keystroke")
    print(f"  inflected words: {hits}/{len(queries)} = {hits / len(queries):.0%} in the top five (target >= 90%); "
          f"results from the other language: {foreign}"
          + (f"; missed: {', '.join(inflected_missed)}" if inflected_missed else ""))
    found = len(questions) - len(missed)
    print(f"  readers' questions: {found}/{len(questions)} = {found / len(questions):.0%} in the top five (target >= 90%)"
          + (f"; missed: {', '.join(missed)}" if missed else ""))
    print(f"  crisis recall: {sum(recalled)}/{len(phrasings)} = {sum(recalled) / len(phrasings):.0%} (target 100%); "
          f"crisis help above the results of {alarms} of the {len(queries)} evaluation queries")
    print(f"  keystroke to results: median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms "
          f"(120 ms typing pause included)")


def _data(name: str) -> list:
    return yaml.safe_load((PROJECT / "tests" / "data" / "search" / name).read_text("utf-8"))


def _indexing(site: Path) -> None:
    started = time.perf_counter()
    analyses = {"fi": search_words.voikko_analyses("fi"), "sv": search_compounds.analyses("sv")}
    vocabularies, pages = {"fi": {}, "sv": {}}, []
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        locale = "sv" if relative.startswith("sv/") else "fi"
        html = search_words.with_markers(path.read_text("utf-8"), analyses[locale], vocabularies[locale])
        pages.append(search_pagefind.Page(relative, html))
    marked = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        search_pagefind.index(Path(folder), pages)
        size = sum(path.stat().st_size for path in Path(folder, search_pagefind.OUTPUT).rglob("*") if path.is_file())
    done = time.perf_counter()
    long_words = [word for word in vocabularies["sv"] if len(word) >= search_compounds.MIN_WORD and word.isalpha()]
    split = [word for word in long_words if vocabularies["sv"][word]]
    print(f"\nSwedish compounds split with Hunspell sv_FI (both parts dictionary words): {len(split)} of the "
          f"{len(long_words)} words of {search_compounds.MIN_WORD}+ letters, e.g. "
          + ", ".join(f"{word} = {' + '.join(vocabularies['sv'][word])}" for word in split[:4]))
    print(f"Indexing {len(pages)} pages: Voikko and Hunspell markers {marked - started:.2f} s, Pagefind {done - marked:.2f} s; "
          f"bundle {size // 1024} KB on disk (both languages; a search fetches only part of one)")


if __name__ == "__main__":
    main()
