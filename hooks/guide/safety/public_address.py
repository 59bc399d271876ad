"""Is a configured address one that readers of a printout or a search engine can reach?

A build without `SITE_URL`, or with one that points at this machine or a private network
(`mkdocs serve`'s `http://127.0.0.1:8000/`, `localhost`, `10.…`, a name without a dot), must
not print that address on cards or publish it as canonical links. The address is read as a
browser reads it (the WHATWG URL standard), not as Python's `urlsplit` does: an IPv4 host may
be written `127.1`, `0x7f.0.0.1`, `0177.0.0.1` or `2130706433`, an IPv6 host may map an IPv4
one, and a `\\` counts as `/`. An address with a user name or password (it would be printed in
every PDF and QR code), a query, a fragment, a bad port or characters a URL cannot hold is
refused outright. Pure helpers; no MkDocs imports.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".invalid", ".lan", ".home.arpa")
FORBIDDEN = re.compile(r"[\x00-\x20\x7f\\\"'<>^`{|}]")
"""Characters that browsers would change, or that a printed address cannot carry as written."""
HOST_NAME = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*", re.IGNORECASE)


def is_public(url: str | None) -> bool:
    """An http(s) address, with nothing but a path after its host, whose host is a public
    name or a public IP address."""
    parts = _parts(url)
    return parts is not None and _public_host(parts.hostname.rstrip(".").lower())


def is_publishable(url: str | None) -> bool:
    """A public address served over https: what a published guide must print."""
    return is_public(url) and urlsplit(url.strip()).scheme.lower() == "https"


def problem(url: str | None) -> str | None:
    """Why `url` is refused for publishing, in a few words (None when it is publishable)."""
    if is_publishable(url):
        return None
    parts = urlsplit((url or "").strip())
    if not url:
        return "it is unset"
    if FORBIDDEN.search(url.strip()):
        return "it holds characters an address cannot carry as written (spaces, \\, quotes, <, >, …)"
    if parts.username is not None or parts.password is not None:
        return "it holds a user name or password, which every PDF and QR code would print"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return "it has a query (?…) or a fragment (#…); give the guide's root address only"
    if _parts(url) is None:
        return "it is not an http(s) address with a host and a port from 1 to 65535"
    return "it is not a public https address"


def shown(url: str | None) -> str:
    """The address for a log line, with any user name and password left out."""
    if not url:
        return "unset"
    parts = urlsplit(url.strip())
    if parts.username is None and parts.password is None:
        return url
    return parts._replace(netloc="…@" + parts.netloc.rpartition("@")[2]).geturl()


def _parts(url: str | None):
    """The split address when it is a plain http(s) address with a host; else None."""
    if not url:
        return None
    url = url.strip()
    if FORBIDDEN.search(url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc or parts.query or parts.fragment:
        return None
    if "?" in url or "#" in url or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    return parts if port != 0 else None


def _public_host(host: str) -> bool:
    if host.startswith("["):
        return False
    address = _ip(host)
    if address is not None:
        return address.is_global
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    return bool(HOST_NAME.fullmatch(host)) and "." in host and host != "localhost" and not host.endswith(LOCAL_SUFFIXES)


def _ip(host: str):
    """The IP address a browser reads in `host`, or None for a name; IPv4-mapped IPv6 addresses
    are read as their IPv4 address."""
    if ":" in host:
        try:
            address = ipaddress.IPv6Address(host)
        except ValueError:
            return ipaddress.IPv4Address("0.0.0.0")  # not an address a browser accepts: never public
        return address.ipv4_mapped or address.sixtofour or address
    return _ipv4(host)


def _ipv4(host: str):
    """WHATWG's IPv4 parser: up to four parts, each decimal, 0x-hex or 0-octal, the last one
    filling the remaining bytes. A host whose last part is a number is an IPv4 address (or
    invalid, which a browser refuses: then 0.0.0.0, never public); others are names."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if not re.fullmatch(r"(0[xX][0-9a-fA-F]*|[0-9]+)", parts[-1]):
        return None
    try:
        numbers = [_ipv4_number(part) for part in parts]
    except ValueError:
        return ipaddress.IPv4Address("0.0.0.0")
    if len(numbers) > 4 or any(number > 255 for number in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return ipaddress.IPv4Address("0.0.0.0")
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value += number * 256 ** (3 - index)
    return ipaddress.IPv4Address(value)


def _ipv4_number(part: str) -> int:
    if part.lower().startswith("0x"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part[1:], 8)
    return int(part, 10)
