"""The Markdown variant: the same pages as GitHub-flavoured Markdown for a docs folder.

Untrusted text is backslash-escaped (``<`` included, so it can never become HTML), table
cells stay on one line, and code spans and fences grow longer than any backtick run
they hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spec_compiler.docsite.chat import Button, Card, Entry
from spec_compiler.docsite.html import seconds
from spec_compiler.docsite.model import SpecPage
from spec_compiler.docsite.reference import Definition, FieldRow, RuleDoc, SchemaDoc

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
_PIPE = re.compile(r"(?<!\\)\|")
_LINE_START = re.compile(r"^([-=]|\d+\.)", re.MULTILINE)


def text(value: str) -> str:
    """Escape ``value`` as inline Markdown text on one line."""
    flat = " ".join(value.split())
    return _LINE_START.sub(r"\\\1", _SPECIAL.sub(r"\\\1", flat))


def code(value: str) -> str:
    """An inline code span that survives backticks inside ``value``."""
    flat = " ".join(value.split()) or " "
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def fence(body: str, lang: str = "") -> str:
    """A fenced code block longer than any backtick run of ``body``."""
    ticks = "`" * max(3, max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
    return f"{ticks}{lang}\n{body}\n{ticks}"


def _target(url: str) -> str:
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def link(label: str, url: str | None) -> str:
    """``[label](<url>)`` for a safe URL, else the escaped label alone."""
    if not url:
        return text(label)
    return f"[{text(label) or text(url)}]({_target(url)})"


def rule_href(page: str, code: str, name: str) -> str:
    """The GitHub heading anchor of a rule's section (``## CODE name``)."""
    return f"{page}#{code.lower()}-{name.lower()}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GFM table; cells must already be escaped (a bare ``|`` in a code span is fixed)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(_PIPE.sub(r"\\|", cell) or " " for cell in row) + " |"
                 for row in rows)
    return "\n".join(lines)


