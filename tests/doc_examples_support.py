"""Example responses in README.md and docs/*.md are recorded from live calls, never hand-written.

A response example in the docs is a fenced block preceded by a marker line::

    <!-- example: errors-invalid-transition -->
    ```json
    {...}
    ```

tests/integration/test_doc_examples.py has one producer per name: it calls the real app,
this module normalises what came back (:func:`normalise`) and renders it for the block's
language (``json``: the body; ``http``: status line, chosen headers, body; ``ndjson``: one
compact line per record). A block that differs fails with a diff; ``make docs-examples``
rewrites every block from the live responses instead.

Other fenced blocks that look like JSON must say what they are: ``<!-- request -->`` (a body
the caller sends) or ``<!-- schematic -->`` (a key list, route summary or shape abbreviated
with ``…``: never a whole JSON document, which would be an example).

Normalisation, so a rerun renders the same bytes (volatile values become stable ones):
- integers under ``id``, ``*_id`` and ``*_ids`` keys are renumbered 1, 2, … per key name
  (``id`` per enclosing key: ``data.id``, ``app.id``) in order of first appearance;
- ``request_id`` (and the ``X-Request-Id`` header) become :data:`REQUEST_ID`;
- strings under keys ending in ``cursor`` become ``"…"``;
- our opaque credentials (``oga_``, ``ogr_``, ``ogac_``, ``ogs_``… prefixes) become ``"<prefix>…"``;
- RFC 3339 date-times become :data:`TIME`; order numbers (time, shop, random) become
  :data:`TIME_ORDER_NO` + ``0000001``, ``0000002``, …;
- seconds-until values (``reset_seconds``, ``retry_after``, ``Retry-After``,
  ``X-RateLimit-Reset``, ``t=`` of ``RateLimit``) become their bucket's window when non-zero;
- ids inside strings, ``app:<n>``, ``shop:<n>`` (rate-limit keys) and ``msg_<n>`` (webhook
  message ids), are renumbered like ``app_id``, ``shop_id`` and ``msg_id``;
- webhook headers: ``webhook-timestamp`` becomes :data:`EPOCH`, each signature ``v1,…``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
REWRITE_COMMAND = "make docs-examples"
REWRITE_ENV = "ORDERGATE_WRITE_DOC_EXAMPLES"

REQUEST_ID = "5f0c0d1e9a2b4c7d8e9f0a1b2c3d4e5f"
TIME = "2026-12-07T08:00:00Z"
EPOCH = 1796630400  # TIME in Unix seconds
TIME_ORDER_NO = "261207080000"  # TIME as an order number's yyMMddHHmmss prefix
WIDTH = 110  # a container whose compact form fits stays on one line

_MARKER = re.compile(r"^<!--\s*(example:\s*(?P<name>[a-z0-9-]+)|request|schematic)\s*-->\s*$")
_FENCE = re.compile(r"^```(?P<lang>[A-Za-z0-9_-]*)\s*$")
_SCANNED_LANGS = {"", "json", "ndjson", "http", "text", "jsonc"}
_LOOKS_JSON = re.compile(r"^\s*([\[{]|\d{3} [\[{])")
_CREDENTIAL = re.compile(r"^(og[a-z]{1,3}_)[A-Za-z0-9_\-.~]{8,}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_EMBEDDED_ID = re.compile(r"\b(app|shop|msg)[:_](\d+)\b")
_SECONDS_UNTIL = {"reset_seconds", "retry_after"}


def doc_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@dataclass(frozen=True)
class Block:
    path: Path
    line: int  # 1-based line of the opening fence
    lang: str
    marker: str | None  # "example:<name>", "request", "schematic" or None
    body: str

    @property
    def example(self) -> str | None:
        if self.marker and self.marker.startswith("example:"):
            return self.marker.removeprefix("example:")
        return None

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def needs_marker(self) -> bool:
        """A block showing JSON (or an HTTP exchange) must say what it is."""
        if self.lang not in _SCANNED_LANGS:
            return False
        if self.lang in ("json", "ndjson", "http", "jsonc"):
            return True
        return any(_LOOKS_JSON.match(line) for line in self.body.splitlines())


def blocks(path: Path) -> Iterator[Block]:
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == "```")
        marker = _MARKER.match(lines[i - 1]) if i else None
        label = None
        if marker:
            name = marker.group("name")
            label = f"example:{name}" if name else marker.group(1)
        yield Block(path, i + 1, fence.group("lang"), label, "\n".join(lines[i + 1 : end]))
        i = end + 1


def all_blocks() -> list[Block]:
    return [b for path in doc_files() for b in blocks(path)]


def rewrite(path: Path, name: str, text: str) -> None:
    """Replace the body of every block marked ``example: name`` in ``path`` with ``text``."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        marker = _MARKER.match(lines[i])
        if marker and marker.group("name") == name and _FENCE.match(lines[i + 1]):
            end = next(j for j in range(i + 2, len(lines)) if lines[j].strip() == "```")
            out += [lines[i + 1], *text.split("\n"), lines[end]]
            i = end + 1
            continue
        i += 1
    path.write_text("\n".join(out), encoding="utf-8")


def diff(block: Block, text: str) -> str:
    return "".join(
        difflib.unified_diff(
            (block.body + "\n").splitlines(keepends=True),
            (text + "\n").splitlines(keepends=True),
            fromfile=f"{block.where} (docs)",
            tofile=f"{block.example} (live)",
        )
    )


