"""Read files into documents: bytes → text → data plus a lazy position map.

YAML is composed by libyaml's C parser into a node tree that keeps marks; we resolve
scalars with YAML 1.2 core rules ourselves, walk iteratively (no recursion limit), count
alias expansion, and never construct tagged objects. JSON goes through ``json.loads``;
its positions come from a small scanner run only when a finding needs one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from spec_compiler.diagnostics import Diagnostic, to_one_based
from spec_compiler.document import Document
from spec_compiler.load_codes import LOAD_CODES
from spec_compiler.positions import JsonLocator, YamlLocator, line_col_at
from spec_compiler.reading import (
    DEFAULT_LIMITS,
    Limits,
    ReadProblem,
    decode,
    read_bytes,
    within_depth,
)

TYPE_CHECKING = False  # mypy takes it for True
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

_Problem = ReadProblem

JSON_SUFFIXES = (".json",)




class LoadedFile:
    """A file's documents and the problems met while loading it."""

    __slots__ = ("diagnostics", "documents", "path", "text")

    def __init__(self, path: str, text: str = "", documents: list[Document] | None = None,
                 diagnostics: list[Diagnostic] | None = None) -> None:
        self.path = path
        self.text = text
        self.documents: list[Document] = [] if documents is None else documents
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, LoadedFile)
        return ((self.path, self.text, self.documents, self.diagnostics)
                == (other.path, other.text, other.documents, other.diagnostics))

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass(eq=True) is

    def __repr__(self) -> str:
        return (f"LoadedFile(path={self.path!r}, text={self.text!r}, "
                f"documents={self.documents!r}, diagnostics={self.diagnostics!r})")


def diagnostic(path: str, code: str, message: str, line0: int, col0: int,
               *, document: int = 0, pointer: str = "") -> Diagnostic:
    """A load-stage Diagnostic from a 0-based mark."""
    info = LOAD_CODES[code]
    line, col = to_one_based(line0, col0)
    return Diagnostic(file=path, line=line, column=col, code=code, severity=info.severity,
                      message=message, rule=info.name, pointer=pointer, document=document)


# ---------------------------------------------------------------- entry points


def load_path(path: Path | str, limits: Limits = DEFAULT_LIMITS,
              *, display: str | None = None) -> LoadedFile:
    """Load a file; every problem becomes a finding, never an exception."""
    if display is None:
        from spec_compiler.walker import display as shown  # str(Path(path)), no pathlib

        display = shown(path)
    name = display
    try:
        data = read_bytes(path, limits)
    except _Problem as p:
        return LoadedFile(name, diagnostics=[diagnostic(name, p.code, p.message, p.line0, p.col0)])
    return load_text(data, name, limits)


