"""Source positions for JSON pointers, computed only when a finding needs one."""

from __future__ import annotations

import bisect
import json
import re

from spec_compiler.document import Span
from spec_compiler.pointer import split

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any


def line_col_at(text: str, offset: int) -> tuple[int, int]:
    """0-based line and column of a character offset."""
    line0 = text.count("\n", 0, offset)
    return line0, offset - (text.rfind("\n", 0, offset) + 1)


def _span(start: Any, end: Any) -> Span:
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class YamlLocator:
    """Finds pointers in a composed YAML node tree (marks are kept by libyaml)."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def locate(self, pointer: str, *, key: bool = False) -> Span:
        """The span of the value (or key) at ``pointer``, else of its nearest ancestor."""
        node, key_node = self.root, None
        for token in split(pointer):
            found = self._child(node, token)
            if found is None:
                key_node = None
                break
            key_node, node = found
        if key_node is not None and (key or _is_block_collection(node)):
            # a block mapping or list starts on the line after its key: point at the key,
            # where the reader looks (``profile:``), not at the first entry inside
            return _span(key_node.start_mark, key_node.end_mark)
        return _span(node.start_mark, _trim_end(node))

    def raw(self, pointer: str) -> str | None:
        """The scalar at ``pointer`` as written."""
        import yaml  # loaded already: a YamlLocator exists only for a YAML file

        node = self.root
        for token in split(pointer):
            found = self._child(node, token)
            if found is None:
                return None
            node = found[1]
        return str(node.value) if isinstance(node, yaml.ScalarNode) else None

    @staticmethod
    def _child(node: Any, token: str) -> tuple[Any, Any] | None:
        import yaml  # as in ``raw``; a JSON lint never imports PyYAML for its positions

        if isinstance(node, yaml.SequenceNode):
            if token.isdigit() and int(token) < len(node.value):
                return None, node.value[int(token)]
            return None
        if not isinstance(node, yaml.MappingNode):
            return None
        merges = []
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value == token:
                    return key_node, value_node
                if key_node.value == "<<" and key_node.tag == "?":
                    merges.append(value_node)
        for merged in merges:
            for candidate in merged.value if isinstance(merged, yaml.SequenceNode) else [merged]:
                found = YamlLocator._child(candidate, token)
                if found is not None:
                    return found
        return None


def _is_block_collection(node: Any) -> bool:
    import yaml

    return isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style


def _trim_end(node: Any) -> Any:
    # a block collection ends at column 0 of the next line; keep the span on its own lines
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return _Mark(end.line - 1, max(node.start_mark.column, 0) if end.line - 1 ==
                     node.start_mark.line else 0)
    return end


class _Mark:
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


#: JSON's whitespace (``\s`` would also skip what JSON does not allow)
_WS = re.compile(r"[ \t\n\r]*")
#: a token that is not JSON: as far as a reader would take it for one word
_BARE = re.compile(r'[^\s{}\[\]:,"]*')
_DECODER = json.JSONDecoder()
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]

#: (key span or None, value span) as character offsets
_Spans = tuple[tuple[int, int] | None, tuple[int, int]]


class JsonLocator:
    """Maps pointers of a JSON text to spans by walking the text along the pointer.

    Each container on the way is read once, its members' values skipped by the ``json``
    module's C scanner, and remembered (the old scanner tokenised the whole text in
    Python: ~100 µs for a 1.4 KB file). A key that repeats resolves to its last
    occurrence, whose value is the one the data holds. Text that stops being JSON ends
    the walk: the pointer resolves to what was found before it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, tuple[bool, _Spans]] = {}
        self._containers: dict[
            int, dict[str, tuple[tuple[int, int], int, int]] | list[tuple[int, int]]] = {}
        self._line_starts: list[int] | None = None

    def locate(self, pointer: str, *, key: bool = False) -> Span:
        """The span of the value (or key) at ``pointer``, else of its nearest ancestor."""
        found = self._walk(pointer)
        if found is None:
            return Span(1, 1, 1, 1)
        key_span, value_span = found[1]
        start, end = key_span if key and key_span else value_span
        return Span(*self._lc(start), *self._lc(end))

    def raw(self, pointer: str) -> str | None:
        """The scalar at ``pointer`` as written."""
        found = self._walk(pointer)
        if found is None or not found[0]:
            return None
        start, end = found[1][1]
        text = self.text[start:end]
        return None if text[:1] in "[{" else text

    def _lc(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def _walk(self, pointer: str) -> tuple[bool, _Spans] | None:
        """Whether all of ``pointer`` exists, and the spans of the deepest part of it
        that does (None when the text holds no value at all)."""
        hit = self._found.get(pointer)
        if hit is None:
            hit = self._walk_tokens(split(pointer))
            if hit is None:
                return None
            self._found[pointer] = hit
        return hit

    def _walk_tokens(self, tokens: list[str]) -> tuple[bool, _Spans] | None:
        text = self.text
        start = _WS.match(text, 0).end()  # type: ignore[union-attr]
        if start >= len(text):
            return None
        spans: _Spans | None = None  # the root's, read only when the pointer stops there
        for token in tokens:
            child = self._child(start, token)
            if child is None:
                return False, spans or self._root_spans(start)
            key_span, start, end = child
            spans = (key_span, (start, end))
        return True, spans or self._root_spans(start)

    def _root_spans(self, start: int) -> _Spans:
        return None, (start, self._value_end(start))

    def _value_end(self, start: int) -> int:
        """Where the value starting at ``start`` ends; an unclosed container ends one
        character in (as a reader would see it: where it opens), anything else that is
        not JSON at the end of its token."""
        try:
            return int(_DECODER.raw_decode(self.text, start)[1])
        except (ValueError, RecursionError):
            if self.text[start:start + 1] in ("{", "["):
                return start + 1
            return max(start + 1, _BARE.match(self.text, start).end())  # type: ignore[union-attr]

    def _child(self, start: int, token: str) -> tuple[tuple[int, int] | None, int, int] | None:
        """(key span, where the value starts and ends) of member ``token`` of the
        container at ``start``; None when it has no such member."""
        members = self._containers.get(start)
        if members is None:
            members = self._containers[start] = self._members(start)
        if isinstance(members, dict):
            return members.get(token)
        if not token.isdigit() or token != str(int(token)) or int(token) >= len(members):
            return None
        return (None, *members[int(token)])

    def _members(self, start: int) -> (
            dict[str, tuple[tuple[int, int], int, int]] | list[tuple[int, int]]):
        """The members of the container at ``start``, read once: an object's by name
        (key span, where the value starts and ends; the last of a repeated key wins), an
        array's (start, end) each; what comes before the text stops being JSON."""
        text = self.text
        opener = text[start:start + 1]
        pos = _WS.match(text, start + 1).end()  # type: ignore[union-attr]
        if opener == "{":
            named: dict[str, tuple[tuple[int, int], int, int]] = {}
            try:
                while text[pos] == '"':
                    name, key_end = _scanstring(text, pos + 1)
                    colon = _WS.match(text, key_end).end()  # type: ignore[union-attr]
                    if text[colon] != ":":
                        break
                    value = _WS.match(text, colon + 1).end()  # type: ignore[union-attr]
                    try:
                        after = int(_DECODER.raw_decode(text, value)[1])
                    except (ValueError, RecursionError):
                        named[name] = ((pos, key_end), value, self._value_end(value))
                        break
                    named[name] = ((pos, key_end), value, after)
                    pos = _WS.match(text, after).end()  # type: ignore[union-attr]
                    if text[pos] != ",":
                        break
                    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            except (ValueError, IndexError, RecursionError):
                pass  # not JSON from here on: what came before it stands
            return named
        items: list[tuple[int, int]] = []
        if opener == "[":
            try:
                while text[pos] != "]":
                    try:
                        after = int(_DECODER.raw_decode(text, pos)[1])
                    except (ValueError, RecursionError):
                        items.append((pos, self._value_end(pos)))
                        break
                    items.append((pos, after))
                    pos = _WS.match(text, after).end()  # type: ignore[union-attr]
                    if text[pos] != ",":
                        break
                    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            except (ValueError, IndexError, RecursionError):
                pass
        return items
