"""The project index (digistrat/incremental.py) never changes validate's result: after edits that keep
size and mtime, renames, deletions, new files, changed ids in the root files and another working
directory the report is the one without the cache; a damaged, truncated or foreign index is ignored and
rewritten; a file changed close to the recorded run is read, not trusted by its signature; concurrent
runs leave a whole index."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest
from conftest import EXAMPLE

from digistrat import incremental
from digistrat.loading import cache, reader

N = 22  # Steckbriefe of the example


@pytest.fixture
def trust_at_once(monkeypatch):
    """Files written just before a run count as settled (tests cannot wait for RACY_NS)."""
    monkeypatch.setattr(incremental, "RACY_NS", 0)


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """rel of every file validate reads (parses or takes from the result cache)."""
    seen: list[str] = []
    original = reader.read_one

    def counting(src, keep_text=True, **kwargs):
        seen.append(src.rel)
        return original(src, keep_text, **kwargs)

    monkeypatch.setattr(reader, "read_one", counting)
    return seen


def index_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("v1/projekte/*.idx"))


def same_as_without_cache(cli) -> str:
    warm = cli("validate", "--format", "json")
    assert warm.code in (0, 1), warm
    assert warm.out == cli("validate", "--format", "json", "--no-cache").out
    return warm.out


def steckbriefe_read(seen: list[str]) -> list[str]:
    return [rel for rel in seen if rel.startswith("steckbriefe/")]


def test_a_warm_run_reads_only_the_root_files(cli, cache_dir, example_copy, monkeypatch, trust_at_once, reads):
    monkeypatch.chdir(example_copy)
    cold = same_as_without_cache(cli)
    assert len(steckbriefe_read(reads)) == N * 2  # the cold run and the run without the cache
    reads.clear()
    assert cli("validate", "--format", "json").out == cold
    assert steckbriefe_read(reads) == []
    assert len(index_files(cache_dir)) == 1


def test_a_file_changed_close_to_the_recorded_run_is_read(cli, cache_dir, example_copy, monkeypatch, reads):
    """RACY_NS as shipped: the copy was just written, so no signature is trusted yet."""
    monkeypatch.chdir(example_copy)
    cli("validate")
    reads.clear()
    cli("validate")
    assert len(steckbriefe_read(reads)) == N


def test_an_edit_with_the_same_size_and_mtime_is_seen(cli, cache_dir, example_copy, monkeypatch, trust_at_once, reads):
    monkeypatch.chdir(example_copy)
    same_as_without_cache(cli)
    target = example_copy / "steckbriefe" / "DD-03.yaml"
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("id: DD-03", "id: DD-3X", 1), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    out = same_as_without_cache(cli)
    assert "DD-3X" in out and '"DS025"' in out  # the id no longer matches the file name
    assert "steckbriefe/DD-03.yaml" in steckbriefe_read(reads)


def test_edits_renames_deletions_and_new_files(cli, cache_dir, example_copy, monkeypatch, trust_at_once):
    monkeypatch.chdir(example_copy)
    clean = same_as_without_cache(cli)
    sb = example_copy / "steckbriefe"
    first = sb / "DD-01.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace("status:", "stauts:", 1), encoding="utf-8")
    assert '"DS011"' in same_as_without_cache(cli)
    renamed = first.rename(sb / "ZZ-99.yaml")
    assert "ZZ-99.yaml" in same_as_without_cache(cli)
    renamed.unlink()
    assert "ZZ-99.yaml" not in same_as_without_cache(cli)
    (sb / "DD-01.yaml").write_bytes((EXAMPLE / "steckbriefe" / "DD-01.yaml").read_bytes())
    assert same_as_without_cache(cli) == clean
    (sb / "unter").mkdir()
    (sb / "DD-02.yaml").rename(sb / "unter" / "DD-02.yaml")
    same_as_without_cache(cli)


def test_a_dependency_on_a_deleted_steckbrief_is_reported(
    cli, cache_dir, example_copy, monkeypatch, trust_at_once, reads
):
    """DD-02 depends on DD-03: DD-02 is unchanged (taken as recorded), its dependency is unknown now."""
    monkeypatch.chdir(example_copy)
    same_as_without_cache(cli)
    (example_copy / "steckbriefe" / "DD-03.yaml").unlink()
    reads.clear()
    out = same_as_without_cache(cli)
    assert "Unbekannter Steckbrief „DD-03“ in den Abhängigkeiten." in out
    assert len(steckbriefe_read(reads)) == N - 1  # only the run without the cache read them


def test_changed_ids_in_the_root_files_check_every_steckbrief_again(
    cli, cache_dir, example_copy, monkeypatch, trust_at_once, reads
):
    monkeypatch.chdir(example_copy)
    same_as_without_cache(cli)
    partner = example_copy / "partner.yaml"
    partner.write_text(
        partner.read_text(encoding="utf-8").replace("id: amt-marne-nordsee", "id: amt-marne", 1), encoding="utf-8"
    )
    reads.clear()
    out = same_as_without_cache(cli)
    assert "amt-marne-nordsee" in out  # unknown now wherever a Steckbrief names it
    assert len(steckbriefe_read(reads)) == N * 2
    strategie = example_copy / "strategie.yaml"
    strategie.write_text(strategie.read_text(encoding="utf-8") + "# nur ein Kommentar\n", encoding="utf-8")
    reads.clear()
    assert same_as_without_cache(cli) == out
    assert len(steckbriefe_read(reads)) == N  # the run without the cache: the ids stayed, so did the findings


def test_another_working_directory_has_its_own_index(cli, cache_dir, example_copy, monkeypatch, trust_at_once):
    monkeypatch.chdir(example_copy)
    (example_copy / "steckbriefe" / "DD-04.yaml").write_text("id: DD-04\n", encoding="utf-8")  # paths to show
    here = same_as_without_cache(cli)
    monkeypatch.chdir(example_copy / "steckbriefe")
    there = same_as_without_cache(cli)
    monkeypatch.chdir(example_copy.parent)
    above = cli("validate", "--format", "json", "dithmarschen")
    assert above.out == cli("validate", "--format", "json", "--no-cache", "dithmarschen").out
    assert len({here, there, above.out}) == 3
    assert len(index_files(cache_dir)) == 3


def _damage_rows(entry: dict, change) -> str:
    entry["files"] = [change(row) for row in entry["files"]]
    return json.dumps(entry)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "{nicht json",
        lambda text: "",
        lambda text: text[: len(text) // 2],
        lambda text: json.dumps({**json.loads(text), "format": 99}),
        lambda text: json.dumps({**json.loads(text), "key": "0" * 64}),
        lambda text: json.dumps({**json.loads(text), "taken": "gestern"}),
        lambda text: json.dumps({**json.loads(text), "files": "x"}),
        lambda text: _damage_rows(json.loads(text), lambda row: row[:5]),
        lambda text: _damage_rows(json.loads(text), lambda row: [*row[:8], 42, *row[9:]]),
        lambda text: _damage_rows(json.loads(text), lambda row: [*row[:10], [["DS001"]], row[11]]),
        lambda text: _damage_rows(json.loads(text), lambda row: [*row[:11], None]),
        lambda text: _damage_rows(json.loads(text), lambda row: [*row[:11], [[["DS001", "x", "fehler"]], []]]),
        lambda text: _damage_rows(
            json.loads(text), lambda row: [*row[:11], [[["DS099", "x", "nie", "", [], 1, 1, 0]], []]]
        ),
        lambda text: _damage_rows(json.loads(text), lambda row: [*row[:11], [[], "x"]]),
        lambda text: _damage_rows(json.loads(text), lambda row: [*row[:11], [[]]]),
    ],
    ids=[
        "not-json",
        "empty",
        "truncated",
        "other-format",
        "foreign-key",
        "bad-time",
        "bad-files",
        "short-rows",
        "bad-id",
        "bad-finding",
        "no-cross-file-findings",
        "short-cross-file-finding",
        "bad-severity",
        "bad-dependencies",
        "short-cross-file-entry",
    ],
)
def test_a_damaged_or_foreign_index_is_ignored(cli, cache_dir, example_copy, monkeypatch, trust_at_once, damage):
    monkeypatch.chdir(example_copy)
    (example_copy / "steckbriefe" / "DD-04.yaml").write_text("id: DD-04\n", encoding="utf-8")  # findings to keep
    clean = same_as_without_cache(cli)
    [index] = index_files(cache_dir)
    index.write_text(damage(index.read_text(encoding="utf-8")), encoding="utf-8")
    assert cli("validate", "--format", "json").out == clean
    rewritten = json.loads(index.read_text(encoding="utf-8"))
    assert rewritten["format"] == 1 and len(rewritten["files"]) == N + 5


def test_the_index_is_bounded_with_the_cache(cli, cache_dir, example_copy, monkeypatch):
    monkeypatch.chdir(example_copy)
    cli("validate")
    assert index_files(cache_dir)
    monkeypatch.setattr(cache, "MAX_BYTES", 0)
    (cache_dir / "v1" / ".pruned").unlink()
    active = cache.active()
    assert active is not None
    active.prune()
    assert index_files(cache_dir) == []


def _validate_repeatedly(args) -> list[int]:
    root, n = args
    os.chdir(root)
    cache.reset()
    return [len(incremental.validate(Path(root))[0]) for _ in range(n)]


def test_concurrent_runs_leave_a_whole_index(cache_dir, example_copy, monkeypatch):
    (example_copy / "steckbriefe" / "DD-04.yaml").write_text("id: DD-04\n", encoding="utf-8")
    with multiprocessing.get_context("fork").Pool(2) as pool:
        counts = pool.map(_validate_repeatedly, [(str(example_copy), 5)] * 4)
    assert len({n for run in counts for n in run}) == 1 and counts[0][0] > 0
    [index] = index_files(cache_dir)
    assert json.loads(index.read_text(encoding="utf-8"))["format"] == 1
    assert not list(cache_dir.glob("v1/projekte/.tmp-*"))


def test_discover_finds_what_rglob_finds(example_copy, monkeypatch):
    """One scandir per folder finds the same files as ``rglob("*.yaml")`` with ``is_file``, shown the same."""
    from digistrat.loading.project import SourceFile, discover, display_path

    sb = example_copy / "steckbriefe"
    (sb / "unter" / "tiefer").mkdir(parents=True)
    (sb / "unter" / "tiefer" / "XX-01.yaml").write_text("id: XX-01\n", encoding="utf-8")
    (sb / ".versteckt.yaml").write_text("id: x\n", encoding="utf-8")
    (sb / "ordner.yaml").mkdir()
    (sb / "ordner.yaml" / "YY-01.yaml").write_text("id: YY-01\n", encoding="utf-8")
    (sb / "datei-link.yaml").symlink_to(sb / "DD-01.yaml")
    (sb / "ordner-link").symlink_to(sb / "unter")
    (sb / "ins-leere.yaml").symlink_to(sb / "gibt-es-nicht.yaml")
    os.mkfifo(sb / "fifo.yaml")
    (sb / "DD-99.yml").write_text("id: DD-99\n", encoding="utf-8")
    for cwd in (example_copy, sb, sb / "unter", example_copy.parent, Path("/")):
        monkeypatch.chdir(cwd)
        found = sorted(sb.rglob("*.yaml"), key=lambda q: q.relative_to(example_copy).as_posix())
        expected = [
            SourceFile(p, p.relative_to(example_copy).as_posix(), display_path(p), "steckbrief")
            for p in found
            if p.is_file()
        ]
        assert [f for f in discover(example_copy) if f.kind == "steckbrief"] == expected
        assert len(expected) == 22 + 4
