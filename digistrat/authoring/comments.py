"""Comment lines that trail a list or mapping, as ruamel.yaml keeps them, and moving them.

ruamel.yaml attaches the comment lines between two keys (a section heading, blank lines) to the
*end* of the value before them: to the deepest last entry of a block collection, or, behind a
flow collection, to the ``end`` of the enclosing block collection. When entries are appended or
keys reordered, :func:`detach_comments_after` and :func:`attach_comments_after` move those lines
so that they stay in front of the key they introduce.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken


def is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _last(node: CommentedMap | CommentedSeq) -> Any:
    return len(node) - 1 if isinstance(node, CommentedSeq) else list(node)[-1]


def _trailing_slot(node: CommentedMap | CommentedSeq) -> tuple[dict, Any, int] | None:
    """Where ruamel keeps the comment lines after the last entry of a block collection."""
    if not len(node):
        return None
    last = _last(node)
    child = node[last]
    if is_block(child):
        return _trailing_slot(child)
    return node.ca.items, last, 0 if isinstance(node, CommentedSeq) else 2


def split_slot(items: dict, key: Any, pos: int, remove: bool) -> str:
    entry = items.get(key)
    token = entry[pos] if entry and len(entry) > pos else None
    if entry is None or token is None or "\n" not in token.value:
        return ""
    own, _, rest = token.value.partition("\n")
    if rest and remove:
        if own:
            token.value = own + "\n"
        else:
            entry[pos] = None
            if not any(entry):
                del items[key]
    return rest


def take_trailing(node: Any, remove: bool = True) -> str:
    """The lines after the last entry's own end-of-line comment (detached when ``remove``).

    ruamel.yaml keeps them with the deepest last entry, or, behind a flow collection, as the
    ``end`` comment of the enclosing block collection.
    """
    if not is_block(node):
        return ""
    last = _last(node)
    child = node[last]
    if is_block(child):
        rest = take_trailing(child, remove)
    else:
        rest = split_slot(node.ca.items, last, 0 if isinstance(node, CommentedSeq) else 2, remove)
    end = getattr(node.ca, "end", None)
    if end:
        rest += "".join(
            (" " * t.column + t.value) if t.value.startswith("#") else t.value for t in end if t is not None
        )
        if remove:
            node.ca.end = []
    return rest


def give_trailing(node: Any, rest: str) -> None:
    """Attach comment lines ``rest`` behind the last entry of ``node`` (see :func:`_take_trailing`)."""
    if not rest or not is_block(node):
        return
    slot = _trailing_slot(node)
    if slot is None:  # pragma: no cover - is_block() means there is a last entry
        return
    items, key, pos = slot
    entry = items.setdefault(key, [None, None, None, None])
    while len(entry) <= pos:
        entry.append(None)
    token = entry[pos]
    if token is None:
        entry[pos] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        token.value = token.value.rstrip("\n") + "\n" + rest


def comment_column(seq: CommentedSeq) -> int | None:
    """Column of the end-of-line comments in ``seq`` (to align a new one with its neighbours)."""
    for entry in reversed(list(seq.ca.items.values())):
        token = entry[0] if entry else None
        if token is not None and token.value.startswith("#"):
            return token.column
    return None


def detach_comments_after(mapping: CommentedMap, key: Any) -> str:
    """Detach the comment lines between the value of ``key`` and whatever follows it."""
    value = mapping[key]
    if is_block(value):
        return take_trailing(value)
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or "\n" not in token.value:
        return ""
    own, _, rest = token.value.partition("\n")
    if not rest:
        return ""
    if own:
        token.value = own + "\n"
    else:
        entry[2] = None
        if not any(entry):
            del mapping.ca.items[key]
    return rest


def attach_comments_after(mapping: CommentedMap, key: Any, rest: str) -> None:
    """Attach comment lines ``rest`` behind the value of ``key`` (see :func:`detach_comments_after`)."""
    if not rest:
        return
    value = mapping[key]
    if is_block(value):
        give_trailing(value, rest)
        return
    entry = mapping.ca.items.setdefault(key, [None, None, None, None])
    if entry[2] is None:
        entry[2] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        entry[2].value = entry[2].value.rstrip("\n") + "\n" + rest


def entries_separated(seq: CommentedSeq) -> bool:
    """Whether the entries of a block list are separated by empty lines (as in partner.yaml)."""
    if len(seq) < 2 or not is_block(seq):
        return False
    if is_block(seq[0]):
        return take_trailing(seq[0], remove=False).startswith("\n")
    return split_slot(seq.ca.items, 0, 0, remove=False).startswith("\n")
