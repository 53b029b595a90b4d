"""The result cache never changes a result: every corpus gives the same report cold, warm and with
``--no-cache``, also after edits, renames and deletions; damaged or foreign entries are ignored;
entries are JSON (never pickle), written atomically, and the directory stays bounded."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

from digistrat.loading import cache

INVALID = ROOT / "examples" / "invalid"
BROKEN = ROOT / "examples" / "broken"


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("v1/*/*.json"))


def reports(cli, command: str, *paths) -> tuple[str, str, str]:
    """(cold, warm, --no-cache) output of ``digistrat COMMAND --format json PATHS``."""
    out = []
    for extra in ([], [], ["--no-cache"]):
        result = cli(command, "--format", "json", *extra, *paths)
        assert result.code in (0, 1), result
        out.append(result.out + result.err)
    return out[0], out[1], out[2]


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_every_corpus_cold_warm_and_without_cache(cli, cache_dir, monkeypatch, command):
    monkeypatch.chdir(ROOT)
    projects = [EXAMPLE, BROKEN, *sorted(p.parent for p in INVALID.glob("*/strategie.yaml"))]
    paths = [p.relative_to(ROOT) for p in projects]
    cold, warm, uncached = reports(cli, command, *paths)
    assert cold == warm == uncached
    assert len(entries(cache_dir)) > 50  # identical files share one entry


def test_budget_cold_and_warm(cli, cache_dir, monkeypatch):
    monkeypatch.chdir(EXAMPLE)
    cold, warm, uncached = reports(cli, "budget")
    assert cold == warm == uncached
    assert '"aufwand"' in cold


def test_no_cache_writes_nothing(cli, cache_dir, monkeypatch):
    monkeypatch.chdir(EXAMPLE)
    assert cli("validate", "--no-cache").code == 0
    assert entries(cache_dir) == []
    monkeypatch.setenv("DIGISTRAT_NO_CACHE", "1")
    assert cli("validate").code == 0
    assert entries(cache_dir) == []


def test_edits_renames_and_deletions(cli, cache_dir, example_copy, monkeypatch):
    monkeypatch.chdir(example_copy)
    assert cli("validate").code == 0
    sb = example_copy / "steckbriefe"
    first = sorted(sb.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("status:", "stauts:", 1), encoding="utf-8")
    edited = cli("validate", "--format", "json")
    assert edited.code == 1
    assert [f["code"] for f in json.loads(edited.out)["befunde"]] == ["DS011"]
    assert edited.out == cli("validate", "--format", "json", "--no-cache").out
    renamed = first.with_name("ZZ-99.yaml")
    first.rename(renamed)
    after_rename = cli("validate", "--format", "json")
    assert after_rename.out == cli("validate", "--format", "json", "--no-cache").out
    assert "ZZ-99.yaml" in after_rename.out  # the finding names the file as it is now called
    renamed.unlink()
    after_delete = cli("validate", "--format", "json")
    assert after_delete.out == cli("validate", "--format", "json", "--no-cache").out
    assert "ZZ-99.yaml" not in after_delete.out


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "{nicht json",
        lambda text: "",
        lambda text: json.dumps({**json.loads(text), "format": 99}),
        lambda text: json.dumps({**json.loads(text), "key": "0" * 64}),
        lambda text: json.dumps({**json.loads(text), "data": [1, 2]}),
        lambda text: json.dumps({**json.loads(text), "findings": [["DS001"]]}),
        lambda text: json.dumps({**json.loads(text), "numbers": "x"}),
    ],
    ids=["not-json", "empty", "other-format", "foreign-key", "not-a-mapping", "bad-finding", "bad-numbers"],
)
def test_damaged_or_foreign_entries_are_ignored(cli, cache_dir, monkeypatch, damage):
    monkeypatch.chdir(EXAMPLE)
    clean = cli("validate", "--format", "json").out
    for entry in entries(cache_dir):
        entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.rmtree(cache_dir / "v1" / "projekte")  # else the entries of unchanged files are not even read
    assert cli("validate", "--format", "json").out == clean
    assert all(json.loads(e.read_text(encoding="utf-8"))["format"] == 1 for e in entries(cache_dir))  # rewritten


def test_a_planted_entry_cannot_change_a_result(cli, cache_dir, example_copy, monkeypatch):
    """An entry's key is inside it: copying another file's (clean) entry over a broken file's does nothing."""
    monkeypatch.chdir(example_copy)
    target = sorted((example_copy / "steckbriefe").glob("*.yaml"))[0]
    target.write_text(target.read_text(encoding="utf-8").replace("status:", "stauts:", 1), encoding="utf-8")
    assert cli("validate").code == 1
    clean_entry = next(e for e in entries(cache_dir) if json.loads(e.read_text(encoding="utf-8"))["findings"] == [])
    for entry in entries(cache_dir):
        if entry != clean_entry:
            shutil.copyfile(clean_entry, entry)
    assert cli("validate").code == 1


