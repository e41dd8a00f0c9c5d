"""Quiet certificates: prove with one compiled-schema check that a file has no findings.

Most files a linter sees are clean, and proving that one is clean with 64 Python rules
costs ten times its parse. So every rule that can find something in a payload the
schema accepts also states, as JSON Schema, when it finds nothing there: its ``QUIET``,
a mapping with three keys, each a schema (``True`` for no condition):

- ``"message"``: holds for every message of the document (the document itself for kind
  ``message``, each ``/messages`` item of a conversation, each item of a message list);
- ``"conversation"``: holds for a conversation body as a whole;
- ``"message-list"``: holds for a message list as a whole.

The rule promises: on a payload of kind K that the API schema for K accepts, where its
``"message"`` condition holds for every message and its K condition for the document,
``check`` yields nothing. ``tests/test_quiet.py`` holds every rule to that over every test
document, the benchmark corpus and hypothesis mutations of them. Conditions may refer to
the shared definitions of ``rules/_quiet.py`` as ``{"$ref": "#/$defs/NAME"}``, and use
the keywords JSON Schema lacks, which we give jsonschema_rs: ``"x-equal": [NAMES]`` (the
properties of an object that it has among NAMES are equal: ``uri == url``),
``"x-distinct": NAME`` (the NAME properties of an array's objects all differ: payloads),
``"x-delays": NAME`` (an array of messages whose delays as written keep the pacing
invariant NAME, asked of the functions the PACE rules report from:
``pacing.INVARIANTS``; JSON Schema cannot compare two members, and the thresholds
that stood in for a comparison cost most of a conversation certificate's compile),
``"x-lazy": SCHEMA`` (SCHEMA, compiled when first reached: most of a certificate's
compile time goes to a few large regexes that few documents reach; the generated
Python certificates of small runs keep them lazy, while jsonschema_rs, which only large
runs use and which reach them all, gets them compiled in place, ``inline_lazy``) and
``"x-no-near-miss": {"known":
[NAMES], "cutoff": C}`` (a name that is known or no near miss of a known one, asked of
the function MSG001 reports from: ``nearmiss.near_miss``).

Rules that cannot find anything in a schema-valid payload (``NEEDS`` empty: they only
report schema faults; ``NEEDS`` of specs only) need no ``QUIET``.

``python -m spec_compiler.quiet`` composes, per kind, ``allOf`` the bundled API schema
and every rule's condition, and writes it to ``certificates/KIND.json`` next to this
module, with ``KIND.rs.json`` (the same through ``inline_lazy``, without our keywords
(``certsplit``) and rewritten to check faster (``certsimplify``), compact: what
jsonschema_rs compiles) and ``KIND.py`` (``certgen``); a test checks they are current.
A lint run loads one file and compiles it once with jsonschema_rs, without importing a
single rule.

A file is certified when it decodes, parses without any load finding, has no
suppression comment (an unused one would be a finding), is not a spec, and each
document passes its kind's composed check. Everything else, and every run whose
configuration sets rule options or enables a rule without ``QUIET``, takes the full
path.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

from spec_compiler.kinds import detect_kind
from spec_compiler.reading import within_depth

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

    from spec_compiler.config import Config
    from spec_compiler.reading import Limits

#: the document kinds a certificate can be given for (specs always take the full path)
KINDS = ("message", "conversation", "message-list")
QUIET_KEYS = KINDS
FOLDER = os.path.join(os.path.dirname(__file__), "certificates")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: what a suppression comment starts with (see suppressions.py)
SUPPRESSION_MARK = "spec-compiler:"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


#: the keywords of ours that conditions may use, checked beside jsonschema_rs
#: (``certsplit.CHECKS``) and by the generated Python certificates (``certgen``)
KEYWORDS = frozenset({"x-equal", "x-distinct", "x-delays", "x-no-near-miss"})


def compile_certificate(schema: Any) -> SplitCertificate:
    """The jsonschema_rs check of a composed certificate: its ``x-lazy`` schemas compiled
    in place (``inline_lazy``), our keywords checked beside it (``certsplit``)."""
    return SplitCertificate(rs_form(schema))


def rs_form(schema: Any) -> dict[str, Any]:
    """What ``KIND.rs.json`` holds for a composed certificate: ``{"schema": ..., "side":
    ...}``, the schema through ``inline_lazy`` and without our keywords, which ``side``
    lists with the places they apply to (``certsplit.split``), then simplified
    (``certsimplify``: the same verdicts, fewer keywords evaluated)."""
    from spec_compiler.certsimplify import simplify
    from spec_compiler.certsplit import split

    plain, side = split(inline_lazy(schema), KEYWORDS)
    return {"schema": simplify(plain), "side": side}


#: where a conversation's and a message list's messages are: their ``KIND.rs.json``
#: leaves the messages' conditions out, and each message is checked with the message
#: certificate instead. That is as strict (the message certificate is the message API
#: schema and every message condition; the document's own API schema checks its messages
#: too) and compiles in about half the time: a large run compiles the conversation
#: certificate in each process, the message certificate once before the fork.
MESSAGES = {"conversation": "messages", "message-list": ""}


class SplitCertificate:
    """A certificate's verdict from jsonschema_rs on its plain JSON Schema and, where it
    has our keywords, ``certsplit.side_check`` on the same instance; for a form with
    ``"messages"``, every message also passes ``message`` (the message certificate's
    ``is_valid``)."""

    __slots__ = ("is_valid",)

    def __init__(self, form: Mapping[str, Any], message: Any = None) -> None:
        from spec_compiler.rsimport import load

        plain = load().validator_for(form["schema"], validate_formats=False).is_valid
        self.is_valid: Any = plain
        if form["side"]:
            from spec_compiler.certsplit import side_check

            side = side_check(form["side"])
            self.is_valid = lambda instance: plain(instance) and side(instance)
        if "messages" in form:
            if message is None:
                raise ValueError("a certificate of messages needs the message certificate")
            whole, each = self.is_valid, _each_message(form["messages"], message)
            self.is_valid = lambda instance: whole(instance) and each(instance)


def _each_message(name: str, message: Any) -> Any:
    """True when each message of a document (the items of its ``name`` member, or its
    own items for ``""``) passes ``message``."""
    def each(instance: Any) -> bool:
        found = instance.get(name) if name and isinstance(instance, dict) else None
        if not name:
            found = instance
        return not isinstance(found, list) or all(map(message, found))

    return each


#: the bundled message schema as a conversation's and a message list's API schemas hold it
_MESSAGE_SCHEMA = "message.schema.json"


def messages_left_out(api: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The API schema of ``kind`` (a conversation or a message list) with its messages
    left unchecked: ``{"$ref": "message.schema.json"}`` where they are is ``true``, and
    the bundled message schema goes from ``$defs``. Its ``KIND.rs.json`` then checks no
    message twice: each passes the message certificate, whose first part is that very
    schema (``MESSAGES``), so the verdicts are the same, and the conversation
    certificate compiles without a second copy of the message schema (~3 µs a message
    and ~2-3 ms a process less, 2026-12-03)."""
    import copy
    import json

    out = copy.deepcopy(dict(api))
    holder = out["properties"][MESSAGES[kind]] if MESSAGES[kind] else out
    if holder.get("items") != {"$ref": _MESSAGE_SCHEMA}:
        raise ValueError(f"the {kind} schema's messages are not {_MESSAGE_SCHEMA} alone")
    holder["items"] = True
    out["$defs"].pop(_MESSAGE_SCHEMA)
    if _MESSAGE_SCHEMA in json.dumps(out):
        raise ValueError(f"the {kind} schema refers to {_MESSAGE_SCHEMA} elsewhere too")
    return out


