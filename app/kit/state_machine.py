"""Transitions as data: one small engine serves orders, after-sales and disputes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson
from sqlalchemy import JSON, ColumnElement, case, literal_column

from app.errors import InvalidTransition


def _json(actions: list[str]) -> ColumnElement[Any]:
    body = orjson.dumps(actions).decode().replace("'", "''")
    return literal_column(f"'{body}'::json", JSON)


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    # Restricts the transition to entities of these kinds (e.g. after-sale types); empty = all.
    kinds: frozenset[str] = frozenset()


S = TypeVar("S", bound=str)


class StateMachine(Generic[S]):
    """``S`` is the entity's state type (its status StrEnum): targets come back as members."""

    def __init__(self, entity: str, states: Iterable[S], transitions: Iterable[Transition]):
        self.entity = entity
        self.states: tuple[S, ...] = tuple(states)
        self._state = {str(s): s for s in self.states}
        self.transitions = tuple(transitions)
        for t in self.transitions:
            if t.source not in self.states or t.target not in self.states:
                raise ValueError(f"{entity}: transition {t} names an unknown state")

    def _applies(self, t: Transition, state: str, kind: str | None) -> bool:
        return t.source == state and (not t.kinds or kind in t.kinds)

    def allowed_actions(self, state: str, kind: str | None = None) -> list[str]:
        return sorted({t.action for t in self.transitions if self._applies(t, state, kind)})

    def target(self, state: str, action: str, kind: str | None = None) -> S:
        """The state ``action`` leads to from ``state``, or 409 ``invalid_transition``."""
        for t in self.transitions:
            if t.action == action and self._applies(t, state, kind):
                return self._state[t.target]
        raise InvalidTransition(self.entity, state, action, self.allowed_actions(state, kind))

    def allowed_actions_sql(
        self,
        state: ColumnElement[Any],
        kind: ColumnElement[Any] | None = None,
        offer: Callable[[list[str]], list[str]] = list,
    ) -> ColumnElement[Any]:
        """:meth:`allowed_actions` as a SQL expression (a JSON array), written out from the
        same transitions, for pages PostgreSQL renders (app/kit/render.py); ``offer`` narrows
        each list (to what a caller may do) while the SQL is written, not per row."""
        kinds = sorted({k for t in self.transitions for k in t.kinds}) if kind is not None else []
        whens: list[tuple[ColumnElement[bool], ColumnElement[Any]]] = []
        for s in self.states:
            for k in kinds:
                actions = _json(offer(self.allowed_actions(s, k)))
                whens.append(((state == str(s)) & (kind == k), actions))
            # Any other kind (or a machine without kinds): what applies to every kind.
            whens.append((state == str(s), _json(offer(self.allowed_actions(s, None)))))
        return case(*whens, else_=_json([]))

    def can(self, state: str, action: str, kind: str | None = None) -> bool:
        return action in self.allowed_actions(state, kind)

    def terminal_states(self) -> list[S]:
        sources = {t.source for t in self.transitions}
        return [s for s in self.states if s not in sources]
