"""The HTML site: files, escaping, self-contained assets, determinism, safe replacement."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from spec_compiler.docs_cmd import MARKER

from .conftest import EXAMPLES, build_site

WriteSpec = Callable[[str, str], Path]

HOSTILE = """\
kind: messages
name: hostile
description: "<img src=x onerror=alert(1)> & friends"
conversation: 590bd49f458b716046347f47
messages:
  - text: "<script>alert('pwned')</script>"
    actions:
      - type: link
        text: "</a><script>alert(2)</script>"
        uri: "javascript:alert(3)"
"""


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_examples_site_has_every_page(examples_site: Path) -> None:
    names = {p.stem for p in EXAMPLES.glob("*.yaml")}
    assert {p.stem for p in (examples_site / "specs").glob("*.html")} == names
    for path in ("index.html", "assets/style.css", "assets/site.js", "reference/rules.html",
                 "reference/schema-message.html", MARKER):
        assert (examples_site / path).is_file(), path
    index = (examples_site / "index.html").read_text(encoding="utf-8")
    for name in names:
        assert f'href="specs/{name}.html"' in index


def test_spec_page_sections(examples_site: Path) -> None:
    page = (examples_site / "specs" / "sms-invite-senderid.html").read_text(encoding="utf-8")
    for needle in ('id="variables"', 'class="chat"', 'class="bubble role-agent',
                   'class="typing"', 'id="sms"', "TimsTrucks", "GSM-7", 'id="timeline"',
                   'class="timeline-row"', "POST", "/v2/conversations", 'class="copy"'):
        assert needle in page, needle


def test_reference_pages_document_every_field_and_rule(examples_site: Path) -> None:
    message = (examples_site / "reference" / "schema-message.html").read_text(encoding="utf-8")
    for field in ("SenderID", "elementName", "iconUrl", "mediaUrl", "contentType"):
        assert f"<code>{field}</code>" in message, field
    rules = (examples_site / "reference" / "rules.html").read_text(encoding="utf-8")
    for code in ("YAML001", "SMS001", "WA001", "PACE001"):
        assert f'id="{code}"' in rules


def test_message_text_is_escaped(write_spec: WriteSpec, tmp_path: Path) -> None:
    code, _, err = build_site([write_spec("hostile.yaml", HOSTILE)], tmp_path / "site")
    assert code == 0, err
    site = tmp_path / "site"
    page = (site / "specs" / "hostile.html").read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<script>alert" not in index
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in index and "&lt;img src=x onerror=alert(1)&gt;" in index
    assert 'href="javascript:' not in page and "&#34;javascript:alert(3)&#34;" in page
    assert len(re.findall(r"<script\b", page)) == 1  # our own site.js only


def test_no_remote_assets(examples_site: Path) -> None:
    asset_refs = re.compile(
        r"<script[^>]*\bsrc=\"([^\"]*)\"|<link[^>]*\bhref=\"([^\"]*)\"|@import\s+[\"']?([^\"';]+)"
        r"|url\(\s*[\"']?([^\"')]+)")
    for path in examples_site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        for match in asset_refs.finditer(path.read_text(encoding="utf-8")):
            ref = next(g for g in match.groups() if g)
            assert not re.match(r"(?i)(https?:)?//", ref), f"{path}: {ref}"
            assert (path.parent / ref).resolve().is_file(), f"{path}: {ref}"


def test_build_is_deterministic(examples_copy: Path, tmp_path: Path) -> None:
    assert build_site([examples_copy], tmp_path / "a")[0] == 0
    assert build_site([examples_copy], tmp_path / "b")[0] == 0
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_existing_site_is_replaced_and_nothing_is_left_behind(examples_copy: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build_site([examples_copy / "quick-replies.yaml"], out)[0] == 0
    assert build_site([examples_copy / "pdf-file.yaml"], out)[0] == 0
    assert sorted(p.name for p in (out / "specs").iterdir()) == ["pdf-file.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_foreign_directory_is_never_replaced(examples_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "guide.md").write_text("mine", encoding="utf-8")
    code, _, err = build_site([examples_copy / "pdf-file.yaml"], out)
    assert code == 2
    assert "not written by 'spec-compiler docs'" in err
    assert (out / "guide.md").read_text(encoding="utf-8") == "mine"


def test_a_spec_that_cannot_compile_gets_a_page_and_exit_1(write_spec: WriteSpec,
                                                          tmp_path: Path) -> None:
    bad = write_spec("bad.yaml", "kind: messages\nmessages:\n  - text: 'Hi {{ who }}'\n")
    good = write_spec("good.yaml", "kind: messages\nmessages:\n  - text: Hi\n")
    code, _, err = build_site([bad, good], tmp_path / "site")
    assert code == 1
    assert "bad" in err
    page = (tmp_path / "site" / "specs" / "bad.html").read_text(encoding="utf-8")
    assert "Cannot compile" in page and "SPEC001" in page
    assert (tmp_path / "site" / "specs" / "good.html").is_file()


def test_lint_findings_are_shown_but_not_fatal(write_spec: WriteSpec, tmp_path: Path) -> None:
    spec = write_spec("warn.yaml", "kind: messages\nvars:\n  unused: {type: string, default: x}\n"
                      "messages:\n  - text: Hi\n")
    code, _, _ = build_site([spec], tmp_path / "site")
    assert code == 0
    page = (tmp_path / "site" / "specs" / "warn.html").read_text(encoding="utf-8")
    assert "SPEC002" in page


def test_vars_file_sets_the_preview_values(examples_copy: Path, tmp_path: Path) -> None:
    values = tmp_path / "vars.json"
    values.write_text('{"name": "Zoë Example"}', encoding="utf-8")
    code, _, err = build_site([examples_copy / "follow-up.yaml"], tmp_path / "site",
                              vars_file=values)
    assert code == 0, err
    page = (tmp_path / "site" / "specs" / "follow-up.html").read_text(encoding="utf-8")
    assert "Hi Zoë Example!" in page


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = build_site([EXAMPLES], tmp_path / "site", vars_file=tmp_path / "missing.json")
    assert code == 2 and "--vars" in err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", ["follow-up", "carousel-card", "quick-replies"])
def test_pages_carry_stable_classes(examples_site: Path, name: str) -> None:
    page = (examples_site / "specs" / f"{name}.html").read_text(encoding="utf-8")
    expected = {"follow-up": ["typing", "system-note command"],
                "carousel-card": ["carousel", "card", "card-title"],
                "quick-replies": ["quick-reply", "quick-reply-icon"]}[name]
    for cls in expected:
        assert f'class="{cls}' in page or f' {cls}"' in page, cls
