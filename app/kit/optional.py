"""Late-bound optional pieces: ``up`` wires in the demo loader, the worker and the demo app
credentials when their modules exist, and runs without them otherwise."""

from __future__ import annotations

import importlib
from typing import Any


def optional_attr(module: str, attr: str) -> Any | None:
    """``module.attr``, or None when ``module`` (or a parent package) does not exist.

    An ImportError raised *inside* an existing module is a real bug and propagates.
    """
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            return None
        raise
    return getattr(mod, attr, None)
