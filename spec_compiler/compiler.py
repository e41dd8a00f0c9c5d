"""Spec documents to ready-to-POST requests (DESIGN §5).

A ``SpecPlan`` holds what does not depend on variable values (defaults merged, templates
compiled, pacing parameters, variable validators), built once per spec; ``build`` renders
it for one set of values, and ``validate`` puts the rendered requests through the schemas
and rules again, with every finding placed at the spec's source line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

from spec_compiler.diagnostics import Diagnostic
from spec_compiler.document import SPEC_ONLY_KEYS, Document
from spec_compiler.emitters import CONVERSATION_PLACEHOLDER
from spec_compiler.merge import deep_merge
from spec_compiler.pacing import PacingError, PacingParams, TimelineRow, parse_pacing, timeline
from spec_compiler.pacing import apply_delays as pace
from spec_compiler.pointer import join, split
from spec_compiler.templating import Renderer, TemplateError, template_names
from spec_compiler.variables import VariableError, VariableSet

SpecKind = Literal["conversation", "messages"]
CONVERSATIONS_PATH = "/v2/conversations"


class CompileError(ValueError):
    """A spec that cannot be compiled with the given values; ``variable`` names the culprit."""

    def __init__(self, message: str, variable: str | None = None) -> None:
        super().__init__(message)
        self.variable = variable


@dataclass(frozen=True)
class Request:
    """One HTTP request to the Web1on1 API."""

    method: str
    path: str
    body: Any


@dataclass
class CompiledSpec:
    """A spec compiled for one set of variable values."""

    name: str
    kind: SpecKind
    description: str
    requests: list[Request]
    #: the final message dicts, in send order
    messages: list[dict[str, Any]]
    timeline: list[TimelineRow]
    #: findings of the re-validation of the rendered requests (empty until validated)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def spec_name(doc: Document) -> str:
    """The spec's ``name``, else the file stem (``-2``, ``-3``… for later documents)."""
    name = doc.data.get("name") if isinstance(doc.data, Mapping) else None
    if isinstance(name, str) and name:
        return name
    stem = doc.file.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return stem if doc.index == 0 else f"{stem}-{doc.index + 1}"


