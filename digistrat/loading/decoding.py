"""Bytes → text: UTF-8 (with or without BOM); other encodings are refused with a German message."""

from __future__ import annotations

from digistrat.loading.problems import CODE_ENCODING, ParseProblem

_SAVE_AS_UTF8 = (
    "Bitte die Datei als UTF-8 speichern (VS Code: unten rechts auf die Kodierung klicken "
    "→ „Mit Kodierung speichern“ → UTF-8)."
)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) → str; UTF-16/32 and other encodings are refused clearly."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) >= 2 and (raw[0] == 0 or raw[1] == 0)):
        raise ParseProblem(
            *CODE_ENCODING, f"Die Datei ist als UTF-16 gespeichert, erwartet wird UTF-8. {_SAVE_AS_UTF8}", 1, 1
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        byte = raw[exc.start]
        # Files from Windows editors are mostly Windows-1252: name the character the user typed.
        guess = bytes([byte]).decode("cp1252", errors="replace")
        what = (
            f"Das Zeichen „{guess}“ (Byte 0x{byte:02X}, vermutlich Windows-1252)"
            if guess.isprintable() and guess != "\ufffd"
            else f"Das Byte 0x{byte:02X}"
        )
        raise ParseProblem(
            *CODE_ENCODING,
            f"Die Datei ist nicht als UTF-8 gespeichert: {what} ist kein gültiges UTF-8. {_SAVE_AS_UTF8}",
            line,
            column,
        ) from None
