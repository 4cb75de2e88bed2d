"""Run the ``sh`` blocks of a Markdown document, in order, as one bash script.

A block runs as written unless the line before its fence is a marker:

- ``<!-- no-run: why -->``: shown, not run (a variant, or it needs something the test lacks).
- ``<!-- run: background until "REGEX" -->``: started in the background (its own process
  group, output to a log); the script goes on once the log matches REGEX (at most 600 s) and
  the block is stopped with SIGTERM when the script ends.

Variables set in one block are seen by the next, as in one terminal session. ``replacements``
rewrite literal text (ports) so a test can run the document beside other tests.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^```(\w*)\s*$")
NO_RUN = re.compile(r"^<!--\s*no-run:\s*(.+?)\s*-->$")
BACKGROUND = re.compile(r'^<!--\s*run:\s*background until "(.+)"\s*-->$')


# Each background block leads its own process group: the whole group is stopped at the end.
STOP_BACKGROUND = """trap 'for pid in "${BACKGROUND_PIDS[@]}"; do
  kill -TERM -- -"$pid" 2>/dev/null || true
done
for pid in "${BACKGROUND_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done' EXIT"""


@dataclass(frozen=True)
class Block:
    line: int
    code: str
    skip: str | None = None
    ready: str | None = None  # background block: the output that says it is ready


def shell_blocks(markdown: str) -> list[Block]:
    found: list[Block] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        opened = FENCE.match(lines[index])
        if not opened or not opened.group(1):
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        if opened.group(1) in ("sh", "bash", "shell"):
            marker = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
            skip = NO_RUN.match(marker.strip())
            ready = BACKGROUND.match(marker.strip())
            found.append(
                Block(
                    line=index + 1,
                    code="\n".join(lines[index + 1 : end]),
                    skip=skip.group(1) if skip else None,
                    ready=ready.group(1) if ready else None,
                )
            )
        index = end + 1
    return found


def script(blocks: list[Block], name: str, replacements: Mapping[str, str]) -> str:
    parts = [
        "set -euo pipefail",
        "BACKGROUND_PIDS=()",
        STOP_BACKGROUND,
    ]
    for block in blocks:
        if block.skip:
            continue
        code = block.code
        for old, new in replacements.items():
            code = code.replace(old, new)
        parts.append(f"echo '>>> {name}:{block.line}' >&2")
        if block.ready is None:
            parts.append(code)
            continue
        log = f"background-{block.line}.log"
        parts.append(f"set -m; ( {code}\n) > {log} 2>&1 & BACKGROUND_PIDS+=($!); set +m")
        parts.append(
            f"for _ in $(seq 1200); do grep -qE {shlex.quote(block.ready)} {log} && break;"
            f" kill -0 $! 2>/dev/null || {{ cat {log} >&2; exit 1; }}; sleep 0.5; done;"
            f" grep -qE {shlex.quote(block.ready)} {log} || {{ cat {log} >&2; exit 1; }}"
        )
    return "\n".join(parts) + "\n"


def run_document(
    path: Path,
    *,
    cwd: Path,
    env: Mapping[str, str],
    replacements: Mapping[str, str],
    timeout: float,
) -> subprocess.CompletedProcess[str]:
    body = script(shell_blocks(path.read_text()), path.name, replacements)
    (cwd / f"{path.stem}.run.sh").write_text(body)
    return subprocess.run(
        ["bash", f"{path.stem}.run.sh"],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
