"""Every documented payload validates; the seed's two broken examples fail precisely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from schema_payloads import (
    SEED,
    SEED_INVITE_SMS,
    SEED_SENDER_ID,
    SEED_TRAILING_COMMA,
    VALID_FIXTURES,
    read,
    schema_for,
)

from spec_compiler.validation import get_validator


def test_fixture_sets_are_complete() -> None:
    assert len(VALID_FIXTURES) == 13 + 9
    assert {p.name for p in SEED} >= {SEED_INVITE_SMS, SEED_SENDER_ID, SEED_TRAILING_COMMA}


@pytest.mark.parametrize("path", VALID_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_documented_payload_validates(path: Path) -> None:
    data = read(path)
    validator = get_validator(schema_for(data))
    assert validator.errors(data) == []
    assert validator.is_valid(data)


def test_seed_sender_id_is_one_error() -> None:
    data = read(next(p for p in SEED if p.name == SEED_SENDER_ID))
    assert schema_for(data) == "message"
    errors = get_validator("message").errors(data)
    assert [(e.pointer, e.keyword) for e in errors] == [("/meta/SenderID", "pattern")]
    assert (
        errors[0].message == "sender id 'Tims Truckshop' is 14 characters; at most 11 are allowed"
    )
    assert errors[0].value == "Tims Truckshop"
    assert not get_validator("message").is_valid(data)


def test_seed_sms_invite_is_one_error_per_message() -> None:
    data = read(next(p for p in SEED if p.name == SEED_INVITE_SMS))
    assert schema_for(data) == "conversation"
    errors = get_validator("conversation").errors(data)
    assert [(e.pointer, e.keyword) for e in errors] == [
        ("/messages/0/meta/SenderID", "pattern"),
        ("/messages/1/meta/SenderID", "pattern"),
    ]


def test_seed_whatsapp_conversation_is_not_json() -> None:
    text = next(p for p in SEED if p.name == SEED_TRAILING_COMMA).read_text(encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    # the payload itself, once the trailing comma is gone, is valid
    fixed = json.loads(text.replace("}],\n}", "}]\n}"))
    assert get_validator("conversation").errors(fixed) == []