def load_text(text: str | bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> LoadedFile:
    """Load text (or bytes) as the documents of ``filename``."""
    if isinstance(text, bytes):
        if len(text) > limits.max_file_bytes:
            msg = f"file is over the limit of {limits.max_file_bytes} bytes"
            return LoadedFile(filename, diagnostics=[diagnostic(filename, "IO002", msg, 0, 0)])
        try:
            text = decode(text)
        except _Problem as p:
            found = diagnostic(filename, p.code, p.message, p.line0, p.col0)
            return LoadedFile(filename, diagnostics=[found])
    elif text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        # libyaml counts a lone CR as a line break, json and our reporters do not:
        # one convention for every position we report
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    loaded = LoadedFile(filename, text=text)
    if filename.lower().endswith(JSON_SUFFIXES):
        _load_json(loaded, limits)
    else:
        _load_yaml(loaded, limits)
    loaded.diagnostics.sort(key=lambda d: (d.document, d.line, d.column, d.code))
    return loaded


# ---------------------------------------------------------------- JSON


def _load_json(loaded: LoadedFile, limits: Limits) -> None:
    text = loaded.text
    if not text.strip():
        loaded.diagnostics.append(diagnostic(loaded.path, "YAML007", "file is empty", 0, 0))
        return
    duplicates: list[tuple[int, str]] = []
    # the values a repeated key drops stay alive: their ids must not be reused by another
    # object, or its walk would report their duplicates
    dropped: list[list[tuple[str, Any]]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            dropped.append(items)
            seen: set[str] = set()
            for k, _ in items:
                if k in seen:
                    duplicates.append((id(obj), k))
                seen.add(k)
        return obj

    try:
        # one parse, with the hook: json's C scanner calls it per object for ~1 µs a
        # file more than a plain parse
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        comma = _trailing_comma(text, exc.pos)
        if comma is not None:
            line0, col0 = line_col_at(text, comma)
            closer = text[exc.pos] if exc.pos < len(text) else "end of file"
            message = f"trailing comma before '{closer}': JSON does not allow one; remove it"
        else:
            line0, col0, message = exc.lineno - 1, exc.colno - 1, _json_message(exc)
        loaded.diagnostics.append(diagnostic(loaded.path, "YAML001", message, line0, col0))
        return
    except RecursionError:
        line0, col0 = _json_depth_mark(text, limits.max_depth)
        loaded.diagnostics.append(diagnostic(
            loaded.path, "YAML005", f"nesting deeper than {limits.max_depth} levels "
            "(limits.max-depth)", line0, col0))
        return
    locator = JsonLocator(text)
    problems = _check_json_tree(data, duplicates, limits)
    for code, pointer, message, at_key in problems:
        span = locator.locate(pointer, key=at_key)
        loaded.diagnostics.append(diagnostic(loaded.path, code, message, span.line - 1,
                                             span.column - 1, pointer=pointer))
    if any(code == "YAML005" for code, *_ in problems):
        return
    loaded.documents.append(Document(loaded.path, 0, data, locator))


def _trailing_comma(text: str, pos: int) -> int | None:
    """Offset of a comma right before a closing bracket at ``pos``, if that is the fault."""
    if pos >= len(text) or text[pos] not in "]}":
        return None
    back = pos - 1
    while back >= 0 and text[back] in " \t\r\n":
        back -= 1
    return back if back >= 0 and text[back] == "," else None


def _json_message(exc: json.JSONDecodeError) -> str:
    msg = exc.msg[0].lower() + exc.msg[1:]
    if msg.startswith("expecting property name") or msg.startswith("illegal trailing comma"):
        return f"{msg}: a trailing comma or an unquoted key"
    if msg.startswith("expecting value"):
        return f"{msg}: a trailing comma, a missing value or an unquoted string"
    return msg


def _json_depth_mark(text: str, max_depth: int) -> tuple[int, int]:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > max_depth:
                return line_col_at(text, i)
        elif ch in "]}":
            depth -= 1
    return 0, 0


def _check_json_tree(data: Any, duplicates: list[tuple[int, str]],
                     limits: Limits) -> list[tuple[str, str, str, bool]]:
    """Depth and duplicate-key problems (pointers are built only when there are any)."""
    if not duplicates and within_depth(data, limits.max_depth):
        return []
    return _json_tree_problems(data, duplicates, limits)


def _json_tree_problems(data: Any, duplicates: list[tuple[int, str]],
                        limits: Limits) -> list[tuple[str, str, str, bool]]:
    """Depth and duplicate-key problems with their pointers, found with one iterative walk."""
    dup_by_obj: dict[int, list[str]] = {}
    for oid, key in duplicates:
        dup_by_obj.setdefault(oid, []).append(key)
    out: list[tuple[str, str, str, bool]] = []
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, ptr, depth = stack.pop()
        if depth > limits.max_depth:
            out.append(("YAML005", ptr, f"nesting deeper than {limits.max_depth} levels "
                        "(limits.max-depth)", False))
            return out
        if isinstance(value, dict):
            for key in dup_by_obj.get(id(value), ()):
                out.append(("YAML002", _ptr(ptr, key), f"duplicate key '{key}'", True))
            stack.extend((v, _ptr(ptr, k), depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, _ptr(ptr, i), depth + 1) for i, v in enumerate(value))
    return out


def _ptr(base: str, token: str | int) -> str:
    return base + "/" + str(token).replace("~", "~0").replace("/", "~1")


# ---------------------------------------------------------------- YAML


def _load_yaml(loaded: LoadedFile, limits: Limits) -> None:
    from spec_compiler.yaml12 import ComposeError, compose_documents, to_data

    if not loaded.text.strip():
        loaded.diagnostics.append(diagnostic(loaded.path, "YAML007", "file is empty", 0, 0))
        return
    nodes: Iterator[Any] = compose_documents(loaded.text)
    index = 0
    while True:
        try:
            node = next(nodes)
        except StopIteration:
            break
        except ComposeError as err:
            code = "YAML005" if "maximum nesting depth" in err.message else "YAML001"
            loaded.diagnostics.append(diagnostic(loaded.path, code, err.message,
                                                 err.line0, err.col0, document=index))
            break
        start_line = node.start_mark.line + 1
        result = to_data(node, loaded.text, limits, index)
        for code, pointer, message, line0, col0 in result.problems:
            loaded.diagnostics.append(diagnostic(loaded.path, code, message, line0, col0,
                                                 document=index, pointer=pointer))
        if result.empty:
            loaded.diagnostics.append(diagnostic(
                loaded.path, "YAML007", "document is empty", node.start_mark.line,
                node.start_mark.column, document=index))
        elif not result.fatal:
            loaded.documents.append(Document(loaded.path, index, result.data,
                                             YamlLocator(node), start_line))
        index += 1


