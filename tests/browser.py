"""A real headless Chromium for the tests, driven with Selenium 4 through Debian's chromedriver.

Nothing is downloaded: the driver is Debian's `chromedriver` given to Selenium explicitly (so
Selenium Manager is never run) and the browser is `/usr/bin/chromium`. Chromium itself is started
with its background services off and a host-resolver rule that fails every name but the loopback
ones, so it can reach no other host: a page's requests to other hosts are still *attempted* (and so
show in `Browser.requests()`), they just fail at once with `net::ERR_NAME_NOT_RESOLVED`.

Use it through the session fixture, imported into the test module (or into `tests/conftest.py`)
with the redundant alias that tells linters it is a re-export::

    from tests.browser import Browser, serve_html
    from tests.browser import browser as browser


    def test_page(browser: Browser) -> None:
        with serve_html({"/p.html": "<script>window.llReady = true</script>"}) as base:
            browser.get(f"{base}/p.html")
            browser.wait_for("return window.llReady === true")
            assert browser.console_errors() == []

Messages a page receives with `window.postMessage` (for instance from an embedded cross-origin
iframe) need nothing from the harness: the test's own parent page records them, e.g.
``<script>window.received = []; addEventListener("message",
e => window.received.push({origin: e.origin, data: e.data}))</script>``, and the test reads them
back with ``browser.wait_for("return window.received.length > 0")`` and
``browser.run("return window.received")``. Install the listener in the page itself, before the
iframe loads: one added later with `Browser.run` misses what was posted before.

Cross-site iframes are kept in the page's own renderer process (site isolation is switched off)
because chromedriver collects console and network logs only from the processes of the top-level
page: this way an iframe's console messages and requests are in `console_errors()` and
`requests()` too. What pages can see is unchanged: origins, the same-origin policy and
`postMessage`'s `origin` stay as in any Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import JavascriptException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.command import Command

CHROMIUM = "/usr/bin/chromium"
WINDOW = (1280, 900)

# Hosts Chromium may resolve; every other name (IP literals too) fails with ERR_NAME_NOT_RESOLVED.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")

# Chromium features that would make requests of their own, plus site isolation (see the module
# docstring). One `--disable-features` only: with several, Chromium keeps the last.
DISABLED_FEATURES = (
    "site-per-process",
    "IsolateOrigins",
    "Translate",
    "OptimizationHints",
    "OptimizationGuideModelDownloading",
    "MediaRouter",
    "DialMediaRouteProvider",
    "AutofillServerCommunication",
    "CertificateTransparencyComponentUpdater",
    "InterestFeedContentSuggestions",
    "NetworkTimeServiceQuerying",
    "SafeBrowsingRealTimeUrlLookup",
)

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",  # the tests run as root
    "--disable-dev-shm-usage",
    "--disable-gpu",
    f"--window-size={WINDOW[0]},{WINDOW[1]}",
    "--force-device-scale-factor=1",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--lang=en-US",
    "--mute-audio",
    # No requests of Chromium's own.
    "--disable-extensions",
    "--disable-component-extensions-with-background-pages",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-service-autorun",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--metrics-recording-only",
    "--disable-default-apps",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--disable-field-trial-config",
    "--disable-breakpad",
    "--safebrowsing-disable-auto-update",
    "--no-pings",
    "--password-store=basic",
    "--use-mock-keychain",
    "--no-proxy-server",
    "--host-resolver-rules=MAP * ~NOTFOUND, "
    + ", ".join(f"EXCLUDE {host}" for host in LOOPBACK_HOSTS),
    # Site isolation off, so that chromedriver's logs cover cross-site iframes.
    "--disable-site-isolation-trials",
    "--disable-features=" + ",".join(DISABLED_FEATURES),
    # Steady timing in a window nobody looks at.
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-hang-monitor",
)

PAGE_LOAD_TIMEOUT = 30.0
SCRIPT_TIMEOUT = 30.0


def chromedriver_path() -> str:
    return shutil.which("chromedriver") or "/usr/bin/chromedriver"


class Browser:
    """One headless Chromium; logs are collected per `get()`."""

    def __init__(self) -> None:
        # Selenium Manager is skipped anyway because the driver path is given; should anything
        # still call it, it must neither phone home nor try to download.
        os.environ.setdefault("SE_AVOID_STATS", "true")
        os.environ.setdefault("SE_OFFLINE", "true")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        options.set_capability(
            "goog:perfLoggingPrefs", {"enableNetwork": True, "enablePage": False}
        )
        # The Python side talks to chromedriver on loopback: never through an HTTP(S)_PROXY.
        # webdriver.Chrome takes no ClientConfig, so the deprecated switch is the only way.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            options.ignore_local_proxy_environment_variables()
        service = Service(executable_path=chromedriver_path())
        self.driver = webdriver.Chrome(options=options, service=service)
        self._console: list[dict[str, Any]] = []
        self._network: list[dict[str, Any]] = []
        self._quit = False
        try:
            self.driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
            self.driver.set_script_timeout(SCRIPT_TIMEOUT)
            self._size_viewport()
        except BaseException:
            self.quit()
            raise

    def _size_viewport(self, size: tuple[int, int] = WINDOW) -> None:
        """Make the viewport, not the whole window with its frame, `size` (WINDOW unless a test
        asks for another): so are screenshots."""
        sizes = self.run(
            "return [outerWidth - innerWidth, outerHeight - innerHeight, innerWidth, innerHeight]"
        )
        frame_width, frame_height, width, height = (int(n) for n in sizes)
        if (width, height) != size:
            self.driver.set_window_size(size[0] + frame_width, size[1] + frame_height)

    @contextmanager
    def viewport(self, width: int, height: int) -> Iterator[None]:
        """A viewport of another size for the time of a `with` block."""
        self._size_viewport((width, height))
        try:
            yield
        finally:
            self._size_viewport()

    # -- navigation and scripts -------------------------------------------------------------

    def get(self, url: str) -> None:
        """Open `url` in the top-level window, after forgetting everything logged so far.

        The window goes to about:blank first, so that nothing the previous page still logs
        while it is being unloaded counts for this one.
        """
        self.driver.get("about:blank")
        self._drain()
        self._console.clear()
        self._network.clear()
        self.driver.get(url)

    def run(self, script: str, *args: object) -> Any:
        """`execute_script` in the current frame: `return` a value to get it back."""
        return self.driver.execute_script(script, *args)

    def wait_for(self, script: str, timeout: float = 10.0) -> Any:
        """Run `script` (which must `return` something) until its value is truthy, and return it.

        A script that throws counts as not yet true. On timeout: AssertionError with the last
        value (or error) and the console messages of the page.
        """
        deadline = time.monotonic() + timeout
        last: Any = None
        while True:
            try:
                last = self.run(script)
            except JavascriptException as exc:
                last = f"JavaScript error: {exc.msg}"
            else:
                if last:
                    return last
            if time.monotonic() >= deadline:
                console = "\n".join(
                    f"  {m['level']} [{m['source']}] {m['message']}"
                    for m in self.console_messages()
                )
                raise AssertionError(
                    f"timed out after {timeout:g}s waiting for {script!r}; last value: {last!r}\n"
                    f"console:\n{console or '  (empty)'}"
                )
            time.sleep(0.05)

    # -- logs -------------------------------------------------------------------------------

    def _drain(self) -> None:
        # The browser log first: an entry about a request there implies the request's
        # requestWillBeSent is already in the performance log read right after.
        for entry in self._get_log("browser"):
            self._console.append(dict(entry))
        for entry in self._get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if str(message.get("method", "")).startswith("Network."):
                self._network.append(cast(dict[str, Any], message))

    def _get_log(self, kind: str) -> list[dict[str, Any]]:
        return cast(
            list[dict[str, Any]], self.driver.execute(Command.GET_LOG, {"type": kind})["value"]
        )

    def _sent(self) -> list[dict[str, Any]]:
        """The `params` of every Network.requestWillBeSent since the last get()."""
        self._drain()
        return [e["params"] for e in self._network if e["method"] == "Network.requestWillBeSent"]

    def _automatic_favicons(self) -> set[str]:
        """URLs of the /favicon.ico Chromium fetches by itself for each page, not the page's."""
        return {
            params["request"]["url"]
            for params in self._sent()
            if params.get("type") == "Other"
            and params.get("initiator", {}).get("type") == "other"
            and urlsplit(params["request"]["url"]).path == "/favicon.ico"
        }

    def console_messages(self) -> list[dict[str, Any]]:
        """Every console entry since the last get(), of the page and its frames, in order.

        Each is chromedriver's dict: `level` (DEBUG, INFO, WARNING or SEVERE), `message` (the
        source URL and line:column, then the text; strings logged come quoted), `source`
        (console-api, javascript, network, security, ...) and `timestamp` (ms).
        """
        self._drain()
        return [dict(m) for m in self._console]

    def console_errors(self) -> list[str]:
        """Messages of the SEVERE console entries since the last get().

        They hold `console.error` calls, uncaught exceptions and promise rejections, CSP
        violations (source "security": Chromium 156 words them "... violates the following
        Content Security Policy directive ... The action has been blocked.", older versions
        "Refused to ...") and resources that failed to load (source "network", including those
        to hosts the harness does not resolve). The failure of Chromium's own /favicon.ico
        fetch is left out.
        """
        messages = self.console_messages()
        requested = set(self.requests())
        return [
            m["message"]
            for m in messages
            if m["level"] == "SEVERE"
            and not (m["source"] == "network" and _is_automatic_favicon(m["message"], requested))
        ]

    def requests(self) -> list[str]:
        """URLs of every request the page and its frames made since the last get(), in order.

        From the performance log's Network.requestWillBeSent: the document itself, iframes'
        documents and their subresources, requests that then failed, and requests blocked by
        the page's CSP (Chromium reports them before blocking them). Each redirect hop is one
        entry. Left out: data: and blob: URLs, which are no requests, and Chromium's own
        /favicon.ico fetch.
        """
        favicons = self._automatic_favicons()
        urls = [params["request"]["url"] for params in self._sent()]
        return [
            url for url in urls if not url.startswith(("data:", "blob:")) and url not in favicons
        ]

    # -- accessibility ---------------------------------------------------------------------

    def accessibility(self) -> list[str]:
        """What Deque's axe-core finds in the page as it stands against WCAG 2.2 A and AA (and
        its best practice: landmarks, headings): one line per rule broken, with the elements it
        names. axe-core is installed by `make browser-deps`; it runs inside the page, fetching
        nothing."""
        self.run(_axe_source())
        found: list[dict[str, Any]] = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: arguments[0]}).then(r => done(r.violations.map("
            "v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))));",
            list(AXE_TAGS),
        )
        return [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'][:5])}" for v in found]

    # -- frames, pictures, end ------------------------------------------------------------

    def switch_to_frame(self, css_selector: str) -> None:
        """Make the iframe `css_selector` (in the current frame) the target of `run` and co."""
        self.driver.switch_to.frame(self.driver.find_element(By.CSS_SELECTOR, css_selector))

    def switch_to_main(self) -> None:
        self.driver.switch_to.default_content()

    def screenshot(self, path: Path) -> None:
        """A PNG of the window's viewport (1280x900), its folder made if need be."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.driver.get_screenshot_as_png())

    def quit(self) -> None:
        """End chromedriver and Chromium; later calls do nothing."""
        if not self._quit:
            self._quit = True
            self.driver.quit()


AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


def _axe_source() -> str:
    """axe-core's script, as `make browser-deps` installs it with the project's caches."""
    from service.settings import Settings

    found = sorted(Settings().cache_dir.glob("axe-core-*/node_modules/axe-core/axe.min.js"))
    if not found:
        raise RuntimeError("axe-core is not installed: run `make browser-deps` (or `make test`).")
    return found[-1].read_text(encoding="utf-8")


def _is_automatic_favicon(message: str, requested: set[str]) -> bool:
    """Whether a network console message is about a /favicon.ico the page did not ask for.

    Matched on the URL alone (not on the requests since the last get()), so that the late
    failure of the previous page's favicon fetch does not count either.
    """
    url = message.split(" ", 1)[0]
    return urlsplit(url).path == "/favicon.ico" and url not in requested


_shared: Browser | None = None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole run, even if several modules import this fixture."""
    global _shared
    if _shared is None or _shared._quit:
        _shared = Browser()
    yield _shared
    _shared.quit()


Page = str | bytes | tuple[str | bytes, Mapping[str, str]]


@contextmanager
def serve_html(pages: Mapping[str, Page], host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `pages` (path -> body, or (body, extra headers)) and yield the base URL.

    Bodies go out as `text/html; charset=utf-8` unless the headers give a Content-Type, with
    `Cache-Control: no-store`. `pages` is read at each request, so it may be filled in after
    the URL is known. Other paths get 404, except /favicon.ico which gets an empty 204 so the
    browser's own fetch of it logs no error. Binds on `host` and a free port; the URL uses
    `host` as given, so "127.0.0.1" and "localhost" make two different origins.
    """

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer(with_body=True)

        def do_HEAD(self) -> None:
            self._answer(with_body=False)

        def _answer(self, *, with_body: bool) -> None:
            path = urlsplit(self.path).path
            page = pages.get(path)
            if page is None:
                self.send_response(204 if path == "/favicon.ico" else 404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, extra = page if isinstance(page, tuple) else (page, {})
            data = body.encode() if isinstance(body, str) else body
            headers = {
                "Content-Type": "text/html; charset=utf-8",
                "Cache-Control": "no-store",
                **extra,
            }
            self.send_response(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if with_body:
                self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Silent: no line per request on stderr."""

    server = ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"serve_html {host}",
        daemon=True,
    )
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
