"""Generate the typed SDKs from the committed contract (``make sdk``).

- ``clients/python/ordergate_client``: a Python client (openapi-python-client; attrs models,
  httpx transport), from ``openapi/openapi.json``.
- ``clients/typescript/ordergate.d.ts``: TypeScript types (openapi-typescript, installed with
  the console's dev dependencies), which the console's own code imports.

``python clients/generate.py --check`` regenerates into a scratch directory and fails when the
committed SDKs differ (tests/unit/test_sdk_drift.py runs it).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "openapi.json"
CONFIG = ROOT / "clients" / "python-config.yaml"
PYTHON_PACKAGE = ROOT / "clients" / "python" / "ordergate_client"
TYPESCRIPT_FILE = ROOT / "clients" / "typescript" / "ordergate.d.ts"
OPENAPI_TS = ROOT / "console" / "node_modules" / ".bin" / "openapi-typescript"


def generate_python(out: Path) -> None:
    tool = Path(sys.executable).with_name("openapi-python-client")
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    inputs = ["--path", str(SPEC), "--config", str(CONFIG)]
    _run(
        [
            str(tool),
            "generate",
            *inputs,
            "--output-path",
            str(out),
            "--meta",
            "none",
            "--fail-on-warning",
        ]
    )


def typescript_available() -> bool:
    return OPENAPI_TS.exists()


def generate_typescript(out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    _run([str(OPENAPI_TS), str(SPEC), "-o", str(out)])


def _run(command: list[str]) -> None:
    # Our own tools with our own paths, never user input.
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{done.stdout}\n{done.stderr}")


def _tree_differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [f"only in committed: {n}" for n in compared.left_only]
    found += [f"only in generated: {n}" for n in compared.right_only]
    found += [f"differs: {n}" for n in compared.diff_files]
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{d}" for d in _tree_differences(Path(sub.left), Path(sub.right))]
    return found


def drift() -> list[str]:
    """What differs between the committed SDKs and freshly generated ones."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "ordergate_client"
        generate_python(fresh)
        found = [f"python: {d}" for d in _tree_differences(PYTHON_PACKAGE, fresh)]
        if typescript_available():
            ts = Path(scratch) / "ordergate.d.ts"
            generate_typescript(ts)
            if ts.read_bytes() != TYPESCRIPT_FILE.read_bytes():
                found.append("typescript: ordergate.d.ts differs")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the SDKs drifted")
    args = parser.parse_args()
    if args.check:
        found = drift()
        for line in found:
            print(line)
        return 1 if found else 0
    generate_python(PYTHON_PACKAGE)
    if not typescript_available():
        print("console/node_modules is missing: run `cd console && npm ci` for the TS types")
        return 1
    generate_typescript(TYPESCRIPT_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
