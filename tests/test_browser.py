"""In a real browser: every page is accessible, private and whole, in both languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from pages import html_pages

pytestmark = pytest.mark.browser
# The `browser` and `origin` fixtures are in conftest.py, shared with the other browser tests.

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}
# Every page is checked at desktop width; at phone width, one page of each kind per language.
PHONE_SAMPLE = ["", "vahvistin/askeleet/", "kortit/", "kortit/raha/", "404.html"]


# Collects every Content-Security-Policy violation the page reports, from its first script on.
RECORD_POLICY_VIOLATIONS = """
window.__policyViolations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.__policyViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
"""


@dataclass
class Visit:
    violations: list = field(default_factory=list)
    other_hosts: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    policy_violations: list = field(default_factory=list)


@pytest.fixture(scope="session")
def visits(browser, origin, site) -> dict[str, Visit]:
    """Every built page at desktop width, and a sample at phone width, with axe run on each."""
    from axe_playwright_python.sync_playwright import Axe

    axe, results = Axe(), {}
    phone_pages = PHONE_SAMPLE + [f"sv/{url}" for url in PHONE_SAMPLE]
    for width, pages in (("desktop", html_pages(site)), ("phone", phone_pages)):
        context = browser.new_context(viewport=VIEWPORTS[width])
        context.add_init_script(RECORD_POLICY_VIOLATIONS)
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
    visit.policy_violations = page.evaluate("window.__policyViolations")
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


def test_no_page_breaks_its_content_security_policy(visits):
    """No page, 404 pages included, does anything its Content-Security-Policy blocks."""
    assert {page: v.policy_violations for page, v in visits.items() if v.policy_violations} == {}


def test_no_page_requests_a_missing_file(visits):
    """Opening any page (other than a 404 page itself) requests nothing that 404s."""
    missing = {page: v.missing for page, v in visits.items() if v.missing and not page.endswith("404.html")}
    assert missing == {}


def test_language_switcher_opens_the_swedish_twin(browser, origin):
    """Choosing "På svenska" on a Finnish page opens the same page in Swedish."""
    page = _policed_page(browser)
    page.goto(origin + "vahvistin/askeleet/")
    page.get_by_role("link", name="På svenska").click()
    page.wait_for_url(origin + "sv/vahvistin/askeleet/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.evaluate("window.__policyViolations") == []
    page.close()


# The search's own browser tests are in test_search_browser.py.


def test_keyboard_user_can_skip_to_content(browser, origin):
    """The first Tab stop is a visible 'skip to content' link in the page's language."""
    page = browser.new_page()
    page.goto(origin + "sv/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.close()
    assert focused == "Gå till innehållet"


def test_content_security_policy_blocks_an_injected_script(browser, origin, site):
    """A script slipped into a built page does not run: the page's policy blocks it and says so."""
    html = (site / "kortit" / "raha" / "index.html").read_text("utf-8")
    injected = html.replace("</h1>", '</h1><script>document.title = "injected"</script>', 1)
    page = _policed_page(browser)
    page.route(origin + "kortit/raha/", lambda route: route.fulfill(body=injected, content_type="text/html"))
    page.goto(origin + "kortit/raha/")
    assert page.title() != "injected"
    assert any(v.startswith("script-src") for v in page.evaluate("window.__policyViolations"))
    page.close()


def _policed_page(browser):
    """A new page that records the policy violations it reports."""
    page = browser.new_page()
    page.add_init_script(RECORD_POLICY_VIOLATIONS)
    return page
