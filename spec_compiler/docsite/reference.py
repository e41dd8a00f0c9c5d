"""Reference models: every field of the bundled schemas and every rule's documentation.

Schemas are read one level at a time (each definition's own properties, inline objects
flattened to ``a.b`` with a depth bound); a ``$ref`` becomes a link, never a recursion.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from spec_compiler import schemas

MAX_FLATTEN_DEPTH = 4
_FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)\s*$")
_LIMITS = (
    ("minLength", "at least {} characters"), ("maxLength", "at most {} characters"),
    ("minimum", "≥ {}"), ("maximum", "≤ {}"), ("exclusiveMinimum", "> {}"),
    ("exclusiveMaximum", "< {}"), ("minItems", "at least {} items"),
    ("maxItems", "at most {} items"), ("pattern", "pattern {}"), ("format", "format {}"),
)


@dataclass(frozen=True)
class FieldRow:
    """One property of a definition."""

    name: str
    type: str
    #: where the type's definition is documented (a page-relative href), if anywhere
    link: str | None
    required: bool
    limits: tuple[str, ...]
    description: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Definition:
    """A schema's root or one of its ``$defs``."""

    anchor: str
    title: str
    description: str
    type: str
    limits: tuple[str, ...]
    examples: tuple[str, ...]
    fields: tuple[FieldRow, ...]


@dataclass(frozen=True)
class SchemaDoc:
    """One bundled schema."""

    name: str
    title: str
    description: str
    definitions: tuple[Definition, ...]

    @property
    def page(self) -> str:
        """File name of its reference page (without extension)."""
        return f"schema-{self.name}"


@dataclass(frozen=True)
class Block:
    """A piece of rule documentation: a paragraph or a code block."""

    kind: Literal["text", "code"]
    text: str
    lang: str = ""


@dataclass(frozen=True)
class RuleDoc:
    """One finding code with its documentation."""

    code: str
    name: str
    severity: str
    summary: str
    blocks: tuple[Block, ...]
    options: tuple[FieldRow, ...]
    #: the raw documentation text (Markdown as written)
    source: str


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- schemas


def def_anchor(schema: str, pointer: str) -> str:
    """The HTML anchor of a definition (``message`` for a root, ``message-action``)."""
    name = pointer.rsplit("/", 1)[-1] if pointer else ""
    return f"{schema}-{name}" if name else schema


def _ref_target(ref: str, schema: str) -> tuple[str, str]:
    """``(schema name, pointer)`` of a ``$ref`` relative to a bundled schema."""
    doc, _, pointer = ref.partition("#")
    name = schema
    if doc:
        name = doc.rsplit("/", 1)[-1].removesuffix(schemas.SUFFIX)
    return name, pointer


def _resolve(schema: str, pointer: str) -> Any:
    if schema not in schemas.SCHEMA_NAMES:
        return None
    node: Any = schemas.load(schema)
    for token in [t for t in pointer.split("/") if t]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node.get(token) if isinstance(node, Mapping) else None
    return node


def _ref_type(ref: str, schema: str) -> tuple[str, str | None]:
    """The label and link of a ``$ref``: a definition is linked, a property inlined."""
    target, pointer = _ref_target(ref, schema)
    node = _resolve(target, pointer)
    href = f"schema-{target}.html"
    if pointer in ("", "/") or re.fullmatch(r"/\$defs/[^/]+", pointer):
        title = node.get("title") if isinstance(node, Mapping) else None
        label = str(title or def_anchor(target, pointer))
        return label, f"{href}#{def_anchor(target, pointer)}"
    if isinstance(node, Mapping) and "$ref" not in node:
        return type_label(node, target)[0], None
    return "see " + f"{target}{schemas.SUFFIX}#{pointer}", href


def type_label(node: Mapping[str, Any], schema: str) -> tuple[str, str | None]:
    """A readable type of a schema node and where it is documented."""
    if isinstance(node.get("$ref"), str):
        return _ref_type(node["$ref"], schema)
    declared = node.get("type")
    label = " | ".join(map(str, declared)) if isinstance(declared, list) else str(declared or "")
    if label == "array" and isinstance(node.get("items"), Mapping):
        inner, link = type_label(node["items"], schema)
        return f"array of {inner or 'any'}", link
    if not label and "const" in node:
        return "const", None
    return label or "any", None


