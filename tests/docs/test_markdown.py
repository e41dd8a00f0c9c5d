"""The Markdown variant: same content, escaped for a repository's docs folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from spec_compiler.docsite.markdown import code, fence, text

from .conftest import EXAMPLES, build_site


@pytest.fixture(scope="module")
def md_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("md") / "docs"
    code_, _, err = build_site([EXAMPLES], out, fmt="markdown")
    assert code_ == 0, err
    return out


def test_files(md_site: Path) -> None:
    names = {p.stem for p in EXAMPLES.glob("*.yaml")}
    assert {p.stem for p in (md_site / "specs").glob("*.md")} == names
    assert (md_site / "README.md").is_file()
    assert (md_site / "reference" / "rules.md").is_file()
    assert (md_site / "reference" / "schema-message.md").is_file()
    assert not list(md_site.rglob("*.html"))


def test_spec_page_content(md_site: Path) -> None:
    page = (md_site / "specs" / "sms-invite-senderid.md").read_text(encoding="utf-8")
    for needle in ("# sms-invite-senderid", "## Variables", "## Chat preview",
                   "is typing", "## SMS view", "`TimsTrucks`", "GSM-7", "## Timeline",
                   "```json", "/v2/conversations", "## Lint findings"):
        assert needle in page, needle


def test_carousel_and_quick_replies(md_site: Path) -> None:
    carousel = (md_site / "specs" / "carousel-card.md").read_text(encoding="utf-8")
    assert "**Tacos**" in carousel and "[Order tacos](<https://example.org/taco.html>)" in carousel
    replies = (md_site / "specs" / "quick-replies.md").read_text(encoding="utf-8")
    assert "quick replies: [Tacos] [Burritos]" in replies


def test_index_links_every_spec(md_site: Path) -> None:
    index = (md_site / "README.md").read_text(encoding="utf-8")
    for path in EXAMPLES.glob("*.yaml"):
        assert f"(<specs/{path.stem}.md>)" in index


def test_untrusted_text_cannot_become_html(tmp_path: Path,
                                           write_spec: Callable[[str, str], Path]) -> None:
    spec = write_spec("x.yaml", "kind: messages\nmessages:\n"
                      "  - text: \"<script>alert(1)</script> | *bold* [x](javascript:y)\"\n")
    assert build_site([spec], tmp_path / "out", fmt="markdown")[0] == 0
    page = (tmp_path / "out" / "specs" / "x.md").read_text(encoding="utf-8")
    assert "<script>" not in page.split("```json")[0]
    assert "\\<script\\>" in page and "\\[x\\]\\(javascript:y\\)" in page


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a|b", "a\\|b"), ("<b>", "\\<b\\>"), ("- item", "\\- item"), ("line\nbreak", "line break")],
)
def test_text_escape(value: str, expected: str) -> None:
    assert text(value) == expected


def test_code_and_fence_outgrow_backticks() -> None:
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert fence("```\nx\n```", "yaml").startswith("````yaml\n")
