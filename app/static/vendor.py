"""Refresh the vendored documentation UIs in ``app/static/docs`` from the npm registry.

``python -m app.static.vendor`` (``make docs-assets``) packs the exact versions below with
``npm pack`` (no install, no dependency resolution), copies the few files the pages load and
writes ``MANIFEST.json`` with their sha256; tests/unit/test_docs_assets.py checks the committed
files against it. Swagger UI, ReDoc and GraphiQL are then served by the app at ``/_assets/docs``:
``/docs``, ``/redoc`` and GraphiQL load nothing from a CDN.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent / "docs"
MANIFEST = DOCS / "MANIFEST.json"

#: npm package@version → {file inside the package: name served under /_assets/docs/}
PACKAGES: dict[str, dict[str, str]] = {
    "swagger-ui-dist@5.36.0": {
        "swagger-ui-bundle.js": "swagger-ui-bundle.js",
        "swagger-ui.css": "swagger-ui.css",
    },
    "redoc@2.5.4": {"bundles/redoc.standalone.js": "redoc.standalone.js"},
    "graphiql@3.8.3": {
        "graphiql.min.js": "graphiql.min.js",
        "graphiql.min.css": "graphiql.min.css",
    },
    # GraphiQL's UMD build runs on the page's global React (18 is the last with UMD files).
    "react@18.3.1": {"umd/react.production.min.js": "react.production.min.js"},
    "react-dom@18.3.1": {"umd/react-dom.production.min.js": "react-dom.production.min.js"},
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendor() -> dict[str, dict[str, str]]:
    manifest: dict[str, dict[str, str]] = {}
    DOCS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in PACKAGES.items():
            packed = (
                subprocess.run(  # noqa: S603 - fixed argv
                    ["npm", "pack", spec, "--silent"],  # noqa: S607 - npm from PATH
                    cwd=tmp,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            with tarfile.open(Path(tmp) / packed) as archive:
                for inner, served in files.items():
                    member = archive.extractfile(f"package/{inner}")
                    assert member is not None, f"{spec} has no {inner}"
                    (DOCS / served).write_bytes(member.read())
                    manifest[served] = {"package": spec, "sha256": sha256(DOCS / served)}
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


if __name__ == "__main__":
    for name, entry in vendor().items():
        print(f"{name}  {entry['package']}")
