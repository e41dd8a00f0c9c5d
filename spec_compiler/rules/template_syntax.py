"""A `{{ }}` template that does not parse.

Templates are Jinja expressions rendered in a sandbox (DESIGN §3); one that does not
parse stops the compilation. The message is the parser's. Server-side placeholders with
single braces (`{authuser}`) are plain text and never checked. No options.

Fails:

```yaml
kind: messages
vars:
  name: {type: string}
messages:
  - text: Hello {{ name }, your car is ready!
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
from spec_compiler.rules._spec_util import rendered_strings
from spec_compiler.rules.base import Finding

TYPE_CHECKING = False  # mypy takes it for True; a lint run need not import typing
if TYPE_CHECKING:
    from typing import Any

CODE = "SPEC005"
NAME = "template-syntax"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

#: finds nothing in a document without these (see engine.features)
NEEDS = frozenset({"spec"})

_MARK = " does not parse: "


def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield one finding per template that does not parse, at its string."""
    if ctx.spec is None:
        return
    from spec_compiler.templating import TemplateError, referenced_variables

    for ptr, text in rendered_strings(ctx.spec):
        try:
            referenced_variables(text)
        except TemplateError as exc:
            reason = str(exc).rpartition(_MARK)[2] or str(exc)
            yield Finding(ptr, f"template does not parse: {reason}")