# -- normalisation -------------------------------------------------------------------------


@dataclass
class Normaliser:
    """Renumbers ids per namespace and applies the rules of the module docstring."""

    _ids: dict[str, dict[int, int]] = field(default_factory=dict)

    def shown(self, namespace: str, real: int) -> int:
        names = self._ids.setdefault(namespace, {})
        return names.setdefault(real, len(names) + 1)

    def value(self, value: Any, key: str = "", parent: str = "") -> Any:
        if isinstance(value, dict):
            return {k: self.value(v, k, key or parent) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v, key, parent) for v in value]
        namespace = _id_namespace(key, parent)
        if namespace and isinstance(value, int) and not isinstance(value, bool):
            return self.shown(namespace, value)
        if isinstance(value, str):
            return self.text(value, key)
        return value

    def _embedded(self, match: re.Match[str]) -> str:
        prefix, separator = match[1], match[0][len(match[1])]
        return f"{prefix}{separator}{self.shown(prefix + '_id', int(match[2]))}"

    def text(self, value: str, key: str = "") -> str:
        value = _EMBEDDED_ID.sub(self._embedded, value)
        if key == "request_id":
            return REQUEST_ID
        if key == "order_no" and value.isdigit():  # yymmddHHMMSS, shop, random digits
            return f"{TIME_ORDER_NO}{self.shown('order_no', int(value)):07d}"
        if key.endswith("cursor") and value:
            return "…"
        credential = _CREDENTIAL.match(value)
        if credential:
            return credential.group(1) + "…"
        if _DATETIME.match(value):
            return TIME
        return value


def _id_namespace(key: str, parent: str) -> str | None:
    if key == "id":
        return f"{parent}.id" if parent else "id"
    if key.endswith("_id"):
        return key
    if key.endswith("_ids"):
        return key[:-1]
    return None


def seconds_until(body: Any) -> Any:
    """Non-zero ``reset_seconds``/``retry_after`` become the window they count down in."""
    if isinstance(body, list):
        return [seconds_until(v) for v in body]
    if not isinstance(body, dict):
        return body
    out = {k: seconds_until(v) for k, v in body.items()}
    for key in _SECONDS_UNTIL & out.keys():
        old = out[key]
        if isinstance(old, int) and old > 0:
            out[key] = out.get("window_seconds") or _window_of(out)
            if isinstance(out.get("detail"), str):  # "… retry after 59 s."
                out["detail"] = out["detail"].replace(f" {old} s", f" {out[key]} s")
    return out


# The throttle's two buckets (app/ratelimit): burst counts per second, points per minute.
_WINDOWS = {"burst": 1, "points": 60}


def _window_of(body: dict[str, Any]) -> int:
    return _WINDOWS.get(str(body.get("bucket", "points")), 60)


def header(name: str, value: str, norm: Normaliser) -> str:
    lower = name.lower()
    if lower == "x-request-id":
        return REQUEST_ID
    if lower == "ratelimit":
        return re.sub(
            r'"(\w+)";r=(\d+);t=(\d+)',
            lambda m: f'"{m[1]}";r={m[2]};t={_WINDOWS[m[1]] if int(m[3]) else 0}',
            value,
        )
    if lower in ("retry-after", "x-ratelimit-reset") and value.isdigit() and int(value) > 1:
        return str(_WINDOWS["points"])
    if lower == "webhook-timestamp":
        return str(EPOCH)
    if lower == "webhook-signature":
        return " ".join(f"{sig.split(',')[0]},…" for sig in value.split())
    return norm.text(value)


# -- rendering -----------------------------------------------------------------------------


def pretty(value: Any, indent: int = 0) -> str:
    """JSON with 2-space indents; containers that fit in :data:`WIDTH` stay on one line."""
    compact = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or indent + len(compact) <= WIDTH or not value:
        return compact
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {pretty(v, indent + 2)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + pretty(v, indent + 2) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


@dataclass
class Shown:
    """What a producer recorded: a response (or a request we sent), the headers worth showing,
    and a transform of the body for values that depend on the clock (default
    :func:`seconds_until`)."""

    first_line: str  # "HTTP/1.1 200 OK" or "POST /hook"
    all_headers: Mapping[str, str]
    content: bytes
    headers: tuple[str, ...] = ()
    body: bool = True
    transform: Callable[[Any], Any] = seconds_until

    @classmethod
    def of(cls, response: httpx.Response, **kwargs: Any) -> Shown:
        first = f"HTTP/1.1 {response.status_code} {response.reason_phrase}"
        return cls(first, response.headers, response.content, **kwargs)


def render(shown: Shown, lang: str) -> str:
    norm = Normaliser()
    if lang == "ndjson":
        return "\n".join(
            json.dumps(norm.value(shown.transform(json.loads(line))), ensure_ascii=False)
            for line in shown.content.decode().splitlines()
            if line.strip()
        )
    body = ""
    if shown.body:
        body = pretty(norm.value(shown.transform(json.loads(shown.content))))
    if lang != "http":
        return body
    lower = {k.lower(): v for k, v in shown.all_headers.items()}
    head = [shown.first_line]
    head += [f"{h}: {header(h, lower[h.lower()], norm)}" for h in shown.headers]
    return "\n".join(head + (["", body] if body else []))