def rs_name(kind: str) -> str:
    """The file of ``certificates/`` that jsonschema_rs compiles for ``kind``: the
    composed certificate already through ``inline_lazy``, without indentation (a lint
    run reads and compiles it as it is: ~2 ms less for a conversation than reading the
    readable one and inlining it)."""
    return f"{kind}.rs.json"


def inline_lazy(value: Any) -> Any:
    """``value`` with each ``"x-lazy": SCHEMA`` replaced by SCHEMA itself (in ``allOf``
    where the object has other keywords too): the same verdicts.

    ``x-lazy`` defers a compile that few documents need; the generated Python modules
    of small runs honour it. jsonschema_rs checks certificates only in large runs,
    which reach every lazy schema anyway: compiled in place they are compiled once,
    before the workers fork, and checked inside one jsonschema_rs call rather than a
    call back into Python that converts the instance and validates it again (~4 µs a
    document). The lazy schema's own ``$schema`` and ``$defs`` (copies of the root's,
    see ``_with_defs``) are dropped: in place, its references resolve against the root.
    """
    if isinstance(value, list):
        return [inline_lazy(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: inline_lazy(v) for k, v in value.items() if k != "x-lazy"}
    lazy = value.get("x-lazy")
    if isinstance(lazy, dict):
        inner = inline_lazy({k: v for k, v in lazy.items() if k not in ("$schema", "$defs")})
        if not out:
            return inner
        out["allOf"] = [*out.get("allOf", []), inner]
    elif "x-lazy" in value:
        out["allOf"] = [*out.get("allOf", []), value["x-lazy"]]  # a boolean schema
    return out


# ---------------------------------------------------------------- generation (dev time)


def generate() -> dict[str, Any]:
    """Every rule's ``QUIET`` (imports every rule), with the rules that need none
    (``silent``) and those that lack one (``unquiet``)."""
    from spec_compiler.rules import REGISTRY, load_rule
    from spec_compiler.rules._quiet import DEFS

    rules: dict[str, Any] = {}
    silent: list[str] = []
    unquiet: list[str] = []
    needing: dict[str, tuple[str, ...]] = {}
    for code in REGISTRY:
        rule = load_rule(code)
        quiet = getattr(rule, "QUIET", None)
        needs = getattr(rule, "NEEDS", None)
        if needs is not None:
            needing[code] = tuple(sorted(needs))
        if quiet is not None:
            if set(quiet) != set(QUIET_KEYS):
                raise ValueError(f"{code}: QUIET must have exactly the keys {QUIET_KEYS}")
            rules[code] = {key: quiet[key] for key in QUIET_KEYS}
        elif needs is not None and set(needs) <= {"spec"}:
            silent.append(code)
        else:
            unquiet.append(code)
    return {"defs": DEFS, "rules": rules, "silent": silent, "unquiet": unquiet,
            "needs": needing}


def certificates(data: Mapping[str, Any]) -> dict[str, str]:
    """The text of each file of ``certificates/``: a composed schema per kind, and the
    rules whose being enabled rules out the fast path."""
    import json

    from spec_compiler.certgen import generate as python_module
    from spec_compiler.schemas import bundled

    out: dict[str, str] = {}
    for kind in KINDS:
        schema = compose(data, kind, bundled(kind))
        out[f"{kind}.json"] = _dump(schema)
        form = rs_form(schema if kind == "message"
                       else compose(data, kind, messages_left_out(bundled(kind), kind),
                                    messages=False))
        if kind != "message":
            form["messages"] = MESSAGES[kind]
        out[rs_name(kind)] = json.dumps(form, separators=(",", ":"),
                                        sort_keys=True, ensure_ascii=False) + "\n"
        out[f"{module_name(kind)}.py"] = python_module(json.loads(out[f"{kind}.json"]), kind)

    out["__init__.py"] = ('"""The certificates of ``spec_compiler.quiet``, generated by\n'
                          '``python -m spec_compiler.quiet``: do not edit."""\n\n'
                          "#: enabled, these rules rule out the fast path (they have no QUIET)\n"
                          f"UNQUIET: tuple[str, ...] = {tuple(data['unquiet'])!r}\n"
                          "\n#: each rule's NEEDS, where it has one: the engine imports a rule\n"
                          "#: only for a document that has one of them (or schema faults, for\n"
                          "#: an empty NEEDS)\n"
                          "NEEDS: dict[str, tuple[str, ...]] = {\n"
                          + "".join(f"    {code!r}: {needs!r},\n"
                                    for code, needs in data["needs"].items())
                          + "}\n")
    return out


def module_name(kind: str) -> str:
    """The Python module of a kind's certificate in ``certificates/``."""
    return kind.replace("-", "_")


def _dump(data: Any) -> str:
    import json

    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def compose(data: Mapping[str, Any], kind: str, api: Mapping[str, Any],
            codes: list[str] | None = None, *, messages: bool = True) -> dict[str, Any]:
    """One schema for ``kind``: the API schema and the quiet conditions of ``codes``
    (every rule of ``data`` when None); for a conversation or a message list without the
    conditions of its messages when ``messages`` is false (see ``MESSAGES``)."""
    rules = data["rules"]
    chosen = [c for c in (rules if codes is None else codes) if c in rules]
    message = [rules[c]["message"] for c in chosen if rules[c]["message"] is not True]
    whole = [rules[c][kind] for c in chosen if kind != "message" and rules[c][kind] is not True]
    parts: list[Any] = [api]
    if kind == "message":
        parts += message
    elif message and messages:
        each = {"allOf": message}
        parts.append({"properties": {"messages": {"items": each}}} if kind == "conversation"
                     else {"items": each})
    parts += whole
    return {"$schema": DRAFT, "$defs": data["defs"], "allOf": _with_defs(parts, data["defs"])}


def _with_defs(value: Any, defs: Mapping[str, Any]) -> Any:
    """``value`` with the shared definitions inside each ``x-lazy`` schema (compiled on
    its own, it has no root to resolve ``#/$defs/...`` against)."""
    if isinstance(value, list):
        return [_with_defs(v, defs) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _with_defs(v, defs) for k, v in value.items()}
    if isinstance(out.get("x-lazy"), dict):
        out["x-lazy"] = {"$schema": DRAFT, "$defs": defs, **out["x-lazy"]}
    return out


# ---------------------------------------------------------------- run time


def _read(name: str) -> Any:
    """A file of ``certificates/`` (None when it is missing or broken)."""
    try:
        with open(os.path.join(FOLDER, name), encoding="utf-8") as fh:
            return _plain_json()(fh.read())
    except (OSError, ValueError, RecursionError):
        return None


class Certifier:
    """Certifies files as free of findings, for one configuration and ``--kind``.

    ``engine`` picks how certificates are checked: ``"rs"`` compiles them with
    jsonschema_rs (~18 µs a document, after ~15–20 ms for the import and the compile:
    large runs), ``"python"`` imports their generated Python modules (~80 µs a document, ~2 ms
    to import: a pre-commit run of a few files). Both give the same verdicts
    (``tests/test_certgen.py``).
    """

    def __init__(self, config: Config, kind: str | None, limits: Limits,
                 engine: str = "rs") -> None:
        self._engine = engine
        self._config = config
        self._kind = kind
        self._limits = limits
        self._validators: dict[str, Any] = {}

    @classmethod
    def build(cls, config: Config, kind: str | None, engine: str = "rs") -> Certifier | None:
        """A certifier, or None when this configuration cannot have one."""
        if kind == "spec" or config.rule_options:
            return None
        try:
            from spec_compiler.certificates import UNQUIET
        except ImportError:
            return None
        if any(config.is_enabled(code) for code in UNQUIET):
            return None
        if engine == "rs":
            try:
                from spec_compiler.rsimport import load

                load()
            except ImportError:
                engine = "python"
        return cls(config, kind, config.limits, engine)

    def _validator(self, kind: str) -> Any:
        """The compiled certificate of ``kind`` (False when it cannot be had)."""
        found = self._validators.get(kind)
        if found is None:
            try:
                if self._engine == "python":
                    # __import__, not importlib.import_module: importing the importlib
                    # package (with warnings) costs ~0.9 ms of a pre-commit run
                    name = f"spec_compiler.certificates.{module_name(kind)}"
                    __import__(name)
                    found = sys.modules[name]
                else:
                    form = _read(rs_name(kind))
                    message = self._validator("message") if "messages" in form else None
                    found = (False if message is False
                             else SplitCertificate(form, message and message.is_valid))
            except Exception:  # a broken file: no fast path, never a crash
                found = False
            self._validators[kind] = found
        return found

    def _kind_of(self, data: Any, file: str) -> str:
        kind = self._kind
        if kind is None and self._config.kinds:
            kind = self._config.kind_for(file)
        if kind is None:
            return detect_kind(data)
        return kind

    def certifies_data(self, data: Any, file: str) -> bool:
        """True when the document ``data`` of ``file`` certainly has no finding."""
        kind = self._kind_of(data, file)
        if kind not in KINDS:
            return False
        validator = self._validator(kind)
        try:
            return validator is not False and bool(validator.is_valid(data))
        except (ValueError, TypeError, OverflowError, RecursionError):
            return False

    def certifies(self, raw: bytes, file: str) -> bool:
        """True when the file whose bytes are ``raw`` certainly has no finding (no load
        finding, no suppression comment, each document certified)."""
        documents = self.documents(raw, file)
        return documents is not None and self.certifies_all(documents, file)

    def certifies_all(self, documents: list[Any], file: str) -> bool:
        """True when every document of ``documents`` (from ``documents``) is certified."""
        if len(documents) == 1:  # every JSON file, most YAML files: no generator
            return self.certifies_data(documents[0], file)
        return all(self.certifies_data(data, file) for data in documents)

    def documents(self, raw: bytes, file: str) -> list[Any] | None:
        """The plain data of each document of a file's bytes, for ``certifies_data``;
        None when the file must take the full path whatever its data: a BOM, a NUL, not
        UTF-8, a suppression comment, nothing but blanks, nesting past the depth limit,
        a duplicate key, or more than plain JSON or YAML holds (tags, anchors, ``NaN``).

        Apart from ``certifies`` so that a run can parse a batch of files before putting
        any of them to a certificate: parser and validator then each stay in the CPU's
        caches for a batch (see ``lint_cmd.READ_AHEAD_BYTES``).
        """
        if raw.startswith(_BOMS) or b"\x00" in raw:
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        # isspace, not strip: no copy of the text to find that it is not all blanks
        if SUPPRESSION_MARK in text or not text or text.isspace():
            return None
        if file[-5:].lower() == ".json":
            return self._json(text)
        return self._yaml(text)

    def _json(self, text: str) -> list[Any] | None:
        try:
            data = _plain_json()(text)
        except (ValueError, RecursionError):  # a duplicate key (_Duplicate) among them
            return None
        # a text with fewer brackets than the depth limit cannot nest past it; one with
        # more (a long message list) is walked, as the loader walks it
        if (text.count("{") + text.count("[") > self._limits.max_depth
                and not within_depth(data, self._limits.max_depth)):
            return None
        return [data]

    def _yaml(self, text: str) -> list[Any] | None:
        from spec_compiler.yaml12 import plain_documents

        return plain_documents(text, self._limits.max_depth)


def _no_constant(name: str) -> Any:
    """``NaN`` and ``Infinity``, which ``json.loads`` takes and JSON has not: not plain."""
    raise ValueError(name)


class _Duplicate(ValueError):
    """An object of the text repeats a key (YAML002 on the full path)."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's dict, raising ``_Duplicate`` when a key repeats: with json's C scanner
    this costs ~1 µs a file over a plain parse (dumping the parse to count its ``:``
    against the text's had cost ~15)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Duplicate
    return obj


class _Settings:
    """What json's C scanner (``_json.make_scanner``) reads off a ``json.JSONDecoder``:
    ``JSONDecoder(object_pairs_hook=_unique_pairs, parse_constant=_no_constant)``'s
    settings, without importing ``json``, whose decoder imports ``re``: a process that
    only certifies JSON files needs neither (with ``fnmatch``, ~4.5 ms of a large run's
    serial start, ~1.5 ms where pip's console script has imported ``re`` already)."""

    strict = True
    object_hook = None
    object_pairs_hook = staticmethod(_unique_pairs)
    parse_float = float
    parse_int = int
    parse_constant = staticmethod(_no_constant)


#: the characters ``json.decoder`` skips around a value (RFC 8259's whitespace)
_JSON_SPACE = " \t\n\r"

_decode: Callable[[str], Any] | None = None


def _plain_json() -> Callable[[str], Any]:
    """The decoder of plain JSON texts, as ``JSONDecoder.decode`` with the settings of
    ``_Settings``: the value of a text, raising ``ValueError`` for anything else (no
    value, more than one, a duplicate key, ``NaN``/``Infinity``, invalid JSON) and
    ``RecursionError`` past the interpreter's depth."""
    global _decode
    if _decode is not None:
        return _decode
    try:
        from _json import make_scanner
    except ImportError:  # an interpreter without json's C scanner
        import json

        _decode = json.JSONDecoder(object_pairs_hook=_unique_pairs,
                                   parse_constant=_no_constant).decode
        return _decode
    scan = make_scanner(_Settings())  # type: ignore[arg-type]  # it reads attributes

    def decode(text: str) -> Any:
        start = len(text) - len(text.lstrip(_JSON_SPACE))
        try:
            data, end = scan(text, start)
        except StopIteration:  # no value where one starts (at any depth)
            raise ValueError("expecting a JSON value") from None
        except SystemError:
            # any other syntax error: the scanner raises json.decoder's JSONDecodeError
            # (a ValueError), and where json.decoder is not imported, CPython 3.11's
            # looks for it in sys.modules, finds nothing and fails with a SystemError.
            # Either way the text is not plain JSON; the full path says why
            raise ValueError("invalid JSON") from None
        # only whitespace may follow the value (looked at without copying the text)
        if end != len(text) and text[end:].strip(_JSON_SPACE):
            raise ValueError("extra data after the JSON value")
        return data

    _decode = decode
    return decode


def main() -> None:
    """Write ``certificates/`` from the rules and the bundled schemas."""
    os.makedirs(FOLDER, exist_ok=True)
    for name, text in certificates(generate()).items():
        with open(os.path.join(FOLDER, name), "w", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
