"""The bundled schema files: metaschema, offline references, descriptions, registry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from spec_compiler import schemas
from spec_compiler.schemas import RemoteRefError

MINE = ("message", "message-list", "conversation", "spec")


def test_discovers_every_schema_file() -> None:
    folder = schemas._folder()
    on_disk = sorted(
        p.name[: -len(".schema.json")] for p in folder.iterdir() if p.name.endswith(".schema.json")
    )
    assert list(schemas.SCHEMA_NAMES) == on_disk
    assert set(MINE) <= set(schemas.SCHEMA_NAMES)


@pytest.mark.parametrize("name", schemas.SCHEMA_NAMES)
def test_passes_the_2020_12_metaschema(name: str) -> None:
    schema = schemas.load(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", MINE)
def test_has_a_stable_id(name: str) -> None:
    assert schemas.load(name)["$id"] == f"https://spec-compiler.dev/schemas/{name}.schema.json"


def _refs(node: Any, base: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        base = urljoin(base, node.get("$id", ""))
        if isinstance(node.get("$ref"), str):
            yield base, node["$ref"]
        for key, value in node.items():
            if key not in ("examples", "enum", "const", "default"):
                yield from _refs(value, base)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value, base)


@pytest.mark.parametrize("name", schemas.SCHEMA_NAMES)
def test_every_ref_resolves_offline(name: str) -> None:
    schema = schemas.load(name)
    resolver = schemas.registry().resolver()
    refs = list(_refs(schema, schema["$id"]))
    for base, ref in refs:
        resolved = resolver.lookup(urljoin(base, ref))
        assert isinstance(resolved.contents, dict), (base, ref)


@pytest.mark.parametrize("name", MINE)
def test_bundle_is_self_contained(name: str) -> None:
    bundle = schemas.bundle(name)
    ids = {bundle["$id"]} | {d["$id"] for d in bundle["$defs"].values() if "$id" in d}
    for base, ref in _refs(bundle, bundle["$id"]):
        assert urldefrag(urljoin(base, ref)).url in ids, ref
    assert schemas.bundle(name) is not schemas.bundle(name)  # callers get their own copy


def test_dependencies() -> None:
    assert schemas.dependencies("message") == ()
    assert schemas.dependencies("conversation") == ("message",)
    assert schemas.dependencies("message-list") == ("message",)
    assert set(schemas.dependencies("spec")) == {"message", "conversation"}


def test_registry_never_fetches() -> None:
    resolver = schemas.registry().resolver()
    with pytest.raises(Unresolvable) as info:
        resolver.lookup("https://example.org/remote.schema.json")
    causes = []
    error: BaseException | None = info.value
    while error is not None:
        causes.append(error)
        error = error.__cause__
    assert any(isinstance(c, RemoteRefError) for c in causes)


def test_unknown_name() -> None:
    with pytest.raises(schemas.UnknownSchemaError) as info:
        schemas.load("mesage")
    assert "message" in str(info.value)


def test_load_is_cached() -> None:
    assert schemas.load("message") is schemas.load("message")


def _properties(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for key, sub in props.items():
                yield f"{path}/properties/{key}", sub
        for key, value in node.items():
            # if/then hold constraints of the discriminated unions, not declarations
            if key not in ("examples", "enum", "const", "default", "if", "then"):
                yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{path}/{i}")


def _described(sub: dict[str, Any], schema: dict[str, Any]) -> bool:
    if "description" in sub:
        return True
    ref = sub.get("$ref", "")
    if ref.startswith("#/"):
        target: Any = schema
        for token in ref[2:].split("/"):
            target = target[token]
        return "description" in target
    return False


@pytest.mark.parametrize("name", MINE)
def test_every_property_is_described(name: str) -> None:
    schema = schemas.load(name)
    missing = [p for p, sub in _properties(schema, "#") if not _described(sub, schema)]
    assert missing == []


@pytest.mark.parametrize("name", MINE)
def test_no_bare_unions(name: str) -> None:
    """Unions are discriminated (if/then on ``type``), never oneOf/anyOf cascades."""
    text = str(schemas.load(name))
    assert "'oneOf'" not in text and "'anyOf'" not in text


def test_unknown_fields_stay_allowed() -> None:
    text = str({n: schemas.load(n) for n in ("message", "message-list", "conversation")})
    assert "additionalProperties" not in text


_URI_PARTS = st.sampled_from(["a", "b.json", ".", "..", "/", "#", "?", ";", "%20", ":", "x:",
                               "\\", " ", "é", "$defs", "schema.json", "//h", "~1"])


@given(base=st.sampled_from(["https://spec-compiler.dev/schemas/message.schema.json",
                             "https://h/a/b.json", "https://h", "https://h/", "urn:x:y",
                             "https://h/a;p/b.json", "https://h/a/b.json?q", "file:///s/x"]),
       ref=st.lists(_URI_PARTS, max_size=6).map("".join))
def test_joining_references_by_hand_agrees_with_urllib(base: str, ref: str) -> None:
    assert schemas.join_uri(base, ref) == urldefrag(urljoin(base, ref)).url


def test_bundling_a_fault_explanation_imports_no_urllib() -> None:
    import subprocess
    import sys

    code = ("import sys; from spec_compiler import schemas\n"
            "for n in schemas.SCHEMA_NAMES: schemas.dependencies(n); schemas.bundled(n)\n"
            "print('urllib.parse' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout == "False\n"
