"""Every built page carries a Content-Security-Policy that lets only the site's own code run."""

from __future__ import annotations

import pytest

from guide.safety import csp
import sitebuild
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


def test_policy_allows_only_the_site_itself_and_the_known_inline_scripts(site):
    """Scripts come only from the site and the hashes of the theme's known inline scripts, fixed
    before the build (csp.INLINE_SCRIPTS); every inline script of a page is one of them;
    WebAssembly (the search's) may be compiled, JavaScript may not be evaluated from strings."""
    known = sorted(csp._source_hash(script) for script in csp.INLINE_SCRIPTS)
    for url in html_pages(site):
        directives = dict(part.split(" ", 1) for part in page_policy(site, url).split("; "))
        assert set(csp.inline_script_hashes(file_of(site, url).read_text("utf-8"))) <= set(known), url
        script_sources = directives["script-src"].split()
        assert "'unsafe-inline'" not in script_sources and "'unsafe-eval'" not in script_sources
        assert sorted(script_sources) == sorted(["'self'", "'wasm-unsafe-eval'", *known]), url
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


def test_an_unknown_inline_script_is_refused_not_hashed():
    """A page with an inline script that is not the theme's gets no policy that certifies it:
    the check raises, naming the script's hash and text (#3)."""
    page = '<head><meta charset="utf-8"></head><body><script>alert(document.domain)</script></body>'
    with pytest.raises(csp.UnknownScript, match=r"an inline script that is not the theme's: 'sha256-.*'alert\(document.domain\)'"):
        csp.with_policy(page)


def test_the_policy_does_not_depend_on_the_page():
    """A page without inline scripts gets the same policy as one with the theme's script."""
    [theme] = csp.INLINE_SCRIPTS
    plain = csp.with_policy('<meta charset="utf-8"><p>x</p>')
    themed = csp.with_policy(f'<meta charset="utf-8"><script>{theme}</script>')
    def meta(html):
        return html.split("\n", 1)[1].split(">", 1)[0]

    assert meta(plain) == meta(themed) and "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in meta(plain)


def test_an_inline_script_from_a_template_stops_the_build(project_copy, tmp_path):
    """An inline script added to a theme template stops the build, naming a page and how to proceed (#3)."""
    partial = project_copy / "overrides" / "partials" / "copyright.html"
    partial.write_text(partial.read_text("utf-8") + "<script>alert(document.domain)</script>\n", "utf-8")
    result = sitebuild.build(project_copy, tmp_path / "site", CARDS_PDF="0")
    assert result.returncode != 0 and "Traceback" not in result.log
    assert "an inline script that is not the theme's: 'sha256-" in result.log
    assert "add it to hooks/guide/safety/csp.py's INLINE_SCRIPTS" in result.log
