"""Shell completion of ids: partners, Handlungsfelder and Steckbriefe of the project around the cwd.

Completion must never fail or print: any problem (no project, a broken file) completes nothing.
"""

from __future__ import annotations

from pathlib import Path


def _project_ids(kind: str) -> list[str]:
    try:
        from digistrat.loading.project import STECKBRIEF_DIR, find_root
        from digistrat.loading.yamlparse import load_mapping

        root = find_root(".")
        if kind == "steckbrief":
            folder = root / STECKBRIEF_DIR
            return sorted(p.stem for p in folder.rglob("*.yaml")) if folder.is_dir() else []
        name, key = {"partner": ("partner.yaml", "partner"), "handlungsfeld": ("strategie.yaml", "handlungsfelder")}[
            kind
        ]
        data, _ = load_mapping(Path(root / name).read_bytes())
        return [str(e["id"]) for e in data.get(key) or [] if isinstance(e, dict) and "id" in e]
    except Exception:
        return []


def _matching(kind: str, incomplete: str) -> list[str]:
    return [i for i in _project_ids(kind) if i.startswith(incomplete)]


def complete_partner(incomplete: str) -> list[str]:
    return _matching("partner", incomplete)


def complete_handlungsfeld(incomplete: str) -> list[str]:
    return _matching("handlungsfeld", incomplete)


def complete_steckbrief(incomplete: str) -> list[str]:
    return _matching("steckbrief", incomplete)
