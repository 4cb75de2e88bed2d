"""The input guard's walk of a JSON body: what it refuses, what it lets through, and that a
client's nesting never becomes our recursion."""

from __future__ import annotations

from typing import Any

from app.api.input_guard import (
    CONTROL_CHARACTER,
    INT_OUT_OF_RANGE,
    MAX_BIGINT,
    MAX_JSON_DEPTH,
    MIN_BIGINT,
    NOT_FINITE,
    TOO_DEEP,
    json_errors,
)
from app.kit.text import forbidden_text


def _kinds(document: Any) -> list[tuple[list[str | int], str]]:
    return [(e["loc"], e["type"]) for e in json_errors(document)]


def test_multi_line_text_and_the_bigint_range_pass() -> None:
    document = {
        "remark": "line 1\r\nline 2\tend, 中文 and emoji 📦",
        "ids": [MIN_BIGINT, MAX_BIGINT, 0],
        "flag": True,
        "ratio": 0.5,
        "nothing": None,
    }
    assert json_errors(document) == []


def test_controls_surrogates_big_ints_and_non_finite_numbers_are_named() -> None:
    document = {
        "a": "x\x00y",
        "b": ["ok", "bell\x07"],
        "c": {"d\x00": 1},
        "e": "lone\ud800",
        "f": MAX_BIGINT + 1,
        "g": [MIN_BIGINT - 1],
        "h": float("nan"),
    }
    assert _kinds(document) == [
        (["body", "a"], CONTROL_CHARACTER),
        (["body", "b", 1], CONTROL_CHARACTER),
        (["body", "c", "d\\x00"], CONTROL_CHARACTER),  # the name is echoed escaped
        (["body", "e"], CONTROL_CHARACTER),
        (["body", "f"], INT_OUT_OF_RANGE),
        (["body", "g", 0], INT_OUT_OF_RANGE),
        (["body", "h"], NOT_FINITE),
    ]


def test_deep_nesting_is_refused_without_recursion() -> None:
    document: Any = 1
    for _ in range(100_000):  # far past Python's recursion limit
        document = [document]
    assert _kinds({"items": document}) == [(["body", "items"], TOO_DEEP)]
    document = 1
    for _ in range(MAX_JSON_DEPTH):
        document = {"a": document}
    assert json_errors(document) == []
    assert _kinds({"a": document}) == [(["body", "a"], TOO_DEEP)]


def test_the_answer_is_capped_for_huge_bodies() -> None:
    assert len(json_errors({"shipments": ["\x00"] * 500})) == 20


def test_booleans_are_not_integers_and_tab_is_text() -> None:
    assert json_errors([True, False]) == []
    assert not forbidden_text("a\tb\nc\rd")
    assert forbidden_text("\x1b[31mred")
