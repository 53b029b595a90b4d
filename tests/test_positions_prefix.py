"""Positions of lint findings from a prefix of the file (loading/positions.py) are the positions
from the whole file: for the cases that tempt a line-based cut, and for random texts made of them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digistrat.loading import positions
from digistrat.loading.yamlparse import compose


def whole(text: str, queries) -> list[tuple[int, int]]:
    root, classes = compose(text)
    return [positions.position_in(root, classes, path, at_key) for path, at_key in queries]


STATUS = [(("status",), False)]

CASES = {
    # the common case: a short prefix is enough
    "steckbrief": ("id: SB-1\ntitel: T\nstatus: geplant\nkosten:\n- jahr: 2024\n  betrag: 1\n", STATUS, (3, 9)),
    "at the key": ("id: SB-1\nstatus: geplant\nx: 1\n", [(("status",), True)], (2, 1)),
    "a list at column 0 after it": ("status:\n- a\n- b\ntitel: T\n", [(("status", 1), False)], (3, 3)),
    "a nested key": ("status:\n  stand: 1\n  text: a\nx: 1\n", [(("status", "text"), False)], (3, 9)),
    "a comment between": ("status: a\n# nicht status: b\nx: 1\n", STATUS, (1, 9)),
}
# Where the first "status:" at column 0 is not the top-level key, or the cut would fall inside
# a value: the prefix is refused (None) and the whole file decides.
REFUSED = {
    "inside a quoted scalar": 'titel: "a\nstatus: b"\nstatus: c\nx: 1\n',
    "inside a flow mapping": "bewertung: {a: 1,\nstatus: 2}\nstatus: c\nx: 1\n",
    "a flow list continued": "status: [a,\nb]\nx: 1\n",
    "a quoted value continued": 'status: "a\nb"\nx: 1\n',
    "a tag": "status: !!str 1\nx: 1\n",
    "the last entry": "x: 1\nstatus: a\n",
    "a quoted key": '"status": a\nx: 1\n',
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_prefix_positions(name):
    text, queries, expected = CASES[name]
    assert positions._positions_in_prefix(text, queries) == [expected]
    assert whole(text, queries) == [expected]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_prefix_refused(name):
    text = REFUSED[name]
    assert positions._positions_in_prefix(text, STATUS) is None
    assert positions._positions(text, STATUS) == whole(text, STATUS)


LINES = [
    "status: geplant",
    "status: 'x'",
    'status: "a',
    'b"',
    "status: [a,",
    "b]",
    "- a",
    "  - b",
    "ziele:",
    "titel: T",
    "# status: c",
    "  text",
    "beschreibung: |",
    "  status: zeile",
    "x: {a: 1,",
    "status: 1}",
    "",
    "kosten:",
    "- jahr: 2024",
    "  betrag: 1",
    "? status",
    ": x",
    "'status': z",
    "status:",
    "  nested: 1",
    "status: &a y",
    "y: *a",
]
QUERIES = [
    [(("status",), False)],
    [(("status",), True)],
    [(("status", "nested"), False)],
    [(("ziele", 0), False), (("status",), False)],
    [(("kosten", 0, "betrag"), False), (("titel",), True)],
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=9), st.sampled_from(QUERIES), st.booleans())
def test_prefix_or_whole_never_differ(lines, queries, newline):
    text = "\n".join(lines) + ("\n" if newline else "")
    try:
        expected = whole(text, queries)
    except Exception:  # not YAML: its parse problem was reported, no positions asked for
        return
    assert positions._positions(text, queries) == expected
