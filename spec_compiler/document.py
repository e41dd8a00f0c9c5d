"""Loaded documents and the view of them that rules see."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from spec_compiler.kinds import detect_kind as detect_kind  # re-exported: its home is light

DocumentKind = Literal["spec", "conversation", "message", "message-list"]
KINDS: tuple[DocumentKind, ...] = ("spec", "conversation", "message", "message-list")

#: keys of a spec that never reach a request body (DESIGN §3)
SPEC_ONLY_KEYS = ("kind", "name", "description", "vars", "defaults", "pacing", "conversation")


@dataclass(frozen=True)
class Span:
    """A 1-based source range."""

    line: int
    column: int
    end_line: int
    end_column: int


class Locator(Protocol):
    """Maps a JSON pointer of a document to its source range."""

    def locate(self, pointer: str, *, key: bool = False) -> Span:
        """The range of the value at ``pointer`` (of its key when ``key``).

        A pointer that does not exist resolves to its nearest existing ancestor.
        """
        ...

    def raw(self, pointer: str) -> str | None:
        """The scalar at ``pointer`` exactly as written (``0930``), if it exists."""
        ...


@dataclass(frozen=True)
class Document:
    """One document of a file: plain data plus a way to find positions."""

    file: str
    index: int
    data: Any
    locator: Locator
    #: 1-based line of the document start (used by suppressions and reporters)
    start_line: int = 1

    @property
    def kind(self) -> DocumentKind:
        """The detected kind (DESIGN §2)."""
        return detect_kind(self.data)


def is_template(value: Any) -> bool:
    """True for a string holding a ``{{ var }}`` template (checked after rendering)."""
    return isinstance(value, str) and "{{" in value


@dataclass(frozen=True)
class SchemaError:
    """One fault a schema found, already reduced to the single most precise error."""

    #: RFC 6901 pointer into the validated instance
    pointer: str
    #: the jsonschema keyword that failed: type, required, enum, pattern, maxLength, ...
    keyword: str
    #: a short lower-case fragment, value in quotes (STYLE.md)
    message: str
    #: the failing instance (lets the engine skip ``{{ template }}`` strings in specs)
    value: Any = None
    #: report at the key (e.g. a forbidden property) rather than at the value
    at_key: bool = False


@dataclass(frozen=True)
class MessageSite:
    """One message as a rule sees it."""

    #: pointer of the message object in the document as written
    pointer: str
    #: the effective message: for specs, defaults merged and ``role`` implied
    message: Mapping[str, Any]
    #: 0-based position in its request (the conversation's or the list's messages)
    index: int
    #: the message exactly as written (to tell explicit keys from defaulted ones)
    written: Mapping[str, Any]


@dataclass(frozen=True)
class LintContext:
    """What a rule's ``check`` receives."""

    document: Document
    kind: DocumentKind
    #: the document's data as written
    data: Any
    #: every message the document sends, in order
    messages: tuple[MessageSite, ...]
    #: the POST /v2/conversations body (conversation payloads and conversation specs)
    conversation: Mapping[str, Any] | None = None
    #: the spec mapping when ``kind == "spec"``
    spec: Mapping[str, Any] | None = None
    #: pointer of the list holding ``messages`` ("" for a message list, "/messages" otherwise)
    messages_pointer: str = "/messages"
    #: where the messages go: "conversation" for POST /v2/conversations, else "messages"
    request: Literal["conversation", "messages"] = "messages"
    #: schema faults of the document (computed once by the engine, empty when valid)
    schema_errors: tuple[SchemaError, ...] = ()
    #: extra facts for compile-time re-validation (e.g. {"rendered": True})
    flags: Mapping[str, Any] = field(default_factory=dict)
    #: what the messages hold ("actions", "SenderID", "command", ...; see
    #: ``engine.features``): the engine skips a rule whose ``NEEDS`` names none of them.
    #: None (a context not built by the engine) runs every rule.
    features: frozenset[str] | None = None

    @property
    def is_spec(self) -> bool:
        """True when the document is a declarative spec."""
        return self.kind == "spec"
