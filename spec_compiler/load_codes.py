"""Codes of the findings the loader produces (reading, decoding, parsing).

They are documented next to the rules (``spec-compiler rules``) but raised here, before
there is a document for a rule to look at.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # mypy takes it for True; reading the codes needs no dataclasses
if TYPE_CHECKING:
    from typing import NamedTuple

    from spec_compiler.diagnostics import Severity

    class LoadCode(NamedTuple):
        """A load-stage finding code with its documentation."""

        code: str
        name: str
        severity: Severity
        doc: str
        fails: str = ""
        passes: str = ""
else:
    LoadCode = namedtuple("LoadCode", "code name severity doc fails passes",
                          defaults=("", ""))


_E: Severity = "error"
_W: Severity = "warning"

LOAD_CODES: dict[str, LoadCode] = {
    c.code: c
    for c in (
        LoadCode("IO001", "unreadable-file", _E,
                 "The file could not be read (permissions, vanished, not a regular file)."),
        LoadCode("IO002", "file-too-large", _E,
                 "The file is over the size limit (`limits.max-file-bytes`, default 10 MB) "
                 "and is not parsed."),
        LoadCode("IO003", "binary-file", _E,
                 "The file holds NUL bytes and no byte order mark: it is not text."),
        LoadCode("IO004", "undecodable-text", _E,
                 "The file is not valid UTF-8 (nor UTF-16/32 with a byte order mark); "
                 "the finding names the first bad byte.",
                 fails="text: caf\\xe9  # saved as Latin-1", passes="text: café  # UTF-8"),
        LoadCode("YAML001", "syntax-error", _E,
                 "The YAML or JSON does not parse. The position is the parser's.",
                 fails='{"text": "hi",}', passes='{"text": "hi"}'),
        LoadCode("YAML002", "duplicate-key", _E,
                 "A mapping has the same key twice; parsers silently keep one of them.",
                 fails="text: hi\ntext: hello", passes="text: hello"),
        LoadCode("YAML003", "unsupported-tag", _E,
                 "A tag other than the YAML 1.2 core ones (`!!str`, `!!int`, `!!float`, "
                 "`!!bool`, `!!null`, `!!map`, `!!seq`). Nothing is ever constructed from it.",
                 fails="text: !!python/object/apply:os.system [ls]", passes="text: ls"),
        LoadCode("YAML004", "alias-expansion", _E,
                 "Aliases expand to more nodes than `limits.max-alias-nodes` (default "
                 "100000), or an alias refers to its own anchor (a billion-laughs bomb).",
                 fails="a: &a [x, x]\nb: &b [*a, *a]\n# ...nested many times",
                 passes="base: &base {touchpoint: sms}\nmsg: *base"),
        LoadCode("YAML005", "nesting-depth", _E,
                 "The document nests deeper than `limits.max-depth` (default 100).",
                 fails="[[[[[[ ... 1000 levels", passes="[[1]]"),
        LoadCode("YAML006", "non-string-key", _E,
                 "A mapping key that is not a string (a number, null, a list): JSON "
                 "payloads only have string keys.",
                 fails="actions:\n  1: reply", passes='actions:\n  "1": reply'),
        LoadCode("YAML007", "empty-document", _W,
                 "The file or one of its `---` documents is empty.",
                 fails="---\n---\ntext: hi", passes="---\ntext: hi"),
        LoadCode("LINT001", "too-many-findings", _W,
                 "A file has more findings than `limits.max-findings` (default 1000): the "
                 "first ones by position are reported and this one counts the rest, at the "
                 "first it leaves out. It is an error when any finding it hides is one, so "
                 "the exit code is what it would be with every finding shown. A file with "
                 "several times that many stops being linted early (the count then says "
                 "\"at least\"), which keeps a generated or hostile file's time and "
                 "memory bounded. Ignoring it in the configuration hides the count, not "
                 "the cut, and the exit code then follows the findings shown.",
                 fails="[{\"type\": \"chat\", \"text\": 1}, ... 2,000 such messages]",
                 passes="[{\"type\": \"chat\", \"text\": \"hi\"}]"),
        LoadCode("SUP001", "unused-suppression", _W,
                 "A `# spec-compiler: ignore[CODE]` comment that suppresses nothing: the "
                 "finding was fixed or the code is wrong. Remove it.",
                 fails="text: hi  # spec-compiler: ignore[SMS001]", passes="text: hi"),
    )
}
