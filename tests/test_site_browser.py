"""The site in a real browser: Debian's chromium driven by Playwright (never a downloaded
browser), against the site served by ``imvo-graph serve`` and from the file system.

A user's journey (a covenant, its motion, the paragraph cited, the other language, the search
box, a stored query run from its form on the endpoint) with every console error, failed request,
HTTP error and request to another host counted as a failure; axe-core (vendored in
vendor/axe-core/, injected from that file) checks the main kinds of page for WCAG 2.1 A/AA
violations. Screenshots go to test-artifacts/site/ (not in git).

Without chromium or Playwright the tests skip and say why; under CI=true they fail instead.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, serve_env, stop_serve

CHROMIUM = Path(os.environ.get("IMVO_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "vendor" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "test-artifacts" / "site"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.slow


def _missing() -> str | None:
    if not CHROMIUM.is_file():
        return f"no chromium at {CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where chromium's sandbox cannot start
        # --disable-dev-shm-usage: containers often have a tiny /dev/shm, where chromium crashes
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served(site):
    """``imvo-graph serve`` with the session's site, on free ports; yields the site's URL."""
    from imvo_graph.endpoints import free_port

    port, site_port = free_port(), free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "imvo_graph", "serve", "--port", str(port), "--site-port", str(site_port), "--site", str(site)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=serve_env(),
    )
    try:
        line = proc.stdout.readline()
        assert f"site http://127.0.0.1:{site_port}/" in line, proc.stderr.read() if proc.poll() is not None else line
        yield f"http://127.0.0.1:{site_port}"
    finally:
        stop_serve(proc)


class Watch:
    """Everything that went wrong while a page was open."""

    def __init__(self, context, page):
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        context.route("**/*", self._only_local)

    def _only_local(self, route):
        url = urlsplit(route.request.url)
        if url.scheme == "file" or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.problems.append(f"a request left the site: {route.request.url}")
            route.abort()


def _new_tab(browser, *, bypass_csp: bool):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="nl-NL", bypass_csp=bypass_csp)
    tab = context.new_page()
    return context, tab, Watch(context, tab)


def _screenshot(tab, request) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", request.node.name)
    tab.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=False)


@pytest.fixture(scope="module")
def axe_tab(browser):
    """The tab in which the axe checks load their pages one after another. A new context and
    tab cost chromium more CPU than axe itself on most pages, and a tab that stays on the site
    keeps its renderer, which then compiles the injected axe once instead of for every page
    (measured: about 0.8 s of CPU less per page). Each check loads its page afresh, so no page
    sees another's state; what goes wrong is counted per check (see :func:`page`), and whatever
    arrives after the last check fails here."""
    # axe is injected as a script of the page: the served site's Content-Security-Policy
    # (scripts only from the site) must let the test's own copy in
    context, tab, watch = _new_tab(browser, bypass_csp=True)
    yield tab, watch
    problems = list(watch.problems)
    context.close()
    assert problems == [], problems


@pytest.fixture
def page(browser, request):
    if request.node.name.startswith("test_no_wcag"):
        tab, watch = request.getfixturevalue("axe_tab")
        yield tab
        _screenshot(tab, request)
        problems = list(watch.problems)
        watch.problems.clear()  # (anything arriving later counts against the next check)
        assert problems == [], problems
        return
    context, tab, watch = _new_tab(browser, bypass_csp=False)
    yield tab
    _screenshot(tab, request)
    context.close()
    assert watch.problems == [], watch.problems


def test_journey_covenant_motion_paragraph_language_search(page, served):
    from playwright.sync_api import expect

    # a covenant's URI: content negotiation sends the browser to the page
    page.goto(f"{served}/id/convenant/metaal")
    assert page.url == f"{served}/id/convenant/metaal/index.html"
    assert page.locator("h1").inner_text() == "convenant metaalsector"
    # follow its motion
    page.locator("table.statements a[href*='motie/26485-227']").first.click()
    assert page.url.endswith("/id/motie/26485-227/index.html")
    page.wait_for_load_state()  # (every step waits for its page: leaving one that still loads aborts its scripts' requests)
    motion = page.locator("h1").inner_text()
    # open the paragraph the motion's statements cite
    source = page.locator("table.statements td a[href*='kamerbrief']").first
    anchor = source.get_attribute("href").rpartition("#")[2]
    source.click()
    assert page.url.endswith(f"/id/kamerbrief/minbuza-2017-1027644/index.html#{anchor}")
    page.wait_for_load_state()
    paragraph = page.locator(f"#{anchor}")
    assert paragraph.is_visible() and paragraph.locator("blockquote").inner_text().strip()
    assert paragraph.evaluate("e => e.matches(':target')")
    assert page.locator(f"#{anchor} .cited-by a", has_text=motion).count() == 1
    # the other language
    page.locator("#language-switch").click()
    assert page.url.endswith("/index.en.html") and page.locator("html").get_attribute("lang") == "en"
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Letter to parliament")
    # the search box: suggestions as you type, in the page's language
    page.fill("#site-search", "textile cov")
    suggestions = page.locator("#search-suggestions a")
    suggestions.first.wait_for()
    assert suggestions.first.inner_text() == "textile covenant"  # the best match first
    suggestions.first.click()
    assert page.url.endswith("/id/convenant/textiel/index.en.html")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "textile covenant"
    # and the search page
    page.fill("#site-search", "banking")
    page.press("#site-search", "Enter")
    assert "/zoeken/index.en.html?q=banking" in page.url
    # (the page's script filters the list once it has run: it then writes the status line;
    # Playwright's expect waits for it without evaluating a string in the page, which the
    # site's Content-Security-Policy refuses, as page.wait_for_function did once it polled)
    expect(page.locator("#search-status")).to_have_text(re.compile(r"\S"))
    visible = page.locator("#search-results li:visible")
    assert visible.count() >= 1 and all("bank" in t.lower() for t in visible.all_inner_texts())
    assert page.locator("#search-status").inner_text().endswith("found")


def test_stored_query_runs_from_its_form_on_the_endpoint(page, served):
    from imvo_graph.query import run_query

    page.goto(f"{served}/vragen/covenants-of-sector/index.en.html")
    form = page.locator("form.run")
    assert form.is_visible()
    page.fill("#param-sector", "textile")
    page.locator("form.run button").click()
    page.wait_for_url("**/vragen/covenants-of-sector/run?*")
    expected = run_query("covenants-of-sector", {"sector": "textile"}, lang="en")
    assert len(expected.rows) >= 1
    rows = page.locator("table.results tbody tr")
    assert rows.count() == len(expected.rows)
    assert "textile covenant" in rows.first.inner_text()


def test_the_site_works_from_the_file_system(page, site):
    page.goto((site / "index.html").as_uri())
    page.fill("#site-search", "bankenconv")
    page.locator("#search-suggestions").get_by_role("link", name="bankenconvenant", exact=True).click()
    assert page.url.endswith("/id/convenant/banken/index.html")
    assert page.locator("time[datetime='2016-12']").first.inner_text() == "december 2016"
    page.locator("nav.main-nav a", has_text="Tijdlijn").click()
    assert page.locator("svg[role=img] title").first.text_content() == "Tijdlijn"


PAGES = [
    "index.html", "index.en.html", "id/convenant/textiel/index.html", "id/convenant/textiel/index.en.html",
    "id/kamerbrief/minbuza-2017-1027644/index.html", "id/motie/26485-227/index.en.html",
    "id/conceptschema/convenantstatus/index.html", "klasse/index.html", "klasse/imvo-SectorCovenant/index.en.html",
    "overzicht/convenanten/index.html", "overzicht/matrix/index.html", "overzicht/tijdlijn/index.en.html",
    "vragen/index.html", "vragen/covenant-motions/index.html", "def/index.html", "zoeken/index.html",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_2_1_a_or_aa_violations(page, served, path):
    # served over HTTP: axe reads the style sheets, which a file:// page may not fetch
    page.goto(f"{served}/{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    assert len(result["passes"]) > 10  # axe really ran its rules


def test_keyboard_skip_link_navigation_and_search(page, served):
    page.goto(f"{served}/id/convenant/textiel/index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip", "#main"]
    box = page.locator("a.skip").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # the search box and its suggestions work without a mouse
    page.focus("#site-search")
    page.keyboard.type("verantwoord goud")
    page.locator("#search-suggestions a").first.wait_for()
    page.keyboard.press("ArrowDown")  # into the suggestions (Tab gets there too: they follow the box)
    assert page.evaluate("() => document.activeElement.closest('#search-suggestions') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/id/convenant/**")
    assert "goud" in page.locator("h1").inner_text().lower()
