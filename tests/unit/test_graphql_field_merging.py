"""FieldsCanMergeRule (field merging in linear time) gives graphql-core's
OverlappingFieldsCanBeMergedRule verdict: genuine conflicts (different fields or arguments
under one response name, conflicting return shapes, through fragments and inline fragments,
nested) are refused, every document the console or the bench sends is accepted, and the
documents that made graphql-core's rule quadratic are accepted without comparing pairs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import OverlappingFieldsCanBeMergedRule, parse, specified_rules, validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.graphql import field_merging
from app.graphql.field_merging import FieldsCanMergeRule
from app.graphql.schema import build_schema, validation_rules
from bench.graphql_validation import DESK, WITH_FRAGMENTS, spread_many
from tests.unit.test_graphql_complexity import DOCUMENTS

SCHEMA = build_schema()._schema
ROOT = Path(__file__).resolve().parents[2]

CONFLICTS = {
    "different fields": "{ me { x: tokenId x: appId } }",
    "differing arguments": "{ shop(id: 1) { name } shop(id: 2) { name } }",
    "differing variables": "query($a: Int!, $b: Int!) { shop(id: $a) { id } shop(id: $b) { id } }",
    "block string against quoted": """{ shop(id: 1) {
        order(orderNo: "x") { id } order(orderNo: \"\"\"x\"\"\") { id } } }""",
    "argument against none": "{ shop(id: 1) { order(id: 2) { id } order { id } } }",
    "nested": "{ me { shops { x: id } } me { shops { x: name } } }",
    "through fragments": """{ ...A ...B }
        fragment A on Query { me { x: tokenId } }
        fragment B on Query { me { x: appId } }""",
    "fragment against field": "{ me { x: tokenId ...M } } fragment M on Me { x: appId }",
    "through inline fragments": """{
        ... on Query { shop(id: 1) { id } } ... { shop(id: 2) { id } } }""",
    "nested through fragments": """{ me { ...S } me { shops { n: timezone } } }
        fragment S on Me { shops { n: name } }""",
    "interface against object parent": """query($id: ID!) { node(id: $id) {
        v: id ... on Order { v: orderNo } } }""",
    "exclusive parents, different leaf types": """query($id: ID!) { node(id: $id) {
        ... on Order { status } ... on AfterSale { status } } }""",
    "exclusive parents, list against single": """query($id: ID!) { node(id: $id) {
        ... on Order { v: trackingNumbers } ... on AfterSale { v: reason } } }""",
    "exclusive parents, nullable against non-null": """query($id: ID!) { node(id: $id) {
        ... on Order { v: roomId } ... on AfterSale { v: reason } } }""",
    "leaf against object": "{ me { x: tokenId } me { x: shops { id } } }",
    "same parent twice in fragments, differing arguments": """query($id: ID!) {
        node(id: $id) { ...O } node(id: $id) { ... on Order { v: status } } }
        fragment O on Order { v: payStatus }""",
    "among many duplicates": "{ " + "me { tokenId } " * 50 + "me { tokenId: appId } }",
    "among many fragments": spread_many(40).replace(
        "fragment F39 on Query { me { tokenId } }",
        "fragment F39 on Query { me { tokenId: appId } }",
    ),
    "second operation": "query A { me { tokenId } } query B { me { x: tokenId x: appId } }",
}

ACCEPTED = {
    "repeated field": "{ me { tokenId } me { tokenId } }",
    "merged selections": "{ me { tokenId } me { scopes shops { id } } me { shops { name } } }",
    "same alias, same field": "{ a: me { tokenId } a: me { appId } }",
    "arguments in another order": """{ shop(id: 1) {
        order(id: 2, orderNo: "x") { id } order(orderNo: "x", id: 2) { status } } }""",
    "input object fields in another order": """{ shop(id: 1) {
        o: orders(filter: { status: [PAID], range: LAST_7_DAYS }) { totalCount }
        o: orders(filter: { range: LAST_7_DAYS, status: [PAID] }) { totalCount } } }""",
    "same variable": "query($a: Int!) { shop(id: $a) { id } shop(id: $a) { name } }",
    "exclusive parents, different fields": """query($id: ID!) { node(id: $id) {
        ... on Order { v: orderNo } ... on AfterSale { v: reason } } }""",
    "exclusive parents, same list field": """query($id: ID!) { node(id: $id) {
        ... on Order { x: allowedActions } ... on AfterSale { x: allowedActions } id } }""",
    "same fragment twice": "{ ...A me { ...M } ...A } fragment A on Query { me { ...M } } "
    "fragment M on Me { tokenId }",
    "distinct fragments": spread_many(40),
    "many duplicates": "{ " + "me { tokenId } " * 50 + "}",
    "desk page": DESK,
    "page with fragments": WITH_FRAGMENTS,
    **{f"complexity corpus {i}": text for i, text in enumerate(DOCUMENTS)},
}


def console_documents() -> dict[str, str]:
    """Every GraphQL document the console sends (template literals without interpolation)."""
    found = {}
    for path in sorted((ROOT / "console" / "src").rglob("*.ts*")):
        for match in re.finditer(
            r"`(\s*(?:query|mutation|subscription)\b[^`]*\}\s*)`", path.read_text()
        ):
            if "${" not in match.group(1):
                found[f"{path.name}:{match.start()}"] = match.group(1)
    return found


CONSOLE = console_documents()


def merge_errors(text: str, rule: type) -> list[str]:
    return [e.message for e in validate(SCHEMA, parse(text), [rule])]


def test_the_console_sends_documents() -> None:
    assert len(CONSOLE) >= 5, CONSOLE.keys()


@pytest.mark.parametrize("text", CONFLICTS.values(), ids=CONFLICTS.keys())
def test_conflicts_are_refused_as_graphql_core_refuses_them(text: str) -> None:
    assert merge_errors(text, OverlappingFieldsCanBeMergedRule)  # the case is a conflict
    errors = merge_errors(text, FieldsCanMergeRule)
    assert errors
    assert all(" conflict because " in message for message in errors), errors


@pytest.mark.parametrize("text", [*ACCEPTED.values(), *CONSOLE.values()], ids=[*ACCEPTED, *CONSOLE])
def test_mergeable_documents_are_accepted(text: str) -> None:
    assert merge_errors(text, OverlappingFieldsCanBeMergedRule) == []
    assert merge_errors(text, FieldsCanMergeRule) == []
    assert validate(SCHEMA, parse(text), validation_rules(specified_rules)) == []


def test_the_message_names_the_path_and_both_fields() -> None:
    text = "{ me { shops { x: id } } me { shops { x: name } } }"
    [error] = validate(SCHEMA, parse(text), [FieldsCanMergeRule])
    assert error.message.startswith("Fields 'me.shops.x' conflict because 'id' and 'name'")
    assert [(loc.line, loc.column) for loc in error.locations or ()] == [(1, 16), (1, 39)]


def test_the_server_validates_with_it_instead_of_graphql_core_s_rule() -> None:
    rules = validation_rules(specified_rules)
    assert FieldsCanMergeRule in rules
    assert OverlappingFieldsCanBeMergedRule not in rules


def test_work_over_the_limit_is_query_too_complex(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(field_merging, "WORK_LIMIT", 100)
    [error] = validate(SCHEMA, parse("{ " + "me { tokenId } " * 60 + "}"), [FieldsCanMergeRule])
    assert (error.extensions or {})["code"] == "QUERY_TOO_COMPLEX"
    assert validate(SCHEMA, parse("{ " + "me { tokenId } " * 10 + "}"), [FieldsCanMergeRule]) == []


# -- random documents: the same verdict as graphql-core's rule ---------------------------------

LEAVES = {
    "Me": ["tokenId", "appId", "scopes"],
    "Shop": ["id", "name", "timezone"],
    "Node": ["id"],
    "Order": ["id", "status", "orderNo", "roomId", "trackingNumbers"],
    "AfterSale": ["id", "status", "reason", "amount"],
    "Query": [],
}
# (field, arguments, type of its selection)
OBJECTS = {
    "Query": [
        ("me", [""], "Me"),
        ("shop", ["(id: 1)", "(id: 2)"], "Shop"),
        ("node", ['(id: "x")', '(id: "y")'], "Node"),
    ],
    "Me": [("shops", [""], "Shop")],
    "Shop": [],
    "Node": [],
    "Order": [],
    "AfterSale": [],
}
CONDITIONS = {"Node": ["Order", "AfterSale", "Node", None], "Query": [None, "Query"]}
FRAGMENTS = {"FMe": "Me", "FOrder": "Order", "FQuery": "Query"}
SPREADS = {"Me": ["FMe"], "Query": ["FQuery"], "Node": ["FOrder"], "Order": ["FOrder"]}
OTHER_RULES = [r for r in specified_rules if r is not OverlappingFieldsCanBeMergedRule]


@st.composite
def selections(draw: st.DrawFn, type_name: str, depth: int) -> str:
    """One to three selections on ``type_name``, with colliding aliases on purpose."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        alias = draw(st.sampled_from(["", "a: ", "b: "]))
        kinds = ["leaf"] * bool(LEAVES[type_name]) + ["object"] * bool(OBJECTS[type_name])
        kinds += ["inline"] * (depth > 0 and type_name in CONDITIONS)
        kinds += ["spread"] * (type_name in SPREADS)
        kind = draw(st.sampled_from(kinds))
        if kind == "leaf":
            parts.append(alias + draw(st.sampled_from(LEAVES[type_name])))
        elif kind == "object" and depth > 0:
            name, arguments, child = draw(st.sampled_from(OBJECTS[type_name]))
            inner = draw(selections(child, depth - 1))
            parts.append(f"{alias}{name}{draw(st.sampled_from(arguments))} {{ {inner} }}")
        elif kind == "inline":
            condition = draw(st.sampled_from(CONDITIONS[type_name]))
            target = condition or type_name
            on = f"on {condition} " if condition else ""
            parts.append(f"... {on}{{ {draw(selections(target, depth - 1))} }}")
        elif kind == "spread":
            parts.append("..." + draw(st.sampled_from(SPREADS[type_name])))
    return " ".join(parts) or "__typename"


@st.composite
def documents(draw: st.DrawFn) -> str:
    operation = draw(selections("Query", 3))
    bodies = {name: draw(selections(on, 2)) for name, on in FRAGMENTS.items()}
    # Fragments spread nothing but leaves and objects: no cycles; unused ones left out.
    text = f"query Q {{ {operation} }}"
    used = set(re.findall(r"\.\.\.(F\w+)", text))
    for name in sorted(FRAGMENTS):
        if name in used:
            body = re.sub(r"\.\.\.F\w+", "__typename", bodies[name])
            text += f" fragment {name} on {FRAGMENTS[name]} {{ {body} }}"
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents_get_graphql_core_s_verdict(text: str) -> None:
    assert not validate(SCHEMA, parse(text), OTHER_RULES), text  # valid but for merging
    expected = bool(merge_errors(text, OverlappingFieldsCanBeMergedRule))
    assert bool(merge_errors(text, FieldsCanMergeRule)) == expected, text
