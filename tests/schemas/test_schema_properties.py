"""Hypothesis: generated payloads validate, single faults give single errors, engines agree."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from spec_compiler.validation import get_validator
from tests.strategies import conversations, messages

FAST = settings(max_examples=150, deadline=None)
#: conversations and lists are big to generate; fewer examples keep the suite fast
BIG = settings(max_examples=40, deadline=None)


@FAST
@given(messages())
def test_generated_messages_validate(message: dict[str, Any]) -> None:
    validator = get_validator("message")
    assert validator.errors(message) == []
    assert validator.is_valid(message)


@BIG
@given(conversations())
def test_generated_conversations_validate(body: dict[str, Any]) -> None:
    validator = get_validator("conversation")
    assert validator.errors(body) == []
    assert validator.is_valid(body)


@BIG
@given(st.lists(messages(), min_size=1, max_size=4))
def test_generated_message_lists_validate(batch: list[dict[str, Any]]) -> None:
    assert get_validator("message-list").errors(batch) == []


#: single faults that apply to any message: (pointer, value, keyword); None deletes
MUTATIONS = [
    ("/text", None, "required"),
    ("/text", 930, "type"),
    ("/text", "x" * 4097, "maxLength"),
    ("/delay", -1, "minimum"),
    ("/delay", 2.5, "type"),
    ("/role", "robot", "enum"),
    ("/type", "chats", "enum"),
    ("/isBackchannel", "no", "type"),
    ("/contentType", "pdf", "pattern"),
    ("/actions", {}, "type"),
    ("/user", 42, "type"),
]


@FAST
@given(messages(types=("chat", "card", "command")), st.sampled_from(MUTATIONS))
def test_one_mutation_one_error(message: dict[str, Any], mutation: tuple[str, Any, str]) -> None:
    where, value, keyword = mutation
    mutated = copy.deepcopy(message)
    key = where[1:]
    if value is None:
        mutated.pop(key, None)
    else:
        mutated[key] = value
    errors = get_validator("message").errors(mutated)
    expected = "" if keyword == "required" else where
    assert [(e.pointer, e.keyword) for e in errors] == [(expected, keyword)]
    assert not get_validator("message").is_valid(mutated)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "text",
                    "type",
                    "role",
                    "delay",
                    "meta",
                    "actions",
                    "items",
                    "title",
                    "payload",
                    "SenderID",
                    "kind",
                    "messages",
                    "contact",
                    "profile",
                    "pacing",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@FAST
@given(st.sampled_from(["message", "message-list", "conversation", "spec"]), JSON)
def test_engines_agree_on_arbitrary_json(name: str, data: Any) -> None:
    validator = get_validator(name)
    verdict = validator.is_valid(data, engine="rs")
    assert verdict == validator.is_valid(data, engine="python")
    assert verdict == (validator.errors(data) == [])
