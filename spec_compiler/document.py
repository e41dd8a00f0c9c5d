"""Loaded documents and the view of them that rules see."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping

from spec_compiler.kinds import detect_kind as detect_kind  # re-exported: its home is light

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any, Literal, NamedTuple, Protocol

    DocumentKind = Literal["spec", "conversation", "message", "message-list"]
else:  # names to import at run time, where annotations are never evaluated
    DocumentKind = str
KINDS: tuple[DocumentKind, ...] = ("spec", "conversation", "message", "message-list")

#: keys of a spec that never reach a request body (DESIGN §3)
SPEC_ONLY_KEYS = ("kind", "name", "description", "vars", "defaults", "pacing", "conversation")


# The records are declared twice: a ``NamedTuple`` that mypy reads and a
# ``collections.namedtuple`` that runs (tests/test_records.py holds them equal). A frozen
# dataclass cost ~0.6 ms to define and ``dataclasses`` ~10 ms to import, on the path of
# every file with a finding.
if TYPE_CHECKING:
    class Span(NamedTuple):
        """A 1-based source range."""

        line: int
        column: int
        end_line: int
        end_column: int
else:
    Span = namedtuple("Span", "line column end_line end_column")


if TYPE_CHECKING:
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
else:
    Locator = object


if TYPE_CHECKING:
    class _DocumentFields(NamedTuple):
        file: str
        index: int  # type: ignore[assignment]  # shadows tuple.index, as namedtuple allows
        data: Any
        locator: Locator
        #: 1-based line of the document start (used by suppressions and reporters)
        start_line: int = 1
else:
    _DocumentFields = namedtuple("Document", "file index data locator start_line",
                                 defaults=(1,))


class Document(_DocumentFields):
    """One document of a file: plain data plus a way to find positions."""

    __slots__ = ()

    @property
    def kind(self) -> DocumentKind:
        """The detected kind (DESIGN §2)."""
        return detect_kind(self.data)


def is_template(value: Any) -> bool:
    """True for a string holding a ``{{ var }}`` template (checked after rendering)."""
    return isinstance(value, str) and "{{" in value


if TYPE_CHECKING:
    class SchemaError(NamedTuple):
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

    class MessageSite(NamedTuple):
        """One message as a rule sees it."""

        #: pointer of the message object in the document as written
        pointer: str
        #: the effective message: for specs, defaults merged and ``role`` implied
        message: Mapping[str, Any]
        #: 0-based position in its request (the conversation's or the list's messages)
        index: int  # type: ignore[assignment]  # shadows tuple.index, as namedtuple allows
        #: the message exactly as written (to tell explicit keys from defaulted ones)
        written: Mapping[str, Any]
else:
    SchemaError = namedtuple("SchemaError", "pointer keyword message value at_key",
                             defaults=(None, False))
    MessageSite = namedtuple("MessageSite", "pointer message index written")


#: the default of ``LintContext.flags``: one shared empty dict, typed read-only
_NO_FLAGS: Mapping[str, Any] = {}

if TYPE_CHECKING:
    class _ContextFields(NamedTuple):
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
        #: pointer of the list holding ``messages`` ("" for a message list, "/messages"
        #: otherwise)
        messages_pointer: str = "/messages"
        #: where the messages go: "conversation" for POST /v2/conversations, else "messages"
        request: Literal["conversation", "messages"] = "messages"
        #: schema faults of the document (computed once by the engine, empty when valid)
        schema_errors: tuple[SchemaError, ...] = ()
        #: extra facts for compile-time re-validation (e.g. {"rendered": True})
        flags: Mapping[str, Any] = _NO_FLAGS
        #: what the messages hold ("actions", "SenderID", "command", ...; see
        #: ``engine.features``): the engine skips a rule whose ``NEEDS`` names none of
        #: them. None (a context not built by the engine) runs every rule.
        features: frozenset[str] | None = None
else:
    _ContextFields = namedtuple(
        "LintContext",
        "document kind data messages conversation spec messages_pointer request "
        "schema_errors flags features",
        defaults=(None, None, "/messages", "messages", (), _NO_FLAGS, None))


class LintContext(_ContextFields):
    """What a rule's ``check`` receives."""

    __slots__ = ()

    @property
    def is_spec(self) -> bool:
        """True when the document is a declarative spec."""
        return self.kind == "spec"
