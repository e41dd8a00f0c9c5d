"""YAML 1.2 core-schema loading on top of libyaml's C composer.

libyaml gives us nodes with marks; PyYAML's own constructors would apply YAML 1.1 rules
(``yes`` → True, ``0930`` → 0930 octal-ish) and construct arbitrary tags. We mark every
plain scalar as unresolved (tag ``?``) and resolve it here with the YAML 1.2 core rules,
walking the tree with an explicit stack so depth is bounded by configuration, not by the
interpreter's recursion limit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml
from yaml.resolver import BaseResolver

try:  # the C parser; the pure-Python one is a slow but correct fallback
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

if TYPE_CHECKING:
    from spec_compiler.loader import Limits

_UNRESOLVED = "?"
_CORE = "tag:yaml.org,2002:"
_KNOWN_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_KNOWN_TAGS.add("!")

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True,
         "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


class ComposeError(Exception):
    """A syntax error at a 0-based mark."""

    def __init__(self, message: str, line0: int, col0: int) -> None:
        super().__init__(message)
        self.message, self.line0, self.col0 = message, line0, col0


class _Composer(_Parser, BaseResolver):
    """libyaml composer that leaves plain scalars unresolved."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        BaseResolver.__init__(self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return _UNRESOLVED
        return str(BaseResolver.resolve(self, kind, value, implicit))  # type: ignore[no-untyped-call]


def compose_documents(text: str) -> Iterator[Any]:
    """Yield the root node of each document; a syntax error raises ComposeError."""
    composer = _Composer(text)
    try:
        while True:
            try:
                if not composer.check_node():
                    return
                node = composer.get_node()
            except yaml.MarkedYAMLError as exc:
                mark = exc.problem_mark or exc.context_mark
                problem = (exc.problem or exc.context or "invalid YAML").strip()
                line0, col0 = (mark.line, mark.column) if mark else (0, 0)
                raise ComposeError(_syntax_message(problem, exc), line0, col0) from None
            except yaml.YAMLError as exc:  # ReaderError and friends carry a position
                raise ComposeError(str(exc).splitlines()[0], 0, 0) from None
            yield node
    finally:
        composer.dispose()


def _syntax_message(problem: str, exc: yaml.MarkedYAMLError) -> str:
    if exc.context and exc.problem and "while" in exc.context:
        return f"{problem} ({exc.context.strip()})"
    return problem


def resolve_plain(value: str) -> Any:
    """Resolve a plain scalar with the YAML 1.2 core schema."""
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT10.match(value):
        return int(value, 10)
    if _INT8.match(value):
        return int(value[2:], 8)
    if _INT16.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


@dataclass
class ConvertResult:
    """Plain data of one document plus the problems met converting it."""

    data: Any = None
    #: (code, pointer, message, line0, col0)
    problems: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    empty: bool = False
    #: a problem that makes the data unusable (bomb, depth)
    fatal: bool = False


class _Fatal(Exception):
    def __init__(self, code: str, pointer: str, message: str, line0: int, col0: int) -> None:
        super().__init__(message)
        self.args5 = (code, pointer, message, line0, col0)


@dataclass
class _Frame:
    node: Any
    pointer: str
    depth: int
    value: Any
    pos: int = 0
    size: int = 1
    key: str = ""
    merges: list[Any] = field(default_factory=list)
    seen: dict[str, Any] = field(default_factory=dict)
    merge_next: bool = False


def _ptr(base: str, token: str | int) -> str:
    return base + "/" + str(token).replace("~", "~0").replace("/", "~1")


