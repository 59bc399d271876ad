"""Is a configured address one that readers of a printout or a search engine can reach?

A build without `SITE_URL`, or with one that points at this machine or a private network
(`mkdocs serve`'s `http://127.0.0.1:8000/`, `localhost`, `10.…`, a name without a dot), must
not print that address on cards or publish it as canonical links. Pure helpers; no MkDocs
imports.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".invalid", ".lan", ".home.arpa")


def is_public(url: str | None) -> bool:
    """An http(s) address whose host is a public name or a public IP address."""
    if not url:
        return False
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        return "." in host and host != "localhost" and not host.endswith(LOCAL_SUFFIXES)


def is_publishable(url: str | None) -> bool:
    """A public address served over https: what a published guide must print."""
    return is_public(url) and urlsplit(url).scheme == "https"
