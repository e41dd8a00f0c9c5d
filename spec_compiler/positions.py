"""Source positions for JSON pointers, computed only when a finding needs one."""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from spec_compiler.document import Span
from spec_compiler.pointer import split


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


_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^\s{}\[\]:,"]+))', re.S)


class JsonLocator:
    """Maps pointers of a JSON text to spans with a small scanner, built on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: dict[str, tuple[tuple[int, int] | None, tuple[int, int]]] | None = None
        self._line_starts: list[int] = []

    def locate(self, pointer: str, *, key: bool = False) -> Span:
        """The span of the value (or key) at ``pointer``, else of its nearest ancestor."""
        spans = self._scan()
        tokens = split(pointer)
        while True:
            ptr = "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)
            if ptr in spans:
                key_span, value_span = spans[ptr]
                start, end = key_span if key and key_span else value_span
                return Span(*self._lc(start), *self._lc(end))
            if not tokens:
                return Span(1, 1, 1, 1)
            tokens.pop()

    def raw(self, pointer: str) -> str | None:
        """The scalar at ``pointer`` as written."""
        found = self._scan().get(pointer)
        if found is None:
            return None
        start, end = found[1]
        text = self.text[start:end]
        return None if text[:1] in "[{" else text

    def _lc(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def _scan(self) -> dict[str, tuple[tuple[int, int] | None, tuple[int, int]]]:
        if self._spans is not None:
            return self._spans
        text = self.text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        spans: dict[str, tuple[tuple[int, int] | None, tuple[int, int]]] = {}
        # stack entries: [pointer, is_object, next_index, pending_key, key_span, start]
        stack: list[list[Any]] = []
        pos, pending_key_span = 0, None
        current_ptr = ""
        for m in _TOKEN.finditer(text):
            if m.start(0) != pos:
                break  # not JSON any more; what we have is enough
            pos = m.end(0)
            string, punct = m.group(1), m.group(2)
            start = m.start(1) if string else (m.start(2) if punct else m.start(3))
            if punct == ":" or punct == ",":
                continue
            if stack and stack[-1][1] and stack[-1][3] is None and string is not None:
                # an object key (json.loads only for one with an escape: ~1.5 µs a key)
                if "\\" not in string:
                    stack[-1][3] = string[1:-1]
                else:
                    try:
                        stack[-1][3] = json.loads(string)
                    except ValueError:
                        stack[-1][3] = string[1:-1]
                pending_key_span = (start, m.end(1))
                continue
            if punct in ("]", "}"):
                if not stack:
                    break
                ptr, _, _, _, key_span, begin = stack.pop()
                spans[ptr] = (key_span, (begin, m.end(2)))
                continue
            # a value begins here: find its pointer
            key_span = None
            if stack:
                top = stack[-1]
                if top[1]:
                    token = str(top[3])
                    top[3] = None
                    key_span, pending_key_span = pending_key_span, None
                else:
                    token = str(top[2])
                    top[2] += 1
                current_ptr = top[0] + "/" + token.replace("~", "~0").replace("/", "~1")
            else:
                current_ptr = ""
            if punct in ("[", "{"):
                stack.append([current_ptr, punct == "{", 0, None, key_span, start])
            else:
                end = m.end(1) if string else m.end(3)
                spans[current_ptr] = (key_span, (start, end))
        for ptr, _, _, _, key_span, begin in stack:  # unclosed (truncated) containers
            spans.setdefault(ptr, (key_span, (begin, begin + 1)))
        self._spans = spans
        return spans