def test_entries_are_json_with_exact_numbers(cache_dir, tmp_path):
    from digistrat.loading.project import SourceFile
    from digistrat.loading.reader import read_one

    path = tmp_path / "MK-01.yaml"
    path.write_text((ROOT / "tests/data/minimal/steckbriefe/MK-01.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    src = SourceFile(path, "steckbriefe/MK-01.yaml", "steckbriefe/MK-01.yaml", "steckbrief")
    cold = read_one(src)
    [entry] = entries(cache_dir)
    assert entry.read_bytes().startswith(b'{"format":1,')
    warm = read_one(src)
    assert warm.data == cold.data and warm.findings == cold.findings and warm.numbers == cold.numbers
    assert repr(warm.data["kosten"][1]["betrag"]) == "Decimal('1250.50')"


def _hammer(args) -> int:
    root, n = args
    c = cache.Cache(Path(root))
    key = c.key(b"x: 1\n", "steckbrief")
    bad = 0
    for i in range(n):
        c.put(key, {"x": i, "text": "y" * 2000}, {}, [])
        got = c.get(key, "f.yaml")
        bad += got is None or not isinstance(got[0]["x"], int)
    return bad


def test_concurrent_writers_never_leave_half_an_entry(tmp_path):
    with multiprocessing.get_context("fork").Pool(2) as pool:
        assert pool.map(_hammer, [(str(tmp_path), 200)] * 4) == [0, 0, 0, 0]
    assert not list(tmp_path.glob("*/.tmp-*"))


def test_the_directory_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "MAX_BYTES", 50_000)
    c = cache.Cache(tmp_path)
    for i in range(100):
        c.put(c.key(str(i).encode(), "steckbrief"), {"text": "z" * 1_000}, {}, [])
    c.prune()
    total = sum(p.stat().st_size for p in tmp_path.glob("*/*.json"))
    assert 40_000 < total <= 50_000
    c.put(c.key(b"more", "steckbrief"), {"text": "z" * 100_000}, {}, [])
    c.prune()  # at most once an hour: the marker of the last pruning is recent
    assert sum(p.stat().st_size for p in tmp_path.glob("*/*.json")) > 100_000


def positions_entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("v1/*/*.pos"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "{nicht json",
        lambda text: json.dumps({**json.loads(text), "key": "0" * 64}),
        lambda text: json.dumps({**json.loads(text), "positions": [[1, 1]] * 99}),
        lambda text: json.dumps({**json.loads(text), "positions": [["1", 1] for _ in json.loads(text)["positions"]]}),
    ],
    ids=["not-json", "foreign-key", "other-count", "not-numbers"],
)
def test_positions_of_lint_findings_are_kept_and_never_trusted_damaged(cli, cache_dir, monkeypatch, damage):
    """A warm lint composes no file to locate its warnings; a damaged positions entry is ignored."""
    from digistrat.loading import yamlparse

    invalid = [p.relative_to(ROOT) for p in sorted(INVALID.glob("*/strategie.yaml"))]
    projects = [EXAMPLE.relative_to(ROOT), *(p.parent for p in invalid)]
    monkeypatch.chdir(ROOT)
    cold = cli("lint", "--format", "json", *projects).out
    assert positions_entries(cache_dir)
    composed = []
    original = yamlparse.compose
    monkeypatch.setattr(yamlparse, "compose", lambda *args, **kw: composed.append(args) or original(*args, **kw))
    warm = cli("lint", "--format", "json", *projects)
    assert warm.out == cold, warm
    assert composed == []
    for entry in positions_entries(cache_dir):
        entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    assert cli("lint", "--format", "json", *projects).out == cold
    assert composed
    uncached = cli("lint", "--format", "json", "--no-cache", *projects)
    assert uncached.out == cold, uncached


def test_an_entry_that_vanishes_while_pruning_does_not_stop_it(tmp_path, monkeypatch):
    """A concurrent render renames its temporary file away (here: a link to nothing) while the
    directory is listed; the other entries are still pruned, not left over the bound for an hour."""
    monkeypatch.setattr(cache, "MAX_BYTES", 50_000)
    c = cache.Cache(tmp_path)
    for i in range(100):
        c.put(c.key(str(i).encode(), "steckbrief"), {"text": "z" * 1_000}, {}, [])
    first = next(p for p in tmp_path.iterdir() if p.is_dir())
    (first / ".tmp-weg").symlink_to(tmp_path / "gibt-es-nicht")
    c.prune()
    assert sum(p.stat().st_size for p in tmp_path.glob("*/*.json")) <= 50_000
