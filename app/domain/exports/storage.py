"""Where export files live. A directory by default; the interface is small so an object store
(upload on ``commit``, presigned URL on download) can be added without touching the worker."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol


class ExportStorage(Protocol):
    def staging_path(self, key: str) -> Path:
        """A local path the writer fills; nothing is visible until :meth:`commit`."""

    def commit(self, key: str) -> None: ...

    def local_path(self, key: str) -> Path | None:
        """A readable local file for ``key`` (None when the store is remote or it is gone)."""

    def delete(self, key: str) -> None: ...


class DirectoryStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _final(self, key: str) -> Path:
        # Keys are built by the service ("<shop>/<job>-<attempt>.<ext>"), never from input.
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"storage key escapes the export directory: {key!r}")
        return path

    def staging_path(self, key: str) -> Path:
        final = self._final(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        return final.with_name(final.name + ".part")

    def commit(self, key: str) -> None:
        final = self._final(key)
        os.replace(final.with_name(final.name + ".part"), final)

    def local_path(self, key: str) -> Path | None:
        path = self._final(key)
        return path if path.is_file() else None

    def delete(self, key: str) -> None:
        final = self._final(key)
        for path in (final, final.with_name(final.name + ".part")):
            path.unlink(missing_ok=True)


def default_storage(exports_dir: Path) -> ExportStorage:
    """The configured store (``settings.exports_dir``, a directory)."""
    return DirectoryStorage(exports_dir)
