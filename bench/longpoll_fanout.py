"""Long-poll fan-out: S shops x K readers parked on one API process, a writer across the shops.

Every reader holds one keep-alive HTTP connection and follows its shop with
``GET /v1/shops/{id}/changes?wait=60`` (a minimal HTTP/1.1 client: httpx would cost more than
the server at 10,000 connections). Phases:

1. park: every reader takes the head cursor and parks (arrivals ramp with ``--arrivals`` in
   flight; a 503 is retried after its Retry-After); the server's RSS before and after, / readers.
2. idle: nothing is written for ``--idle`` s; PostgreSQL statements/s of the bench database.
3. write: ``--rate`` writes/s (one change per transaction, shops round-robin) for
   ``--duration`` s; commit->seen p50/p99 per reader, missed, duplicates, statements/s.

Statements are counted by PostgreSQL itself: the benchmark's private cluster logs every
statement (``log_statement = all``, reloaded, no restart) with the database name in the line
prefix, and the lines of the bench database logged during a phase are counted — BEGIN,
COMMIT/ROLLBACK and pool pings included (``queries`` leaves those out). pg_stat_database's
``xact_commit`` is not used: a transaction that touches no table (a horizon probe) is not
published until the backend touches one, so it undercounts exactly the idle load. With
``--shared`` (someone else's server) nothing is reconfigured and statements are not counted.
The reference is the target of the issue (ratio = target / measured).

    python bench/longpoll_fanout.py                       # CI: 1,000 x 1 and 100 x 10 at once
    BENCH_SIZE=full python bench/longpoll_fanout.py       # 10,000 x 1 at 200 writes/s
    python bench/longpoll_fanout.py --shape 2000x1 --rate 100 --shared   # DATABASE_URL server
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import orjson
from feed_support import (
    api_server_process,
    database,
    db_url,
    paced,
    record,
    scratch_database,
)

from app.config import plain_database_url
from app.domain.sync.change_log import record_change
from tests.factories import make_account, make_shop, make_token

WAIT_S = 60
SHOPS_PER_TOKEN = 20
TARGET_P99_MS = 250.0
TARGET_IDLE_STATEMENTS_S = 5.0
TARGET_RSS_PER_PARKED_KB = 20.0


class Http:
    """One keep-alive HTTP/1.1 connection: GET, read the Content-Length body."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host, self.port = host, port
        self.head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": host, **headers}.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\n{self.head}\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


@dataclass
class Group:
    shops: int
    readers: int
    shop_ids: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    duplicates: int = 0


@dataclass
class Run:
    groups: list[Group]
    committed: dict[tuple[int, int], float] = field(default_factory=dict)
    # (shop, n) -> how many readers saw it
    seen: Counter[tuple[int, int]] = field(default_factory=Counter)
    parked: int = 0
    retried_503: int = 0
    polls: int = 0


def progress(line: str) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {line}", file=sys.stderr, flush=True)


def parse_shapes(text: str) -> list[Group]:
    groups = []
    for part in text.split(","):
        shops, readers = part.lower().split("x")
        groups.append(Group(int(shops), int(readers)))
    return groups


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class StatementLog:
    """Counts the statements PostgreSQL logs for one database (the private cluster only)."""

    CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SELECT 1")

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.tag = path, f" db={name} "
        self.offset = 0

    @classmethod
    async def enable(cls, admin: asyncpg.Connection, name: str) -> StatementLog:
        for setting, value in (("log_statement", "all"), ("log_line_prefix", "%m [%p] db=%d ")):
            await admin.execute(f"ALTER SYSTEM SET {setting} = '{value}'")
        await admin.execute("SELECT pg_reload_conf()")
        log = cls(Path(await admin.fetchval("SHOW data_directory")) / "log", name)
        await asyncio.sleep(1)  # every backend applies the reload at its next command
        log.mark()
        return log

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def count(self) -> tuple[int, int]:
        """(statements, queries) logged since the last mark; moves the mark."""
        with self.path.open("rb") as f:
            f.seek(self.offset)
            chunk = f.read()
        self.offset += len(chunk)
        statements = queries = 0
        for line in chunk.decode(errors="replace").splitlines():
            if self.tag not in line or ("statement: " not in line and "execute " not in line):
                continue
            statements += 1
            text = line.split(": ", 2)[-1].strip().rstrip(";").upper()
            queries += not text.startswith(self.CONTROL)
        return statements, queries


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def get_json(http: Http, target: str, run: Run) -> dict[str, Any]:
    while True:
        status, headers, body = await http.get(target)
        if status == 503:  # the pool queue was full: come back as told
            run.retried_503 += 1
            await asyncio.sleep(float(headers.get("retry-after", "1")))
            continue
        if status != 200:
            raise RuntimeError(f"{target}: {status} {body[:300]!r}")
        parsed: dict[str, Any] = orjson.loads(body)
        return parsed


