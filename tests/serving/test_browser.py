"""The page of 'kg viz' in a real headless Chromium, with no network.

Chromium is driven over the DevTools protocol through a pipe (``--remote-debugging-pipe``:
JSON messages ending in a NUL byte, commands on fd 3, replies and events on fd 4), so the test
needs no websocket library and no browser download of its own: Debian's ``chromium``, which
``scripts/install-browser.sh`` installs. Without a browser the tests skip and say so.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.network.network import Network, Node, Tie, load_network, to_networkx
from kg.network.viz import draw_network, write_network
from kg.reading.reader import Sentence

ROOT = Path(__file__).resolve().parents[2]
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    "--window-size=1280,800",
)

pytestmark = pytest.mark.slow  # a headless browser

WIDTH, HEIGHT = 1280, 800
TIMEOUT = 30.0


def find_chromium() -> str | None:
    for candidate in (os.environ.get("KG_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


class BrowserError(Exception):
    pass


class Chromium:
    """Just enough of the DevTools protocol: commands, events, one page."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # Out of the way of 3 and 4, which the child needs for the protocol.
        high = [os.dup2(fd, 100 + i, inheritable=False) for i, fd in enumerate((to_chrome_r, from_chrome_w))]
        for fd in (to_chrome_r, from_chrome_w):
            os.close(fd)

        def protocol_fds() -> None:  # runs in the child, before exec; dup2 leaves 3 and 4 inheritable
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.log = open(profile.parent / "chromium.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            # close_fds would close 3 and 4 after protocol_fds made them; Python opens every
            # other descriptor close-on-exec, so nothing else reaches the browser.
            preexec_fn=protocol_fds, close_fds=False,
        )
        for fd in high:
            os.close(fd)
        self.writer = to_chrome_w
        self.reader = from_chrome_r
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self.reader], [], [], left)
            if ready:
                chunk = os.read(self.reader, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium closed the protocol pipe")
                self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(raw)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = TIMEOUT) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._message(deadline))

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.writer, self.reader):
            os.close(fd)
        self.log.close()


