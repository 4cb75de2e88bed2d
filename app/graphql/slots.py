"""Counted slots with a cap, shared by every process through Redis: a token's open GraphQL
sockets and subscriptions.

A slot is a member of a sorted set per (kind, token) whose score is its lease's expiry. Taking
one is one Lua script (drop expired leases, count, add if under the cap), so concurrent
processes never exceed the cap together. The process holding a slot renews its lease every
check period; a process that dies without releasing its slots loses them when their leases
expire (``LEASE_SECONDS``). Without ``REDIS_URL`` the slots are counted in memory, per process.
"""

from __future__ import annotations

import time
from typing import Protocol

from redis.asyncio import Redis

from app.config import Settings
from app.errors import ServiceUnavailable
from app.logging import get_logger

log = get_logger(__name__)

LEASE_SECONDS = 60

_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[2])
  return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


class SlotStore(Protocol):
    async def acquire(self, key: str, member: str, cap: int) -> bool:
        """Take a slot of ``key`` for ``member`` unless ``cap`` are taken."""
        ...

    async def release(self, key: str, member: str) -> None: ...

    async def renew(self, held: dict[str, set[str]]) -> None:
        """Extend the leases of the slots this process holds (key -> members)."""
        ...


class MemorySlots:
    """Per process: what one worker holds is all it counts."""

    def __init__(self) -> None:
        self._held: dict[str, set[str]] = {}

    async def acquire(self, key: str, member: str, cap: int) -> bool:
        held = self._held.setdefault(key, set())
        if member not in held and len(held) >= cap:
            return False
        held.add(member)
        return True

    async def release(self, key: str, member: str) -> None:
        held = self._held.get(key)
        if held is not None:
            held.discard(member)
            if not held:
                del self._held[key]

    async def renew(self, held: dict[str, set[str]]) -> None:
        return None


class RedisSlots:
    """Shared by every process using the same Redis and key prefix. Redis trouble follows the
    throttle's mode: fail open (the slot is granted, uncounted) or, with
    ``ORDERGATE_RATELIMIT_FAIL_CLOSED``, 503 ``service_unavailable``."""

    def __init__(self, settings: Settings, redis_url: str) -> None:
        self.redis = Redis.from_url(redis_url, socket_connect_timeout=0.5, socket_timeout=0.5)
        self.prefix = f"{settings.ratelimit_key_prefix}:live"
        self.fail_closed = settings.ratelimit_fail_closed
        self._acquire = self.redis.register_script(_ACQUIRE)

    async def acquire(self, key: str, member: str, cap: int) -> bool:
        now = time.time()
        try:
            taken = await self._acquire(
                keys=[f"{self.prefix}:{key}"],
                args=[now, member, cap, now + LEASE_SECONDS, LEASE_SECONDS * 2],
            )
        except Exception as exc:  # Redis down, timeout, script error
            log.warning("live_slots_unavailable", error=repr(exc))
            if self.fail_closed:
                error = ServiceUnavailable("The connection-count store is unavailable.")
                error.headers["Retry-After"] = "1"
                raise error from exc
            return True
        return bool(taken)

    async def release(self, key: str, member: str) -> None:
        try:
            await self.redis.zrem(f"{self.prefix}:{key}", member)
        except Exception as exc:  # the lease expires on its own
            log.warning("live_slots_release_failed", error=repr(exc))

    async def renew(self, held: dict[str, set[str]]) -> None:
        if not held:
            return
        expiry = time.time() + LEASE_SECONDS
        async with self.redis.pipeline(transaction=False) as pipe:
            for key, members in held.items():
                # XX: renew only what is still there (a released slot stays released).
                pipe.zadd(f"{self.prefix}:{key}", dict.fromkeys(members, expiry), xx=True)
                pipe.expire(f"{self.prefix}:{key}", LEASE_SECONDS * 2)
            await pipe.execute()


def slot_store(settings: Settings) -> SlotStore:
    if settings.redis_url:
        return RedisSlots(settings, settings.redis_url)
    return MemorySlots()
