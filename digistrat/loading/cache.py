"""A cache of per-file results (data, exact numbers, located findings), so unchanged files are not parsed
and validated again.

An entry is keyed by everything that changes the result: the file's bytes (SHA-256), its kind, the
digistrat version with a fingerprint of the code that reads files, the schemas and the parser path
(accelerators on or off). Entries are JSON with a format version, never pickle: a cache directory can
be shared or planted, so an entry that does not parse, has another format or another key is ignored.
Writes go to a temporary file and are renamed into place, so concurrent runs never see half an entry.
The directory is bounded (:data:`MAX_BYTES`): the least recently used entries go first. Beside the
per-file entries it holds the positions of findings located after reading (``*.pos``, keyed by the
text and the JSON paths asked for), validate's project indexes (``projekte/``, see
digistrat/incremental.py) and laid-out PDFs (``*.pdfcache``, see digistrat/render/pdf_cache.py).

Location: ``DIGISTRAT_CACHE_DIR``, else the user's cache directory (platformdirs); ``--no-cache`` on
the commands (or ``DIGISTRAT_NO_CACHE=1``) bypasses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from digistrat.findings import Finding, Severity

FORMAT = 1
CACHE_DIR_ENV = "DIGISTRAT_CACHE_DIR"
NO_CACHE_ENV = "DIGISTRAT_NO_CACHE"
MAX_BYTES = 256 * 1024 * 1024
_PRUNE_EVERY = 3600  # seconds between size checks (a marker file's age)

_enabled = True
_cache: Cache | bool | None = False  # False: not set up yet


def disable() -> None:
    """``--no-cache``: neither read nor write entries in this process."""
    global _enabled, _cache
    _enabled, _cache = False, None


def reset() -> None:
    """Forget the set-up (tests change the environment between runs)."""
    global _enabled, _cache
    _enabled, _cache = True, False


def active() -> Cache | None:
    global _cache
    if _cache is False:
        _cache = _open() if _enabled and os.environ.get(NO_CACHE_ENV, "") in ("", "0") else None
    return _cache  # type: ignore[return-value]


def _open() -> Cache | None:
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        root = Path(configured)
    else:
        try:
            import platformdirs
        except ImportError:
            return None
        root = Path(platformdirs.user_cache_dir("digistrat", appauthor=False))
    return Cache(root / f"v{FORMAT}")


def _fingerprint() -> str:
    """digistrat's version, the code that makes per-file results and the schemas."""
    from digistrat import __version__
    from digistrat.resources import schemas_dir

    h = hashlib.sha256(f"{FORMAT} {__version__}".encode())
    package = Path(__file__).resolve().parents[1]
    code = sorted((package / "loading").glob("*.py")) + sorted((package / "checks").glob("*.py"))
    code += [package / name for name in ("catalog.py", "dates.py", "findings.py", "formatting.py", "labels.py")]
    code += [package / "incremental.py", package / "validation.py"]
    for path in code:
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path.name} {st.st_size} {st.st_mtime_ns}".encode())
    for schema in sorted(Path(schemas_dir()).glob("*.json")):
        h.update(schema.read_bytes())
    return h.hexdigest()


_PARSER_PATHS: dict[tuple, str] = {}


def _parser_path(kind: str) -> str:
    """Which parser and validator read the file now (the accelerators can be switched per run)."""
    from digistrat.loading import pyyaml_path, schema

    memo = (kind, os.environ.get(pyyaml_path.NO_ACCEL_ENV, ""), pyyaml_path.pyyaml_loader, schema._fast_validator)
    known = _PARSER_PATHS.get(memo)
    if known is None:
        if pyyaml_path.accelerators_disabled():
            known = "reference"
        else:
            known = f"yaml={pyyaml_path.pyyaml_loader() is not None} schema={schema._fast_validator(kind) is not None}"
        _PARSER_PATHS[memo] = known
    return known