class Page:
    """One tab, with what it printed to the console and every request it made."""

    def __init__(self, browser: Chromium) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
        # A dialog would stop the page; record alert() instead, so a test can see it was called.
        self.call("Page.addScriptToEvaluateOnNewDocument", {"source":
                  "window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };"})

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def open(self, path: Path) -> None:
        self.browser.events.clear()
        self.call("Page.navigate", {"url": path.resolve().as_uri()})
        deadline = time.monotonic() + TIMEOUT
        while self.js("document.body && document.body.dataset.ready") != "1":
            if time.monotonic() > deadline:
                raise BrowserError(f"the page did not draw; console: {self.errors()}")
            time.sleep(0.05)

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def frame(self) -> None:
        """Wait until the page has drawn what the last change asked for."""
        self.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))")

    def counts(self) -> tuple[int, int]:
        self.frame()
        return int(self.js("document.body.dataset.nodes")), int(self.js("document.body.dataset.edges"))

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                   "clickCount": 0 if kind == "mouseMoved" else 1})
        self.frame()

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors seen so far."""
        found = []
        for event in self.browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.browser.events
                if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    binary = find_chromium()
    if binary is None:
        pytest.skip("no Chromium on this machine (looked for $KG_CHROMIUM, /usr/bin/chromium, chromium, "
                    "chromium-browser, google-chrome); scripts/install-browser.sh installs Debian's")
    chromium = Chromium(binary, tmp_path_factory.mktemp("chromium") / "profile")
    try:
        chromium.send("Browser.getVersion", timeout=60)
    except BrowserError as exc:
        chromium.close()
        pytest.fail(f"Chromium at {binary} did not start: {exc}")
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Chromium) -> Iterator[Page]:
    tab = Page(browser)
    yield tab
    browser.send("Target.closeTarget", {"targetId": tab.call("Target.getTargetInfo")["targetInfo"]["targetId"]})


def test_the_seed_page_draws_every_node_and_edge(seed_graph: Path, page: Page, tmp_path: Path) -> None:
    html = tmp_path / "network.html"
    result = draw_network(seed_graph, html)
    network = load_network(seed_graph)
    g = to_networkx(network)
    assert (result.nodes, result.edges) == (g.number_of_nodes(), g.number_of_edges())
    assert g.number_of_nodes() > 5 and g.number_of_edges() > 5

    page.open(html)
    assert page.counts() == (g.number_of_nodes(), g.number_of_edges())
    assert page.js("[window.kgNetwork.nodes, window.kgNetwork.edges]") == [g.number_of_nodes(), g.number_of_edges()]
    shot = tmp_path / "network.png"
    page.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    # Clicking a person lists their meetings with the sentence and the article.
    tokayev = "https://w3id.org/vn-diplomacy/id/person/kassym-jomart-tokayev"
    where = page.js(f"window.kgNetwork.screenPosition({json.dumps(tokayev)})")
    page.click(where["x"], where["y"])
    details = page.js("document.getElementById('details').textContent")
    assert "Kassym-Jomart Tokayev" in details and "Võ Văn Thưởng" in details
    talks = next(t for t in network.ties if t.a == tokayev or t.b == tokayev)
    assert talks.sentences[0].text in details and talks.source in details

    # The name search finds a person whatever the diacritics.
    page.js("document.getElementById('search').focus()")
    page.call("Input.insertText", {"text": "vuong dinh hue"})
    page.frame()
    assert page.js("document.getElementById('search-result').textContent").startswith("1 match")

    # The time filter: from 2025 on, without undated events, the page draws what --since 2025 keeps.
    later = to_networkx(load_network(seed_graph, filters=_since("2025")))
    page.js("(() => { const u = document.getElementById('undated'); u.checked = false;"
            " u.dispatchEvent(new Event('change'));"
            " const f = document.getElementById('from'); f.value = '2025';"
            " f.dispatchEvent(new Event('input')); })()")
    assert page.counts() == (later.number_of_nodes(), later.number_of_edges())

    # The state filter: without Kazakhstan's people, the ties left are those between others.
    page.js("document.getElementById('reset').click()")
    assert page.counts() == (g.number_of_nodes(), g.number_of_edges())
    page.js("[...document.querySelectorAll('#legend input')].find(b => b.parentNode.textContent.includes('(KZ)')).click()")
    kept = [(a, b) for a, b in g.edges if g.nodes[a]["state"] != "KZ" and g.nodes[b]["state"] != "KZ"]
    assert page.counts() == (len({n for e in kept for n in e}), len(kept))

    assert page.errors() == []
    assert [u for u in page.requests() if not u.startswith(("file:", "data:", "about:"))] == []


def _since(year: str) -> Any:
    from kg.network.network import NetworkFilter

    return NetworkFilter(since=year)


HOSTILE = "<img src=x onerror=alert(1)>"


def test_article_text_is_shown_as_text_never_as_markup(page: Page, tmp_path: Path) -> None:
    a = "https://w3id.org/vn-diplomacy/id/person/a"
    b = "https://w3id.org/vn-diplomacy/id/person/b"
    network = Network("person", (
        Node(a, HOSTILE, "VN", "Việt Nam <b>", (HOSTILE,)),
        Node(b, "</script><script>alert(2)</script>", "KZ", "Kazakhstan", ()),
    ), (
        Tie("https://w3id.org/vn-diplomacy/id/meeting/m", a, b, "met", "talks", "2024-01-02", "",
            "completed", "article&<x>", url="javascript:alert(3)",
            sentences=(Sentence(0, "He said </script><!-- <svg onload=alert(4)> & left."),)),
    ))
    html = tmp_path / "hostile.html"
    write_network(network, html)
    text = html.read_text(encoding="utf-8")
    assert HOSTILE not in text and "</script><script>" not in text

    page.open(html)
    assert page.counts() == (2, 1)
    page.js(f"window.kgNetwork.select({json.dumps(a)})")
    page.frame()
    details = page.js("document.getElementById('details').textContent")
    assert HOSTILE in details and "<svg onload=alert(4)>" in details
    assert page.js("document.querySelectorAll('img, svg, #details script, #details a').length") == 0
    page.js(f"window.kgNetwork.select({json.dumps(b)})")
    page.frame()
    assert "</script><script>alert(2)</script>" in page.js("document.getElementById('details').textContent")
    assert page.js("document.querySelectorAll('script').length") == 2
    assert page.js("window.__alerts") == []
    assert page.errors() == []


def test_the_state_page_draws_visits_as_arrows(seed_graph: Path, page: Page, tmp_path: Path) -> None:
    html = tmp_path / "states.html"
    result = draw_network(seed_graph, html, level="state")
    page.open(html)
    assert page.counts() == (result.nodes, result.edges)
    assert page.js("document.getElementById('summary').textContent").startswith(f"{result.nodes} states")
    assert page.errors() == []
