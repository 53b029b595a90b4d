"""Baseline: accept the findings a project has today and fail only on new ones.

A finding is keyed by code, file (relative to the baseline file's folder), JSON path and a hash
of its message, never by line number, so edits elsewhere in a file keep it matched. Identical
keys are counted, so a third copy of a known finding is new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from digistrat.errors import DigistratError, os_reason
from digistrat.findings import Finding

FORMAT_VERSION = 1


def _hash(message: str) -> str:
    return hashlib.sha256(message.encode("utf-8")).hexdigest()[:16]


def _file_key(file: str, base: Path) -> str:
    return Path(os.path.relpath(Path(file).resolve(), base)).as_posix()


def key(f: Finding, base: Path) -> tuple[str, str, str, str]:
    return (_file_key(f.file, base), f.code, f.json_path, _hash(f.message))


def render(findings: list[Finding], baseline_path: Path) -> str:
    base = baseline_path.resolve().parent
    counts: Counter = Counter()
    messages: dict[tuple, str] = {}
    for f in findings:
        k = key(f, base)
        counts[k] += 1
        messages[k] = f.message
    entries = [
        {"datei": k[0], "code": k[1], "pfad": k[2], "meldung_hash": k[3], "anzahl": counts[k], "meldung": messages[k]}
        for k in sorted(counts)
    ]
    doc = {"digistrat_baseline": FORMAT_VERSION, "befunde": entries}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write(findings: list[Finding], baseline_path: Path) -> None:
    from digistrat.output import write_atomic

    write_atomic(baseline_path, render(findings, baseline_path))


def load(baseline_path: Path) -> Counter:
    try:
        # A FIFO or device would block the read (or never end): only a regular file is a baseline.
        if baseline_path.exists() and not baseline_path.is_file():
            raise DigistratError(
                f"Die Baseline-Datei {baseline_path} ist keine normale Datei (Ordner, FIFO oder Gerät)."
            )
        text = baseline_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DigistratError(
            f"Baseline-Datei nicht gefunden: {baseline_path} (anlegen mit „digistrat lint --write-baseline DATEI“)."
        ) from None
    except OSError as exc:
        reason = os_reason(exc, writing=False)
        raise DigistratError(f"Baseline-Datei {baseline_path} kann nicht gelesen werden: {reason}.") from None
    except UnicodeDecodeError:
        raise DigistratError(f"Die Baseline-Datei {baseline_path} ist nicht in UTF-8 kodiert.") from None
    try:
        doc = json.loads(text)
        entries = doc["befunde"]
        return Counter(
            {(e["datei"], e["code"], e["pfad"], e["meldung_hash"]): int(e.get("anzahl", 1)) for e in entries}
        )
    except json.JSONDecodeError as exc:
        raise DigistratError(
            f"Die Baseline-Datei {baseline_path} ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno})."
        ) from None
    except (KeyError, TypeError, ValueError, AttributeError):
        raise DigistratError(
            f"Die Baseline-Datei {baseline_path} hat nicht das erwartete Format; "
            "bitte mit „digistrat lint --write-baseline DATEI“ neu schreiben."
        ) from None


@dataclass
class BaselineOutcome:
    findings: list[Finding]  # the new ones
    known: int  # hidden because the baseline lists them
    fixed: int  # baseline entries no longer found


def apply(findings: list[Finding], baseline: Counter, baseline_path: Path) -> BaselineOutcome:
    base = baseline_path.resolve().parent
    left = Counter(baseline)
    new = []
    for f in findings:
        k = key(f, base)
        if left[k] > 0:
            left[k] -= 1
        else:
            new.append(f)
    return BaselineOutcome(new, len(findings) - len(new), sum(left.values()))