class SpecPlan:
    """One spec document, prepared once for any number of compilations."""

    def __init__(self, doc: Document, name: str | None = None) -> None:
        data = doc.data
        if not isinstance(data, Mapping) or data.get("kind") not in ("conversation", "messages"):
            raise CompileError("not a spec: 'kind' must be 'conversation' or 'messages'")
        written = data.get("messages")
        if not isinstance(written, list) or not all(isinstance(m, Mapping) for m in written):
            raise CompileError("spec 'messages' must be a list of mappings")
        self.doc = doc
        self.data: Mapping[str, Any] = data
        self.name = name or spec_name(doc)
        self.kind: SpecKind = data["kind"]
        self.description = str(data.get("description", ""))
        self.variables = _variables(data.get("vars"))
        defaults = data.get("defaults")
        self.defaults: Mapping[str, Any] = defaults if isinstance(defaults, Mapping) else {}
        self.pacing = _pacing(data.get("pacing"), len(written))
        try:
            self._messages = Renderer([deep_merge(self.defaults, m) for m in written])
            # the body's messages are replaced by the rendered ones: not rendered twice
            self._body = Renderer({k: None if k == "messages" else v
                                   for k, v in data.items() if k not in SPEC_ONLY_KEYS})
            self._conversation = Renderer(data.get("conversation"))
        except TemplateError as exc:
            raise CompileError(str(exc), exc.variable) from None
        self._check_names()

    def _check_names(self) -> None:
        used_by = {k: v for k, v in self.data.items() if k not in ("vars", "name", "description")}
        try:
            names = template_names(used_by)
        except TemplateError as exc:
            raise CompileError(str(exc)) from None
        undeclared = sorted(names - set(self.variables.names))
        if undeclared:
            raise CompileError(f"undeclared variable '{undeclared[0]}'", undeclared[0])

    @property
    def uses_templates(self) -> bool:
        """True when some string of the spec holds a template."""
        return not (self._messages.constant and self._body.constant)

    def resolve(self, given: Mapping[str, Any], *, strings: bool = False) -> dict[str, Any]:
        """Values for this spec: defaults filled, types checked; raises CompileError."""
        try:
            return self.variables.resolve(given, strings=strings)
        except VariableError as exc:
            raise CompileError(str(exc), exc.variable) from None

    def build(
        self, values: Mapping[str, Any], *, batch: bool = False, with_timeline: bool = True
    ) -> CompiledSpec:
        """Render the spec for resolved ``values``; raises CompileError.

        Without ``with_timeline`` the result's timeline is left empty (bulk rows never
        read it).
        """
        try:
            rendered = self._messages.render(values)
            body = self._body.render(values)
            conversation = self._conversation.render(values)
        except TemplateError as exc:
            raise CompileError(str(exc), exc.variable) from None
        messages = [_with_role(m) for m in rendered]
        explicit = ["delay" in m for m in messages] if with_timeline else []
        messages = pace(messages, self.pacing)
        requests = self._requests(body, messages, conversation, batch)
        return CompiledSpec(
            name=self.name,
            kind=self.kind,
            description=self.description,
            requests=requests,
            messages=messages,
            timeline=timeline(messages, explicit) if with_timeline else [],
        )

    def _requests(
        self,
        body: Mapping[str, Any],
        messages: list[dict[str, Any]],
        conversation: Any,
        batch: bool,
    ) -> list[Request]:
        if self.kind == "conversation":
            return [Request("POST", CONVERSATIONS_PATH, _conversation_body(body, messages))]
        path = messages_path(conversation)
        if batch:
            return [Request("POST", path, messages)]
        return [Request("POST", path, message) for message in messages]

    def validate(self, compiled: CompiledSpec, *, config: Any = None) -> list[Diagnostic]:
        """Schemas and rules over the rendered requests, placed at the spec's lines."""
        from spec_compiler.engine import lint_data

        if self.kind == "conversation":
            data: Any = compiled.requests[0].body
            kind: Any = "conversation"
        else:
            data, kind = compiled.messages, "message-list"
        extra = {} if config is None else {"config": config}
        return lint_data(
            data,
            kind=kind,
            file=self.doc.file,
            locator=self.doc.locator,
            pointer_map=self.origin,
            document=self.doc.index,
            flags={"rendered": True},
            **extra,
        )

    def row_checker(self, *, config: Any = None) -> Any:
        """A checker that re-validates rows at the cost of what their values change."""
        from spec_compiler.config import DEFAULT_CONFIG
        from spec_compiler.rowcheck import RowChecker

        return RowChecker(kind="conversation" if self.kind == "conversation" else "message-list",
                          file=self.doc.file, locator=self.doc.locator,
                          pointer_map=self.origin, document=self.doc.index,
                          config=config or DEFAULT_CONFIG, variable=self.varies)

    def row_data(self, compiled: CompiledSpec) -> Any:
        """The data a row's re-validation looks at (as ``validate`` does)."""
        return compiled.requests[0].body if self.kind == "conversation" else compiled.messages

    def varies(self, body_pointer: str) -> bool:
        """True when the value at a rendered pointer can differ between rows."""
        origin = self.origin(body_pointer)
        if body_pointer.endswith("/delay") and not origin.endswith("/delay"):
            return True  # computed by pacing from texts that may hold templates
        value: Any = self.data
        for token in split(origin):
            if isinstance(value, Mapping):
                value = value.get(token)
            elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
                value = value[int(token)]
            else:
                return False
        return isinstance(value, str) and "{{" in value

    def origin(self, body_pointer: str) -> str:
        """The spec pointer a pointer into the rendered request data came from."""
        tokens = split(body_pointer)
        if self.kind == "messages":
            return self._message_origin(tokens)
        if len(tokens) >= 2 and tokens[0] == "messages":
            return self._message_origin(tokens[1:])
        if tokens and tokens[0] not in self.data:
            return "/kind"
        return _existing(self.data, "", tokens)

    def _message_origin(self, tokens: Sequence[str]) -> str:
        if not tokens or not tokens[0].isdigit() or int(tokens[0]) >= len(self.data["messages"]):
            return "/messages"
        index, rest = int(tokens[0]), tokens[1:]
        here = join("/messages", index)
        written = self.data["messages"][index]
        if rest and rest[0] not in written and rest[0] in self.defaults:
            return _existing(self.defaults, "/defaults", rest)
        return _existing(written, here, rest)


