"""A variable declared under `vars` that no template uses.

A required variable that nothing uses still has to be given at every compilation; it is
usually a leftover. A variable that an undeclared name is a typo of is not reported: the
typo is SPEC001's finding. No options.

Fails:

```yaml
kind: messages
vars:
  name: {type: string}
  phone: {type: string}
messages:
  - text: Hello {{ name }}, your car is ready!
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

import re
from collections.abc import Iterator, Mapping

from spec_compiler.diagnostics import Severity
from spec_compiler.document import LintContext
from spec_compiler.pointer import join
from spec_compiler.rules._schema_util import did_you_mean
from spec_compiler.rules._spec_util import declared_vars, rendered_strings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SPEC002"
NAME = "unused-variable"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"spec"})


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per declared variable no template names, at its key."""
    if ctx.spec is None:
        return
    declared = declared_vars(ctx.spec)
    if not declared:
        return
    used = _used(ctx.spec)
    names = [n for n in declared if isinstance(n, str)]
    # an undeclared name close to a declared one is that one misspelled (SPEC001 says so)
    for unknown in used - set(names):
        guess = did_you_mean(unknown, names)
        if guess is not None:
            used.add(guess)
    for name in declared:
        if isinstance(name, str) and name not in used and isinstance(declared[name], Mapping):
            yield Finding(join("/vars", name), f"variable '{name}' is declared but never used",
                          at_key=True)


def _used(spec: Mapping[str, Any]) -> set[str]:
    from spec_compiler.templating import TemplateError, referenced_variables

    used: set[str] = set()
    for _, text in rendered_strings(spec):
        try:
            used |= referenced_variables(text)
        except TemplateError:
            # a template that does not parse (SPEC005): count every word in it as used
            used |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    return used
