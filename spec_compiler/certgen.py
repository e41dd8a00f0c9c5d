"""Compile a certificate (see ``quiet``) to a Python module, for runs of a few files.

A pre-commit run lints a handful of files, and there importing jsonschema_rs (~5 ms with
``spec_compiler.rsimport``, ~20 without) and compiling a certificate (~9–15 ms the first
time in a process) cost more than checking the documents in plain Python. So
``python -m spec_compiler.quiet`` also writes each certificate as a Python module
(``certificates/KIND.py``, one function per distinct subschema, calling the helpers of
``_certruntime``), which such runs import instead.

Only the keywords the certificates use are supported, each with JSON Schema's exact
meaning (``not`` and ``if`` turn any looseness into a wrong answer): a keyword the
generator does not know is an error at generation time, never a silent pass. Patterns
are ECMA-262 as jsonschema_rs runs them: ``$`` is the end of the input, ``\\s`` is
Unicode White_Space (Python's also has ``\\x1c-\\x1f``). ``tests/test_certgen.py``
holds the generated modules equal to jsonschema_rs on every test document and on
hypothesis mutations of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urldefrag, urljoin

#: keywords that do not constrain (annotations, our message hints, formats: certificates
#: are compiled with ``validate_formats=False``)
IGNORED = frozenset({
    "$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default",
    "format", "deprecated", "readOnly", "writeOnly", "x-pattern-message", "x-name",
    "x-not-message", "x-explain", "x-required-message", "x-enum-message",
})

#: the base URI of a certificate (it has no ``$id`` of its own)
_ROOT = "https://spec-compiler.invalid/certificate.json"

#: Rust's ``\\s`` (Unicode White_Space), as jsonschema_rs matches it
_SPACE = ("\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f"
          "\\u205f\\u3000")



class UnsupportedSchema(ValueError):
    """A keyword or value the generator cannot compile exactly."""


def python_regex(pattern: str) -> str:
    """An ECMA-262 pattern as Python ``re`` source with jsonschema_rs's meaning."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt == "s":
                out.append(_SPACE if in_class else f"[{_SPACE}]")
            elif nxt == "S":
                if in_class:
                    raise UnsupportedSchema(f"\\S inside a class: {pattern!r}")
                out.append(f"[^{_SPACE}]")
            elif nxt in "dDwWbB":
                raise UnsupportedSchema(f"\\{nxt} (Unicode in Rust and Python alike, but "
                                        f"write it out): {pattern!r}")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "$" and not in_class:
            out.append("\\Z")
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


