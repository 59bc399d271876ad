"""Every built page carries a Content-Security-Policy that lets only the site's own code run."""

from __future__ import annotations

import csp
from pages import file_of, html_pages, soup


def page_policy(site, url: str) -> str:
    metas = soup(site, url).find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1, url
    return metas[0]["content"]


def test_every_page_has_one_policy_before_any_script(site):
    """Each page, 404 pages included, has exactly one policy <meta>, right after <meta charset>."""
    for url in html_pages(site):
        head = soup(site, url).head
        first, second = head.find_all("meta")[:2]
        assert first.get("charset") == "utf-8" and second.get("http-equiv") == "Content-Security-Policy", url
        assert all(script.sourceline > second.sourceline for script in head.find_all("script")), url


def test_policy_allows_only_the_site_itself_and_the_pages_own_inline_scripts(site):
    """Scripts come only from the site and the hashes of the inline scripts the page carries;
    WebAssembly (the search's) may be compiled, JavaScript may not be evaluated from strings."""
    for url in html_pages(site):
        directives = dict(part.split(" ", 1) for part in page_policy(site, url).split("; "))
        hashes = csp.inline_script_hashes(file_of(site, url).read_text("utf-8"))
        script_sources = directives["script-src"].split()
        assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
        assert sorted(script_sources) == sorted(["'self'", "'wasm-unsafe-eval'", *hashes]), url
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
        assert directives["form-action"] == "'self'" and directives["default-src"] == "'self'"
        assert not any("http" in value or "*" in value for value in directives.values()), url


def test_all_pages_share_one_policy(site):
    """Every page has the same policy, so a web server can send it as one header (deploy/)."""
    assert len({page_policy(site, url) for url in html_pages(site)}) == 1


def test_inline_scripts_are_hashed_as_browsers_hash_them():
    """The hash is sha256 over the script's exact text (checked with openssl); JSON data and script files are not listed."""
    html = ('<script>var a=1</script><script type="application/json">{}</script>'
            '<script src="x.js"></script><script type="module">b()</script>')
    assert csp.inline_script_hashes(html) == sorted([
        "'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='", csp._source_hash("b()")])
