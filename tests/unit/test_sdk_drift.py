"""The committed SDKs (clients/python, clients/typescript) are what `make sdk` generates from the
committed OpenAPI document: a contract change without regenerated SDKs fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sdk_generate", ROOT / "clients" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_sdks_match_the_contract() -> None:
    generator = _generator()
    # The TypeScript half needs the console's node_modules (CI installs them before the suite).
    found = generator.drift()
    assert found == [], "SDKs drifted from openapi/openapi.json; run `make sdk`:\n" + "\n".join(
        found
    )
