"""Reading one answer cell of a returned form: a value of the right kind or a German reason.

Each function takes the cell's value as openpyxl delivers it (``None``, ``str``, ``int``,
``float``, ``datetime``) and returns the format's value or raises :class:`CellError`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from digistrat.sheets.source import normalise_text


class CellError(ValueError):
    """The value of one cell is not what its column asks for; ``message`` is German."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def shown(value) -> str:
    """A value as quoted in a message."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    if is_empty(value):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return shown(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise_text(value)


def choice(value, choices: dict[str, str], what: str, allowed: str) -> str | None:
    """The key for a drop-down cell (label or key, any case); ``None`` when empty."""
    if is_empty(value):
        return None
    key = choices.get(str(value).strip().casefold())
    if key is None:
        raise CellError(f"Unbekannte{what} „{shown(value)}“; erlaubt: {allowed}.")
    return key


def percent(value) -> int | None:
    if is_empty(value):
        return None
    number = _whole(value)
    if number is None:
        raise CellError(f"„{shown(value)}“ ist keine ganze Zahl von 0 bis 100.")
    if not 0 <= number <= 100:
        raise CellError(f"{number} liegt nicht zwischen 0 und 100.")
    return number


def _whole(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(-?\d+)\s*%?\s*", value)
        return int(m.group(1)) if m else None
    return None


def year(value, jahre: range) -> int | None:
    if is_empty(value):
        return None
    number = _whole(value)
    if number is None or (isinstance(value, str) and "%" in value):
        raise CellError(f"„{shown(value)}“ ist kein Jahr.")
    if number not in jahre:
        raise CellError(f"Das Jahr {number} liegt außerhalb der Laufzeit {jahre.start}–{jahre.stop - 1}.")
    return number


_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_GERMAN = re.compile(r"(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})")


def date(value) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM`` for a month typed as ``07.2024``/``2024-07``)."""
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        s = value.strip()
        if m := _ISO.fullmatch(s):
            y, mo, d = m.group(1), m.group(2), m.group(3)
            return _checked(int(y), int(mo), int(d) if d else None, s)
        if m := _GERMAN.fullmatch(s):
            d, mo, y = m.group(1), m.group(2), m.group(3)
            return _checked(int(y), int(mo), int(d) if d else None, s)
    raise CellError(f"„{shown(value)}“ ist kein Datum; bitte TT.MM.JJJJ eintragen.")


def _checked(y: int, m: int, d: int | None, shown_text: str) -> str:
    try:
        day = dt.date(y, m, d or 1)
    except ValueError:
        raise CellError(f"Den Tag „{shown_text}“ gibt es nicht.") from None
    return day.isoformat() if d else day.isoformat()[:7]


_GERMAN_AMOUNT = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")
_PLAIN_AMOUNT = re.compile(r"-?\d+(\.\d+)?")


def amount(value) -> Decimal | None:
    """Euros as an exact Decimal with at most two decimals, at least 0."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"„{shown(value)}“ ist kein Betrag in Euro.")
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str):
        number = _amount_text(value)
    else:
        raise CellError(f"„{shown(value)}“ ist kein Betrag in Euro.")
    if number < 0:
        raise CellError(f"Der Betrag {shown(value)} ist negativ; Ist-Kosten sind Beträge ab 0 €.")
    if number != number.quantize(Decimal("0.01")):
        raise CellError(f"Der Betrag {shown(value)} hat mehr als zwei Nachkommastellen.")
    return number.quantize(Decimal("0.01"))


def _amount_text(value: str) -> Decimal:
    s = value.replace("€", "").replace("\u00a0", " ").strip().replace(" ", "")
    try:
        if _GERMAN_AMOUNT.fullmatch(s):  # 1.234,56 or 1234,56 or 1234
            return Decimal(s.replace(".", "").replace(",", "."))
        if _PLAIN_AMOUNT.fullmatch(s):
            return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        pass
    raise CellError(f"„{value.strip()}“ ist kein Betrag in Euro.")
