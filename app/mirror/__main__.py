"""``python -m app.mirror``: the mirror command alone (starts faster than the full CLI)."""

from __future__ import annotations

import typer

from app.mirror.command import mirror

if __name__ == "__main__":
    typer.run(mirror)
