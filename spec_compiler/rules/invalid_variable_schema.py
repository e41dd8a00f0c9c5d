"""A variable whose schema is not a valid JSON Schema, or that points to a remote one.

Each entry under `vars` is a JSON Schema (2020-12) that the value of the variable is
checked against (DESIGN §3). Schemas load offline only: a `$ref` to anything outside the
variable's own schema (any `$ref` not starting with `#`) is refused. No options.

Fails:

```yaml
kind: messages
vars:
  name: {type: text}
messages:
  - text: Hello {{ name }}
```

Passes:

```yaml
kind: messages
vars:
  name: {type: string}
messages:
  - text: Hello {{ name }}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.pointer import join
from spec_compiler.rules._schema_util import did_you_mean
from spec_compiler.rules._spec_util import declared_vars
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

    from jsonschema.exceptions import ValidationError

CODE = "SPEC006"
NAME = "invalid-variable-schema"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"spec"})

_REF_KEYS = ("$ref", "$dynamicRef")
JSON_TYPES = ("string", "integer", "number", "boolean", "object", "array", "null")


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per invalid variable schema and per remote ``$ref``."""
    declared = declared_vars(ctx.spec) if ctx.spec is not None else None
    if not declared:
        return
    for name, schema in declared.items():
        if not isinstance(schema, Mapping):
            continue  # a schema fault (SCHEMA001)
        base = join("/vars", str(name))
        error = _metaschema_error(schema)
        if error is not None:
            where = join(base, *error.absolute_path) if error.absolute_path else base
            yield Finding(where, f"variable '{name}' has an invalid schema: {_describe(error)}")
        yield from _remote_refs(base, schema)


def _metaschema_error(schema: Mapping[str, Any]) -> ValidationError | None:
    """The best metaschema error; jsonschema (slow to import) only for a bad schema."""
    try:
        from spec_compiler.rsimport import load

        if load().meta.is_valid(dict(schema)):
            return None
    except (ImportError, ValueError, TypeError, AttributeError):
        pass
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    error: ValidationError | None = best_match(
        Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema))
    return error


def _remote_refs(base: str, schema: Any) -> Iterator[Finding]:
    stack: list[tuple[str, Any]] = [(base, schema)]
    while stack:
        ptr, node = stack.pop()
        if isinstance(node, Mapping):
            for key, value in node.items():
                child = join(ptr, str(key))
                if key in _REF_KEYS and isinstance(value, str) and not value.startswith("#"):
                    yield Finding(child, f"remote $ref '{value}' is not allowed; "
                                         "schemas are never downloaded")
                elif key not in ("const", "enum", "default", "examples"):
                    stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((join(ptr, i), v) for i, v in enumerate(node))


def _describe(error: ValidationError) -> str:
    path = list(error.absolute_path)
    value = error.instance
    if path and path[-1] == "type" and isinstance(value, str):
        guess = did_you_mean(value, JSON_TYPES)
        fix = f"did you mean '{guess}'?" if guess else "use one of " + ", ".join(JSON_TYPES)
        return f"'{value}' is not a JSON type; {fix}"
    text = str(error.message)
    return text[:1].lower() + text[1:]

