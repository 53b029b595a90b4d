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
