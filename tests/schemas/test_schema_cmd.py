"""``schema list|show|export``; exported bundles work in other validators, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from schema_payloads import (
    BASES,
    SEED,
    SEED_INVITE_SMS,
    SEED_SENDER_ID,
    VALID_FIXTURES,
    read,
    schema_for,
)

from spec_compiler import schema_cmd, schemas

MINE = ("message", "message-list", "conversation", "spec")


def test_list_names_every_schema() -> None:
    rows = schema_cmd.list_schemas()
    assert [name for name, _ in rows] == list(schemas.SCHEMA_NAMES)
    assert dict(rows)["message"] == "Web1on1 message"
    assert all("\n" not in summary for _, summary in rows)


def test_show_is_the_pretty_bundle() -> None:
    text = schema_cmd.show("conversation")
    assert text.endswith("}\n") and text.startswith('{\n  "$schema"')
    assert json.loads(text) == schemas.bundle("conversation")
    assert schema_cmd.show("conversation.schema.json") == text


def test_show_keeps_author_order() -> None:
    keys = list(json.loads(schema_cmd.show("message")))
    assert keys[:4] == ["$schema", "$id", "title", "description"]


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(schema_cmd.UnknownSchemaError) as info:
        schema_cmd.show("mesage")
    assert isinstance(info.value, KeyError)
    assert info.value.known == schemas.SCHEMA_NAMES
    assert "message-list" in str(info.value)


def test_export_writes_every_bundle(tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir"
    written = schema_cmd.export(out)
    assert sorted(p.name for p in written) == sorted(
        f"{n}.schema.json" for n in schemas.SCHEMA_NAMES
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)  # no temp files
    for path in written:
        assert path.stat().st_mode & 0o777 == 0o644
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
    assert schema_cmd.export(out, ["message"]) == [out / "message.schema.json"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("schemas")
    schema_cmd.export(directory)
    return directory


@pytest.mark.parametrize("path", VALID_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_exported_schema_alone_validates_fixtures(exported: Path, path: Path) -> None:
    data = read(path)
    schema = json.loads((exported / f"{schema_for(data)}.schema.json").read_text(encoding="utf-8"))
    # an empty registry cannot retrieve anything: the file must be self-contained
    validator = Draft202012Validator(schema, registry=Registry())
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize("name", sorted(BASES))
def test_exported_schema_alone_agrees_on_bases(exported: Path, name: str) -> None:
    schema_name, data = BASES[name]
    schema = json.loads((exported / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    assert Draft202012Validator(schema, registry=Registry()).is_valid(data)


def test_exported_schema_alone_rejects_the_seed_sms_invite(exported: Path) -> None:
    bad = read(next(p for p in SEED if p.name == SEED_INVITE_SMS))
    conversation = json.loads((exported / "conversation.schema.json").read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(conversation, registry=Registry()).iter_errors(bad))
    assert sorted(e.json_path for e in errors) == [
        "$.messages[0].meta.SenderID",
        "$.messages[1].meta.SenderID",
    ]


def _check_jsonschema(schemafile: Path, *instances: Path) -> subprocess.CompletedProcess[str]:
    # a dead proxy makes any attempt to fetch fail loudly: the check must run offline
    env = {
        **os.environ,
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
    }
    command = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--schemafile",
        str(schemafile),
        *map(str, instances),
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)


def test_check_jsonschema_accepts_the_fixtures(exported: Path) -> None:
    by_schema: dict[str, list[Path]] = {}
    for path in VALID_FIXTURES:
        by_schema.setdefault(schema_for(read(path)), []).append(path)
    assert set(by_schema) == {"message", "conversation"}
    for name, paths in by_schema.items():
        result = _check_jsonschema(exported / f"{name}.schema.json", *paths)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["spec", "messages-spec", "message-list", "card", "actions"])
def test_check_jsonschema_accepts_the_bases(exported: Path, tmp_path: Path, name: str) -> None:
    schema_name, data = BASES[name]
    instance = tmp_path / f"{name}.json"
    instance.write_text(json.dumps(data), encoding="utf-8")
    result = _check_jsonschema(exported / f"{schema_name}.schema.json", instance)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_the_long_sender_id(exported: Path) -> None:
    path = next(p for p in SEED if p.name == SEED_SENDER_ID)
    result = _check_jsonschema(exported / "message.schema.json", path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SenderID" in result.stdout + result.stderr
