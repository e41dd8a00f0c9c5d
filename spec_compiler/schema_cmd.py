"""``spec-compiler schema list|show|export``: the logic, without the command line."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from spec_compiler.schemas import SCHEMA_NAMES, SUFFIX, UnknownSchemaError, bundle, load

__all__ = ["UnknownSchemaError", "export", "list_schemas", "render", "show"]


def list_schemas() -> list[tuple[str, str]]:
    """Every bundled schema: its name and the first line of its title or description."""
    rows = []
    for name in SCHEMA_NAMES:
        schema = load(name)
        summary = str(schema.get("title") or schema.get("description") or "")
        rows.append((name, summary.strip().splitlines()[0] if summary.strip() else ""))
    return rows


def render(schema: dict[str, Any]) -> str:
    """A schema as written to disk: author order, indent 2, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _resolve(name: str) -> str:
    """Accept ``message`` as well as ``message.schema.json``."""
    base = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    if base not in SCHEMA_NAMES:
        raise UnknownSchemaError(name, SCHEMA_NAMES)
    return base


def show(name: str) -> str:
    """The self-contained (bundled) schema ``name`` as pretty JSON."""
    return render(bundle(_resolve(name)))


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; exported schemas are for everyone
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(directory: Path, names: list[str] | None = None) -> list[Path]:
    """Write ``<name>.schema.json`` bundles into ``directory`` (created if needed)."""
    chosen = [_resolve(n) for n in names] if names else list(SCHEMA_NAMES)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in chosen:
        path = directory / f"{name}{SUFFIX}"
        _write_atomic(path, render(bundle(name)))
        written.append(path)
    return written
