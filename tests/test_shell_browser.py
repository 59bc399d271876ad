"""In a real browser: the page shell works by keyboard at phone and desktop widths."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
# The `browser` and `origin` fixtures are in conftest.py, shared with the other browser tests.

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGE_TYPES = ["", "vahvistin/askeleet/", "kortit/", "kortit/raha/", "suunnittelu/", "404.html"]
MAX_TABS = 80
TRANSITION_MS = 350
"""Material slides the drawer and its submenus in 0.25 s."""

# What the focused element is, and whether a reader can see it: a box of its own inside the
# window, not hidden, and not covered by something else at its centre.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return {body: true};
  const r = e.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const seen = r.width >= 1 && r.height >= 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth
    && r.top < innerHeight && e.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && !!hit && (hit === e || e.contains(hit) || hit.contains(e));
  const name = (e.getAttribute("aria-label") || e.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50);
  return {body: false, seen, what: `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} "${name}"`,
          inDrawer: !!e.closest("#site-menu")};
}"""


def _page(browser, origin: str, url: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    page.goto(origin + url, wait_until="load")
    return page


def _tab(page, key: str = "Tab") -> dict:
    """Press `key`; what has the focus, looked at again once a transition (the skip link fading
    in, a submenu sliding in) has had time to end."""
    page.keyboard.press(key)
    focused = page.evaluate(FOCUSED)
    if not focused["body"] and not focused["seen"]:
        page.wait_for_timeout(TRANSITION_MS)
        focused = page.evaluate(FOCUSED)
    return focused


@pytest.mark.parametrize("prefix", ["", "sv/"])
@pytest.mark.parametrize("url", PAGE_TYPES)
def test_tabbing_at_phone_width_never_lands_on_something_unseen(browser, origin, prefix, url):
    """At 390 px every Tab stop from the top of the page to its end is something the reader sees."""
    page = _page(browser, origin, prefix + url, PHONE)
    unseen, stops = [], 0
    for _ in range(MAX_TABS):
        focused = _tab(page)
        if focused["body"]:
            break
        stops += 1
        if not focused["seen"]:
            unseen.append(focused["what"])
    page.close()
    assert stops > 3
    assert unseen == []


@pytest.mark.parametrize("prefix, menu", [("", "Valikko"), ("sv/", "Meny")])
def test_menu_opens_and_closes_by_keyboard_at_phone_width(browser, origin, prefix, menu):
    """At 390 px: Tab to the menu button, Enter opens the drawer with the focus in it, every Tab
    stays in the open drawer on something seen, Escape closes it and the focus returns."""
    page = _page(browser, origin, prefix + "vahvistin/askeleet/", PHONE)
    button = page.locator("[data-shell-menu]")
    for _ in range(5):
        if page.evaluate("document.activeElement.matches('[data-shell-menu]')"):
            break
        _tab(page)
    assert button.get_attribute("aria-label") == menu and button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_timeout(TRANSITION_MS)
    assert button.get_attribute("aria-expanded") == "true"
    first = page.evaluate(FOCUSED)
    assert first["inDrawer"] and first["seen"], first
    walked = [_tab(page) for _ in range(30)]
    stops = [stop for stop in walked if not stop["body"]]
    assert stops and all(stop["inDrawer"] and stop["seen"] for stop in stops), [s for s in stops if not (s["inDrawer"] and s["seen"])]
    page.keyboard.press("Escape")
    page.wait_for_timeout(TRANSITION_MS)
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('[data-shell-menu]')")
    assert page.evaluate("document.getElementById('site-menu').inert")
    page.close()


@pytest.mark.parametrize("prefix, back", [("", "Takaisin"), ("sv/", "Tillbaka")])
def test_a_menu_section_opens_and_closes_by_keyboard(browser, origin, prefix, back):
    """In the phone menu, Enter on a section's button shows its pages with the focus on the
    first; its title takes the reader back (Space), to the button that opened it."""
    page = _page(browser, origin, prefix, PHONE)
    page.locator("[data-shell-menu]").click()
    page.wait_for_timeout(TRANSITION_MS)
    opener = page.locator("#site-menu label.md-nav__link[for^='__nav_']").first  # the first section (Vahvistin)
    section = opener.get_attribute("for")
    opener.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(TRANSITION_MS)
    inside = page.evaluate(FOCUSED)
    assert inside["seen"] and inside["what"].startswith("a.md-nav__link"), inside
    title = _tab(page, "Shift+Tab")
    assert title["seen"] and f'"{back}:' in title["what"], title
    page.keyboard.press(" ")
    page.wait_for_timeout(TRANSITION_MS)
    assert page.evaluate("document.activeElement.getAttribute('for')") == section
    assert page.evaluate(FOCUSED)["seen"]
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("url", ["", "sv/kortit/", "kortit/raha/", "sv/404.html"])
def test_shell_targets_are_at_least_24_px(browser, origin, viewport, url):
    """Every shown link and button of the header, the menu, the footer, the task links and the
    card index's file links is at least 24 x 24 px (WCAG 2.2, 2.5.8)."""
    page = _page(browser, origin, url, viewport)
    small = page.evaluate("""() => [...document.querySelectorAll(
        '.md-header a, .md-header button, .md-sidebar a, .md-sidebar label[tabindex], .md-footer a,'
        + ' .md-button, a.card-index__file, .card-pager a, .not-found__search button, .not-found__search input')]
      .filter((e) => e.checkVisibility() && !e.closest('[inert], dialog:not([open])'))
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([e, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
      .map(([e, r]) => `${e.tagName} "${(e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`)""")
    page.close()
    assert small == []


def test_skip_link_shows_below_the_header_not_over_the_logo(browser, origin):
    """At desktop width the focused skip link does not cover the header's logo."""
    page = _page(browser, origin, "", DESKTOP)
    page.keyboard.press("Tab")
    page.wait_for_timeout(TRANSITION_MS)
    skip, logo = (page.locator(selector).bounding_box() for selector in (".md-skip", ".md-header .md-logo"))
    page.close()
    assert skip["y"] >= logo["y"] + logo["height"] or skip["x"] >= logo["x"] + logo["width"]
