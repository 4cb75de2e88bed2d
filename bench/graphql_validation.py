"""GraphQL validation and cost check on normal and pathological documents, no server.

Runs what /graphql runs before executing a document, uncached: the selection limit
(``ORDERGATE_GRAPHQL_MAX_SELECTIONS``, counted with memoised fragments), then — for documents
under it — graphql-core/Strawberry validation with the schema's depth and alias rules and the
cost estimate. Each document is also parsed by plain graphql-core (``parse`` with the token
limit, what the server does first), and the check's time is given as a ratio of that parse.
Prints µs per document and appends a line to bench/RESULTS.md. No database, no network.

    python bench/graphql_validation.py                  # BENCH_SIZE=small: 0.1 s per document
    BENCH_SIZE=full python bench/graphql_validation.py  # 1 s and at least 20 runs per document
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    OperationDefinitionNode,
    parse,
    specified_rules,
    validate,
)
from strawberry.schema.schema import validate_document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from feed_support import record  # noqa: E402

from app.graphql.cost import estimate_cost  # noqa: E402
from app.graphql.extensions import selection_limit_error  # noqa: E402
from app.graphql.field_merging import FieldsCanMergeRule  # noqa: E402
from app.graphql.schema import (  # noqa: E402
    MAX_SELECTIONS,
    MAX_TOKENS,
    build_schema,
    validation_rules,
)

SCHEMA = build_schema()._schema
# What the server validates with: graphql-core's rules, field merging checked in linear time
# (FieldsCanMergeRule), the depth and alias limits.
RULES = validation_rules(specified_rules)

DESK = """query Desk($shop: Int!, $after: String) {
  shop(id: $shop) {
    name
    orders(first: 50, after: $after, filter: { status: [PAID], range: LAST_7_DAYS }) {
      nodes {
        id orderNo status paidAmount createdAt
        buyer { nickname }
        items { title quantity unitPrice }
        receiver { name phone address masked }
        shipments { carrier trackingNo signedAt }
        afterSaleSummary { count open latestStatus }
        author { nickname }
      }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
}"""

WITH_FRAGMENTS = """query Page($shop: Int!) {
  shop(id: $shop) {
    paid: orders(first: 20, filter: { status: [PAID] }) { nodes { ...Row } pageInfo { ...Page } }
    shipped: orders(first: 20, filter: { status: [SHIPPED] }) {
      nodes { ...Row } pageInfo { ...Page }
    }
  }
}
fragment Row on Order { id orderNo status paidAmount buyer { nickname } items { ...Item } }
fragment Item on OrderItem { title quantity unitPrice }
fragment Page on PageInfo { hasNextPage endCursor }"""


def bomb(levels: int, spreads: int = 2) -> str:
    """F_i spreads F_{i-1} ``spreads`` times: spreads^levels selections of ``me``."""
    body = " ".join(["...F{prev}"] * spreads)
    lines = [f"query {{ ...F{levels} }}", "fragment F0 on Query { me { tokenId } }"]
    lines += [
        f"fragment F{i} on Query {{ {body.format(prev=i - 1)} }}" for i in range(1, levels + 1)
    ]
    return "\n".join(lines)


def chain(levels: int) -> str:
    lines = [f"query {{ ...F{levels} }}", "fragment F0 on Query { __typename }"]
    lines += [f"fragment F{i} on Query {{ ...F{i - 1} }}" for i in range(1, levels + 1)]
    return "\n".join(lines)


def documents() -> list[tuple[str, str]]:
    """(name, text): normal documents, then the worst cases under the token limit."""
    return [
        ("desk page", DESK),
        ("page with fragments", WITH_FRAGMENTS),
        ("bomb 2^20", bomb(20)),
        ("bomb 2^24", bomb(24)),
        ("bomb 10^90 (token limit)", bomb(90, spreads=10)),
        ("chain of 450 fragments", chain(450)),
        # Under every limit, yet graphql-core's overlapping-fields rule compared each pair of
        # same-named fields, and each pair of fragments spread in one selection set
        # (quadratic: seconds each); FieldsCanMergeRule compares each with one of its name.
        ("1,990 x tokenId", "{ me { " + "tokenId " * 1990 + "} }"),
        ("660 x me { tokenId }", "{ " + "me { tokenId } " * 660 + "}"),
        (
            "659 x me { tokenId } + 1 conflict",
            "{ " + "me { tokenId } " * 659 + "me { tokenId: appId } }",
        ),
        ("300 distinct fragments", spread_many(300)),
        # Abstract and object parents: the object parts each merge with the abstract fields.
        (
            "node, 330 type conditions",
            '{ node(id: "x") { id ' + "... on Order { id } ... on AfterSale { id } " * 165 + "} }",
        ),
    ]


def spread_many(count: int) -> str:
    spreads = " ".join(f"...F{i}" for i in range(count))
    definitions = " ".join(f"fragment F{i} on Query {{ me {{ tokenId }} }}" for i in range(count))
    return f"query {{ {spreads} }} {definitions}"


def check(document: DocumentNode) -> str:
    """The server's pre-execution check, uncached; its outcome."""
    error = selection_limit_error(document, MAX_SELECTIONS)
    if error is not None:
        return str((error.extensions or {})["code"])
    if validate_document(SCHEMA, document, RULES):
        return "GRAPHQL_VALIDATION_FAILED"
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    for op in document.definitions:
        if isinstance(op, OperationDefinitionNode):
            estimate_cost(SCHEMA, op, fragments, {"shop": 1})
    return "ok"


def timed(work: Callable[[], object], budget: float, minimum: int) -> float:
    """Median µs of ``work`` over at least ``minimum`` runs or ``budget`` seconds."""
    samples: list[float] = []
    deadline = time.perf_counter() + budget
    while len(samples) < minimum or time.perf_counter() < deadline:
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.parse_args()
    size = os.environ.get("BENCH_SIZE", "small")
    full = size == "full"
    budget, minimum = (1.0, 20) if full else (0.1, 3)
    load_before = os.getloadavg()[0]
    parts = []
    for name, text in documents():
        document = parse(text, max_tokens=MAX_TOKENS)
        parse_us = timed(lambda text=text: parse(text, max_tokens=MAX_TOKENS), budget, minimum)
        outcome = check(document)
        check_us = timed(lambda d=document: check(d), budget, minimum)
        merging = ""
        if outcome != "QUERY_TOO_COMPLEX":  # else refused before validation
            merge_us = timed(
                lambda d=document: validate(SCHEMA, d, [FieldsCanMergeRule]), budget, minimum
            )
            merging = f" (field merging alone {merge_us:,.0f} µs)"
        line = (
            f"{name} ({len(text):,} B): check {check_us:,.0f} µs{merging}, parse "
            f"{parse_us:,.0f} µs -> ratio {check_us / parse_us:.2f}x, {outcome}"
        )
        print(line)
        parts.append(line)
    record(
        f"graphql_validation size={size} max_selections={MAX_SELECTIONS}: "
        + "; ".join(parts)
        + f" (1-min load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after)"
    )


if __name__ == "__main__":
    main()
