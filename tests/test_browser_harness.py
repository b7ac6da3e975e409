"""The browser harness against the real headless Chromium: what the other browser tests rely on."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser import Browser, chromedriver_path, serve_html
from tests.browser import browser as browser

# Slow (drives Chromium): `make test-fast` leaves these out.
pytestmark = pytest.mark.slow

CLEAN = "<!doctype html><html><head><title>clean</title></head><body><p>clean</p></body></html>"


def test_runs_debian_chromium_through_debian_chromedriver(browser: Browser) -> None:
    capabilities = browser.driver.capabilities
    assert browser.driver.service.path == chromedriver_path()
    assert capabilities["browserName"] in {"chrome", "chromium"}
    driver_version = capabilities["chrome"]["chromedriverVersion"].split()[0]
    assert driver_version.split(".")[0] == capabilities["browserVersion"].split(".")[0]


def test_wait_for_reads_back_what_an_inline_script_set(browser: Browser) -> None:
    page = (
        "<!doctype html><html><body><script>"
        "setTimeout(() => { window.llValue = 'from the page'; window.llReady = true; }, 200);"
        "</script></body></html>"
    )
    with serve_html({"/ready.html": page}) as base:
        browser.get(f"{base}/ready.html")
        assert browser.wait_for("return window.llReady === true") is True
        assert browser.run("return window.llValue") == "from the page"
        assert browser.run("return arguments[0] + arguments[1]", 2, 3) == 5


def test_wait_for_times_out_with_the_last_value_and_the_console(browser: Browser) -> None:
    page = "<!doctype html><html><body><script>console.warn('still waiting')</script></body></html>"
    with serve_html({"/never.html": page}) as base:
        browser.get(f"{base}/never.html")
        with pytest.raises(AssertionError, match="still waiting") as raised:
            browser.wait_for("return window.neverSet", timeout=0.3)
        assert "last value: None" in str(raised.value)
        with pytest.raises(AssertionError, match="JavaScript error"):
            browser.wait_for("return window.missing.property", timeout=0.2)


def test_console_errors_hold_console_error_and_uncaught_exceptions(browser: Browser) -> None:
    page = (
        "<!doctype html><html><body><script>"
        "console.log('just saying'); console.error('boom'); throw new Error('kaboom');"
        "</script></body></html>"
    )
    with serve_html({"/errors.html": page, "/clean.html": CLEAN}) as base:
        browser.get(f"{base}/errors.html")
        errors = browser.console_errors()
        assert len(errors) == 2, errors
        assert '"boom"' in errors[0]
        assert "Uncaught Error: kaboom" in errors[1]
        # The logs are kept: asking again gives the same, and all levels are there.
        assert browser.console_errors() == errors
        levels = [(m["level"], m["source"]) for m in browser.console_messages()]
        assert ("INFO", "console-api") in levels
        assert ("SEVERE", "javascript") in levels

        browser.get(f"{base}/clean.html")
        assert browser.console_errors() == []
        assert browser.console_messages() == []


def test_requests_list_every_attempt_even_without_a_network(browser: Browser) -> None:
    page = (
        "<!doctype html><html><body>"
        '<img src="http://10.255.255.1/x.png">'
        '<script src="http://example.invalid/x.js"></script>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "</body></html>"
    )
    with serve_html({"/external.html": page, "/clean.html": CLEAN}) as base:
        browser.get(f"{base}/external.html")
        urls = browser.requests()
        assert urls[0] == f"{base}/external.html"
        assert "http://10.255.255.1/x.png" in urls
        assert "http://example.invalid/x.js" in urls
        assert not [url for url in urls if url.startswith("data:")]
        assert browser.requests() == urls
        # Both failed at once, the IP literal too: the harness resolves loopback hosts only.
        errors = browser.console_errors()
        for url in ("http://10.255.255.1/x.png", "http://example.invalid/x.js"):
            assert any(e.startswith(f"{url} ") and "ERR_NAME_NOT_RESOLVED" in e for e in errors)

        browser.get(f"{base}/clean.html")
        assert browser.requests() == [f"{base}/clean.html"]


def test_csp_violations_are_console_errors_and_blocked_requests_are_listed(
    browser: Browser,
) -> None:
    page = (
        "<!doctype html><html><body>"
        '<img src="http://10.255.255.1/blocked.png">'
        "<script>window.inlineRan = true;</script>"
        "</body></html>"
    )
    csp = {"Content-Security-Policy": "default-src 'none'"}
    with serve_html({"/csp.html": (page, csp)}) as base:
        browser.get(f"{base}/csp.html")
        assert browser.run("return window.inlineRan === true") is False
        errors = browser.console_errors()
        assert any(
            "inline script" in e and "Content Security Policy" in e and "default-src" in e
            for e in errors
        ), errors
        assert any("http://10.255.255.1/blocked.png" in e for e in errors), errors
        assert browser.requests() == [f"{base}/csp.html", "http://10.255.255.1/blocked.png"]


def test_cross_origin_iframe_posts_to_its_parent(browser: Browser) -> None:
    child = (
        "<!doctype html><html><body>"
        '<img src="http://10.255.255.1/from-child.png">'
        "<script>"
        "console.error('child says');"
        "parent.postMessage({kind: 'hello', from: location.origin}, '*');"
        "</script></body></html>"
    )
    with serve_html({"/child.html": child}, host="localhost") as child_base:
        parent = (
            "<!doctype html><html><body><script>"
            "window.received = [];"
            "addEventListener('message', e =>"
            " window.received.push({origin: e.origin, data: e.data}));"
            "</script>"
            f'<iframe id="embed" src="{child_base}/child.html"></iframe>'
            "</body></html>"
        )
        with serve_html({"/parent.html": parent}) as parent_base:
            assert parent_base.startswith("http://127.0.0.1:")
            assert child_base.startswith("http://localhost:")
            browser.get(f"{parent_base}/parent.html")
            browser.wait_for("return window.received.length > 0")
            assert browser.run("return window.received") == [
                {"origin": child_base, "data": {"kind": "hello", "from": child_base}}
            ]

            # The iframe's own requests and console are collected with the page's.
            assert browser.requests() == [
                f"{parent_base}/parent.html",
                f"{child_base}/child.html",
                "http://10.255.255.1/from-child.png",
            ]
            assert any('"child says"' in e for e in browser.console_errors())

            browser.switch_to_frame("#embed")
            try:
                assert browser.run("return location.origin") == child_base
            finally:
                browser.switch_to_main()
            assert browser.run("return location.origin") == parent_base


def test_screenshot_writes_a_png_of_the_window(browser: Browser, tmp_path: Path) -> None:
    with serve_html({"/clean.html": CLEAN}) as base:
        browser.get(f"{base}/clean.html")
        target = tmp_path / "nested" / "dir" / "shot.png"
        browser.screenshot(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 900)