class _Generator:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.lines: list[str] = []
        self.names: dict[int, str] = {}
        self.by_content: dict[tuple[str, str], str] = {}
        self.constants: dict[str, str] = {}
        self.resources: dict[str, Any] = {}
        self.bases: dict[int, str] = {}
        self._index(root, _ROOT)

    # -- resources and references

    def _index(self, node: Any, base: str) -> None:
        """Record each subschema's base URI and each ``$id`` resource."""
        if node is self.root:
            self.resources[base] = node
        if isinstance(node, dict):
            if isinstance(node.get("$id"), str):
                base = urljoin(base, node["$id"])
                self.resources[urldefrag(base)[0]] = node
            self.bases[id(node)] = base
            for key, value in node.items():
                if key not in _DATA:
                    self._index(value, base)
        elif isinstance(node, list):
            for value in node:
                self._index(value, base)

    def _resolve(self, ref: str, base: str) -> Any:
        url, fragment = urldefrag(urljoin(base, ref))
        node = self.resources.get(url)
        if node is None:
            raise UnsupportedSchema(f"unresolvable $ref {ref!r} (from {base})")
        for token in (fragment.split("/")[1:] if fragment else []):
            token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list):
                node = node[int(token)]
            elif isinstance(node, dict) and token in node:
                node = node[token]
            else:
                raise UnsupportedSchema(f"unresolvable $ref {ref!r}")
        return node

    # -- output

    def constant(self, value: Any) -> str:
        text = (f"frozenset({tuple(sorted(value))!r})" if isinstance(value, frozenset)
                else repr(value))
        name = self.constants.get(text)
        if name is None:
            name = self.constants[text] = f"_C{len(self.constants)}"
        return name

    def function(self, schema: Any) -> str:
        """The name of the function that validates ``schema`` (generated once)."""
        if schema is True or schema == {}:
            return "_true"
        if schema is False:
            return "_false"
        if not isinstance(schema, dict):
            raise UnsupportedSchema(f"not a schema: {schema!r}")
        name = self.names.get(id(schema))
        if name is not None:
            return name
        base = self.bases.get(id(schema), _ROOT)
        # the same subschema in many places (a rule's message condition in every kind's
        # branch, shared definitions): one function, whatever its place
        key = (base, json.dumps(schema, sort_keys=True))
        name = self.by_content.get(key)
        if name is not None:
            self.names[id(schema)] = name
            return name
        name = self.names[id(schema)] = self.by_content[key] = f"_s{len(self.by_content)}"
        body = list(self._checks(schema, base))
        self.lines.append(f"def {name}(x):")
        self.lines.extend(f"    {line}" for line in body)
        self.lines.append("    return True")
        self.lines.append("")
        return name

    # -- keywords

    def _checks(self, s: Mapping[str, Any], base: str) -> Iterator[str]:
        unknown = set(s) - IGNORED - _KNOWN
        if unknown:
            raise UnsupportedSchema(f"keywords not supported: {sorted(unknown)}")
        if "$ref" in s:
            yield f"if not {self.function(self._resolve(s['$ref'], base))}(x): return False"
        if "type" in s:
            types = s["type"] if isinstance(s["type"], list) else [s["type"]]
            yield f"if not ({' or '.join(_TYPE[t] for t in types)}): return False"
        if "const" in s:
            yield f"if not _eq(x, {self.constant(s['const'])}): return False"
        if "enum" in s:
            values = s["enum"]
            if all(isinstance(v, str) for v in values):
                yield (f"if not (isinstance(x, str) and x in {self.constant(frozenset(values))}):"
                       " return False")
            else:
                yield (f"if not any(_eq(x, v) for v in {self.constant(tuple(values))}): "
                       "return False")
        for word in ("allOf", "anyOf"):
            if word in s:
                calls = [f"{self.function(sub)}(x)" for sub in s[word]]
                join = " and " if word == "allOf" else " or "
                yield f"if not ({join.join(calls) or ('True' if word == 'allOf' else 'False')}):"
                yield "    return False"
        if "not" in s:
            yield f"if {self.function(s['not'])}(x): return False"
        if "if" in s:
            cond = self.function(s["if"])
            then = self.function(s.get("then", True))
            other = self.function(s.get("else", True))
            yield f"if not ({then}(x) if {cond}(x) else {other}(x)): return False"
        yield from self._strings(s)
        yield from self._numbers(s)
        yield from self._arrays(s)
        yield from self._objects(s)
        yield from self._ours(s)

    def _strings(self, s: Mapping[str, Any]) -> Iterator[str]:
        checks = []
        if "minLength" in s:
            checks.append(f"len(x) < {int(s['minLength'])}")
        if "maxLength" in s:
            checks.append(f"len(x) > {int(s['maxLength'])}")
        if "pattern" in s:
            checks.append(f"not _search({python_regex(s['pattern'])!r}, x)")
        if checks:
            yield f"if isinstance(x, str) and ({' or '.join(checks)}): return False"

    def _numbers(self, s: Mapping[str, Any]) -> Iterator[str]:
        checks = []
        for word, op in (("minimum", "<"), ("maximum", ">"), ("exclusiveMinimum", "<="),
                         ("exclusiveMaximum", ">=")):
            if word in s:
                checks.append(f"x {op} {self.constant(s[word])}")
        if checks:
            yield f"if _num(x) and ({' or '.join(checks)}): return False"

    def _arrays(self, s: Mapping[str, Any]) -> Iterator[str]:
        lines = []
        if "minItems" in s:
            lines.append(f"if len(x) < {int(s['minItems'])}: return False")
        if "maxItems" in s:
            lines.append(f"if len(x) > {int(s['maxItems'])}: return False")
        prefix = s.get("prefixItems", [])
        for i, sub in enumerate(prefix):
            lines.append(f"if len(x) > {i} and not {self.function(sub)}(x[{i}]): return False")
        if "items" in s:
            fn = self.function(s["items"])
            if fn == "_false":
                lines.append(f"if len(x) > {len(prefix)}: return False")
            elif fn != "_true":
                lines.append(f"for v in x[{len(prefix)}:]:")
                lines.append(f"    if not {fn}(v): return False")
        if "contains" in s:
            fn = self.function(s["contains"])
            low = int(s.get("minContains", 1))
            lines.append(f"n = sum(1 for v in x if {fn}(v))")
            lines.append(f"if n < {low}: return False")
            if "maxContains" in s:
                lines.append(f"if n > {int(s['maxContains'])}: return False")
        if lines:
            yield "if isinstance(x, list):"
            yield from (f"    {line}" for line in lines)

    def _objects(self, s: Mapping[str, Any]) -> Iterator[str]:
        lines = []
        for name in s.get("required", []):
            lines.append(f"if {name!r} not in x: return False")
        for name, sub in s.get("properties", {}).items():
            fn = self.function(sub)
            if fn != "_true":
                lines.append(f"if {name!r} in x and not {fn}(x[{name!r}]): return False")
        if "propertyNames" in s:
            fn = self.function(s["propertyNames"])
            lines.append("for k in x:")
            lines.append(f"    if not {fn}(k): return False")
        for name, needed in s.get("dependentRequired", {}).items():
            wanted = " and ".join(f"{n!r} in x" for n in needed) or "True"
            lines.append(f"if {name!r} in x and not ({wanted}): return False")
        if lines:
            yield "if isinstance(x, dict):"
            yield from (f"    {line}" for line in lines)

    def _ours(self, s: Mapping[str, Any]) -> Iterator[str]:
        if "x-equal" in s:
            names = tuple(s["x-equal"])
            yield "if isinstance(x, dict):"
            yield f"    vs = [x[n] for n in {names!r} if n in x]"
            yield "    if any(v != vs[0] for v in vs[1:]): return False"
        if "x-distinct" in s:
            name = s["x-distinct"]
            yield "if isinstance(x, list):"
            yield "    seen = []"
            yield "    for v in x:"
            yield f"        if isinstance(v, dict) and {name!r} in v:"
            yield f"            if v[{name!r}] in seen: return False"
            yield f"            seen.append(v[{name!r}])"
        if "x-delays" in s:
            yield f"if not _delays({s['x-delays']!r}, x): return False"
        if "x-lazy" in s:
            yield f"if not {self.function(s['x-lazy'])}(x): return False"
        if "x-no-near-miss" in s:
            spec = s["x-no-near-miss"]
            known = tuple(spec["known"])
            yield (f"if _near_miss(x, {self.constant(known)}, {self.constant(frozenset(known))}, "
                   f"{float(spec['cutoff'])!r}): return False")


