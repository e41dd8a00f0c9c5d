"""A spec document → the model of its page: variables, chat preview, channels, requests.

Compilation uses example values (each variable's default, else its first example, else a
placeholder) overridden by the values given with ``--vars``. A spec that cannot compile
still gets a page: its findings and the reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from spec_compiler.compiler import CompiledSpec, CompileError, compile_document, example_values
from spec_compiler.diagnostics import Diagnostic, sort_key
from spec_compiler.docsite.channels import (
    SmsView,
    WhatsAppNote,
    channels,
    sms_views,
    touchpoints,
    whatsapp_notes,
)
from spec_compiler.docsite.chat import Button, Entry, entries, tray
from spec_compiler.document import Document
from spec_compiler.pacing import TimelineRow

Status = Literal["ok", "info", "warning", "error", "failed"]
_SLUG_BAD = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class VarRow:
    """One declared variable, as the variables table shows it."""

    name: str
    type: str
    required: bool
    default: str
    description: str
    example: str


@dataclass(frozen=True)
class RequestView:
    """One compiled request, its body pretty-printed."""

    method: str
    path: str
    body: str


@dataclass(frozen=True)
class SpecPage:
    """Everything one spec page shows."""

    slug: str
    name: str
    kind: str
    description: str
    file: str
    document: int
    line: int
    status: Status
    message_count: int
    channels: tuple[str, ...] = ()
    variables: tuple[VarRow, ...] = ()
    entries: tuple[Entry, ...] = ()
    tray: tuple[Button, ...] = ()
    sms: tuple[SmsView, ...] = ()
    whatsapp: tuple[WhatsAppNote, ...] = ()
    timeline: tuple[TimelineRow, ...] = ()
    requests: tuple[RequestView, ...] = ()
    findings: tuple[Diagnostic, ...] = ()
    #: why the spec could not be compiled (None when it compiled)
    error: str | None = None
    #: the values the preview was compiled with
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def search_text(self) -> str:
        """What the index filter matches against."""
        return " ".join((self.name, self.kind, self.description, self.file, *self.channels))


def to_json(value: Any) -> str:
    """Deterministic, readable JSON (key order as written)."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def slugify(name: str) -> str:
    """A file-name-safe slug of a spec name."""
    slug = _SLUG_BAD.sub("-", name).strip(".-")
    return slug or "spec"


def unique_slugs(names: Iterable[str]) -> list[str]:
    """A slug per name, ``-2``, ``-3``… appended to repeats (case-insensitively)."""
    seen: set[str] = set()
    out = []
    for name in names:
        base = slug = slugify(name)
        n = 1
        while slug.lower() in seen:
            n += 1
            slug = f"{base}-{n}"
        seen.add(slug.lower())
        out.append(slug)
    return out


def status_of(findings: Sequence[Diagnostic], failed: bool = False) -> Status:
    """The worst severity among the findings ('failed' when the spec did not compile)."""
    if failed:
        return "failed"
    severities: tuple[Status, ...] = ("error", "warning", "info")
    for severity in severities:
        if any(d.severity == severity for d in findings):
            return severity
    return "ok"


def _type_label(schema: Mapping[str, Any]) -> str:
    declared = schema.get("type")
    label = " | ".join(declared) if isinstance(declared, list) else str(declared or "any")
    fmt = schema.get("format")
    return f"{label} ({fmt})" if isinstance(fmt, str) else label


def variable_rows(spec: Mapping[str, Any], values: Mapping[str, Any]) -> tuple[VarRow, ...]:
    """The variables table: declared order, with the values the preview used."""
    declared = spec.get("vars")
    if not isinstance(declared, Mapping):
        return ()
    rows = []
    for name, schema in declared.items():
        schema = schema if isinstance(schema, Mapping) else {}
        default = to_json(schema["default"]) if "default" in schema else ""
        rows.append(VarRow(
            name=str(name), type=_type_label(schema), required="default" not in schema,
            default=default, description=str(schema.get("description", "")),
            example=to_json(values[name]) if name in values else "",
        ))
    return tuple(rows)


def preview_values(spec: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """Example values of the declared variables, overridden by the given ones."""
    values = example_values(spec)
    values.update({k: v for k, v in given.items() if k in values})
    return values


def _merge_findings(*groups: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for diag in (d for group in groups for d in group):
        key = (diag.code, diag.line, diag.column, diag.message)
        if key not in seen:
            seen.add(key)
            out.append(diag)
    return tuple(sorted(out, key=sort_key))


def build_page(doc: Document, slug: str, *, lint: Sequence[Diagnostic],
               given: Mapping[str, Any], config: Any = None) -> SpecPage:
    """The page of one spec document; a spec that fails to compile gets its reason."""
    spec: Mapping[str, Any] = doc.data if isinstance(doc.data, Mapping) else {}
    values = preview_values(spec, given)
    base = _base_page(doc, slug, spec, values)
    try:
        compiled = compile_document(doc, values, config=config)
    except CompileError as exc:
        findings = _merge_findings(lint)
        return _with(base, findings=findings, status=status_of(findings, True), error=str(exc))
    return compiled_page(base, compiled, _merge_findings(lint, compiled.diagnostics))


def _base_page(doc: Document, slug: str, spec: Mapping[str, Any],
               values: Mapping[str, Any]) -> SpecPage:
    from spec_compiler.compiler import spec_name

    messages = spec.get("messages")
    return SpecPage(
        slug=slug, name=spec_name(doc), kind=str(spec.get("kind", "")),
        description=str(spec.get("description", "") or ""), file=doc.file,
        document=doc.index, line=doc.start_line, status="ok",
        message_count=len(messages) if isinstance(messages, list) else 0,
        variables=variable_rows(spec, values), values=dict(values),
    )


def _with(page: SpecPage, **changes: Any) -> SpecPage:
    from dataclasses import replace

    return replace(page, **changes)


def compiled_page(base: SpecPage, compiled: CompiledSpec,
                  findings: tuple[Diagnostic, ...]) -> SpecPage:
    """Fill a page from a compiled spec."""
    messages = compiled.messages
    conv_tp = None
    if compiled.kind == "conversation" and compiled.requests:
        body = compiled.requests[0].body
        found = body.get("touchpoint") if isinstance(body, Mapping) else None
        conv_tp = found if isinstance(found, str) else None
    tps = touchpoints(messages, conv_tp)
    items = entries(messages, compiled.timeline)
    return _with(
        base, status=status_of(findings), findings=findings,
        message_count=len(messages), channels=channels(messages, tps),
        entries=items, tray=tray(items), sms=sms_views(messages, tps),
        whatsapp=whatsapp_notes(messages, tps), timeline=tuple(compiled.timeline),
        requests=tuple(RequestView(r.method, r.path, to_json(r.body)) for r in compiled.requests),
    )


def unloadable_page(file: str, slug: str, findings: Sequence[Diagnostic]) -> SpecPage:
    """The page of a file that could not be read or parsed: only its findings."""
    stem = file.replace("\\", "/").rsplit("/", 1)[-1]
    return SpecPage(slug=slug, name=stem, kind="", description="", file=file, document=0,
                    line=1, status="failed", message_count=0,
                    findings=_merge_findings(findings),
                    error="the file could not be read or parsed")
