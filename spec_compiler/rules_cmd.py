"""``spec-compiler rules`` / ``explain CODE``, and ``docs/rules.md`` (no click here).

Every rule documents itself: the module docstring is a one-line summary, a description,
and a ``Fails:`` and a ``Passes:`` YAML example; ``OPTIONS`` declares its options.
Load-stage codes (``load_codes.LOAD_CODES``) are documented alongside.
``python -m spec_compiler.rules_cmd`` regenerates ``docs/rules.md``.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

#: a heading per code prefix, in the order the reference lists them
GROUPS: dict[str, str] = {
    "IO": "Reading files",
    "YAML": "Parsing",
    "SUP": "Suppressions",
    "SCHEMA": "Schema",
    "MSG": "Messages",
    "ACT": "Actions and items",
    "SMS": "SMS",
    "WA": "WhatsApp",
    "CONV": "Conversation creation",
    "FILE": "Files",
    "CMD": "Commands",
    "PACE": "Pacing",
    "SPEC": "Specs",
}
DOCS_URL = "https://spec-compiler.dev/docs/rules.md"
_LABEL = re.compile(r"^(Fails|Passes|Options|Notes?)(?:\s*\((.*)\))?:\s*$")


@dataclass(frozen=True)
class RuleDoc:
    """What the documentation says about one code."""

    code: str
    name: str
    severity: str
    summary: str
    description: str = ""
    fails: str = ""
    passes: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    #: a remark on an example, from ``Fails (remark):`` in the docstring
    notes: Mapping[str, str] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        """The code's letters (``SMS`` of ``SMS001``)."""
        m = re.match(r"[A-Z]+", self.code)
        return m.group() if m else self.code

    @property
    def anchor(self) -> str:
        """The anchor of the code in ``docs/rules.md``."""
        return self.code.lower()


def parse_docstring(doc: str) -> tuple[str, str, dict[str, str]]:
    """Split a docstring into summary, description and labelled blocks (``Fails`` ...).

    A label's remark (``Fails (remark):``) is returned under ``"<label> note"``.
    """
    lines = textwrap.dedent(_dedent_tail(doc)).strip().splitlines()
    summary = lines[0].strip() if lines else ""
    body: list[str] = []
    blocks: dict[str, list[str]] = {}
    current = body
    for line in lines[1:]:
        m = _LABEL.match(line.strip())
        if m:
            current = blocks.setdefault(m.group(1), [])
            if m.group(2):
                blocks[f"{m.group(1)} note"] = [m.group(2)]
        else:
            current.append(line)
    parsed = {k: v[0] if k.endswith(" note") else _code_block(v) for k, v in blocks.items()}
    return summary, "\n".join(body).strip(), parsed


def _dedent_tail(doc: str) -> str:
    """Docstrings indent every line but the first; dedent them as one block."""
    first, _, rest = doc.strip("\n").partition("\n")
    return first.strip() + "\n" + textwrap.dedent(rest)


def _code_block(lines: list[str]) -> str:
    text = "\n".join(lines)
    fenced = re.search(r"```[a-z]*\n(.*?)\n\s*```", text, re.S)
    if fenced:
        return textwrap.dedent(fenced.group(1)).strip("\n")
    return textwrap.dedent(text).strip("\n")


def rule_doc(code: str) -> RuleDoc | None:
    """The documentation of ``code`` (a rule or a load-stage code), or None."""
    from spec_compiler.load_codes import LOAD_CODES
    from spec_compiler.rules import REGISTRY, load_rule

    if code in LOAD_CODES:
        c = LOAD_CODES[code]
        summary, _, rest = c.doc.partition(". ")
        summary = summary.rstrip(".") + "."
        return RuleDoc(c.code, c.name, c.severity, summary, rest.strip(), c.fails, c.passes)
    if code not in REGISTRY:
        return None
    module = load_rule(code)
    summary, description, blocks = parse_docstring(module.__doc__ or "")
    return RuleDoc(
        module.CODE,
        module.NAME,
        module.SEVERITY,
        summary,
        description,
        blocks.get("Fails", ""),
        blocks.get("Passes", ""),
        dict(getattr(module, "OPTIONS", {})),
        {k[: -len(" note")]: v for k, v in blocks.items() if k.endswith(" note")},
    )


def all_docs() -> list[RuleDoc]:
    """Every code, grouped by prefix (in GROUPS order), then by code."""
    from spec_compiler.load_codes import LOAD_CODES
    from spec_compiler.rules import REGISTRY

    docs = [d for c in (*LOAD_CODES, *REGISTRY) if (d := rule_doc(c)) is not None]
    order = {p: i for i, p in enumerate(GROUPS)}
    return sorted(docs, key=lambda d: (order.get(d.prefix, len(order)), d.prefix, d.code))