def _existing(data: Any, base: str, tokens: Sequence[str]) -> str:
    """``base`` plus the longest prefix of ``tokens`` that exists in ``data``."""
    pointer = base
    for token in tokens:
        if isinstance(data, Mapping) and token in data:
            data = data[token]
        elif isinstance(data, list) and token.isdigit() and int(token) < len(data):
            data = data[int(token)]
        else:
            break
        pointer = join(pointer, token)
    return pointer


def _variables(declared: Any) -> VariableSet:
    try:
        return VariableSet(declared)
    except VariableError as exc:
        raise CompileError(str(exc), exc.variable) from None


def _pacing(value: Any, count: int) -> PacingParams | None:
    try:
        return parse_pacing(value, count)
    except PacingError as exc:
        raise CompileError(str(exc)) from None


def _conversation_body(body: Mapping[str, Any], messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The body in the order written; ``type: contact`` (when absent) after ``organization``."""
    full: dict[str, Any] = {}
    if "type" not in body and "organization" not in body:
        full["type"] = "contact"
    for key, value in body.items():
        full[key] = messages if key == "messages" else value
        if key == "organization" and "type" not in body:
            full["type"] = "contact"
    return full


def _with_role(message: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(message)
    if "role" not in out and out.get("type") != "command":
        out["role"] = "agent"
    return out


def messages_path(conversation: Any) -> str:
    """``/v2/conversations/{id}/messages``, the id percent-encoded (placeholder if none)."""
    if conversation is None:
        return f"{CONVERSATIONS_PATH}/{CONVERSATION_PLACEHOLDER}/messages"
    if isinstance(conversation, bool) or not isinstance(conversation, (str, int)):
        raise CompileError(f"conversation id {conversation!r} is not a string")
    text = str(conversation).strip()
    if not text:
        raise CompileError("conversation id is empty")
    return f"{CONVERSATIONS_PATH}/{quote(text, safe='')}/messages"


def compile_document(
    doc: Document, values: Mapping[str, Any], *, batch: bool = False, config: Any = None
) -> CompiledSpec:
    """Compile one spec document with ``values`` (defaults filled, checked, re-validated)."""
    plan = SpecPlan(doc)
    compiled = plan.build(plan.resolve(values), batch=batch)
    compiled.diagnostics = plan.validate(compiled, config=config)
    return compiled


_PLACEHOLDERS: dict[str, Any] = {
    "string": "example",
    "integer": 0,
    "number": 0,
    "boolean": False,
    "array": [],
    "object": {},
    "null": None,
}
_FORMAT_EXAMPLES = {
    "phone": "+31646280994",
    "email": "john.johnson@example.com",
    "uri": "https://example.com/",
}


def example_values(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A value per declared variable: its default, else its first example, else a placeholder."""
    declared = spec.get("vars")
    if not isinstance(declared, Mapping):
        return {}
    return {str(name): _example(schema) for name, schema in declared.items()}


def _example(schema: Any) -> Any:
    if not isinstance(schema, Mapping):
        return "example"
    if "default" in schema:
        return schema["default"]
    for key in ("examples", "enum"):
        found = schema.get(key)
        if isinstance(found, list) and found:
            return found[0]
    if "const" in schema:
        return schema["const"]
    if schema.get("format") in _FORMAT_EXAMPLES:
        return _FORMAT_EXAMPLES[schema["format"]]
    declared = schema.get("type", "string")
    first = declared[0] if isinstance(declared, list) and declared else declared
    return _PLACEHOLDERS.get(first, "example") if isinstance(first, str) else "example"
