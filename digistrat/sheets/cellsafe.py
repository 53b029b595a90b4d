"""Text cells that a spreadsheet program never evaluates (formula injection).

openpyxl stores a ``str`` starting with ``=`` as a formula; :func:`put_text` stores every text as
a plain string cell instead, so no value from a project file or a form can run as a formula.
"""

from __future__ import annotations


def put_text(cell, value):
    """Set ``cell`` to ``value`` as text (``None`` leaves it empty); returns the cell."""
    if value is None:
        cell.value = None
        return cell
    cell.value = str(value)
    cell.data_type = "s"
    return cell