_TYPE = {
    "string": "isinstance(x, str)",
    "object": "isinstance(x, dict)",
    "array": "isinstance(x, list)",
    "boolean": "isinstance(x, bool)",
    "null": "x is None",
    "number": "_num(x)",
    "integer": "_int(x)",
}

#: keywords whose values are data, not subschemas
_DATA = frozenset({"enum", "const", "required", "examples", "default", "dependentRequired",
                   "x-equal", "x-distinct", "x-delays", "x-no-near-miss"})

_KNOWN = frozenset({
    "$ref", "type", "const", "enum", "allOf", "anyOf", "not", "if", "then", "else",
    "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "minItems", "maxItems", "prefixItems", "items", "contains",
    "minContains", "maxContains", "required", "properties", "propertyNames",
    "dependentRequired", "x-equal", "x-distinct", "x-delays", "x-lazy", "x-no-near-miss",
})


def generate(schema: Any, kind: str) -> str:
    """The Python module validating ``schema`` with ``is_valid(x)``."""
    gen = _Generator(schema)
    entry = gen.function(schema)
    constants = [f"{name} = {text}" for text, name in gen.constants.items()]
    head = [f'"""The {kind} certificate as Python, generated by ``python -m '
            f'spec_compiler.quiet`` from ``{kind}.json``: do not edit."""',
            "# ruff: noqa", "# mypy: ignore-errors", "",
            "from spec_compiler._certruntime import delays as _delays, eq as _eq, "
            "false as _false, integer as _int, is_near_miss as _near_miss, num as _num, "
            "search as _search, true as _true", "", ""]
    tail = ["", f"is_valid = {entry}", ""]
    return "\n".join([*head, *constants, "", "", *gen.lines, *tail])


def main_text(kind: str, certificate_text: str) -> str:
    """``generate`` from a certificate's JSON text."""
    return generate(json.loads(certificate_text), kind)
