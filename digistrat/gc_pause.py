"""No cyclic garbage collection while large, acyclic object graphs are built.

Loading a project and computing its rollup create hundreds of thousands of long-lived objects
without reference cycles; the collector would traverse them again and again as they pile up
(measured: a third of the model-building time and half the time of ``budget`` for 10,000
Steckbriefe). Reference counting still frees all of it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Collection off for the block; with ``freeze`` everything alive at the end moves into the
    permanent generation (``gc.freeze()``, as CPython recommends for data loaded once at start-up),
    so later collections do not traverse it either (0.4 s for budget and lint at 10,000). Only a
    reference cycle among frozen objects would stay until ``gc.unfreeze()``; loading leaves none.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
