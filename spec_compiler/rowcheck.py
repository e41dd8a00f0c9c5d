"""Re-validation of bulk rows at the cost of what the row's values can change.

Rows of one spec differ only in the values their templates produce. Every row gets the
compiled schema verdict; of the rules, only those that read a template-produced value
run again. Which values a rule reads is learned once, on the first row, by running every
rule over containers that record each access. A rule that reads no template-produced
value sees the same data on every row, so its findings on the first row stand for all.
Where those rules all state when they find nothing (their ``QUIET``, see
``spec_compiler.quiet``) and have no options set, a row is first put to one compiled
schema: the API schema and those conditions. A row it accepts has no schema fault and no
finding of those rules, so only the first row's findings stand; any other row takes the
path above. A differential test keeps this equal to a full lint of every row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from spec_compiler.config import Config
from spec_compiler.diagnostics import Diagnostic
from spec_compiler.document import Document, DocumentKind, Locator
from spec_compiler.pointer import join

PointerMap = Callable[[str], str]
SCHEMAS: dict[str, str] = {"conversation": "conversation", "message-list": "message-list"}


class _Reads:
    """The pointers a rule read."""

    def __init__(self) -> None:
        self.pointers: set[str] = set()


def _wrap(value: Any, pointer: str, reads: _Reads) -> Any:
    reads.pointers.add(pointer)
    if isinstance(value, dict):
        return TrackedDict(value, pointer, reads)
    if isinstance(value, list):
        return TrackedList(value, pointer, reads)
    return value


class TrackedDict(dict):  # type: ignore[type-arg]
    """A dict that records the pointer of every value read through it."""

    def __init__(self, raw: dict[str, Any], pointer: str, reads: _Reads) -> None:
        super().__init__(raw)
        self._ptr, self._reads = pointer, reads

    def __getitem__(self, key: Any) -> Any:
        return _wrap(super().__getitem__(key), join(self._ptr, key), self._reads)

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if super().__contains__(key) else default

    def __iter__(self) -> Iterator[Any]:
        self._reads.pointers.add(self._ptr)
        return super().__iter__()

    def keys(self) -> Any:
        self._reads.pointers.add(self._ptr)
        return super().keys()

    def values(self) -> Any:
        return [self[k] for k in dict.__iter__(self)]

    def items(self) -> Any:
        return [(k, self[k]) for k in dict.__iter__(self)]

    def copy(self) -> dict[str, Any]:
        return dict(self.items())


class TrackedList(list):  # type: ignore[type-arg]
    """A list that records the pointer of every item read through it."""

    def __init__(self, raw: list[Any], pointer: str, reads: _Reads) -> None:
        super().__init__(raw)
        self._ptr, self._reads = pointer, reads

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        return _wrap(super().__getitem__(index), join(self._ptr, index), self._reads)

    def __iter__(self) -> Iterator[Any]:
        for i in range(len(self)):
            yield self[i]

    def __contains__(self, value: object) -> bool:
        return any(item == value for item in self)


def _nodes(data: Any) -> Iterator[str]:
    """The pointer of every value, containers included."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, ptr = stack.pop()
        yield ptr
        if isinstance(value, dict):
            stack.extend((v, join(ptr, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, join(ptr, i)) for i, v in enumerate(value))


class RowChecker:
    """Errors of one rendered row, as a full lint would report them."""

    def __init__(self, *, kind: DocumentKind, file: str, locator: Locator,
                 pointer_map: PointerMap, document: int, config: Config,
                 variable: Callable[[str], bool]) -> None:
        from spec_compiler.engine import build_context
        from spec_compiler.validation import get_validator

        self.kind, self.file, self.locator = kind, file, locator
        self.pointer_map, self.document, self.config = pointer_map, document, config
        self.variable = variable
        self._codes: frozenset[str] | None = None
        self._constant: list[Diagnostic] = []
        #: the rule plan entries of ``_codes``, in plan order
        self._entries: tuple[Any, ...] = ()
        #: the certificate of the API schema and the ``_codes`` rules' conditions
        self._quiet: Callable[[Any], bool] | None = None
        self._is_valid = get_validator(SCHEMAS[kind]).is_valid
        self._context = build_context

    @property
    def learned(self) -> bool:
        """True once a row has taught which rules to run again."""
        return self._codes is not None

    def errors(self, data: Any) -> list[Diagnostic]:
        """Error-severity diagnostics of ``data`` (a rendered request body or list)."""
        if self._quiet is not None and self._certified(data):
            return list(self._constant)
        valid = self._is_valid(data)
        if not valid or self._codes is None:
            from spec_compiler.engine import lint_data

            found = lint_data(data, kind=self.kind, file=self.file, locator=self.locator,
                              pointer_map=self.pointer_map, document=self.document,
                              config=self.config, flags={"rendered": True})
            if valid:
                # learn from a row the schema accepts: schema-derived findings vary with
                # the verdict, which is taken on every row
                self._learn(data, found)
            return [d for d in found if d.severity == "error"]
        found = self._lint(data)
        if not found:
            return list(self._constant)
        return self._constant + [d for d in found if d.severity == "error"]

    def _certified(self, data: Any) -> bool:
        try:
            return bool(self._quiet(data))  # type: ignore[misc]
        except (ValueError, TypeError, OverflowError, RecursionError):
            return False  # not a JSON value: the full path decides

    def _lint(self, data: Any) -> list[Diagnostic]:
        """What ``run_rules`` gives for ``_codes``, without going through all the plan."""
        doc = Document(self.file, self.document, data, self.locator)
        ctx = self._context(doc, self.kind, {"rendered": True})
        from spec_compiler.engine import run_entry

        out: list[Diagnostic] = []
        for entry in self._entries:
            out.extend(run_entry(ctx, entry, locator=self.locator,
                                 pointer_map=self.pointer_map))
        return out

    def _learn(self, data: Any, found: list[Diagnostic]) -> None:
        """Which error rules read a value that varies between rows."""
        from spec_compiler.engine import build_context, rule_plan

        varying = {p for p in _nodes(data) if self.variable(p)}
        codes = set()
        for code, rule, options, severity in rule_plan(self.config, self.file):
            if severity != "error":
                continue
            reads = _Reads()
            doc = Document(self.file, self.document, _wrap(data, "", reads), self.locator)
            ctx = build_context(doc, self.kind, {"rendered": True})
            list(rule.check(ctx, options))
            # a container that comes whole from a template is itself in ``varying``;
            # a constant container's varying values are recorded when they are read
            if reads.pointers & varying:
                codes.add(code)
        self._codes = frozenset(codes)
        self._entries = tuple(e for e in rule_plan(self.config, self.file) if e[0] in codes)
        self._constant = [d for d in found if d.severity == "error" and d.code not in codes]
        self._quiet = self._certificate()

    def _certificate(self) -> Callable[[Any], bool] | None:
        """The compiled API schema and quiet conditions of the ``_codes`` rules, or None
        when one of them has no ``QUIET`` or has options set (a condition is stated for
        the defaults), or the certificate cannot be compiled (no jsonschema_rs)."""
        quiet: dict[str, Any] = {}
        for code, rule, _options, _severity in self._entries:
            condition = getattr(rule, "QUIET", None)
            if condition is None or self.config.options_for(code, rule.NAME):
                return None
            quiet[code] = condition
        try:
            from spec_compiler.quiet import compile_certificate, compose
            from spec_compiler.rules._quiet import DEFS
            from spec_compiler.schemas import bundled

            schema = compose({"defs": DEFS, "rules": quiet}, self.kind, bundled(SCHEMAS[self.kind]))
            return compile_certificate(schema).is_valid  # type: ignore[no-any-return]
        except Exception:  # no jsonschema_rs, or a condition it cannot take: the full path
            return None
