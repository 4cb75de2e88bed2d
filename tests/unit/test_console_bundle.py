"""The committed console bundle (app/console_dist) was built from the committed console/ source.

The build writes app/console_dist/SOURCE_HASH with console/scripts/source-hash.mjs; this test
recomputes the same hash (sha256 of `relpath\\0contents\\0` over every file under console/ except
node_modules/ and dist/ directories, sorted by relpath) so a source change without `make console`
fails here rather than shipping a stale UI.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONSOLE = ROOT / "console"
DIST = ROOT / "app" / "console_dist"
SKIPPED_DIRS = {"node_modules", "dist"}


def console_source_hash(root: Path = CONSOLE) -> str:
    files: list[str] = []
    for directory, subdirs, names in os.walk(root):
        # Pruned in place: node_modules alone holds thousands of files.
        subdirs[:] = [d for d in subdirs if d not in SKIPPED_DIRS]
        for name in names:
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                files.append(path.relative_to(root).as_posix())
    digest = hashlib.sha256()
    for rel_path in sorted(files):
        digest.update(rel_path.encode() + b"\0")
        digest.update((root / rel_path).read_bytes() + b"\0")
    return digest.hexdigest()


def test_bundle_matches_console_source() -> None:
    recorded = (DIST / "SOURCE_HASH").read_text().strip()
    assert recorded == console_source_hash(), (
        "app/console_dist is stale: run `make console` and commit app/console_dist"
    )


def test_bundle_is_servable_under_console() -> None:
    index = (DIST / "index.html").read_text()
    assert "/console/assets/" in index
    assets = list((DIST / "assets").glob("*.js"))
    assert assets, "no JavaScript in app/console_dist/assets"
