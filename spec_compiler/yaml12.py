"""YAML 1.2 core-schema loading on top of libyaml's C composer.

libyaml gives us nodes with marks; PyYAML's own constructors would apply YAML 1.1 rules
(``yes`` → True, ``0930`` → 0930 octal-ish) and construct arbitrary tags. We mark every
plain scalar as unresolved (tag ``?``) and resolve it here with the YAML 1.2 core rules,
walking the tree with an explicit stack so depth is bounded by configuration, not by the
interpreter's recursion limit.
"""

from __future__ import annotations

import math
import operator
import re
from collections import namedtuple
from collections.abc import Iterator

import yaml
from yaml.resolver import BaseResolver

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing

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
    from typing import Any, NamedTuple

    from spec_compiler.reading import Limits

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


_ScalarNode = yaml.ScalarNode
_SequenceNode = yaml.SequenceNode


class _Composer(_Parser, BaseResolver):
    """libyaml composer that leaves plain scalars unresolved."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        BaseResolver.__init__(self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # BaseResolver.resolve without path resolvers (we register none): the default
        # tag of each kind of node
        if kind is _ScalarNode:
            return _UNRESOLVED if implicit[0] else _STR
        return _SEQ if kind is _SequenceNode else _MAP

    # The composer calls these two around every node to track path resolvers, which we
    # do not use: C functions that do nothing instead of Python methods that return at
    # once (~4 µs of a corpus file's ~80). Not bound as methods, they are called with
    # (parent, index) and with nothing.
    descend_resolver = operator.is_  # type: ignore[assignment]
    ascend_resolver = tuple  # type: ignore[assignment]


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


#: the first characters of every non-string a plain scalar can resolve to
_SPECIAL_FIRST = frozenset("0123456789+-.~nNtTfF")
_WORD_FIRST = frozenset("nNtTfF")
#: what ``_NULL`` matches that starts with a letter (``$`` also matches before a final
#: newline, which an explicitly tagged scalar may have)
_NULL_WORDS = frozenset({"null", "Null", "NULL", "null\n", "Null\n", "NULL\n"})


def resolve_plain(value: str) -> Any:
    """Resolve a plain scalar with the YAML 1.2 core schema."""
    if not value or value == "\n":  # what ``_NULL`` matches that has no first character
        return None
    first = value[0]
    if first not in _SPECIAL_FIRST:
        return value  # most scalars: no pattern below can match
    if first in _WORD_FIRST:  # only a null or a boolean word can start with a letter
        if value in _BOOL:
            return _BOOL[value]
        return None if value in _NULL_WORDS else value
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


if TYPE_CHECKING:
    class ConvertResult(NamedTuple):
        """Plain data of one document plus the problems met converting it."""

        data: Any = None
        #: (code, pointer, message, line0, col0)
        problems: list[tuple[str, str, str, int, int]] = []  # noqa: RUF012 - never mutated
        empty: bool = False
        #: a problem that makes the data unusable (bomb, depth)
        fatal: bool = False
else:
    ConvertResult = namedtuple("ConvertResult", "data problems empty fatal",
                               defaults=(None, [], False, False))


class _Fatal(Exception):
    def __init__(self, code: str, pointer: str, message: str, line0: int, col0: int) -> None:
        super().__init__(message)
        self.args5 = (code, pointer, message, line0, col0)


class _Frame:
    """A mapping or sequence being converted; its pointer is built only when asked."""

    __slots__ = (
        "_pointer",
        "depth",
        "is_seq",
        "key",
        "merge_next",
        "merges",
        "node",
        "parent",
        "pos",
        "seen",
        "size",
        "token",
        "value",
    )

    def __init__(self, node: Any, parent: _Frame | None, token: str | int | None, depth: int,
                 value: Any, *, pointer: str | None = None) -> None:
        self.node, self.parent, self.token, self.depth, self.value = (
            node, parent, token, depth, value)
        self.pos = 0
        self.size = 1
        self.key = ""
        self.merges: list[Any] | None = None
        self.seen: dict[str, Any] = {}
        self.merge_next = False
        self.is_seq = isinstance(node, yaml.SequenceNode)
        self._pointer = pointer

    @property
    def pointer(self) -> str:
        if self._pointer is None:
            self._pointer = _child_pointer(self.parent, self.token)
        return self._pointer


def _child_pointer(parent: _Frame | None, token: str | int | None) -> str:
    """The pointer of the node at ``token`` of ``parent`` (the root: ``""``).

    Iterative: walks up to the nearest frame whose pointer is known, then down.
    """
    if parent is None or parent.depth < 0:
        return ""
    pending: list[_Frame] = []
    frame: _Frame | None = parent
    while frame is not None and frame._pointer is None:
        if frame.parent is None or frame.parent.depth < 0:
            frame._pointer = ""
            break
        pending.append(frame)
        frame = frame.parent
    for f in reversed(pending):
        assert f.parent is not None and f.parent._pointer is not None
        f._pointer = _ptr(f.parent._pointer, f.token if f.token is not None else "")
    return _ptr(parent.pointer, token if token is not None else "")


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
        #: without an anchor no node is met twice: no alias bookkeeping
        self.aliases = "&" in text

    def run(self, root: Any) -> Any:
        holder = _Frame(None, None, None, -1, None, pointer="")
        stack: list[_Frame] = []
        self._start(root, holder, None, 0, stack)
        while stack:
            frame = stack[-1]
            children = frame.node.value
            if frame.pos >= len(children):
                stack.pop()
                self._finish(frame, stack[-1] if stack else holder)
                continue
            child = children[frame.pos]
            frame.pos += 1
            if frame.is_seq:
                self._start(child, frame, len(frame.value), frame.depth + 1, stack)
            else:
                key_node, value_node = child
                self._take_key(frame, key_node)
                self._start(value_node, frame, frame.key, frame.depth + 1, stack)
        return holder.value

    def _take_key(self, frame: _Frame, key_node: Any) -> None:
        if key_node.tag == _UNRESOLVED and key_node.value == "<<" \
                and isinstance(key_node, yaml.ScalarNode):
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
        if isinstance(node, yaml.ScalarNode):
            value = resolve_plain(node.value) if node.tag == _UNRESOLVED else node.value
            if isinstance(value, str):
                return value
            m = node.start_mark
            text = node.value
            kind = {type(None): "null", bool: "a boolean", int: "an integer",
                    float: "a number"}.get(type(value), "a scalar")
        else:
            m = node.start_mark
            text = self.text[m.index:node.end_mark.index][:80]
            kind = "a mapping" if isinstance(node, yaml.MappingNode) else "a sequence"
        self.problems.append(("YAML006", _ptr(frame.pointer, text),
                              f"key '{text}' is {kind}, not a string; quote it", m.line, m.column))
        return str(text)

    def _start(self, node: Any, parent: _Frame, token: str | int | None, depth: int,
               stack: list[_Frame]) -> None:
        aliases = self.aliases
        if aliases:
            nid = id(node)
            if nid in self.memo:
                value, size = self.memo[nid]
                self.repeats += 1
                self.expansion += size
                if self.expansion > self.limits.max_alias_nodes:
                    line0, col0 = self._alias_mark(node)
                    raise _Fatal("YAML004", _child_pointer(parent, token),
                                 f"aliases expand to more than {self.limits.max_alias_nodes} "
                                 "nodes (limits.max-alias-nodes); is this an alias bomb?",
                                 line0, col0)
                self._add(parent, value, size)
                return
            if nid in self.active:
                line0, col0 = self._alias_mark(node, count=True)
                raise _Fatal("YAML004", _child_pointer(parent, token), "alias refers to its "
                             "own anchor (a recursive structure cannot be sent as JSON)",
                             line0, col0)
        if depth > self.limits.max_depth:
            m = node.start_mark
            raise _Fatal("YAML005", _child_pointer(parent, token), "nesting deeper than "
                         f"{self.limits.max_depth} levels (limits.max-depth)", m.line, m.column)
        tag = node.tag
        if tag != _UNRESOLVED and tag not in _KNOWN_TAGS:
            self._bad_tag(node, _child_pointer(parent, token))
        if isinstance(node, yaml.ScalarNode):
            if tag == _UNRESOLVED:
                value = resolve_plain(node.value)
            else:
                value = self._scalar(node, parent, token)
            if aliases:
                self.memo[id(node)] = (value, 1)
            self._add(parent, value, 1)
            return
        if aliases:
            self.active.add(id(node))
        container: Any = [] if isinstance(node, yaml.SequenceNode) else {}
        stack.append(_Frame(node, parent, token, depth, container))

    def _finish(self, frame: _Frame, parent: _Frame) -> None:
        if frame.merges:
            for merged in frame.merges:
                for k, v in merged.items():
                    frame.value.setdefault(k, v)
        if self.aliases:
            nid = id(frame.node)
            self.active.discard(nid)
            self.memo[nid] = (frame.value, frame.size)
        self._add(parent, frame.value, frame.size)

    def _add(self, parent: _Frame, value: Any, size: int) -> None:
        parent.size += size
        if parent.depth < 0:
            parent.value = value
        elif parent.is_seq:
            parent.value.append(value)
        elif parent.merge_next:
            parent.merge_next = False
            maps = value if isinstance(value, list) else [value]
            if parent.merges is None:
                parent.merges = []
            parent.merges.extend(m for m in maps if isinstance(m, dict))
        else:
            parent.value[parent.key] = value

    def _bad_tag(self, node: Any, pointer: str) -> None:
        tag = node.tag
        m = node.start_mark
        self.problems.append(("YAML003", pointer, f"tag '{tag.replace(_CORE, '!!')}' is not "
                              "supported; only YAML 1.2 core tags are, and nothing is ever "
                              "constructed from a tag", m.line, m.column))

    def _scalar(self, node: Any, parent: _Frame, token: str | int | None) -> Any:
        """A scalar with an explicit tag (or quoted: tag ``!``/``str``)."""
        tag, text = node.tag, node.value
        if tag in (f"{_CORE}int", f"{_CORE}float", f"{_CORE}bool", f"{_CORE}null"):
            value = resolve_plain(text)
            wanted = tag[len(_CORE):]
            ok = {"int": isinstance(value, int) and not isinstance(value, bool),
                  "float": isinstance(value, (int, float)) and not isinstance(value, bool),
                  "bool": isinstance(value, bool), "null": value is None}[wanted]
            if ok:
                return float(value) if wanted == "float" else value
            m = node.start_mark
            self.problems.append(("YAML003", _child_pointer(parent, token),
                                  f"'{text}' is not a valid !!{wanted}", m.line, m.column))
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


_STR = f"{_CORE}str"
_MAP = f"{_CORE}map"
_SEQ = f"{_CORE}seq"


class _NotPlain(Exception):
    """The document needs the full converter (it has something to report, or might)."""


def plain_documents(text: str, max_depth: int) -> list[Any] | None:
    """The data of every document of ``text``, or None unless the text is plain YAML.

    Plain: it parses; no document is empty; no anchor is used twice (no alias), no merge
    key, no tag beyond the core ``str``/``map``/``seq``, no duplicate or non-string key,
    no ``.nan`` or ``.inf``, nothing nested deeper than ``max_depth``. For plain text the
    result is exactly the data the full loader (``to_data``) gives, and the loader would
    report nothing; the quiet certificate uses it to skip the loader's bookkeeping
    (``tests/hostile/test_fuzz_load.py`` holds the two equal). Anything else is the full
    loader's to judge.
    """
    if text.startswith("\ufeff") or "\r" in text:
        return None  # the loader drops a BOM and normalises line breaks first
    out = []
    try:
        for node in compose_documents(text):
            if node.tag == _UNRESOLVED and node.value == "" and isinstance(node, _ScalarNode):
                return None
            out.append(_plain(node, max_depth, set() if "&" in text else None))
    except (ComposeError, _NotPlain, RecursionError):
        return None
    return out if out else None


def _plain(node: Any, depth: int, seen: set[int] | None) -> Any:
    """One node as data (recursive: ``depth`` bounds it far below the recursion limit)."""
    if seen is not None:
        if id(node) in seen:
            raise _NotPlain
        seen.add(id(node))
    tag = node.tag
    if isinstance(node, _ScalarNode):
        if tag == _UNRESOLVED:
            value = resolve_plain(node.value)
            if isinstance(value, float) and not math.isfinite(value):
                raise _NotPlain  # .nan and .inf: JSON has no such value
            return value
        if tag == _STR:
            return node.value
        raise _NotPlain
    if depth <= 0:
        raise _NotPlain
    depth -= 1
    if tag == _SEQ:
        return [_plain(child, depth, seen) for child in node.value]
    if tag != _MAP:
        raise _NotPlain
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, _ScalarNode):
            raise _NotPlain
        key_tag = key_node.tag
        key = key_node.value
        if key_tag == _UNRESOLVED:
            if key == "<<" or resolve_plain(key) is not key:
                raise _NotPlain  # a merge key; a key that is not a string
        elif key_tag != _STR:
            raise _NotPlain
        if key in out:
            raise _NotPlain
        if seen is not None:
            if id(key_node) in seen:
                raise _NotPlain
            seen.add(id(key_node))
        out[key] = _plain(value_node, depth, seen)
    return out


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
