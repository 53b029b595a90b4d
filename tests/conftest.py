"""Shared fixtures: paths, golden files, running the CLI in-process."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dithmarschen"
GOLDEN_DIR = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("digistrat-cache")


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch, _cache_dir):
    """The same output on every machine: no colours, no CI auto-detection, fixed terminal width."""
    for var in ("GITHUB_ACTIONS", "GITLAB_CI", "FORCE_COLOR", "DIGISTRAT_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    # one result cache for the whole run (never the user's): later tests read what earlier ones wrote
    monkeypatch.setenv("DIGISTRAT_CACHE_DIR", str(_cache_dir))
    monkeypatch.delenv("DIGISTRAT_NO_CACHE", raising=False)
    from digistrat.loading import cache

    cache.reset()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """An empty result cache of this test's own."""
    path = tmp_path / "cache"
    monkeypatch.setenv("DIGISTRAT_CACHE_DIR", str(path))
    from digistrat.loading import cache

    cache.reset()
    return path


@contextlib.contextmanager
def without_cache():
    """No result or PDF cache in this block: for tests that must lay out or parse every time
    (a comparison of two renders would otherwise compare the cache with itself)."""
    from digistrat.loading import cache

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DIGISTRAT_NO_CACHE", "1")
        cache.reset()
        try:
            yield
        finally:
            cache.reset()


@pytest.fixture
def golden():
    """``golden("area/name.ext", actual)`` compares with tests/golden/area/name.ext.

    Set DIGISTRAT_UPDATE_GOLDEN=1 to (re)write the files; review the diff before committing.
    """

    def check(name: str, actual: str | bytes) -> None:
        path = GOLDEN_DIR / name
        if os.environ.get("DIGISTRAT_UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8") if isinstance(actual, str) else actual)
            return
        assert path.exists(), f"golden file missing: {path} (create with DIGISTRAT_UPDATE_GOLDEN=1)"
        expected = path.read_bytes()
        got = actual.encode("utf-8") if isinstance(actual, str) else actual
        if got != expected:
            # a readable diff for text files
            assert got.decode("utf-8", "replace") == expected.decode("utf-8", "replace")
            assert got == expected

    return check


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out[:400]!r}, err={self.err[:400]!r})"


@pytest.fixture
def cli(capsys):
    """Run ``digistrat ARGS`` in-process (through the real entry point) and capture the result."""
    from digistrat.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def example_copy(tmp_path) -> Path:
    """A writable copy of the Dithmarschen example."""
    target = tmp_path / "dithmarschen"
    shutil.copytree(EXAMPLE, target)
    return target