class Cache:
    def __init__(self, root: Path):
        self.root = root
        self.fingerprint = _fingerprint()
        self.wrote = 0

    def key(self, raw: bytes, kind: str) -> str:
        prefix = f"{self.fingerprint} {kind} {_parser_path(kind)}\0".encode()
        return hashlib.sha256(prefix + raw).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, display: str) -> tuple[Any, dict, list[Finding]] | None:
        """(data, numbers, findings) of an entry; None when missing, foreign or damaged."""
        try:
            with open(self._path(key), "rb") as f:
                entry = json.loads(f.read())
            if entry.get("format") != FORMAT or entry.get("key") != key:
                return None
            numbers = {tuple(p): (s, line, col) for p, s, line, col in entry["numbers"]}
            findings = [finding_from_json(f, display) for f in entry["findings"]]
            data = entry["data"]
            if not isinstance(data, dict) and not (data is None and findings):
                return None
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        return data, numbers, findings

    def put(self, key: str, data: Any, numbers: dict, findings: list[Finding]) -> None:
        entry = {
            "format": FORMAT,
            "key": key,
            "data": data,
            "numbers": [[list(p), s, line, col] for p, (s, line, col) in numbers.items()],
            "findings": [finding_json(f) for f in findings],
        }
        try:
            text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # not JSON-shaped (cannot happen for validated data): simply not cached
        if self.write(self._path(key), text):
            self.wrote += 1

    def positions_key(self, text: str, queries: list[tuple[tuple, bool]]) -> str:
        """Key of the positions of ``queries`` ((JSON path, at the key) each) in ``text``."""
        from digistrat.loading import pyyaml_path

        parser = "reference" if pyyaml_path.accelerators_disabled() else f"{pyyaml_path.pyyaml_loader() is not None}"
        head = json.dumps(
            [self.fingerprint, "positions", parser, [[list(p), a] for p, a in queries]], ensure_ascii=False
        )
        return hashlib.sha256(head.encode() + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()

    def get_positions(self, key: str, count: int) -> list[tuple[int, int]] | None:
        """(line, column) of each query of an entry; None when missing, foreign or damaged."""
        try:
            with open(self.root / key[:2] / f"{key}.pos", "rb") as f:
                entry = json.loads(f.read())
            if entry.get("format") != FORMAT or entry.get("key") != key:
                return None
            found = [(line, column) for line, column in entry["positions"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if len(found) != count or not all(type(line) is int and type(col) is int for line, col in found):
            return None
        return found

    def put_positions(self, key: str, positions: list[tuple[int, int]]) -> None:
        entry = {"format": FORMAT, "key": key, "positions": [list(p) for p in positions]}
        if self.write(self.root / key[:2] / f"{key}.pos", json.dumps(entry, separators=(",", ":"))):
            self.wrote += 1

    def write(self, target: Path, content: str | bytes) -> bool:
        """Write a file of the cache atomically (a temporary file renamed into place)."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(content.encode("utf-8") if isinstance(content, str) else content)
                os.replace(tmp, target)
            except BaseException:
                _unlink(tmp)
                raise
        except OSError:
            return False  # a read-only or full disk: the cache is an optimisation, never an error
        return True

    def prune(self, *, now: bool = False) -> None:
        """Keep the directory under MAX_BYTES, dropping the least recently used entries (at most
        every _PRUNE_EVERY seconds, unless ``now``: after a PDF render, which adds large entries)."""
        marker = self.root / ".pruned"
        try:
            if not now and time.time() - marker.stat().st_mtime < _PRUNE_EVERY:
                return
        except OSError:
            pass
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            marker.touch()
            entries = []
            for sub in self.root.iterdir():
                if sub.is_dir():
                    for entry in sub.iterdir():
                        try:
                            st = entry.stat()
                        except OSError:  # gone meanwhile (another process renamed or pruned it)
                            continue
                        entries.append((max(st.st_atime, st.st_mtime), st.st_size, entry))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, entry in sorted(entries, key=lambda e: e[0]):
            if total <= MAX_BYTES:
                break
            _unlink(entry)
            total -= size


def _unlink(path: Any) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def finding_json(f: Finding) -> list:
    return [f.code, f.rule, f.severity.value, f.message, list(f.path), f.line, f.column, f.at_key]


def finding_from_json(item: list, display: str) -> Finding:
    code, rule, severity, message, path, line, column, at_key = item
    if not all(isinstance(x, str) for x in (code, rule, message)):
        raise TypeError("damaged entry")
    return Finding(code, rule, Severity(severity), message, display, tuple(path), line, column, at_key=bool(at_key))