async def follow(
    run: Run, group: Group, shop_id: int, http: Http, arrivals: asyncio.Semaphore
) -> None:
    changes = f"/v1/shops/{shop_id}/changes"
    async with arrivals:
        cursor = (await get_json(http, f"{changes}?cursor=now", run))["next_cursor"]
    mine: set[int] = set()
    first = True
    while True:
        target = f"{changes}?cursor={cursor}&wait={WAIT_S}&limit=1000"
        if first:
            first = False
            run.parked += 1  # sent: the server parks it after one read
        body = await get_json(http, target, run)
        now = time.perf_counter()
        run.polls += 1
        for change in body["data"]:
            n = change["entity_id"]
            if n in mine:
                group.duplicates += 1
                continue
            mine.add(n)
            run.seen[(shop_id, n)] += 1
            group.latencies.append(now - run.committed[(shop_id, n)])
        cursor = body["next_cursor"]


async def parked_on_server(http: Http) -> int:
    status, _, body = await http.get("/metrics")
    assert status == 200, body[:200]
    for line in body.decode().splitlines():
        if line.startswith("ordergate_feed_parked_requests"):
            return int(float(line.split()[-1]))
    return 0


async def main(args: argparse.Namespace) -> None:
    groups = parse_shapes(args.shape)
    total_readers = sum(g.shops * g.readers for g in groups)
    run = Run(groups)
    async with (
        scratch_database("fanout", isolated=not args.shared) as url,
        api_server_process(url) as (base, pid),
    ):
        db = database(url, pool=20)
        owner = await make_account(db)
        slots = asyncio.Semaphore(8)

        async def new_shop() -> int:
            async with slots:
                return await make_shop(db, owner_id=owner)

        for group in groups:
            group.shop_ids = list(await asyncio.gather(*(new_shop() for _ in range(group.shops))))
        all_shops = [s for g in groups for s in g.shop_ids]
        progress(f"{len(all_shops)} shops created")
        tokens: dict[int, str] = {}
        for i in range(0, len(all_shops), SHOPS_PER_TOKEN):
            block = all_shops[i : i + SHOPS_PER_TOKEN]
            token = await make_token(db, shop_ids=block)
            tokens.update(dict.fromkeys(block, token))

        split = urlsplit(base)
        host, port = split.hostname or "127.0.0.1", split.port or 80
        probe = Http(host, port, {})
        name = urlsplit(plain_database_url(url)).path.lstrip("/")
        admin = await asyncpg.connect(db_url(url, "postgres"))
        statements = None if args.shared else await StatementLog.enable(admin, name)

        # Warm the server (imports, pools, caches) before the baseline RSS.
        warm = Http(host, port, {"Authorization": f"Bearer {tokens[all_shops[0]]}"})
        for _ in range(20):
            await get_json(warm, f"/v1/shops/{all_shops[0]}/changes?cursor=now", run)
        warm.close()
        rss_before = rss_kb(pid)

        arrivals = asyncio.Semaphore(args.arrivals)
        started = time.perf_counter()
        readers = [
            asyncio.create_task(
                follow(
                    run,
                    g,
                    s,
                    Http(host, port, {"Authorization": f"Bearer {tokens[s]}"}),
                    arrivals,
                )
            )
            for g in groups
            for s in g.shop_ids
            for _ in range(g.readers)
        ]
        # The first polls must not expire while idle, unless told otherwise (a slow box: an
        # expired poll is answered empty and parks again at once, the count stays whole).
        budget = args.park_budget or WAIT_S - args.idle - 5
        # RSS is taken at the most parked seen: a box that cannot park everyone before the
        # budget runs out (expired polls re-park, churning) still measures the cost of each.
        best, rss_parked = 0, rss_before
        while (now_parked := await parked_on_server(probe)) < total_readers:
            if now_parked > best:
                best, rss_parked = now_parked, rss_kb(pid)
            progress(f"parked {now_parked}/{total_readers} ({run.retried_503} retried after 503)")
            if time.perf_counter() - started > budget:
                progress(f"only {best}/{total_readers} parked at most in {budget:g} s: going on")
                break
            for r in readers:
                if r.done():
                    r.result()  # a reader failed: raise it
            await asyncio.sleep(1)
        else:
            best, rss_parked = now_parked, rss_kb(pid)
        park_s = time.perf_counter() - started
        per_parked_kb = (rss_parked - rss_before) / max(best, 1)
        progress(f"{best} parked in {park_s:.1f} s; {args.idle:g} s idle")
        idle_t = time.perf_counter()
        if statements:
            statements.mark()
        await asyncio.sleep(args.idle)
        idle_s = time.perf_counter() - idle_t
        idle = statements.count() if statements else (-1, -1)
        idle_rate = idle[0] / idle_s
        polls_before_write = run.polls

        writer_db = database(url, pool=20)
        total = int(args.rate * args.duration)

        async def write(n: int) -> None:
            shop_id = all_shops[n % len(all_shops)]
            async with writer_db.sessionmaker() as s, s.begin() as tx:
                await record_change(
                    s,
                    shop_id=shop_id,
                    entity="order",
                    entity_id=n,
                    entity_version=1,
                    type="order.updated",
                    data={"n": n},
                )
                run.committed[(shop_id, n)] = time.perf_counter()
                await tx.commit()

        progress(f"idle-parked: {idle_rate:.2f} statements/s; writing")
        write_t = time.perf_counter()
        cpu_before = cpu_s(pid)
        achieved = await paced(args.rate, total, write)
        write_s = time.perf_counter() - write_t
        readers_of = {s: g.readers for g in groups for s in g.shop_ids}
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline and any(
            run.seen[key] < readers_of[key[0]] for key in run.committed
        ):
            await asyncio.sleep(0.1)
        # Writes, wake-ups, reads and re-polls, from the first write until every reader saw
        # every change, over the time spent writing.
        writing = statements.count() if statements else (-1, -1)
        cpu_per_write_ms = (cpu_s(pid) - cpu_before) * 1000 / max(total, 1)
        write_rate = writing[0] / write_s
        rss_after = rss_kb(pid)

        for r in readers:
            r.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
        await admin.close()
        await writer_db.dispose()
        await db.dispose()
        load = os.getloadavg()[0]

    expected = sum(readers_of[key[0]] for key in run.committed)
    delivered = sum(min(v, readers_of[k[0]]) for k, v in run.seen.items())
    missed = expected - delivered
    everyone = [x for g in groups for x in g.latencies]
    ms = _percentiles(everyone)
    per_group = "; ".join(
        f"{g.shops}x{g.readers}: p50 {_percentiles(g.latencies)[0]:.0f} ms, "
        f"p99 {_percentiles(g.latencies)[1]:.0f} ms, dup {g.duplicates}"
        for g in groups
    )
    dups = sum(g.duplicates for g in groups)
    record(
        f"longpoll_fanout shape={args.shape} ({total_readers} parked, "
        f"{'isolated cluster' if not args.shared else 'shared server'}) "
        f"rate={args.rate:g}/s (achieved {achieved:.0f}/s) duration={args.duration:g}s: "
        f"commit->seen p50 {ms[0]:.1f} ms, p99 {ms[1]:.1f} ms, max {ms[2]:.1f} ms "
        f"(target p99 < {TARGET_P99_MS:g} ms -> ratio {TARGET_P99_MS / max(ms[1], 0.001):.2f}x) "
        f"[{per_group}]; missed {missed}/{expected}, duplicates {dups}; "
        f"server RSS {rss_before / 1024:.0f} MB -> {rss_parked / 1024:.0f} MB with {best} "
        f"parked "
        f"({per_parked_kb:.1f} KB per parked request, target < {TARGET_RSS_PER_PARKED_KB:g}) "
        f"-> {rss_after / 1024:.0f} MB after writing; parking took {park_s:.1f} s "
        f"({run.retried_503} answers 503 retried); PostgreSQL statements/s idle-parked "
        f"{idle_rate:.2f} ({idle[1]} queries in {idle_s:.0f} s; target < "
        f"{TARGET_IDLE_STATEMENTS_S:g}), while writing {write_rate:.0f} "
        f"({write_rate / max(achieved, 1):.1f} per write, {writing[1] / max(total, 1):.1f} "
        f"of them queries; {run.polls - polls_before_write} polls answered); server CPU "
        f"{cpu_per_write_ms:.1f} ms per write delivered to its readers; "
        f"1-min load {load:.2f}"
    )
    if missed or dups:
        raise SystemExit(f"longpoll_fanout: {missed} missed, {dups} duplicates")


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return (0.0, 0.0, 0.0)
    q = statistics.quantiles(values, n=100)
    return q[49] * 1000, q[98] * 1000, max(values) * 1000


def cli() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    full = os.environ.get("BENCH_SIZE") == "full"
    p.add_argument("--shape", default="10000x1" if full else "1000x1,100x10")
    p.add_argument("--rate", type=float, default=200 if full else 100, help="writes per second")
    p.add_argument("--duration", type=float, default=30 if full else 5, help="seconds")
    p.add_argument("--idle", type=float, default=10 if full else 5, help="idle-parked seconds")
    p.add_argument("--arrivals", type=int, default=100, help="first requests in flight")
    p.add_argument(
        "--park-budget", type=float, default=0, help="seconds to park everyone (default: wait)"
    )
    p.add_argument("--shared", action="store_true", help="DATABASE_URL's server, not a private one")
    return p.parse_args()


if __name__ == "__main__":
    asyncio.run(main(cli()))
