"""A template names a variable that `vars` does not declare.

Rendering is strict: an undefined variable stops the compilation (DESIGN §3). Declare
every `{{ name }}` a spec uses under `vars`, with a JSON Schema. No options.

Fails:

```yaml
kind: messages
vars:
  name: {type: string}
messages:
  - text: Hello {{ nmae }}, your car is ready!
```

Passes:

```yaml
kind: messages
vars:
  name: {type: string}
messages:
  - text: Hello {{ name }}, your car is ready!
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.rules._schema_util import hint
from spec_compiler.rules._spec_util import declared_vars, rendered_strings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SPEC001"
NAME = "undeclared-variable"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"spec"})


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per undeclared variable per string, at the string."""
    if ctx.spec is None:
        return
    declared = declared_vars(ctx.spec)
    if declared is None:
        return  # 'vars' is not a mapping: a schema fault, every name would cascade
    from spec_compiler.templating import TemplateError, referenced_variables

    for ptr, text in rendered_strings(ctx.spec):
        try:
            names = referenced_variables(text)
        except TemplateError:
            continue  # SPEC005
        for name in sorted(names - set(declared)):
            fix = hint(name, declared) or "; declare it under 'vars'"
            yield Finding(ptr, f"undeclared variable '{name}'{fix}")
