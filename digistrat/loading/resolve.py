"""YAML 1.2 scalars: which type a plain scalar has, and its value (one definition for both parsers).

Both composers (PyYAML's libyaml and ruamel.yaml) tag every plain scalar with :data:`PLAIN`; the
type is decided here, with the resolvers of ruamel.yaml's YAML 1.2 mode (the reference reading).
Numbers are checked against :data:`~digistrat.loading.problems.MAX_INTEGER_DIGITS` before Python
converts them, so a 5,000-digit integer or ``1e27`` is a finding, not a crash later.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import Decimal, InvalidOperation

PLAIN = "tag:digistrat,2024:plain"
T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (T + n for n in ("str", "int", "float", "bool", "null", "timestamp"))
MAP, SEQ, SET, MERGE = (T + n for n in ("map", "seq", "set", "merge"))

_R_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_R_FLOAT = re.compile(
    r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_R_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_R_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_R_TIMESTAMP = re.compile(
    r"""^(?:(?P<date>[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9])
    |(?P<year>[0-9][0-9][0-9][0-9]) -(?P<month>[0-9][0-9]?) -(?P<day>[0-9][0-9]?)
    (?:[Tt]|[ \t]+)(?P<hour>[0-9][0-9]?)
    :(?P<minute>[0-9][0-9]) :(?P<second>[0-9][0-9]) (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)(?::(?P<tz_minute>[0-9][0-9]))?))?)$""",
    re.X,
)
_R_MERGE = re.compile(r"^(?:<<)$")

# first character → [(tag, regexp)], in ruamel.yaml's order
RESOLVERS: dict[str, list[tuple[str, re.Pattern]]] = {}
for _tag, _regexp, _first in (
    (BOOL, _R_BOOL, "tTfF"),
    (FLOAT, _R_FLOAT, "-+0123456789."),
    (INT, _R_INT, "-+0123456789"),
    (MERGE, _R_MERGE, "<"),
    (NULL, _R_NULL, "~nN"),
    (TIMESTAMP, _R_TIMESTAMP, "0123456789"),
):
    for _c in _first:
        RESOLVERS.setdefault(_c, []).append((_tag, _regexp))
RESOLVERS[""] = [(NULL, _R_NULL)]


def resolve_plain(value: str) -> str:
    """The YAML 1.2 tag of a plain (unquoted, untagged) scalar."""
    for tag, regexp in RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return STR


class TooBig(ValueError):
    """A number beyond :data:`~digistrat.loading.problems.MAX_INTEGER_DIGITS`."""


class NotOfType(ValueError):
    """A scalar that does not fit its (explicit) tag: ``!!int abc``, ``2022-02-30``."""


def _check_magnitude(digits: str, max_digits: int) -> None:
    if len(digits.lstrip("0")) > max_digits:
        raise TooBig(digits)


def to_int(text: str, max_digits: int) -> int:
    s = text.replace("_", "")
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("+-") if s[:1] in "+-" else s
    base = {"0b": 2, "0o": 8, "0x": 16}.get(s[:2], 10)
    digits = s[2:] if base != 10 else s
    if not digits or len(text) > 4 * max_digits + 8:
        if digits:
            raise TooBig(text)
        raise NotOfType(text)
    try:
        n = sign * int(digits, base)
    except ValueError:
        raise NotOfType(text) from None
    _check_magnitude(str(abs(n)), max_digits)
    return n


def to_float(text: str, max_digits: int) -> tuple[float, str | None]:
    """(value, exact source text for :class:`~decimal.Decimal`, None for inf/nan)."""
    s = text.replace("_", "")
    special = s.lstrip("+-").lower()
    if special in (".inf", ".nan"):
        value = math.nan if special == ".nan" else math.inf
        return (-value if s.startswith("-") else value), None
    try:
        exact = Decimal(s)
    except InvalidOperation:
        raise NotOfType(text) from None
    if not exact.is_finite():
        raise NotOfType(text)
    if exact and exact.adjusted() >= max_digits:
        raise TooBig(text)
    if exact and exact.adjusted() < -max_digits - 10:
        raise TooBig(text)  # 1e-400: not a float any more, and no amount of money
    return float(s), s


def to_bool(text: str) -> bool:
    if not _R_BOOL.match(text):
        raise NotOfType(text)
    return text[0] in "tT"


def to_null(text: str) -> None:
    if not _R_NULL.match(text):
        raise NotOfType(text)


def to_timestamp(text: str) -> str:
    """ISO text of a date or date-time (what ``date.isoformat()`` / ``datetime.isoformat()`` give)."""
    m = _R_TIMESTAMP.match(text)
    if m is None:
        raise NotOfType(text)
    try:
        if m.group("date"):
            return _dt.date.fromisoformat(m.group("date")).isoformat()
        fraction = (m.group("fraction") or "")[:6].ljust(6, "0")
        tz = None
        if m.group("tz") == "Z":
            tz = _dt.timezone.utc
        elif m.group("tz"):
            offset = _dt.timedelta(hours=int(m.group("tz_hour")), minutes=int(m.group("tz_minute") or 0))
            tz = _dt.timezone(-offset if m.group("tz_sign") == "-" else offset)
        year, month, day, hour, minute, second = (
            int(m.group(g)) for g in ("year", "month", "day", "hour", "minute", "second")
        )
        stamp = _dt.datetime(year, month, day, hour, minute, second, int(fraction), tzinfo=tz)
    except ValueError:
        raise NotOfType(text) from None
    return stamp.isoformat()
