"""The retry schedule: delays before each attempt (the first is normally 0), ±20% jitter."""

from __future__ import annotations

import random
from dataclasses import dataclass

JITTER = 0.2
# An endpoint failing without a single success for this long is disabled.
DISABLE_AFTER_SECONDS = 5 * 24 * 3600


@dataclass(frozen=True)
class RetrySchedule:
    delays: tuple[float, ...]

    @classmethod
    def parse(cls, value: str) -> RetrySchedule:
        delays = tuple(float(part) for part in value.split(",") if part.strip())
        if not delays or any(d < 0 for d in delays):
            raise ValueError(f"invalid webhook retry schedule: {value!r}")
        return cls(delays)

    @property
    def max_attempts(self) -> int:
        return len(self.delays)

    def delay_after(self, attempts: int, rng: random.Random | None = None) -> float | None:
        """Seconds to wait after ``attempts`` failed attempts; None when none are left."""
        if attempts >= len(self.delays):
            return None
        base = self.delays[attempts]
        return base * (1 + (rng or random).uniform(-JITTER, JITTER))
