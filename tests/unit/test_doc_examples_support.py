"""The doc-example machinery: normalisation is stable across runs, rewriting touches one block."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.doc_examples_support import (
    REQUEST_ID,
    TIME,
    Normaliser,
    Shown,
    blocks,
    render,
    rewrite,
)


def test_ids_are_renumbered_per_key_whatever_the_real_values() -> None:
    # Two runs: the shop and the order share a raw id in one, not in the other.
    first = {"id": 57, "shop_id": 57, "items": [{"id": 9}, {"id": 8}], "shop_ids": [57, 58]}
    second = {"id": 90, "shop_id": 12, "items": [{"id": 4}, {"id": 3}], "shop_ids": [12, 13]}
    shown = [Normaliser().value(body) for body in (first, second)]
    assert (
        shown[0]
        == shown[1]
        == {
            "id": 1,
            "shop_id": 1,
            "items": [{"id": 1}, {"id": 2}],
            "shop_ids": [1, 2],
        }
    )


def test_volatile_strings_become_placeholders() -> None:
    body = {
        "request_id": "abc",
        "next_cursor": "AQAAAAE",
        "access_token": "oga_Zx9_secretvalue123",
        "created_at": "2026-11-26T22:40:00.123+00:00",
        "key": "app:41:shop:40",
        "date": "2026-11-26",
    }
    assert Normaliser().value(body) == {
        "request_id": REQUEST_ID,
        "next_cursor": "…",
        "access_token": "oga_…",
        "created_at": TIME,
        "key": "app:1:shop:1",
        "date": "2026-11-26",
    }


def test_http_rendering_and_rewrite_of_one_marked_block(tmp_path: Path) -> None:
    response = httpx.Response(
        429,
        json={"code": "rate_limited", "retry_after": 37, "bucket": "points", "shop_id": 5},
        headers={"Retry-After": "37"},
    )
    text = render(Shown.of(response, headers=("Retry-After",)), "http")
    assert text == (
        "HTTP/1.1 429 Too Many Requests\nRetry-After: 60\n\n"
        '{"code": "rate_limited", "retry_after": 60, "bucket": "points", "shop_id": 1}'
    )
    doc = tmp_path / "doc.md"
    doc.write_text(
        'intro\n\n<!-- example: refused -->\n```http\nold\n```\n\n```json\n{"x": 1}\n```\n',
        encoding="utf-8",
    )
    rewrite(doc, "refused", text)
    found = list(blocks(doc))
    assert [(b.example, b.body) for b in found] == [("refused", text), (None, '{"x": 1}')]
    assert found[1].needs_marker and found[1].marker is None  # the scan would flag it
