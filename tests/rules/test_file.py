"""File rules: the URL in text, its extension and the title (FILE001-FILE003)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spec_compiler.config import Config
from spec_compiler.engine import lint_loaded
from spec_compiler.loader import load_text

PREFIXES = ("FILE",)
EXAMPLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "api-examples"

Found = list[tuple[int, int, str]]


def lint(src: str, name: str = "case.yaml") -> list[Any]:
    """Diagnostics of this family for ``src``."""
    return [d for d in lint_loaded(load_text(src, name), config=Config(select=PREFIXES))
            if d.code.startswith(PREFIXES)]


def found(src: str, name: str = "case.yaml") -> Found:
    """``(line, col, code)`` of each finding of this family."""
    return [(d.line, d.column, d.code) for d in lint(src, name)]


def file(text: str, ctype: str, title: str | None = "Google") -> str:
    """A file message: text on line 2, contentType on line 3, meta from line 4."""
    meta = f"meta:\n  title: {title}\n" if title is not None else ""
    return f"role: agent\ntext: '{text}'\ncontentType: {ctype}\n{meta}"


PDF = "http://infolab.stanford.edu/pub/papers/google.pdf"

CASES = [
    # --- FILE001 text is not a URL
    pytest.param(file("Here is the brochure", "application/pdf"), [(2, 7, "FILE001")],
                 id="FILE001-prose"),
    pytest.param(file("google.pdf", "application/pdf"), [(2, 7, "FILE001")],
                 id="FILE001-bare-name"),
    pytest.param(file("ftp://example.org/a.png", "image/png"), [(2, 7, "FILE001")],
                 id="FILE001-ftp"),
    pytest.param(file("/files/a.png", "image/png"), [(2, 7, "FILE001")], id="FILE001-relative"),
    pytest.param(file(PDF, "application/pdf"), [], id="FILE001-ok"),
    pytest.param(file("Hello <b>there</b>", "text/html"), [], id="FILE001-ok-text-html"),
    pytest.param("role: agent\ntext: Hello\ncontentType: not a type\n", [],
                 id="FILE001-quiet-bad-content-type"),
    pytest.param(
        "kind: messages\nvars: {u: {type: string}}\nmessages:\n"
        "  - {text: '{{ u }}', contentType: image/png, meta: {title: x}}\n",
        [], id="FILE001-ok-template"),
    # --- FILE002 extension vs contentType
    pytest.param(file(PDF, "image/png"), [(3, 14, "FILE002")], id="FILE002-pdf-as-png"),
    pytest.param(file("https://a.org/photo.jpg", "application/pdf"), [(3, 14, "FILE002")],
                 id="FILE002-jpg-as-pdf"),
    pytest.param(file("https://a.org/clip.mp4", "image/gif"), [(3, 14, "FILE002")],
                 id="FILE002-mp4-as-gif"),
    pytest.param(file("https://a.org/a.PDF?download=1#p2", "video/mp4"), [(3, 14, "FILE002")],
                 id="FILE002-upper-ext-query"),
    pytest.param(file("https://a.org/photo.jpg", "image/png"), [], id="FILE002-ok-image-family"),
    pytest.param(file("https://a.org/photo.webp", "image/webp"), [], id="FILE002-ok-webp"),
    pytest.param(file("https://a.org/photo.jpeg", "image/jpg"), [], id="FILE002-ok-alias"),
    pytest.param(file("https://a.org/files/123", "application/pdf"), [],
                 id="FILE002-ok-no-extension"),
    pytest.param(file("https://a.org/get.php?id=3", "application/pdf"), [],
                 id="FILE002-ok-script"),
    pytest.param(file("https://a.org/a.xyz123", "application/pdf"), [],
                 id="FILE002-ok-unknown-extension"),
    pytest.param(file(PDF, "application/pdf; charset=binary"), [], id="FILE002-ok-params"),
    pytest.param(file(PDF, "application/octet-stream"), [], id="FILE002-ok-octet-stream"),
    pytest.param(file("google.pdf", "image/png"), [(2, 7, "FILE001")],
                 id="FILE002-quiet-when-not-url"),
    # --- FILE003 without title
    pytest.param(file(PDF, "application/pdf", title=None), [(1, 1, "FILE003")],
                 id="FILE003-no-meta"),
    pytest.param(file(PDF, "application/pdf", title=None) + "meta: {hidden: false}\n",
                 [(4, 7, "FILE003")], id="FILE003-meta-without-title"),
    pytest.param(f"- role: agent\n  text: '{PDF}'\n  contentType: application/pdf\n",
                 [(1, 3, "FILE003")], id="FILE003-list"),
    pytest.param(file(PDF, "application/pdf"), [], id="FILE003-ok"),
    pytest.param(file("Hi", "text/plain", title=None), [], id="FILE003-ok-text"),
    pytest.param(f"role: bot\ntext: '{PDF}'\ncontentType: application/pdf\n", [],
                 id="FILE003-ok-internal"),
    pytest.param(
        "kind: messages\ndefaults: {meta: {title: Brochure}}\nmessages:\n"
        f"  - {{text: '{PDF}', contentType: application/pdf}}\n",
        [], id="FILE003-ok-title-from-defaults"),
]


@pytest.mark.parametrize(("src", "expected"), CASES)
def test_findings(src: str, expected: Found) -> None:
    assert sorted(found(src)) == sorted(expected)


@pytest.mark.parametrize(
    ("src", "message"),
    [
        (file("Here is the brochure", "application/pdf"),
         "text 'Here is the brochure' is not a URL; with contentType 'application/pdf' the "
         "text must be the file's http(s) URL"),
        (file(PDF, "image/png"),
         "contentType 'image/png' does not fit the '.pdf' URL in text ('application/pdf'); "
         "use 'application/pdf' or check the URL"),
        (file(PDF, "application/pdf", title=None),
         "file message has no 'meta.title'; name the file for the contact"),
    ],
)
def test_messages(src: str, message: str) -> None:
    assert [d.message for d in lint(src)] == [message]


def test_severities() -> None:
    diags = lint(file("google.pdf", "application/pdf", title=None))
    assert sorted((d.code, d.severity) for d in diags) == [
        ("FILE001", "error"), ("FILE003", "info")]


def test_seed_file_message_json() -> None:
    src = (
        '{\n    "role": "agent",\n'
        f'    "text": "{PDF}",\n'
        '    "contentType": "application/pdf",\n'
        '    "meta": {"title": "Google"}\n}'
    )
    assert found(src, "case.json") == []
    assert found(src.replace("application/pdf", "image/png"), "case.json") == [(4, 20, "FILE002")]


def _examples() -> list[Path]:
    folder = EXAMPLES
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_api_examples_have_no_errors(path: Path) -> None:
    diags = lint(path.read_text(encoding="utf-8"), path.name)
    assert [d.render() for d in diags if d.severity == "error"] == []
