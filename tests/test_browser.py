"""In a real browser: every page is accessible, private and whole, in both languages."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from pages import html_pages

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}
# Every page is checked at desktop width; at phone width, one page of each kind per language.
PHONE_SAMPLE = ["", "vahvistin/askeleet/", "kortit/", "kortit/raha/", "404.html"]
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Visit:
    violations: list = field(default_factory=list)
    other_hosts: list = field(default_factory=list)
    missing: list = field(default_factory=list)


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path:
        return path
    message = "Browser tests need Debian's chromium: sudo apt-get install chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def origin(site):
    """The built site served over HTTP on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def visits(browser, origin, site) -> dict[str, Visit]:
    """Every built page at desktop width, and a sample at phone width, with axe run on each."""
    from axe_playwright_python.sync_playwright import Axe

    axe, results = Axe(), {}
    phone_pages = PHONE_SAMPLE + [f"sv/{url}" for url in PHONE_SAMPLE]
    for width, pages in (("desktop", html_pages(site)), ("phone", phone_pages)):
        context = browser.new_context(viewport=VIEWPORTS[width])
        for url in pages:
            results[f"{width} /{url}"] = _visit(context.new_page(), origin, url, axe)
        context.close()
    return results


def _visit(page, origin: str, url: str, axe) -> Visit:
    visit = Visit()
    page.on("request", lambda request: _note_host(visit, origin, request.url))
    page.on("response", lambda response: response.status == 404 and visit.missing.append(response.url))
    page.goto(origin + url, wait_until="load")
    visit.violations = [
        f"{v['id']}: {node['target']}" for v in axe.run(page, options=WCAG_AA).response["violations"]
        for node in v["nodes"]
    ]
    page.close()
    return visit


def _note_host(visit: Visit, origin: str, url: str) -> None:
    if urlsplit(url).scheme in ("http", "https") and not url.startswith(origin):
        visit.other_hosts.append(url)


def test_every_page_has_no_axe_wcag_aa_violations(visits):
    """axe-core finds 0 WCAG 2.1 A/AA violations on any page."""
    assert {page: v.violations for page, v in visits.items() if v.violations} == {}


def test_no_page_contacts_another_host(visits):
    """Opening any page sends no request to another host."""
    assert {page: v.other_hosts for page, v in visits.items() if v.other_hosts} == {}


def test_no_page_requests_a_missing_file(visits):
    """Opening any page (other than a 404 page itself) requests nothing that 404s."""
    missing = {page: v.missing for page, v in visits.items() if v.missing and not page.endswith("404.html")}
    assert missing == {}


def test_language_switcher_opens_the_swedish_twin(browser, origin):
    """Choosing Svenska on a Finnish page opens the same page in Swedish."""
    page = browser.new_page()
    page.goto(origin + "vahvistin/askeleet/")
    page.locator(".md-select").first.hover()
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url(origin + "sv/vahvistin/askeleet/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.close()


@pytest.mark.parametrize(
    "start, query, own",
    [("sv/", "kamratstöd", lambda path: path.startswith("/sv/")),
     ("", "vertaisryhmä", lambda path: not path.startswith("/sv/"))],
)
def test_search_finds_only_pages_in_the_language_searched(browser, origin, start, query, own):
    """Searching on /sv/ finds Swedish pages only; searching on / finds Finnish pages only."""
    page = browser.new_page()
    page.goto(origin + start)
    page.locator(".md-search__input").first.click()
    _search(page, query)
    hrefs = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    page.close()
    paths = [urlsplit(href).path for href in hrefs]
    assert paths and all(own(path) for path in paths), paths


def test_keyboard_user_can_skip_to_content(browser, origin):
    """The first Tab stop is a visible 'skip to content' link in the page's language."""
    page = browser.new_page()
    page.goto(origin + "sv/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.close()
    assert focused == "Gå till innehållet"


def _search(page, query: str, attempts: int = 30) -> None:
    """Type `query` until results show: Material drops queries typed before its index is ready."""
    for _ in range(attempts):
        page.locator(".md-search__input").fill("")
        page.keyboard.type(query)
        page.wait_for_timeout(1000)
        if page.locator(".md-search-result__item").count():
            return
    raise AssertionError(f"no search results for {query!r}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