def list_rules(fmt: str, stream: TextIO) -> int:
    """Print every code: ``text`` table, ``json`` or ``markdown`` (docs/rules.md)."""
    docs = all_docs()
    if fmt == "json":
        rows = [
            {
                "code": d.code,
                "name": d.name,
                "severity": d.severity,
                "summary": d.summary,
                "options": {k: dict(v) for k, v in d.options.items()},
            }
            for d in docs
        ]
        stream.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "markdown":
        stream.write(render_rules_markdown())
    else:
        cw = max(len(d.code) for d in docs)
        nw = max(len(d.name) for d in docs)
        for d in docs:
            stream.write(f"{d.code:<{cw}}  {d.name:<{nw}}  {d.severity:<7}  {d.summary}\n")
    return 0


def explain(code: str, stream: TextIO, err: TextIO | None = None) -> int:
    """Print the documentation of one code (or rule name); 2 when there is none."""
    docs = all_docs()
    wanted = code.strip()
    match = [d for d in docs if wanted.upper() == d.code or wanted.lower() == d.name]
    if not match:
        from spec_compiler.config_schema import suggest

        choices = [d.code for d in docs] + [d.name for d in docs]
        guess = suggest(wanted.upper() if wanted[:1].isalpha() else wanted, choices)
        if not guess:
            guess = suggest(wanted.lower(), choices)
        (err or sys.stderr).write(f"spec-compiler: error: unknown rule '{code}'{guess}\n")
        return 2
    stream.write(render_explain(match[0]))
    return 0


def render_explain(d: RuleDoc) -> str:
    """The terminal documentation of one code."""
    parts = [f"{d.code} {d.name} (default severity: {d.severity})", "", d.summary]
    if d.description and d.description != d.summary:
        parts += ["", d.description]
    for label, block in (("Fails", d.fails), ("Passes", d.passes)):
        if block:
            parts += ["", _label(d, label) + ":", "", textwrap.indent(block, "    ")]
    if d.options:
        parts += ["", "Options:", ""]
        parts += [
            f"  {name} ({_type(o)}, default {_default(o)}): {o.get('description', '')}"
            for name, o in d.options.items()
        ]
    return "\n".join(parts).rstrip() + "\n"


def _label(d: RuleDoc, label: str) -> str:
    note = d.notes.get(label)
    return f"{label} ({note})" if note else label


def _type(option: Mapping[str, Any]) -> str:
    if "enum" in option:
        return " | ".join(json.dumps(e) for e in option["enum"])
    kind = option.get("type", "any")
    return " | ".join(kind) if isinstance(kind, list) else str(kind)


def _default(option: Mapping[str, Any]) -> str:
    return json.dumps(option["default"]) if "default" in option else "none"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_rules_markdown() -> str:
    """``docs/rules.md``: an index table, then every code with examples and options."""
    docs = all_docs()
    out = [
        "# Rules",
        "",
        "<!-- Generated by `python -m spec_compiler.rules_cmd > docs/rules.md`; do not edit. -->",
        "",
        "Every finding has a stable code, a kebab-case name and a default severity. "
        "Select, ignore or re-grade them in the configuration, or suppress one with "
        "`# spec-compiler: ignore[CODE] reason`.",
        "",
        "| Code | Name | Severity | Summary |",
        "|---|---|---|---|",
    ]
    out += [
        f"| [{d.code}](#{d.anchor}) | `{d.name}` | {d.severity} | {_cell(d.summary)} |"
        for d in docs
    ]
    group = None
    for d in docs:
        if d.prefix != group:
            group = d.prefix
            out += ["", f"## {group}: {GROUPS.get(group, group)}"]
        out += ["", *_markdown_rule(d)]
    return "\n".join(out) + "\n"


def _markdown_rule(d: RuleDoc) -> Iterator[str]:
    yield f'<a id="{d.anchor}"></a>'
    yield ""
    yield f"### {d.code} `{d.name}`"
    yield ""
    yield (
        f"Default severity: **{d.severity}**. {d.summary}"
        if d.description in ("", d.summary)
        else f"Default severity: **{d.severity}**.\n\n{d.summary}\n\n{d.description}"
    )
    for label, block in (("Fails", d.fails), ("Passes", d.passes)):
        if block:
            yield ""
            yield f"{_label(d, label)}:"
            yield ""
            yield "```yaml"
            yield block
            yield "```"
    if d.options:
        yield ""
        yield "| Option | Type | Default | Description |"
        yield "|---|---|---|---|"
        for name, o in d.options.items():
            yield (
                f"| `{name}` | {_cell(_type(o))} | `{_default(o)}` | "
                f"{_cell(str(o.get('description', '')))} |"
            )


if __name__ == "__main__":  # python -m spec_compiler.rules_cmd > docs/rules.md
    sys.stdout.write(render_rules_markdown())
