"""The HTML site: Jinja2 templates (autoescaped) over the page and reference models.

Every page links its assets relatively (``assets/style.css``), so the site works opened
from disk and never asks the network for anything but the content the specs name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from spec_compiler.docsite.model import SpecPage
from spec_compiler.docsite.reference import RuleDoc, SchemaDoc

ASSETS = ("style.css", "site.js")
_INLINE_CODE = re.compile(r"`([^`]+)`")

if TYPE_CHECKING:
    from jinja2 import Environment


def seconds(ms: int | None) -> str:
    """``1500`` → ``1.5 s``; None → an en dash."""
    return "–" if ms is None else f"{ms / 1000:.1f} s"


def inline(text: str) -> Markup:
    """Escape ``text``, then show `backticked` fragments as code."""
    escaped = str(escape(text))
    return Markup(_INLINE_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", escaped))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment: package templates, autoescape on, strict undefined."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("spec_compiler.docsite", "templates"),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["seconds"] = seconds
    env.filters["inline"] = inline
    return env


def _render(template: str, **context: Any) -> str:
    text = environment().get_template(template).render(**context)
    # one trailing newline, no trailing blanks: stable bytes whatever the template layout
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def asset(name: str) -> str:
    """The text of a static asset shipped in the package."""
    return (files("spec_compiler.docsite") / "static" / name).read_text(encoding="utf-8")


def site_files(pages: Sequence[SpecPage], schema_docs: Sequence[SchemaDoc],
               rules: Sequence[RuleDoc]) -> dict[str, str]:
    """Every file of the site, by its path relative to the site root."""
    out = {f"assets/{name}": asset(name) for name in ASSETS}
    out["index.html"] = _render("index.html.j2", root="", pages=pages, schemas=schema_docs,
                                title="Message specs")
    for page in pages:
        out[f"specs/{page.slug}.html"] = _render("spec.html.j2", root="../", page=page,
                                                 schemas=schema_docs, title=page.name)
    for doc in schema_docs:
        out[f"reference/{doc.page}.html"] = _render("schema.html.j2", root="../", doc=doc,
                                                    schemas=schema_docs, title=doc.title)
    out["reference/rules.html"] = _render("rules.html.j2", root="../", rules=rules,
                                          schemas=schema_docs, title="Rules")
    return out
