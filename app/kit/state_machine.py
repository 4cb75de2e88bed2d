"""Transitions as data: one small engine serves orders, after-sales and disputes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from app.errors import InvalidTransition


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

    def can(self, state: str, action: str, kind: str | None = None) -> bool:
        return action in self.allowed_actions(state, kind)

    def terminal_states(self) -> list[S]:
        sources = {t.source for t in self.transitions}
        return [s for s in self.states if s not in sources]
