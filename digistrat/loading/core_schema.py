"""Library side of ``digistrat schema``."""

from __future__ import annotations

from pathlib import Path

from digistrat.errors import DigistratError
from digistrat.loading.schema import KINDS
from digistrat.output import write_atomic
from digistrat.resources import schemas_dir


def schema_text(kind: str) -> str:
    if kind not in KINDS:
        raise DigistratError(f"Unbekannte Schema-Art „{kind}“. Erlaubt: {', '.join(KINDS)}.")
    return (schemas_dir() / f"{kind}.schema.json").read_text(encoding="utf-8")


def write_all(folder: Path) -> list[Path]:
    written = []
    for kind in KINDS:
        target = Path(folder) / f"{kind}.schema.json"
        write_atomic(target, schema_text(kind))
        written.append(target)
    return written
