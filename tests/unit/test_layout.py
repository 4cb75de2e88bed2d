"""The codebase's shape (docs/architecture.md): SQL lives in repositories, and every capability
has one. What still breaks the rule is listed below as debt, with its statement count: the
lists may only shrink. A new file with SQL outside a repository, more SQL in a listed file, or a
new capability without a repository fails here; so does a listed file that got cleaner without
its entry being lowered (keep the ratchet tight)."""

from __future__ import annotations

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
SQL = re.compile(r"\bselect\(|\btext\(|\.execute\(")

# Where SQL belongs besides repositories: demo data, the COPY helper, the health probe, the
# engine itself, the models' DDL expressions (server defaults, partial indexes), the read-model
# renderer (it compiles SQL that repositories run) and the mirror client's own local store.
EXEMPT = (
    "demo/",
    "pg_copy.py",
    "api/health.py",
    "db.py",
    "embedded_pg.py",
    "models/",
    "kit/render.py",
    "mirror/store.py",
    "graphql/slots.py",  # a Redis pipeline's execute(), not SQL
)

# Files that still hold SQL outside a repository (statement-ish calls counted by SQL above).
SQL_DEBT: dict[str, int] = {
    "domain/after_sales/service.py": 4,
    "domain/apps/revocation.py": 2,
    "domain/audit/listing.py": 1,
    "domain/audit/pii.py": 1,
    "domain/audit/service.py": 1,
    "domain/disputes/service.py": 12,
    "domain/exports/query.py": 5,
    "domain/exports/wakeup.py": 2,
    "domain/exports/worker.py": 11,
    "domain/metrics/report_events.py": 7,
    "domain/metrics/rollup.py": 15,
    "domain/orders/connection.py": 4,
    "domain/orders/filters.py": 1,
    "domain/orders/listing.py": 7,
    "domain/orders/refunds.py": 1,
    "domain/orders/rendering.py": 4,
    "domain/orders/service.py": 1,
    "domain/paging.py": 1,
    "domain/shipments/service.py": 1,
    "domain/shipments/tracking.py": 2,
    "domain/sync/bulk.py": 1,
    "domain/sync/change_log.py": 3,
    "domain/sync/epoch.py": 1,
    "domain/sync/feed.py": 4,
    "domain/sync/follower.py": 7,
    "domain/sync/retention.py": 2,
    "domain/sync/service.py": 2,
    "domain/webhooks/access.py": 2,
    "domain/webhooks/delivery.py": 23,
    "domain/webhooks/fanout.py": 4,
    "domain/webhooks/service.py": 23,
    "domain/webhooks/shop_endpoints.py": 8,
}

CAPABILITIES_WITHOUT_REPOSITORY: set[str] = {
    "after_sales",
    "audit",
    "shipments",
    "sync",
    "webhooks",
}


def _sql_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(APP).as_posix()
        if path.name == "repository.py" or rel.startswith(EXEMPT) or "static/" in rel:
            continue
        found = len(SQL.findall(path.read_text(encoding="utf-8")))
        if found:
            counts[rel] = found
    return counts


def test_sql_lives_in_repositories() -> None:
    counts = _sql_counts()
    grown = {f: n for f, n in counts.items() if n > SQL_DEBT.get(f, 0)}
    assert not grown, (
        f"SQL outside a repository (move it into the capability's repository.py): {grown}"
    )
    shrunk = {
        f: (SQL_DEBT[f], counts.get(f, 0)) for f in SQL_DEBT if counts.get(f, 0) < SQL_DEBT[f]
    }
    assert not shrunk, f"Less SQL debt than listed (lower SQL_DEBT to match): {shrunk}"


def test_every_capability_has_a_repository() -> None:
    capabilities = {
        p.name for p in (APP / "domain").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    missing = {c for c in capabilities if not (APP / "domain" / c / "repository.py").exists()}
    assert missing <= CAPABILITIES_WITHOUT_REPOSITORY, (
        f"capabilities without a repository.py: {sorted(missing - CAPABILITIES_WITHOUT_REPOSITORY)}"
    )
    assert missing >= CAPABILITIES_WITHOUT_REPOSITORY, (
        "listed as missing a repository but has one now (remove from the list): "
        f"{sorted(CAPABILITIES_WITHOUT_REPOSITORY - missing)}"
    )
