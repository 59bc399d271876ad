"""Read a built site as a reader's browser would: pages, their language and their links."""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

LOCAL_ORIGIN = "http://site.local/"


def html_pages(site: Path) -> list[str]:
    """Every built HTML page as a site-relative URL path (`vahvistin/`, `sv/404.html`)."""
    return sorted(_url_of(path.relative_to(site)) for path in site.rglob("*.html"))


@cache
def soup(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(file_of(site, url_path).read_text("utf-8"), "html.parser")


def file_of(site: Path, url_path: str) -> Path:
    path = site / urlsplit(url_path).path.lstrip("/")
    return path / "index.html" if url_path.endswith("/") or url_path == "" else path


def resolve(url_path: str, href: str) -> str:
    """A link on the page at `url_path`, as a site-relative path ('' for outside links)."""
    absolute = urljoin(LOCAL_ORIGIN + url_path, href)
    if not absolute.startswith(LOCAL_ORIGIN):
        return ""
    return urlsplit(absolute).path.lstrip("/")


def is_swedish(url_path: str) -> bool:
    return url_path.startswith("sv/")


def twin_of(url_path: str) -> str:
    return url_path.removeprefix("sv/") if is_swedish(url_path) else f"sv/{url_path}"


def _url_of(relative: Path) -> str:
    posix = PurePosixPath(relative.as_posix())
    return "" if str(posix) == "index.html" else (
        f"{posix.parent}/" if posix.name == "index.html" else str(posix)
    )