def limits(node: Mapping[str, Any]) -> tuple[str, ...]:
    """Constraints worth reading: lengths, ranges, patterns, enums, defaults."""
    out = [text.format(node[key]) for key, text in _LIMITS if key in node]
    if isinstance(node.get("enum"), list):
        out.append("one of " + ", ".join(_json(v) for v in node["enum"]))
    if "const" in node:
        out.append("always " + _json(node["const"]))
    if "default" in node:
        out.append("default " + _json(node["default"]))
    if node.get("additionalProperties") is False:
        out.append("no other keys")
    return tuple(out)


def _examples(node: Mapping[str, Any]) -> tuple[str, ...]:
    found = node.get("examples")
    return tuple(_json(v) for v in found) if isinstance(found, list) else ()


def _fields(node: Mapping[str, Any], schema: str) -> Iterator[FieldRow]:
    """Every property, inline object properties flattened (bounded, no recursion)."""
    stack: list[tuple[str, Mapping[str, Any], int]] = [("", node, 0)]
    while stack:
        prefix, current, depth = stack.pop(0)
        props = current.get("properties")
        required = current.get("required")
        required = required if isinstance(required, list) else []
        for name, sub in (props.items() if isinstance(props, Mapping) else ()):
            sub = sub if isinstance(sub, Mapping) else {}
            label, link = type_label(sub, schema)
            yield FieldRow(name=prefix + str(name), type=label, link=link,
                           required=name in required, limits=limits(sub),
                           description=str(sub.get("description", "")),
                           examples=_examples(sub))
            if depth < MAX_FLATTEN_DEPTH and "$ref" not in sub and "properties" in sub:
                stack.append((f"{prefix}{name}.", sub, depth + 1))


def _definition(node: Mapping[str, Any], schema: str, pointer: str) -> Definition:
    label, _ = type_label(node, schema)
    return Definition(
        anchor=def_anchor(schema, pointer),
        title=str(node.get("title") or def_anchor(schema, pointer)),
        description=str(node.get("description", "")), type=label,
        limits=limits(node), examples=_examples(node),
        fields=tuple(_fields(node, schema)),
    )


def schema_doc(name: str) -> SchemaDoc:
    """The reference of one bundled schema: its root, then each ``$defs`` entry."""
    root = schemas.load(name)
    defs = root.get("$defs")
    definitions = [_definition(root, name, "")]
    for key, node in (defs.items() if isinstance(defs, Mapping) else ()):
        if isinstance(node, Mapping):
            definitions.append(_definition(node, name, f"/$defs/{key}"))
    return SchemaDoc(name=name, title=str(root.get("title") or name),
                     description=str(root.get("description", "")),
                     definitions=tuple(definitions))


def schema_docs() -> tuple[SchemaDoc, ...]:
    """Every bundled schema, by name."""
    return tuple(schema_doc(name) for name in schemas.SCHEMA_NAMES)


# ---------------------------------------------------------------- rules


def doc_blocks(text: str) -> tuple[Block, ...]:
    """Markdown-ish documentation → paragraphs and fenced code blocks."""
    blocks: list[Block] = []
    para: list[str] = []
    code: list[str] | None = None
    fence, lang = "", ""
    for line in inspect.cleandoc(text).splitlines():
        match = _FENCE.match(line.strip())
        if code is not None:
            if match and line.strip().startswith(fence) and not match.group(2):
                blocks.append(Block("code", "\n".join(code), lang))
                code = None
            else:
                code.append(line)
        elif match:
            _flush(para, blocks)
            code, fence, lang = [], match.group(1), match.group(2)
        elif line.strip():
            para.append(line.strip())
        else:
            _flush(para, blocks)
    if code is not None:
        blocks.append(Block("code", "\n".join(code), lang))
    _flush(para, blocks)
    return tuple(blocks)


def _flush(para: list[str], blocks: list[Block]) -> None:
    if para:
        blocks.append(Block("text", " ".join(para)))
        para.clear()


def _rule_doc(doc: Any) -> RuleDoc:
    """Our model of a ``rules_cmd.RuleDoc`` (the one parser of rule docstrings)."""
    parts = [doc.description]
    for label, example in (("Fails:", doc.fails), ("Passes:", doc.passes)):
        if example:
            parts.append(f"{label}\n\n```yaml\n{example}\n```")
    source = "\n\n".join(p for p in parts if p)
    options = tuple(_fields({"properties": doc.options or {}}, "rules"))
    return RuleDoc(code=doc.code, name=doc.name, severity=doc.severity, summary=doc.summary,
                   blocks=doc_blocks(source), options=options, source=source)


def rule_docs() -> tuple[RuleDoc, ...]:
    """Every code (load-stage codes and rules), grouped by prefix as ``rules`` lists them."""
    from spec_compiler.rules_cmd import all_docs

    return tuple(_rule_doc(doc) for doc in all_docs())
