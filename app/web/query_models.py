"""FastAPI, made cheaper where it repeats pure work per request.

For a query-parameter model (``Annotated[OrderListParams, Query()]``) FastAPI asks, for every
field of the model on every request, whether its annotation is a sequence: typing
introspection that was half of the order list's dependency solving (~30 fields, twice each).
The answer depends on the annotation alone, so it is remembered per annotation object."""

from __future__ import annotations

from typing import Any

from fastapi.dependencies import utils

_NAME = "field_annotation_is_sequence"  # the name utils calls it by
_original = getattr(utils, _NAME)
# id -> (annotation, answer): the annotation is kept, so its id is never reused by another.
_answers: dict[int, tuple[Any, bool]] = {}


def _field_annotation_is_sequence(annotation: Any) -> bool:
    known = _answers.get(id(annotation))
    if known is not None and known[0] is annotation:
        return known[1]
    answer = bool(_original(annotation))
    _answers[id(annotation)] = (annotation, answer)
    return answer


def remember_sequence_fields() -> None:
    """Install the memo (idempotent); models' annotations are few and live as long as the app."""
    setattr(utils, _NAME, _field_annotation_is_sequence)
