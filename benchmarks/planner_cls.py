"""The planner page's layout shift: run with `make bench`.

Builds the project once (CARDS_PDF=0) into a temporary folder, serves it on a loopback port and
opens the planner in Debian's Chromium as a phone (390x844, 4x slower CPU, as Lighthouse's
mobile run throttles it), in both languages, empty and from a share link of 12 meetings. The
page's layout shifts are summed from a PerformanceObserver('layout-shift', buffered) that a
script added before any page script reads once the page has settled (target: < 0.1, the
"good" limit of Core Web Vitals). It also counts the planner's stylesheet and script fetched
by a page that is not the planner (target: 0).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(PROJECT / "tests")]

import sitebuild  # noqa: E402

PLAN = "#model=kokemus-voimavaraksi&start=2027-02-02T17:30&every=7&place=J%C3%A4rjest%C3%B6talo"
VIEWS = [("fi, empty", "suunnittelu/"), ("fi, share link", "suunnittelu/" + PLAN),
         ("sv, empty", "sv/suunnittelu/"), ("sv, share link", "sv/suunnittelu/" + PLAN)]
OTHER_PAGES = ["", "kortit/raha/", "sv/"]
# Sums every layout shift not caused by input, from the first one buffered before this ran.
RECORD_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""



def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build = sitebuild.build(sitebuild.PROJECT, site, CARDS_PDF="0", **sitebuild.PUBLIC)
        if build.returncode:
            sys.exit(build.log)
        with sitebuild.served(site) as origin:
            _measure(origin)


def _measure(origin: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        print("\nPlanner layout shift (CLS, 390x844, CPU x4; target < 0.1):")
        for name, path in VIEWS:
            shifts = [_shift(browser, origin + path) for _ in range(3)]
            print(f"  {name:<16} worst of 3: {max(shifts):.3f}   runs: {', '.join(f'{s:.3f}' for s in shifts)}")
        print("\nPlanner files fetched by other pages (target: 0):")
        for path in OTHER_PAGES:
            print(f"  /{path:<15} {_planner_files(browser, origin + path)}")
        browser.close()


def _shift(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(2500)
    value = page.evaluate("window.__shift")
    context.close()
    return value


def _planner_files(browser, url: str) -> int:
    page = browser.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(url, wait_until="networkidle")
    page.close()
    return sum(1 for address in fetched if "/planner" in address or address.endswith("kortit.json"))


if __name__ == "__main__":
    main()
