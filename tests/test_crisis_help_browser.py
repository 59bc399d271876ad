"""In a real browser at phone size: the front page's first screen holds its heading, the sentence
on what the guide is for and the crisis numbers as tel: links; the task buttons follow."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
# The `browser` and `origin` fixtures are in conftest.py, shared with the other browser tests.

PHONE = {"width": 390, "height": 844}

# Where the parts of the front page end, in CSS px from the top of the window, and whether each
# tel: link is the element a tap at its centre reaches (nothing covers it).
FIRST_SCREEN = """() => {
  const article = document.querySelector('article');
  const box = (e) => e.getBoundingClientRect();
  const help = article.querySelector('aside.crisis-help');
  const tels = [...help.querySelectorAll('a[href^="tel:"]')];
  return {
    heading: box(article.querySelector('h1')).bottom,
    purpose: box(article.querySelector('h1 + p')).bottom,
    help_top: box(help).top,
    tels: tels.map((a) => box(a).bottom),
    tappable: tels.every((a) => { const r = a.getClientRects()[0];
      return a.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); }),
    buttons: box(article.querySelector('.task-links')).top,
  };
}"""


@pytest.mark.parametrize("prefix", ["", "sv/"], ids=["fi", "sv"])
def test_front_page_first_phone_screen_has_heading_purpose_and_crisis_numbers(browser, origin, prefix):
    """At 390 x 844 the heading, the purpose sentence and every crisis tel: link end above 844 px,
    in that order, and the four task buttons come after the crisis help."""
    page = browser.new_page(viewport=PHONE)
    page.goto(origin + prefix, wait_until="load")
    seen = page.evaluate(FIRST_SCREEN)
    page.close()
    assert len(seen["tels"]) >= 3 and seen["tappable"], seen
    assert max(seen["heading"], seen["purpose"], *seen["tels"]) < PHONE["height"], seen
    assert seen["heading"] < seen["purpose"] <= seen["help_top"] < seen["buttons"], seen
