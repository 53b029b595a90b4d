"""Comment-preserving edits of project files (ruamel.yaml round trip).

Load a file keeping comments, key order and layout, change it, write it back in the project's
style (two-space block indentation, list items indented under their key, long lines not
wrapped) — atomically, so a file is either the old one or the complete new one::

    from digistrat.authoring import roundtrip as rt

    doc = rt.load_document("agenda.yaml")                 # refuses files with YAML errors
    rt.append_to_sequence(doc.data, "projekte", "DD-23", comment="Neues Projekt")
    rt.set_key(doc.data, "stand", datetime.date(2026, 11, 26))
    rt.write_document(doc)                                # False when nothing changed

Values may be plain Python values: ``str``, ``int``, ``Decimal`` (written as a plain number,
never in exponent form or with a thousands separator), ``datetime.date``, ``list``, ``dict``;
:func:`flow_mapping` makes a one-line ``{jahr: 2024, betrag: 1500}`` entry as the format's
examples use for ``kosten`` and ``personal``.

What the round trip keeps: comments (full-line and end-of-line), blank lines, key order,
flow or block style of each collection, quoting and block scalar style (``|``/``>``) of
existing values. Comments that follow the last entry of a list or mapping belong, for
ruamel.yaml, to that entry; :func:`append_to_sequence` and :func:`set_key` move them behind the
new entry so that a section comment before the next key stays where it was.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter

from digistrat.authoring.comments import (
    attach_comments_after,
    comment_column,
    detach_comments_after,
    entries_separated,
    give_trailing,
    is_block,
    split_slot,
)
from digistrat.errors import DigistratError

__all__ = [
    "Document",
    "YamlFileError",
    "append_to_sequence",
    "attach_comments_after",
    "detach_comments_after",
    "dump_document",
    "flow_mapping",
    "insert_after",
    "load_document",
    "parse_document",
    "set_key",
    "to_yaml",
    "write_document",
]

#: Width beyond which ruamel.yaml would fold long plain scalars; the project never wraps lines.
_NO_WRAP = 4096


class YamlFileError(DigistratError):
    """A file that cannot be read as a YAML mapping; it is never rewritten."""

    exit_code = 1

    def __init__(self, display: str, message: str, line: int | None = None, column: int | None = None):
        where = display if line is None else f"{display}:{line}:{column or 1}"
        super().__init__(f"{where}: {message} Die Datei bleibt unverändert.")
        self.display = display
        self.line = line
        self.column = column
        self.reason = message


@dataclass
class Document:
    """One loaded file: ``data`` is the editable tree, ``text`` what was on disk when loaded.

    ``newline`` is the file's line ending (``"\r\n"`` for files from Windows editors); the
    document is written back with it.
    """

    path: Path | None
    data: CommentedMap
    text: str
    newline: str = "\n"

    @property
    def display(self) -> str:
        from digistrat.loading.project import display_path

        return display_path(self.path) if self.path is not None else "<Text>"


def _represent_decimal(representer, value: Decimal):
    text = format(value, "f")
    if value == value.to_integral_value() and "." not in text:
        return representer.represent_scalar("tag:yaml.org,2002:int", text)
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


class _Emitter(RoundTripEmitter):
    """New strings that need quotes get double quotes (``"1.3"``), as in the format's examples."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        if style == "'" and self.event.style != "'" and self.analysis.allow_double_quoted:
            return '"'
        return style


def make_yaml() -> YAML:
    """A round-trip ``YAML`` instance with the project's style (2-space blocks, no wrapping)."""
    y = YAML(typ="rt")
    y.Emitter = _Emitter
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = _NO_WRAP
    y.allow_unicode = True
    y.representer.add_representer(Decimal, _represent_decimal)
    return y


def parse_document(text: str, path: str | os.PathLike | None = None) -> Document:
    """Parse ``text`` (one project file) for editing; raises :class:`YamlFileError` on any YAML error.

    The text is first read by the loader that ``digistrat validate`` uses, so a file is refused
    with the same German message and position that ``validate`` reports (duplicate keys, tabs,
    alias bombs, impossible dates, a list at the top level …).
    """
    from digistrat.loading.yamlparse import ParseProblem, load_mapping

    doc_path = Path(path) if path is not None else None
    probe = Document(doc_path, CommentedMap(), text, "\r\n" if "\r\n" in text else "\n")
    try:
        load_mapping(text.encode("utf-8"), fast=False)
        data = make_yaml().load(text.replace("\r\n", "\n"))
    except ParseProblem as problem:
        raise YamlFileError(probe.display, problem.message, problem.line, problem.column) from None
    except Exception as exc:  # the round-trip parser is stricter in rare corners
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise YamlFileError(probe.display, "Die Datei lässt sich nicht verlustfrei bearbeiten.", line, column) from None
    if not isinstance(data, CommentedMap):  # pragma: no cover - load_mapping refuses these first
        raise YamlFileError(probe.display, "Auf oberster Ebene wird eine Zuordnung erwartet.", 1, 1)
    probe.data = data
    return probe


def load_document(path: str | os.PathLike) -> Document:
    """Read ``path`` (UTF-8) for editing; raises :class:`YamlFileError` for YAML errors."""
    from digistrat.loading.project import display_path
    from digistrat.loading.yamlparse import ParseProblem, decode

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        from digistrat.errors import os_reason

        raise DigistratError(f"Kann {display_path(p)} nicht lesen: {os_reason(exc, writing=False)}.") from None
    try:
        text = decode(raw)
    except ParseProblem as problem:
        raise YamlFileError(display_path(p), problem.message, problem.line, problem.column) from None
    return parse_document(text, p)


