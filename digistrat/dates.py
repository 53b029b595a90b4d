"""Calendar dates as the format writes them: ``YYYY-MM-DD``, nothing else.

Used by the checks (impossible dates), the configuration (``render.datum``, lint ``heute``),
the CLI options (``--datum``, ``--heute``) and render.
"""

from __future__ import annotations

import datetime as dt
import re

DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_day(text) -> dt.date:
    """``YYYY-MM-DD`` only (``date.fromisoformat`` also takes ``20240630`` from Python 3.11 on,
    which would make the accepted input depend on the Python version). Raises ValueError."""
    text = str(text)
    if not DAY.match(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)
