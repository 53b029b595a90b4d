"""The Steckbriefe a form is made from and read back into: raw data, revision and pre-filled values.

The revision of a Steckbrief is a hash of its content (keys and values, not comments or layout),
so re-formatting a file does not make an issued form stale, but any changed value does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path


@dataclass
class SteckbriefStand:
    """One Steckbrief as a form sees it."""

    id: str
    titel: str
    verantwortlich: str
    path: Path
    display: str
    data: dict
    revision: str


def _plain(value):
    """JSON-able, parser-independent form of loaded YAML data (for hashing)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    return str(value)  # Decimal, float


def revision_of(data: dict) -> str:
    text = json.dumps(_plain(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def staende(result) -> dict[str, SteckbriefStand]:
    """Every valid Steckbrief of a checked project (``validation.check``), by id."""
    out: dict[str, SteckbriefStand] = {}
    for r in result.files:
        if r.source.kind != "steckbrief" or not r.valid:
            continue
        d = r.data
        out[str(d["id"])] = SteckbriefStand(
            str(d["id"]), d["titel"], d["verantwortlich"], r.source.path, r.source.display, d, revision_of(d)
        )
    return out


def git_commit(root: Path) -> str:
    """The checked-out commit of the repository holding ``root`` ('' outside git)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--verify", "-q", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def iso(value) -> str | None:
    """A loaded date or month (date object or text) as ``YYYY-MM-DD`` / ``YYYY-MM``."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def money(value) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def latest_sachstand(data: dict) -> dict | None:
    entries = [e for e in data.get("sachstand") or [] if isinstance(e, dict)]
    return max(entries, key=lambda e: iso(e.get("datum")) or "", default=None)


def prefill(data: dict) -> dict:
    """The last known values a form shows for a Steckbrief (JSON-able; stored in the form)."""
    last = latest_sachstand(data) or {}
    return {
        "status": data.get("status"),
        "ampel": last.get("ampel"),
        "fortschritt": last.get("fortschritt"),
        "text": normalise_text(last.get("text")),
        "meilensteine": [
            {"titel": m.get("titel"), "faellig": iso(m.get("faellig")), "erreicht": iso(m.get("erreicht"))}
            for m in data.get("meilensteine") or []
        ],
        "ist_kosten": [
            {"jahr": k.get("jahr"), "kategorie": k.get("kategorie", "sonstige"), "betrag": money(k.get("betrag"))}
            for k in data.get("ist_kosten") or []
        ],
    }


def normalise_text(text) -> str:
    """Free text as compared between form and YAML: Unix line ends, no trailing blanks."""
    if text is None:
        return ""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
