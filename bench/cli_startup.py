"""CLI start-up: ``ordergate --help`` (and ``ordergate tokens issue --help``) against the same
interpreter starting and importing typer alone, in the same run. Target: under 1 s on an idle
machine; the reference shows how much of it is Python and typer themselves.

    python bench/cli_startup.py            # BENCH_SIZE=small: 3 runs each (CI); otherwise 15
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ORDERGATE = str(Path(sys.executable).with_name("ordergate"))
COMMANDS = {
    "ordergate --help": [ORDERGATE, "--help"],
    "ordergate tokens issue --help": [ORDERGATE, "tokens", "issue", "--help"],
    "reference: python -c 'import typer'": [sys.executable, "-c", "import typer"],
}


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    runs = 3 if os.environ.get("BENCH_SIZE", "small") == "small" else 15
    medians = {}
    for name, argv in COMMANDS.items():
        timed(argv)  # warm the page cache and .pyc files
        samples = [timed(argv) for _ in range(runs)]
        medians[name] = statistics.median(samples)
        print(
            f"{name:<40} median {medians[name] * 1000:7.0f} ms  max {max(samples) * 1000:7.0f} ms"
        )
    reference = medians["reference: python -c 'import typer'"]
    ratio = medians["ordergate --help"] / reference
    print(f"ordergate --help / import typer: {ratio:.2f}x  (load average {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