def _doc(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


# ---------------------------------------------------------------- index


def index_page(pages: Sequence[SpecPage], schemas: Sequence[SchemaDoc]) -> str:
    """README.md: every spec and the reference pages."""
    rows = (
        (link(p.name, f"specs/{p.slug}.md"), text(p.kind or "–"), text(p.description),
         text(", ".join(p.channels) or "–"), str(p.message_count), p.status)
        for p in pages
    )
    refs = [f"- {link(s.title, f'reference/{s.page}.md')} ({code(s.name + '.schema.json')})"
            for s in schemas]
    refs.append(f"- {link('Rules', 'reference/rules.md')}")
    return _doc("# Message specs",
                table(("Spec", "Kind", "Description", "Channels", "Messages", "Lint"), rows),
                "## Reference", "\n".join(refs))


# ---------------------------------------------------------------- spec pages


def _buttons(buttons: Sequence[Button]) -> str:
    return " ".join(f"[{link(b.text, b.url)}]" if b.url else f"[{text(b.text)}]"
                    for b in buttons)


def _card(card: Card) -> str:
    parts = [f"**{text(card.title)}**"]
    if card.description:
        parts.append(text(card.description))
    if card.image_url:
        parts.append(f"![{text(card.alt)}]({_target(card.image_url)})")
    if card.buttons:
        parts.append(_buttons(card.buttons))
    return "  - " + " — ".join(parts)


def _entry(e: Entry) -> list[str]:
    at = seconds(e.at_ms)
    if e.kind == "typing":
        return [f"- _{e.role} is typing… {at} → {seconds(e.until_ms)}_"]
    if e.kind == "note":
        if e.note_kind == "command":
            return [f"- ⟨command {code(e.text)} at {at}, not shown to the contact⟩"]
        return [f"- ⟨{text(e.text)} ({at})⟩"]
    body = text(e.text)
    if e.attachment is not None:
        file = e.attachment
        body = f"file {link(file.title, file.url)} ({text(file.content_type)})"
    lines = [f"- **{text(e.role)}** ({at}): {body}"]
    if e.buttons:
        lines.append("  - buttons: " + _buttons(e.buttons))
    lines.extend(_card(c) for c in e.cards)
    if e.quick_replies:
        lines.append("  - quick replies: " + _buttons(e.quick_replies))
    return lines


def _variables(page: SpecPage) -> str:
    if not page.variables:
        return "This spec declares no variables."
    rows = ((code(v.name) + (" (required)" if v.required else ""), text(v.type),
             code(v.default) if v.default else "–", text(v.description or "–"), code(v.example))
            for v in page.variables)
    return table(("Name", "Type", "Default", "Description", "Preview value"), rows)


def _sms(page: SpecPage) -> str:
    out = []
    for s in page.sms:
        sender = f"from {code(s.sender_id)} (one-way)" if s.sender_id else "from the organization"
        count = f"{s.segments} segment{'' if s.segments == 1 else 's'}"
        out.append(f"Message {s.index + 1}, {sender}: {s.encoding}, {s.units} units, "
                   f"{count}\n\n{fence(s.text, 'text')}")
    return "\n\n".join(out)


def _whatsapp(page: SpecPage) -> str:
    out = []
    for w in page.whatsapp:
        if w.template:
            out.append(f"- Message {w.index + 1}: WhatsApp template {code(w.element_name or '?')}"
                       f" in namespace {code(w.namespace or '?')}"
                       f"{', language ' + code(w.language) if w.language else ''}: the contact"
                       " sees the approved template's text.")
        else:
            out.append(f"- Message {w.index + 1}: free-form WhatsApp text, delivered only "
                       "within 24 hours of the contact's last message.")
    return "\n".join(out)


def _timeline(page: SpecPage) -> str:
    rows = ((str(r.index + 1), text(r.type), seconds(r.typing_start_ms),
             seconds(r.shown_at_ms) + (" (set)" if r.explicit else ""), text(r.text))
            for r in page.timeline)
    return table(("#", "Type", "Typing from", "Shown at", "Text"), rows)


def _findings(page: SpecPage) -> str:
    if not page.findings:
        return "No findings."
    page_href = "../reference/rules.md"
    rows = ((code(f"{d.file}:{d.line}:{d.column}"),
             link(d.code, rule_href(page_href, d.code, d.rule)), d.severity, text(d.message))
            for d in page.findings)
    return table(("Where", "Code", "Severity", "Message"), rows)


def _section(title: str, body: str) -> str:
    return f"## {title}\n\n{body}" if body else ""


def spec_page(page: SpecPage) -> str:
    """specs/<slug>.md: one spec."""
    facts = (f"**Kind:** {text(page.kind or '–')} · **File:** {code(page.file)} · "
             f"**Channels:** {text(', '.join(page.channels) or '–')} · "
             f"**Messages:** {page.message_count} · **Lint:** {page.status}")
    preview = "\n".join(line for e in page.entries for line in _entry(e))
    requests = "\n\n".join(f"{r.method} {code(r.path)}\n\n{fence(r.body, 'json')}"
                           for r in page.requests)
    return _doc(
        f"# {text(page.name)}", facts, text(page.description),
        _section("Cannot compile", text(page.error or "")),
        _section("Variables", _variables(page)),
        _section("Chat preview", preview),
        _section("SMS view", _sms(page)),
        _section("WhatsApp", _whatsapp(page)),
        _section("Timeline", _timeline(page) if page.timeline else ""),
        _section("Compiled requests", requests),
        _section("Lint findings", _findings(page)),
    )


# ---------------------------------------------------------------- reference


def _field_rows(fields: Sequence[FieldRow]) -> str:
    rows = ((code(f.name), link(f.type, _md_link(f.link)), "yes" if f.required else "no",
             "<br>".join(text(x) for x in f.limits) or "–", text(f.description),
             " ".join(code(x) for x in f.examples) or "–") for f in fields)
    return table(("Field", "Type", "Required", "Limits", "Description", "Examples"), rows)


def _md_link(href: str | None) -> str | None:
    return href.replace(".html", ".md", 1) if href else None


def _definition(d: Definition) -> str:
    facts = "Type: " + text(d.type) + "".join(" · " + text(x) for x in d.limits)
    examples = ("Examples: " + " ".join(code(x) for x in d.examples)) if d.examples else ""
    return _doc(f"## {text(d.title)}", f'<a id="{d.anchor}"></a>', text(d.description),
                facts, examples, _field_rows(d.fields) if d.fields else "").rstrip()


def schema_page(doc: SchemaDoc) -> str:
    """reference/schema-<name>.md."""
    return _doc(f"# {text(doc.title)}", f"{code(doc.name + '.schema.json')} · JSON Schema 2020-12",
                text(doc.description), *(_definition(d) for d in doc.definitions))


def _rule(rule: RuleDoc) -> str:
    options = _field_rows(rule.options) if rule.options else ""
    return _doc(f"## {rule.code} {text(rule.name)}",
                f"Severity: **{rule.severity}**", rule.summary, rule.source,
                f"### Options\n\n{options}" if options else "").rstrip()


def rules_page(rules: Sequence[RuleDoc]) -> str:
    """reference/rules.md: every code (its documentation is Markdown already)."""
    rows = ((link(r.code, rule_href("", r.code, r.name)), text(r.name), r.severity,
             text(r.summary)) for r in rules)
    return _doc("# Rules", table(("Code", "Name", "Severity", "Summary"), rows),
                *(_rule(r) for r in rules))


def site_files(pages: Sequence[SpecPage], schemas: Sequence[SchemaDoc],
               rules: Sequence[RuleDoc]) -> dict[str, str]:
    """Every Markdown file, by its path relative to the output folder."""
    out = {"README.md": index_page(pages, schemas)}
    out.update({f"specs/{p.slug}.md": spec_page(p) for p in pages})
    out.update({f"reference/{s.page}.md": schema_page(s) for s in schemas})
    out["reference/rules.md"] = rules_page(rules)
    return out
