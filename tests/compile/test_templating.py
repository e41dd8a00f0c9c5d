"""Templates: sandboxed, strict, native types for bare variables, server placeholders kept."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler.templating import (
    Renderer,
    TemplateError,
    compile_template,
    native_name,
    referenced_variables,
    render_string,
    template_names,
)


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("Hi {{ name }}!", {"name": "Anna"}, "Hi Anna!"),
        ("{{ count }}", {"count": 3}, 3),
        ("{{count}}", {"count": [1, 2]}, [1, 2]),
        ("{{ count }} items", {"count": 3}, "3 items"),
        ("?id={authuser}&token={authtoken}", {}, "?id={authuser}&token={authtoken}"),
        ("{{ url }}?id={authuser}", {"url": "https://x.org/w"}, "https://x.org/w?id={authuser}"),
        ("{{ name | upper }}", {"name": "anna"}, "ANNA"),
    ],
    ids=[
        "text",
        "native-int",
        "native-list",
        "mixed",
        "placeholders",
        "var-and-placeholder",
        "filter",
    ],
)
def test_render(text: str, values: dict[str, Any], expected: Any) -> None:
    assert render_string(text, values) == expected


@pytest.mark.parametrize("text", ["{{ missing }}", "Hi {{ missing }}"], ids=["native", "mixed"])
def test_undefined_names_the_variable(text: str) -> None:
    with pytest.raises(TemplateError, match="undefined variable 'missing'") as info:
        render_string(text, {})
    assert info.value.variable == "missing"


def test_sandbox_blocks_attribute_escapes() -> None:
    with pytest.raises(TemplateError):
        render_string("{{ name.__class__.__mro__ }}", {"name": "x"})


def test_syntax_error_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="does not parse"):
        referenced_variables("{{ name ")


def test_referenced_variables() -> None:
    assert referenced_variables("Hi {{ name }}, {{ when | default('soon') }}") == {"name", "when"}
    assert referenced_variables("plain {authuser}") == set()


def test_template_names_walks_nested_values() -> None:
    value = {"a": ["{{ x }}", {"b": "{{ y }} and {{ z }}"}], "c": 1}
    assert template_names(value) == {"x", "y", "z"}


def test_renderer_shares_constant_subtrees() -> None:
    constant = {"k": [1, 2]}
    value = {"fixed": constant, "text": "{{ n }}"}
    renderer = Renderer(value)
    out = renderer.render({"n": 5})
    assert out == {"fixed": constant, "text": 5}
    assert out["fixed"] is constant
    assert Renderer({"a": "b"}).constant


def test_values_never_inject_templates() -> None:
    assert render_string("{{ a }}", {"a": "{{ b }}"}) == "{{ b }}"
    assert render_string("x {{ a }}", {"a": "{{ b }}"}) == "x {{ b }}"


def test_jinja_is_not_imported_for_plain_values() -> None:
    code = (
        "import sys; from spec_compiler.templating import Renderer; "
        "Renderer({'a': 'no template', 'b': '{{ bare }}'}).render({'bare': 1}); "
        "print('jinja2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["{{ true }}", "x {{ none }}"], ids=["native", "mixed"])
def test_jinja_constants_are_not_variables(text: str) -> None:
    assert referenced_variables(text) == set()
    assert render_string(text, {}) in (True, "True", "x None")


fields = st.sampled_from(["{{ a }}", "{{b}}", "{{  c  }}", "{{ a | upper }}", "{# c #}"])
literals = st.text(alphabet="xy {}%#\n", max_size=6)


@settings(max_examples=300)
@given(st.lists(st.one_of(fields, literals), max_size=6))
def test_fast_substitution_matches_jinja(parts: list[str]) -> None:
    from jinja2 import TemplateSyntaxError

    text = "".join(parts)
    values: dict[str, Any] = {"a": "Ann", "b": 3, "c": None}
    try:
        expected: Any = compile_template(text).render(values)
    except TemplateSyntaxError:
        return
    except Exception:
        with pytest.raises(TemplateError):
            render_string(text, values)
        return
    got = render_string(text, values)
    name = native_name(text)
    assert got == (expected if name is None else values[name])
