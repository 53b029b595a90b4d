"""Composed YAML nodes → JSON-shaped data, the same code for both parsers.

PyYAML (libyaml) and ruamel.yaml only scan and compose; everything that decides what a value *is*
happens here: YAML 1.2 types (:mod:`digistrat.loading.resolve`), keys as text, duplicate keys,
merge keys, ``!!set``, the limits of :mod:`digistrat.loading.problems`, control characters and
lone surrogates in texts. So both paths give the same data and the same finding at the same
position for every input the two parsers compose alike.

Numbers with a fraction or exponent are floats in the data (what JSON Schema validators take);
:attr:`Converter.numbers` keeps each one's source text, from which :func:`exact_numbers` later
makes the :class:`~decimal.Decimal` the model computes with (``100000000000000.01`` stays exact).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from digistrat.loading import resolve as r
from digistrat.loading.problems import (
    CODE_DUPLICATE,
    CODE_LIMIT,
    CODE_SYNTAX,
    MAX_DEPTH,
    MAX_INTEGER_DIGITS,
    MAX_VALUES,
    ParseProblem,
    depth_message,
    german_number,
)

_TAG_MESSAGE = (
    "Ein Wert beginnt mit „!“; das ist in YAML ein Typ-Kennzeichen. Bitte den ganzen Text in Anführungszeichen setzen."
)
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SCALAR_TAGS: dict[str, Any] = {
    r.INT: lambda text: r.to_int(text, MAX_INTEGER_DIGITS),
    r.FLOAT: lambda text: r.to_float(text, MAX_INTEGER_DIGITS),
    r.BOOL: r.to_bool,
    r.NULL: r.to_null,
    r.TIMESTAMP: r.to_timestamp,
}
_MERGE = object()
_MISSING = object()


class SelfReference(Exception):
    """An alias inside its own anchor (``a: &r [*r]``): the data would be endless."""


class TooManyValues(Exception):
    """More than MAX_VALUES values; ``aliases`` tells whether alias copies made them."""

    def __init__(self, aliases: bool):
        self.aliases = aliases


def problem_at(node: Any, code: tuple[str, str], message: str, path: tuple = ()) -> ParseProblem:
    mark = node.start_mark
    return ParseProblem(*code, message, mark.line + 1, mark.column + 1, path)


# Short texts repeat across the files of a project (keys, ids, categories, statuses, roles,
# months): one object per distinct text in a process instead of one per occurrence. Texts from
# one worker's task then also arrive in the parent as one object each (pickle keeps identity),
# which is a fifth of a large project's model. Bounded: emptied when it grows large.
SHARED_LENGTH = 64
_SHARED_MAX = 50_000
_shared_texts: dict[str, str] = {}


def _shared(text: str) -> str:
    found = _shared_texts.get(text)
    if found is None:
        if len(_shared_texts) >= _SHARED_MAX:
            _shared_texts.clear()
        found = _shared_texts[text] = text
    return found


class Converter:
    """One walk over a composed node tree. ``check_texts``: look for control characters (only
    possible through escapes, so only needed when the text has a backslash)."""

    def __init__(self, scalar_cls: type, mapping_cls: type, check_texts: bool = True, merges: bool = True):
        self.scalar_cls: Any = scalar_cls
        self.mapping_cls: Any = mapping_cls
        self.check_texts = check_texts
        self.merges = merges  # the text has "<<": look for merge keys
        self.left = MAX_VALUES
        self.path: list = []
        self.active: set[int] = set()
        self.seen: set[int] = set()
        self.aliases = False
        #: JSON path → (source text, 1-based line, column) of every number with a fraction/exponent
        self.numbers: dict[tuple, tuple[str, int, int]] = {}
        # plain scalars repeat (keys, years, categories): their value once resolved, floats excepted
        self._plain: dict[str, Any] = {}
        self._keys: dict[str, Any] = {}

    def value(self, node: Any, depth: int = 1) -> Any:
        self.left -= 1
        if self.left < 0:
            raise TooManyValues(self.aliases)
        if node.__class__ is self.scalar_cls:
            return self.scalar(node)
        if depth > MAX_DEPTH:
            raise problem_at(node, CODE_LIMIT, depth_message())
        key = id(node)
        if key in self.active:
            raise SelfReference
        if key in self.seen:
            self.aliases = True
        self.seen.add(key)
        self.active.add(key)
        try:
            if node.__class__ is self.mapping_cls:
                return self.mapping(node, depth)
            if node.tag not in (r.SEQ, "!"):
                raise problem_at(node, CODE_SYNTAX, _TAG_MESSAGE)
            return self.sequence(node, depth)
        finally:
            self.active.discard(key)

    def sequence(self, node: Any, depth: int) -> list:
        out = []
        path = self.path
        for i, item in enumerate(node.value):
            path.append(i)
            out.append(self.value(item, depth + 1))
            path.pop()
        return out

    def mapping(self, node: Any, depth: int) -> dict:
        if node.tag not in (r.MAP, r.SET, "!"):
            raise problem_at(node, CODE_SYNTAX, _TAG_MESSAGE)
        # merged mappings first, so that the mapping's own numbers (recorded later) win
        out = self._merged(node, depth) if self.merges else {}
        merged = set(out)
        path = self.path
        is_set = node.tag == r.SET
        known_keys = self._keys
        for key_node, value_node in node.value:
            key = known_keys.get(key_node.value, None) if key_node.tag == r.PLAIN else None
            if key is None:
                key = self.key(key_node)
            if key is _MERGE:
                continue
            if key in out and key not in merged:
                raise self._duplicate(node, key_node, key)
            merged.discard(key)
            path.append(key)
            out[key] = None if is_set else self.value(value_node, depth + 1)
            path.pop()
        return out

    def _merged(self, node: Any, depth: int) -> dict:
        """YAML merge keys (``<<: *basis``): the mapping's own keys win, then earlier merged ones."""
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not self.scalar_cls or key_node.tag != r.PLAIN or key_node.value != "<<":
                continue
            is_list = value_node.__class__ not in (self.scalar_cls, self.mapping_cls)
            items = value_node.value if is_list else [value_node]
            for item in items:
                if item.__class__ is not self.mapping_cls:
                    raise problem_at(
                        item,
                        CODE_SYNTAX,
                        "Nach „<<:“ (YAML-Zusammenführung) muss eine Zuordnung oder eine Liste von Zuordnungen stehen.",
                    )
                for k, v in self.value(item, depth).items():
                    out.setdefault(k, v)
        return out

    def key(self, node: Any) -> Any:
        if node.__class__ is not self.scalar_cls:
            raise problem_at(
                node,
                CODE_SYNTAX,
                "Ein Schlüssel ist selbst eine Liste oder Zuordnung; Schlüssel müssen einfache Texte sein.",
            )
        if node.tag == r.PLAIN and node.value == "<<":
            return _MERGE
        value = self.scalar(node, as_key=True)
        if isinstance(value, bool):
            key = "true" if value else "false"
        else:
            key = value if isinstance(value, str) else "" if value is None else str(value)
        if node.tag == r.PLAIN and node.__class__ is self.scalar_cls:
            self._keys[node.value] = key
        return key

    def _duplicate(self, mapping: Any, key_node: Any, key: str) -> ParseProblem:
        first = next(k for k, _ in mapping.value if k is not key_node and self._same_key(k, key))
        mark = first.start_mark
        return problem_at(
            key_node,
            CODE_DUPLICATE,
            f"Der Schlüssel „{key}“ kommt doppelt vor (zuerst in Zeile {mark.line + 1}, Spalte "
            f"{mark.column + 1}). Auf derselben Ebene darf jeder Schlüssel nur einmal stehen.",
            (*self.path, key),
        )

    def _same_key(self, node: Any, key: str) -> bool:
        try:
            return node.__class__ is self.scalar_cls and self.key(node) == key
        except ParseProblem:
            return False

    def scalar(self, node: Any, as_key: bool = False) -> Any:
        tag, text = node.tag, node.value
        implicit = tag == r.PLAIN
        if implicit:
            known = self._plain.get(text, _MISSING)
            if known is not _MISSING:
                return known
            tag = r.resolve_plain(text)
        if tag == r.STR or tag == "!":
            if self.check_texts and _BAD_CHARACTER.search(text):
                raise self._bad_character(node, text)
            if len(text) <= SHARED_LENGTH:
                text = _shared(text)
            if implicit:
                self._plain[text] = text
            return text
        convert = _SCALAR_TAGS.get(tag)
        if convert is None:
            raise problem_at(node, CODE_SYNTAX, _TAG_MESSAGE)
        try:
            value: Any = convert(text)
        except r.TooBig:
            raise self._too_big(node, text) from None
        except r.NotOfType:
            if implicit and tag != r.TIMESTAMP:
                return text  # looks like a number at first sight only (0b_): text, as YAML 1.2 reads it
            raise self._not_of_type(node, tag, text) from None
        if tag == r.FLOAT:
            value, source = value
            if source is not None and not as_key:
                mark = node.start_mark
                self.numbers[tuple(self.path)] = (source, mark.line + 1, mark.column + 1)
        elif implicit:
            self._plain[text] = value
        return value

    def _bad_character(self, node: Any, text: str) -> ParseProblem:
        found = _BAD_CHARACTER.search(text)
        char = found.group() if found else "?"
        what = (
            f"ein einzelnes UTF-16-Ersatzzeichen (U+{ord(char):04X}), das für sich kein Zeichen ist"
            if "\ud800" <= char <= "\udfff"
            else f"ein Steuerzeichen (U+{ord(char):04X}), das in Texten nicht erlaubt ist"
        )
        return problem_at(
            node,
            CODE_SYNTAX,
            f"Der Text enthält {what} (aus einer Escape-Sequenz wie „\\e“, „\\x1b“ oder „\\ud800“). "
            "Bitte die Escape-Sequenz entfernen oder das gemeinte Zeichen direkt schreiben.",
        )

    def _too_big(self, node: Any, text: str) -> ParseProblem:
        shown = text if len(text) <= 30 else text[:27] + "…"
        return problem_at(
            node,
            CODE_LIMIT,
            f"Die Zahl {shown} ist zu groß oder zu klein: digistrat rechnet mit Zahlen bis zu "
            f"{MAX_INTEGER_DIGITS} Stellen vor dem Komma (unter 1 Billiarde).",
        )

    def _not_of_type(self, node: Any, tag: str, text: str) -> ParseProblem:
        if tag == r.TIMESTAMP:
            message = f"Das Datum {text} gibt es nicht. Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben."
        else:
            message = f"Der Wert „{text}“ passt nicht zu seinem Typ-Kennzeichen „!!{tag[len(r.T) :]}“."
        return problem_at(node, CODE_SYNTAX, message)


def too_many_values_message(aliases: bool) -> str:
    if aliases:
        return (
            f"Die Datei ergibt über {german_number(MAX_VALUES)} Werte, weil YAML-Aliase (*name) Teile "
            "vervielfachen. Bitte die Aliase durch die Werte selbst ersetzen."
        )
    return (
        f"Die Datei enthält über {german_number(MAX_VALUES)} Werte; digistrat liest höchstens "
        f"{german_number(MAX_VALUES)} Werte je Datei. Bitte die Daten auf mehrere Dateien verteilen."
    )


def exact_numbers(data: Any, numbers: dict[tuple, tuple[str, int, int]]) -> None:
    """Replace, in place, every number with a fraction by the :class:`Decimal` of its source text."""
    for path, (source, _line, _column) in numbers.items():
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            current = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(current, float) and current == float(source):  # not overridden by a merge
            parent[path[-1]] = Decimal(source)