class _Converter:
    def __init__(self, text: str, limits: Limits, document: int) -> None:
        self.text, self.limits, self.document = text, limits, document
        self.memo: dict[int, tuple[Any, int]] = {}
        self.active: set[int] = set()
        self.expansion = 0
        self.repeats = 0
        self.problems: list[tuple[str, str, str, int, int]] = []

    def run(self, root: Any) -> Any:
        holder = _Frame(None, "", -1, None)
        stack: list[_Frame] = []
        self._start(root, "", 0, holder, stack)
        while stack:
            frame = stack[-1]
            children = frame.node.value
            if frame.pos >= len(children):
                stack.pop()
                self._finish(frame, stack[-1] if stack else holder)
                continue
            child = children[frame.pos]
            frame.pos += 1
            if isinstance(frame.node, yaml.SequenceNode):
                self._start(child, _ptr(frame.pointer, len(frame.value)), frame.depth + 1,
                            frame, stack)
            else:
                key_node, value_node = child
                self._take_key(frame, key_node)
                self._start(value_node, _ptr(frame.pointer, frame.key), frame.depth + 1,
                            frame, stack)
        return holder.value

    def _take_key(self, frame: _Frame, key_node: Any) -> None:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _UNRESOLVED \
                and key_node.value == "<<":
            frame.merge_next = True
            return
        key = self._key(frame, key_node)
        if key in frame.seen:
            m = key_node.start_mark
            self.problems.append(("YAML002", _ptr(frame.pointer, key),
                                  f"duplicate key '{key}'", m.line, m.column))
        frame.seen[key] = key_node
        frame.key = key

    def _key(self, frame: _Frame, node: Any) -> str:
        m = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            value = resolve_plain(node.value) if node.tag == _UNRESOLVED else node.value
            if isinstance(value, str):
                return value
            text = node.value
            kind = {type(None): "null", bool: "a boolean", int: "an integer",
                    float: "a number"}.get(type(value), "a scalar")
        else:
            text = self.text[m.index:node.end_mark.index][:80]
            kind = "a mapping" if isinstance(node, yaml.MappingNode) else "a sequence"
        self.problems.append(("YAML006", _ptr(frame.pointer, text),
                              f"key '{text}' is {kind}, not a string; quote it", m.line, m.column))
        return str(text)

    def _start(self, node: Any, pointer: str, depth: int, parent: _Frame,
               stack: list[_Frame]) -> None:
        nid = id(node)
        if nid in self.memo:
            value, size = self.memo[nid]
            self.repeats += 1
            self.expansion += size
            if self.expansion > self.limits.max_alias_nodes:
                line0, col0 = self._alias_mark(node)
                raise _Fatal("YAML004", pointer,
                             f"aliases expand to more than {self.limits.max_alias_nodes} "
                             "nodes (limits.max-alias-nodes); is this an alias bomb?",
                             line0, col0)
            self._add(parent, value, size)
            return
        if nid in self.active:
            line0, col0 = self._alias_mark(node, count=True)
            raise _Fatal("YAML004", pointer, "alias refers to its own anchor (a recursive "
                         "structure cannot be sent as JSON)", line0, col0)
        if depth > self.limits.max_depth:
            m = node.start_mark
            raise _Fatal("YAML005", pointer, f"nesting deeper than {self.limits.max_depth} "
                         "levels (limits.max-depth)", m.line, m.column)
        self._check_tag(node, pointer)
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node, pointer)
            self.memo[nid] = (value, 1)
            self._add(parent, value, 1)
            return
        self.active.add(nid)
        container: Any = [] if isinstance(node, yaml.SequenceNode) else {}
        stack.append(_Frame(node, pointer, depth, container))

    def _finish(self, frame: _Frame, parent: _Frame) -> None:
        for merged in frame.merges:
            for k, v in merged.items():
                frame.value.setdefault(k, v)
        nid = id(frame.node)
        self.active.discard(nid)
        self.memo[nid] = (frame.value, frame.size)
        self._add(parent, frame.value, frame.size)

    def _add(self, parent: _Frame, value: Any, size: int) -> None:
        parent.size += size
        if parent.depth < 0:
            parent.value = value
        elif isinstance(parent.value, list):
            parent.value.append(value)
        elif parent.merge_next:
            parent.merge_next = False
            maps = value if isinstance(value, list) else [value]
            parent.merges.extend(m for m in maps if isinstance(m, dict))
        else:
            parent.value[parent.key] = value

    def _check_tag(self, node: Any, pointer: str) -> None:
        tag = node.tag
        if tag == _UNRESOLVED or tag in _KNOWN_TAGS:
            return
        m = node.start_mark
        self.problems.append(("YAML003", pointer, f"tag '{tag.replace(_CORE, '!!')}' is not "
                              "supported; only YAML 1.2 core tags are, and nothing is ever "
                              "constructed from a tag", m.line, m.column))

    def _scalar(self, node: Any, pointer: str) -> Any:
        tag, text = node.tag, node.value
        if tag == _UNRESOLVED:
            return resolve_plain(text)
        if tag in (f"{_CORE}int", f"{_CORE}float", f"{_CORE}bool", f"{_CORE}null"):
            value = resolve_plain(text)
            wanted = tag[len(_CORE):]
            ok = {"int": isinstance(value, int) and not isinstance(value, bool),
                  "float": isinstance(value, (int, float)) and not isinstance(value, bool),
                  "bool": isinstance(value, bool), "null": value is None}[wanted]
            if ok:
                return float(value) if wanted == "float" else value
            m = node.start_mark
            self.problems.append(("YAML003", pointer, f"'{text}' is not a valid !!{wanted}",
                                  m.line, m.column))
        return text

    def _alias_mark(self, node: Any, *, count: bool = False) -> tuple[int, int]:
        """Position of the alias just met: the n-th alias event of this document."""
        wanted = self.repeats + (1 if count else 0)
        seen_docs, n = -1, 0
        parser = _Parser(self.text)
        try:
            while parser.check_event():
                event = parser.get_event()
                if isinstance(event, yaml.DocumentStartEvent):
                    seen_docs += 1
                elif isinstance(event, yaml.AliasEvent) and seen_docs == self.document:
                    n += 1
                    if n >= wanted:
                        mark = event.start_mark
                        return (mark.line, mark.column) if mark else (0, 0)
        except yaml.YAMLError:
            pass
        finally:
            parser.dispose()
        return node.start_mark.line, node.start_mark.column


def to_data(node: Any, text: str, limits: Limits, document: int = 0) -> ConvertResult:
    """Convert a composed node tree to plain data, bounded in depth and expansion."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _UNRESOLVED and node.value == "":
        return ConvertResult(None, empty=True)
    conv = _Converter(text, limits, document)
    try:
        data = conv.run(node)
    except _Fatal as fatal:
        conv.problems.append(fatal.args5)
        return ConvertResult(None, conv.problems, fatal=True)
    return ConvertResult(data, conv.problems)
