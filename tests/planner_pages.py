"""Opening the planner from a share link, shared by the planner's browser tests."""

from __future__ import annotations


def open_link(page, origin: str, fragment: str, root: str = "") -> None:
    """Opens the planner of the language at `root` with the plan in `fragment`, and waits until it
    shows the plan or the link's problems."""
    page.goto(f"{origin}{root}suunnittelu/#{fragment}")
    page.locator("#planner:not([hidden])").wait_for()
    page.locator('[data-part="plan"]:not([hidden]), [data-part="problems"]:not([hidden])').first.wait_for()
