"""Errors that end a command with a German message and exit code 2 (usage or I/O)."""


class DigistratError(Exception):
    """A problem the user must fix before the command can run; never shown as a traceback."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ProjectNotFound(DigistratError):
    pass


class ProjectInvalid(DigistratError):
    """Raised by commands that need a valid project (budget, render) when validation failed."""

    exit_code = 1

    def __init__(self, message: str, findings=()):
        super().__init__(message)
        self.findings = list(findings)


# The operating system's reason in German (its own text is English on most systems), when
# reading and when writing: errno → (reading, writing).
_OS_REASONS = {
    "EACCES": ("keine Leseberechtigung", "keine Schreibberechtigung"),
    "EPERM": ("keine Leseberechtigung", "keine Schreibberechtigung"),
    "ENOENT": ("sie wurde während der Prüfung gelöscht", "der Ordner existiert nicht"),
    "EISDIR": ("das ist ein Ordner", "das Ziel ist ein Ordner"),
    "EIO": ("Ein-/Ausgabefehler des Datenträgers", "Ein-/Ausgabefehler des Datenträgers"),
    "ENOSPC": (None, "kein Speicherplatz mehr frei"),
    "EROFS": (None, "das Dateisystem ist schreibgeschützt"),
    "ENOTDIR": (None, "ein Teil des Pfads ist eine Datei"),
    "EEXIST": (None, "dort liegt eine Datei, wo ein Ordner entstehen soll"),
    "EDQUOT": (None, "Speicherkontingent erschöpft"),
}


def os_reason(exc: OSError, *, writing: bool) -> str:
    """Why reading or writing a file failed, in German; the system's text where we have none."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    reason = _OS_REASONS.get(name, (None, None))[1 if writing else 0]
    return reason or exc.strerror or type(exc).__name__
