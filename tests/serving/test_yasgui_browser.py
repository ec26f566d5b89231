"""kg serve asked from a web page in headless Chromium as YASGUI asks it: a page of an origin
given with --allow-origin POSTs forms with Accept 'application/sparql-results+json,*/*;q=0.9',
and a query as application/sparql-query (which needs a CORS preflight), and reads the answers
and the Kg-Max-Rows header; the same page at another origin may not. Nothing is downloaded:
the page is a few lines served from a temporary folder on loopback. Without Chromium
(scripts/install-browser.sh), the test skips."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serving.test_browser import TIMEOUT, BrowserError, Chromium, Page, find_chromium
from tests.serving.test_serve import kg_serve

pytestmark = pytest.mark.slow  # a headless browser and a server

SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/vn-diplomacy/ontology#Visit> } LIMIT 3"
CONSTRUCT = "CONSTRUCT WHERE { ?s a <https://w3id.org/vn-diplomacy/ontology#Visit> } LIMIT 3"

# What YASGUI's query editor sends (a form POST, JSON results first; Turtle for CONSTRUCT), and
# a query POSTed as application/sparql-query, which a browser sends only after a preflight.
ASK_ALL = """(async (endpoint, select, construct) => {
  const form = (query, accept) => fetch(endpoint, {method: "POST", body: new URLSearchParams({query}),
    headers: {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}});
  const out = {};
  try {
    let r = await form(select, "application/sparql-results+json,*/*;q=0.9");
    out.select = {status: r.status, type: r.headers.get("content-type"), maxRows: r.headers.get("kg-max-rows"),
                  rows: (await r.json()).results.bindings.length};
    r = await form(construct, "text/turtle,*/*;q=0.9");
    out.construct = {status: r.status, type: r.headers.get("content-type"), text: await r.text()};
    r = await fetch(endpoint, {method: "POST", body: "ASK { ?s ?p ?o }",
      headers: {"Accept": "application/sparql-results+json,*/*;q=0.9", "Content-Type": "application/sparql-query"}});
    out.ask = {status: r.status, answer: (await r.json()).boolean};
  } catch (e) {
    out.error = String(e);
  }
  return JSON.stringify(out);
})"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A loopback web server of one empty page: the origin a YASGUI page would come from."""
    folder = tmp_path_factory.mktemp("site")
    (folder / "index.html").write_text("<!doctype html><title>a SPARQL page</title><body>ready</body>\n")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def endpoint(seed_graph: Path, pages: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with kg_serve(seed_graph, tmp_path_factory.mktemp("serve"), "--quiet",
                  "--allow-origin", f"http://127.0.0.1:{pages}") as url:
        yield url


@pytest.fixture(scope="module")
def tab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    binary = find_chromium()
    if binary is None:
        pytest.skip("no Chromium on this machine; scripts/install-browser.sh installs Debian's")
    chromium = Chromium(binary, tmp_path_factory.mktemp("chromium") / "profile")
    try:
        chromium.send("Browser.getVersion", timeout=60)
        yield Page(chromium)
    except BrowserError as exc:
        pytest.fail(f"Chromium at {binary} did not start: {exc}")
    finally:
        chromium.close()


def _visit(tab: Page, url: str) -> None:
    tab.call("Page.navigate", {"url": url})
    tab.browser.wait_for("Page.loadEventFired", timeout=TIMEOUT)


def _ask_from(tab: Page, page_url: str, endpoint: str) -> dict[str, Any]:
    _visit(tab, page_url)
    args = ", ".join(json.dumps(a) for a in (endpoint, SELECT, CONSTRUCT))
    return dict(json.loads(tab.js(f"{ASK_ALL}({args})")))


def test_a_page_of_an_allowed_origin_asks_as_yasgui_does(tab: Page, pages: int, endpoint: str) -> None:
    tab.browser.events.clear()
    got = _ask_from(tab, f"http://127.0.0.1:{pages}/index.html", endpoint)
    assert "error" not in got, got
    assert got["select"]["status"] == 200 and got["select"]["rows"] == 3
    assert got["select"]["type"].startswith("application/sparql-results+json")
    assert got["select"]["maxRows"] == "10000"  # an exposed header a page may read
    assert got["construct"]["status"] == 200 and got["construct"]["type"].startswith("text/turtle")
    assert "a dip:Visit" in got["construct"]["text"]
    assert got["ask"] == {"status": 200, "answer": True}
    methods = [e["params"]["request"]["method"] for e in tab.browser.events
               if e.get("method") == "Network.requestWillBeSent" and e["params"]["request"]["url"] == endpoint]
    assert methods.count("POST") == 3
    hosts = {urllib.parse.urlsplit(e["params"]["request"]["url"]).hostname for e in tab.browser.events
             if e.get("method") == "Network.requestWillBeSent"}
    assert hosts <= {"127.0.0.1"}  # nothing from the network


def test_the_same_page_at_another_origin_may_not_read(tab: Page, pages: int, endpoint: str) -> None:
    got = _ask_from(tab, f"http://localhost:{pages}/index.html", endpoint)  # another origin, not allowed
    assert "error" in got and "select" not in got, got
