"""The shared helpers that have one home each (CONTRIBUTING.md, "One home for each piece of knowledge")."""

import datetime as dt
import errno
import gc
from decimal import Decimal

import pytest

from digistrat.dates import parse_day
from digistrat.errors import os_reason
from digistrat.formatting import aufzaehlung, closest, datum, jahre_text, meinten_sie, monat
from digistrat.gc_pause import gc_paused
from digistrat.money import CENT, ZERO, cents


def test_year_spans():
    assert jahre_text([2023, 2024, 2025, 2027]) == "2023–2025, 2027"
    assert jahre_text(range(2023, 2027)) == "2023–2026"
    assert jahre_text([2024]) == "2024"
    assert jahre_text([2025, 2023, 2024, 2024]) == "2023–2025"
    assert jahre_text([]) == ""


def test_months_and_dates():
    assert monat("2023-01") == "01/2023"
    assert monat(dt.date(2026, 12, 31)) == "12/2026"
    assert datum("2023-01") == "01/2023"
    assert datum("2022-09-22") == "22.09.2022"
    assert datum(None) == ""


def test_lists_use_the_german_pattern():
    assert aufzaehlung(["a", "b", "c"]) == "„a“, „b“ und „c“"
    assert aufzaehlung(["a", "b"]) == "„a“ und „b“"
    assert aufzaehlung(["partner.yaml"], quoted=False) == "partner.yaml"
    assert aufzaehlung(["strategie.yaml", "agenda.yaml"], quoted=False) == "strategie.yaml und agenda.yaml"


def test_suggestions():
    assert closest("stadt-mustr", ["stadt-muster", "amt-nord"]) == "stadt-muster"
    assert meinten_sie("stadt-mustr", ["stadt-muster"]) == " Meinten Sie „stadt-muster“?"
    assert meinten_sie("xyz", ["stadt-muster"]) == ""


def test_money():
    assert cents(Decimal("12.505")) == Decimal("12.51")
    assert cents(Decimal("12.5049")) == Decimal("12.50")
    assert str(ZERO) == "0.00" and Decimal("0.01") == CENT


def test_os_reasons_for_reading_and_writing():
    denied = PermissionError(errno.EACCES, "Permission denied")
    assert os_reason(denied, writing=False) == "keine Leseberechtigung"
    assert os_reason(denied, writing=True) == "keine Schreibberechtigung"
    assert os_reason(OSError(errno.ENOSPC, "No space left"), writing=True) == "kein Speicherplatz mehr frei"
    assert os_reason(OSError(errno.ENOSPC, "No space left"), writing=False) == "No space left"


def test_gc_paused_restores_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with gc_paused(freeze=True):
        kept = [object() for _ in range(10)]
    assert gc.get_freeze_count() >= before + len(kept)
    gc.unfreeze()


def test_parse_day_takes_only_iso_days():
    assert parse_day("2024-02-29") == dt.date(2024, 2, 29)
    for text in ("20240630", "2024-2-1", "2023-02-29"):
        with pytest.raises(ValueError):
            parse_day(text)
