"""The deploy recipe works for real: Debian's nginx with deploy/nginx/ serves the built site safely."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import system_tools

from guide.safety import csp
from guide.shared import site_languages
from pages import soup
from sitebuild import PROJECT

DEPLOY = PROJECT / "deploy" / "nginx"
SITE_RULES = DEPLOY / "vertaisryhmaopas-site.conf"
LOG_RULES = DEPLOY / "vertaisryhmaopas-log.conf"
SERVER_BLOCKS = DEPLOY / "vertaisryhmaopas.conf"

MAIN_CONFIG = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    include {log_rules};
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        access_log {tmp}/access.log vertaisryhmaopas_paths;
        include {rules};
    }}
}}
"""


def nginx_path() -> str:
    path = shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
    return system_tools.required(path, "Debian's nginx: sudo apt-get install nginx")


@pytest.fixture(scope="module")
def nginx_folder(tmp_path_factory) -> Path:
    """The test server's folder: its configuration, pid file and logs (access.log, error.log)."""
    return tmp_path_factory.mktemp("nginx")


@pytest.fixture(scope="module")
def server(site, nginx_folder):
    """The built site served by nginx with the deploy recipe's rules, on a free loopback port."""
    executable, tmp = nginx_path(), nginx_folder
    port = _free_port()
    config = tmp / "nginx.conf"
    # As root, nginx's workers would run as nobody, who cannot read pytest's private folders.
    user = "user root;" if os.geteuid() == 0 else ""
    config.write_text(MAIN_CONFIG.format(user=user, tmp=tmp, port=port, site=site, rules=SITE_RULES, log_rules=LOG_RULES))
    output = tmp / "nginx.out"
    with output.open("wb") as log:
        process = subprocess.Popen([executable, "-p", str(tmp), "-c", str(config), "-g", "daemon off;"],
                                   stdout=log, stderr=subprocess.STDOUT)
    _wait_for(port, process, output)
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_missing_swedish_page_gets_the_swedish_404_page(server, site):
    """A missing page under /sv/ answers 404 with the Swedish "not found" page."""
    status, _, body = get(server + "sv/finns-inte/")
    assert status == 404
    assert body.decode() == (site / "sv" / "404.html").read_text("utf-8")
    assert 'lang="sv"' in body.decode()[:200]


def test_missing_finnish_page_gets_the_finnish_404_page(server, site):
    """A missing page elsewhere answers 404 with the Finnish "not found" page."""
    status, _, body = get(server + "ei-ole/")
    assert status == 404
    assert body.decode() == (site / "404.html").read_text("utf-8")


def test_every_translated_language_has_its_404_rule():
    """Each language other than the default has its own error_page line in the rules."""
    rules = SITE_RULES.read_text("utf-8")
    for lang in site_languages.languages_in_file(PROJECT / "mkdocs.yml")[1:]:
        assert f"location /{lang.locale}/ {{\n    error_page 404 /{lang.locale}/404.html;" in rules


def test_rules_send_the_sites_fixed_policy_and_hide_the_version():
    """The nginx rules carry exactly the policy every page carries (csp.site_policy, fixed before the
    build) and turn server_tokens off, checked without a server (#3, #23)."""
    rules = SITE_RULES.read_text("utf-8")
    assert f'add_header Content-Security-Policy "{csp.site_policy(header=True)}" always;' in rules
    assert "\nserver_tokens off;\n" in rules


def test_card_pdf_is_served_as_a_pdf(server):
    """A card's PDF is served with its PDF type."""
    status, headers, body = get(server + "sv/kortit/raha.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")


@pytest.mark.parametrize("path", ["", "sv/kortit/raha/", "sv/finns-inte/", "kortit/raha.pdf"])
def test_security_headers_on_every_answer(server, site, path):
    """Pages, PDFs and 404s carry the pages' own policy plus frame-ancestors, and the other headers."""
    _, headers, _ = get(server + path)
    page_policy = soup(site, "").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert headers["Content-Security-Policy"] == f"{page_policy}; frame-ancestors 'none'"
    assert headers["Content-Security-Policy"] == csp.site_policy(header=True)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_requests_are_logged_without_their_query_string(server, nginx_folder):
    """The access log keeps method, path and status, but no query string (the planner's places
    and meeting links, searched words), no IP address, referrer or browser; the error log
    does not name missing files (with their query strings) either."""
    secrets = "paikka=Kirjaston%20kokoushuone&linkki=https%3A%2F%2Fmeet.example.org%2Fsalainen"
    get(server + f"suunnittelu/?{secrets}", Referer="https://elsewhere.example.org/", **{"User-Agent": "Lukija/1.0"})
    get(server + "sv/finns-inte/?q=ensam")
    get(server + "assets/javascripts/bundle.00000000.min.js?q=ensam")
    access = (nginx_folder / "access.log").read_text()
    assert '"GET /suunnittelu/" 200' in access and '"GET /sv/finns-inte/" 404' in access
    assert "?" not in access and "127.0.0.1" not in access
    assert not any(word in access for word in ("Kirjast", "meet.example", "ensam", "elsewhere", "Lukija"))
    assert "ensam" not in (nginx_folder / "error.log").read_text()


def test_every_shipped_server_block_logs_with_the_private_format():
    """Both server blocks (https and the redirect) write their access log in the format without query strings."""
    blocks = SERVER_BLOCKS.read_text("utf-8").split("server {")[1:]
    assert "include vertaisryhmaopas-log.conf;" in SERVER_BLOCKS.read_text("utf-8")
    assert len(blocks) == 2 and all("vertaisryhmaopas_paths;" in block for block in blocks)


def test_server_does_not_tell_its_version(server):
    """Neither the Server header nor nginx's own error pages (403 for a folder, 414 for a long address)
    name nginx's version (#23)."""
    for path in ["assets/", "x" * 9000]:
        status, headers, body = get(server + path)
        assert status in (403, 414) and headers["Server"] == "nginx" and b"nginx/" not in body, path


def test_text_is_compressed(server):
    """HTML, stylesheets and the search's vocabulary are sent gzip-compressed to browsers that accept it."""
    for path in ("", "assets/stylesheets/guide.css", "assets/search/sv.json"):
        status, headers, body = get(server + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip", path
        assert gzip.decompress(body)


def test_hashed_theme_files_are_cached_for_a_year_and_others_are_not(server, site):
    """Files whose names carry a content hash get a year's cache lifetime; guide.css none."""
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    _, headers, _ = get(server + f"assets/javascripts/{bundle}")
    assert headers["Cache-Control"] == "max-age=31536000"
    assert headers["Content-Security-Policy"]
    _, headers, _ = get(server + "assets/stylesheets/guide.css")
    assert "Cache-Control" not in headers


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, output: Path, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("nginx stopped: " + output.read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("nginx did not start in time")
