"""Locate the data shipped with the package (JSON Schemas, Jinja2 templates).

In an installed wheel they live in ``digistrat/_data/`` (see ``force-include`` in
pyproject.toml); in a source checkout or editable install they are the top-level
``schemas/`` and ``templates/`` folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"digistrat data folder {name!r} not found (broken installation)")


def schemas_dir() -> Path:
    return data_dir("schemas")


def templates_dir() -> Path:
    return data_dir("templates")
