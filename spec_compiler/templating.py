"""``{{ var }}`` templates inside string scalars (DESIGN §3).

Rendering happens after parsing, so a value can never inject YAML structure. Jinja2's
sandbox with ``StrictUndefined`` does the work; it is imported only when a spec holds a
template that is more than a bare ``{{ name }}``. Server-side placeholders with single
braces (``{authuser}``, ``{authtoken}``) are plain text to Jinja and stay untouched.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

#: a scalar that is exactly one variable keeps the variable's own type
_NATIVE = re.compile(r"\A\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\Z")
_FIELD = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
#: names Jinja reads as literals, not variables
_CONSTANTS = frozenset({"true", "false", "none", "True", "False", "None"})
_UNDEFINED = re.compile(r"'([^']*)' is undefined")
#: nesting bound for rendering (the loader already caps document depth far below this)
MAX_DEPTH = 256

Values = Mapping[str, Any]
RenderFn = Callable[[Values], Any]


class TemplateError(ValueError):
    """A template that does not parse or render; ``variable`` names the culprit if known."""

    def __init__(self, message: str, variable: str | None = None) -> None:
        super().__init__(message)
        self.variable = variable


def is_template(value: Any) -> bool:
    """True for a string holding a ``{{ var }}`` template."""
    return isinstance(value, str) and "{{" in value


def native_name(text: str) -> str | None:
    """The variable of a scalar that is exactly ``{{ name }}``, else None."""
    match = _NATIVE.match(text)
    return match.group(1) if match and match.group(1) not in _CONSTANTS else None


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


@lru_cache(maxsize=4096)
def compile_template(text: str) -> Template:
    """The compiled template for ``text`` (cached per distinct string)."""
    from jinja2 import TemplateSyntaxError

    try:
        return _environment().from_string(text)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"template {text!r} does not parse: {exc.message}") from None


def referenced_variables(text: str) -> set[str]:
    """The variables a template string names (empty for plain text).

    Raises ``TemplateError`` when the template does not parse.
    """
    if "{{" not in text:
        return set()
    name = native_name(text)
    if name is not None:
        return {name}
    names = _plain_fields(text)
    if names is not None:
        return names
    from jinja2 import TemplateSyntaxError, meta

    try:
        return set(meta.find_undeclared_variables(_environment().parse(text)))
    except TemplateSyntaxError as exc:
        raise TemplateError(f"template {text!r} does not parse: {exc.message}") from None


#: names that Jinja reads as something else than a variable in ``{{ name }}``, or that
#: its parser or environment treats specially (globals are not undeclared variables)
_JINJA_NAMES = _CONSTANTS | frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {
    "not", "and", "or", "in", "is", "if", "else", "loop", "self", "super", "caller",
    "varargs", "kwargs", "range", "dict", "lipsum", "cycler", "joiner", "namespace",
}


def _plain_fields(text: str) -> set[str] | None:
    """The names of a text of plain ``{{ name }}`` fields (what Jinja finds), else None."""
    parts = _FIELD.split(text)
    literals, names = parts[0::2], set(parts[1::2])
    if any(marker in literal for literal in literals for marker in ("{{", "{%", "{#")):
        return None
    if not names.isdisjoint(_JINJA_NAMES) or any(lit.endswith("{") for lit in literals[:-1]):
        return None
    return names


def template_names(value: Any) -> set[str]:
    """Every variable named by a template anywhere inside ``value``."""
    names: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            names |= referenced_variables(item)
        elif isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return names


def render_string(text: str, values: Values) -> Any:
    """Render one string; a bare ``{{ name }}`` returns the value itself."""
    return _string_fn(text)(values)


def _string_fn(text: str) -> RenderFn:
    name = native_name(text)
    if name is not None:
        return lambda values: _lookup(values, name)
    simple = _substitution(text)
    if simple is not None:
        return simple
    template = compile_template(text)

    def render(values: Values) -> str:
        try:
            return template.render(values)
        except TemplateError:
            raise
        except Exception as exc:  # a user's template failing is data, not our bug
            raise _render_error(text, exc) from None

    return render


def _substitution(text: str) -> RenderFn | None:
    """A renderer for text with plain ``{{ name }}`` fields only (what most specs hold).

    Gives exactly what Jinja gives (``str`` of each value) without a Jinja context per
    call; anything else (filters, tags, comments) returns None and goes to Jinja.
    """
    parts = _FIELD.split(text)
    literals, names = parts[0::2], parts[1::2]
    if any(marker in literal for literal in literals for marker in ("{{", "{%", "{#")):
        return None
    if _CONSTANTS.intersection(names) or any(lit.endswith("{") for lit in literals[:-1]):
        return None

    def render(values: Values) -> str:
        out = [literals[0]]
        for name, literal in zip(names, literals[1:], strict=True):
            out.append(str(_lookup(values, name)))
            out.append(literal)
        return "".join(out)

    return render


def _lookup(values: Values, name: str) -> Any:
    try:
        return values[name]
    except KeyError:
        raise TemplateError(f"undefined variable '{name}'", name) from None


def _render_error(text: str, exc: Exception) -> TemplateError:
    from jinja2 import UndefinedError

    if isinstance(exc, UndefinedError):
        match = _UNDEFINED.search(str(exc))
        if match:
            return TemplateError(f"undefined variable '{match.group(1)}'", match.group(1))
    return TemplateError(f"template {text!r} failed: {exc}")


class Renderer:
    """A value with templates compiled once and rendered many times.

    Subtrees without templates are shared between renders, never copied: callers must
    treat rendered values as read-only.
    """

    def __init__(self, value: Any) -> None:
        self.value = value
        self._fn = _compile(value, 0)

    @property
    def constant(self) -> bool:
        """True when ``value`` holds no template at all."""
        return self._fn is None

    def render(self, values: Values) -> Any:
        """``value`` with every template rendered from ``values``."""
        return self.value if self._fn is None else self._fn(values)


def _compile(value: Any, depth: int) -> RenderFn | None:
    if depth > MAX_DEPTH:
        raise TemplateError(f"nesting deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        return _string_fn(value) if "{{" in value else None
    if isinstance(value, Mapping):
        return _compile_mapping(value, depth)
    if isinstance(value, list):
        return _compile_list(value, depth)
    return None


def _compile_mapping(value: Mapping[str, Any], depth: int) -> RenderFn | None:
    parts = [(key, item, _compile(item, depth + 1)) for key, item in value.items()]
    if all(fn is None for _, _, fn in parts):
        return None

    def render(values: Values) -> dict[str, Any]:
        return {key: item if fn is None else fn(values) for key, item, fn in parts}

    return render


def _compile_list(value: list[Any], depth: int) -> RenderFn | None:
    parts = [(item, _compile(item, depth + 1)) for item in value]
    if all(fn is None for _, fn in parts):
        return None

    def render(values: Values) -> list[Any]:
        return [item if fn is None else fn(values) for item, fn in parts]

    return render
