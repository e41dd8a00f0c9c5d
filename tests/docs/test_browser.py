"""The site of examples/ in a real headless Chromium: DOM, network, screenshots.

Uses the system's Debian chromium (never a downloaded browser) with flags for a closed
network. In CI a missing chromium fails the run; locally the tests are skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spec_compiler.compiler import compile_document, example_values
from spec_compiler.loader import load_path

from .conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
SPECS = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
_URL = re.compile(r"https?://[^\s\"'<>]+")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; .ci/run installs it with 'apt-get install -y chromium'")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install '.[test]')")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    # a closed network: content images and links are recorded, then refused at once
    tab.route(re.compile(r"^https?://"), lambda route: route.abort())
    yield tab
    context.close()


def _content_urls() -> set[str]:
    """Every URL the example specs hold: images and links there are content."""
    return {m.group(0) for path in EXAMPLES.glob("*.yaml")
            for m in _URL.finditer(path.read_text(encoding="utf-8"))}


def _compiled(stem: str) -> list[dict[str, Any]]:
    doc = load_path(EXAMPLES / f"{stem}.yaml").documents[0]
    return compile_document(doc, example_values(doc.data)).messages


def _visible(message: dict[str, Any]) -> bool:
    return (message.get("type", "chat") in ("chat", "card")
            and message.get("role") in ("agent", "contact")
            and message.get("isBackchannel") is not True)


def _assert_only_own_assets(requests: list[str]) -> None:
    content = _content_urls()
    for url in requests:
        assert url.startswith("file://") or url in content, f"unexpected request: {url}"
    assert any(url.endswith("/assets/style.css") for url in requests)
    assert any(url.endswith("/assets/site.js") for url in requests)


def test_index(page: Any, examples_site: Path) -> None:
    page.goto((examples_site / "index.html").as_uri())
    assert page.locator(".spec-row").count() == len(SPECS)
    page.fill("#spec-filter", "whatsapp")
    assert page.locator(".spec-row:visible").count() == 1
    assert page.locator(".filter-count").inner_text() == f"1 of {len(SPECS)} shown"
    _assert_only_own_assets(page.requests)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs-index.png"), full_page=True)


@pytest.mark.parametrize("stem", SPECS)
def test_spec_page(page: Any, examples_site: Path, stem: str) -> None:
    page.goto((examples_site / "specs" / f"{stem}.html").as_uri())
    messages = _compiled(stem)
    visible = [m for m in messages if _visible(m)]
    assert page.locator(".chat .bubble").count() == len(visible)
    assert page.locator(".timeline-row").count() == len(messages)
    actions = [a for m in visible for a in m.get("actions", [])]
    buttons = [a["text"] for a in actions if a["type"] != "reply"]
    replies = [a["text"] for a in actions if a["type"] == "reply"]
    assert page.locator(".bubble .button").all_inner_texts() == buttons
    assert page.locator(".quick-reply").all_inner_texts() == replies
    titles = [i["title"] for m in visible for i in m.get("items", [])]
    assert page.locator(".carousel .card .card-title").all_inner_texts() == titles
    commands = [m for m in messages if m.get("type") == "command"]
    assert page.locator(".system-note.command").count() == len(commands)
    typing = [m for m in visible if m.get("delay", 0) > 0]
    assert page.locator(".typing").count() == len(typing)
    assert page.locator("button.copy:visible").count() >= 1
    assert page.locator("h1").count() == 1
    assert all(page.locator("img").evaluate_all("els => els.map(e => e.hasAttribute('alt'))"))
    _assert_only_own_assets(page.requests)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"docs-{stem}.png"), full_page=True)


def test_dark_mode(browser: Any, examples_site: Path) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 800, "height": 900})
    tab = context.new_page()
    tab.route(re.compile(r"^https?://"), lambda route: route.abort())
    tab.goto((examples_site / "specs" / "follow-up.html").as_uri())
    background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(15, 18, 22)"
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "docs-follow-up-dark.png"), full_page=True)
    context.close()