def to_yaml(value: Any) -> Any:
    """Plain Python data → round-trip nodes (``dict`` → block mapping, ``list`` → block list)."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        return value
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = to_yaml(item)
        return node
    if isinstance(value, (list, tuple)):
        return CommentedSeq(to_yaml(item) for item in value)
    if isinstance(value, float):
        raise TypeError("Geldbeträge und VZÄ als Decimal übergeben, nicht als float")
    return value


def flow_mapping(items: dict) -> CommentedMap:
    """A mapping written on one line: ``{jahr: 2024, betrag: 1500, kategorie: lizenzen}``."""
    node = to_yaml(dict(items))
    node.fa.set_flow_style()
    return node


def dump_document(doc: Document | CommentedMap) -> str:
    """The text of ``doc`` in the project's style."""
    data = doc.data if isinstance(doc, Document) else doc
    out = io.StringIO()
    make_yaml().dump(data, out)
    text = out.getvalue()
    if isinstance(doc, Document) and doc.newline != "\n":
        text = text.replace("\n", doc.newline)
    return text


def write_document(doc: Document, path: str | os.PathLike | None = None) -> bool:
    """Write ``doc`` atomically to ``path`` (default: where it was loaded from).

    Returns False and leaves the file alone when the text would not change.
    """
    from digistrat.output import write_atomic

    target = Path(path) if path is not None else doc.path
    if target is None:
        raise ValueError("write_document needs a path for a document parsed from text")
    text = dump_document(doc)
    if target == doc.path and text == doc.text:
        return False
    write_atomic(target, text)
    doc.text, doc.path = text, target
    return True


def append_to_sequence(
    mapping: CommentedMap, key: str, value: Any, *, comment: str | None = None, blank_line: bool | None = None
) -> None:
    """Append ``value`` to the list under ``key`` (created when missing) with an optional end-of-line comment.

    Comment lines that followed the old last entry (e.g. a section heading before the next key)
    move behind the new entry. An empty ``[]`` becomes a block list. ``blank_line`` puts an empty
    line before the new entry; by default when the existing entries are separated by empty lines.
    """
    if key not in mapping or mapping[key] is None:
        set_key(mapping, key, CommentedSeq())
    seq = mapping[key]
    if not isinstance(seq, CommentedSeq):
        raise TypeError(f"{key} is not a list")
    rest = detach_comments_after(mapping, key)
    if not len(seq):
        seq.fa.set_block_style()
    if blank_line is None:
        blank_line = entries_separated(seq)
    if blank_line and len(seq) and is_block(seq):
        give_trailing(seq, "\n")
    seq.append(to_yaml(value))
    if comment:
        column = comment_column(seq)
        seq.yaml_add_eol_comment(f"# {comment}", len(seq) - 1, column=column or 0)
    attach_comments_after(mapping, key, rest)


def insert_after(mapping: CommentedMap, key: str, after: Any, value: Any, *, comment: str | None = None) -> None:
    """Insert ``value`` into the list under ``key`` right behind the entry equal to ``after``.

    Comment lines below that entry (e.g. the heading of the next group) stay below the new entry.
    Behind the last entry this is :func:`append_to_sequence`.
    """
    seq = mapping[key]
    index = [str(v) for v in seq].index(str(after))
    if index == len(seq) - 1:
        append_to_sequence(mapping, key, value, comment=comment)
        return
    if is_block(seq[index]):
        raise TypeError("insert_after supports lists of plain values")
    rest = split_slot(seq.ca.items, index, 0, remove=True)
    column = comment_column(seq)
    seq.insert(index + 1, to_yaml(value))
    if comment:
        seq.yaml_add_eol_comment(f"# {comment}", index + 1, column=column or 0)
    if rest:
        entry = seq.ca.items.setdefault(index + 1, [None, None, None, None])
        if entry[0] is None:
            from ruamel.yaml.error import CommentMark
            from ruamel.yaml.tokens import CommentToken

            entry[0] = CommentToken("\n" + rest, CommentMark(0), None)
        else:
            entry[0].value = entry[0].value.rstrip("\n") + "\n" + rest


def set_key(
    mapping: CommentedMap,
    key: str,
    value: Any,
    *,
    after: str | None = None,
    comment: str | None = None,
) -> None:
    """Set ``mapping[key]``; an existing key keeps its place and comments.

    A new key goes behind ``after`` (when given and present), otherwise at the end; ``comment``
    becomes its end-of-line comment. Comment lines that stood between the previous value and
    the next key stay in front of the next key.
    """
    node = to_yaml(value)
    if key in mapping:
        rest = detach_comments_after(mapping, key)
        mapping[key] = node
    else:
        keys = list(mapping)
        anchor = after if after is not None and after in mapping else (keys[-1] if keys else None)
        rest = detach_comments_after(mapping, anchor) if anchor is not None else ""
        mapping.insert(keys.index(anchor) + 1 if anchor is not None else 0, key, node)
    if comment:
        mapping.yaml_add_eol_comment(f"# {comment}", key)
    attach_comments_after(mapping, key, rest)
