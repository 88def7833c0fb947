"""The tests' Chromium cannot reach another host, even if a page asks: the browser is
launched with CHROMIUM_ARGS (as the build's is), in which every host name and address
but 127.0.0.1 resolves to nothing. The browser tests count on this instead of
intercepting each request (which cost a round trip to Python per request and turned
the HTTP cache off)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("url", [
    "http://192.0.2.1/",  # an address (no name to resolve)
    "https://example.com/",  # a name, over HTTPS
    "http://[2001:db8::1]/",  # IPv6
])
def test_no_request_leaves_the_machine(context, url):
    page = context.new_page()
    with pytest.raises(PlaywrightError, match="ERR_NAME_NOT_RESOLVED"):
        page.goto(url, timeout=15_000)


def test_a_page_cannot_fetch_from_another_host(context, server):
    page = context.new_page()
    page.goto(f"{server}/")
    error = page.evaluate("""() => fetch('https://example.com/x', {mode: 'no-cors'})
        .then(() => 'reached', error => String(error))""")
    assert error != "reached"


def test_this_machine_is_reached_directly(context, server):
    assert context.new_page().goto(f"{server}/").status == 200
