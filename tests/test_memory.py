"""Memory of large projects (issue 14, item 6): the leaner paths give the same results.

The savings themselves are measured in benchmarks/ (``speicher`` group); these tests pin down
that dropping texts and node trees early changes no finding and no position.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digistrat.findings import Finding, Severity
from digistrat.linting import lint
from digistrat.loading import cache, reader
from digistrat.loading.positions import locate
from digistrat.loading.project import discover, display_path
from digistrat.validation import check

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DATA = Path(__file__).parent / "data"


def _probe(file: str, path: tuple, at_key: bool = False) -> Finding:
    return Finding("DS999", "probe", Severity.HINWEIS, "", file, path, at_key=at_key)


def test_locate_takes_file_by_file_and_keeps_the_order(example_copy):
    files = [s for s in discover(example_copy) if s.kind == "steckbrief"][:4]
    texts = {s.display: s.path.read_text(encoding="utf-8") for s in files}
    paths = [("titel",), ("kosten", 1, "betrag"), ("beteiligte", 2), ("kosten",), ("gibt", "es", "nicht")]
    # interleaved: every file's findings are spread over the whole list
    probes = [_probe(s.display, p, at_key=i % 2 == 1) for i, p in enumerate(paths) for s in files]
    probes.insert(3, _probe("nicht-da.yaml", ("titel",)))  # a file without text stays unlocated
    together = locate(probes, texts)
    one_by_one = [locate([p], texts)[0] for p in probes]
    assert together == one_by_one
    assert [(f.file, f.path) for f in together] == [(p.file, p.path) for p in probes]
    assert together[3].line is None
    assert all(f.line is not None for i, f in enumerate(together) if i != 3)


def test_a_text_read_again_is_not_kept(example_copy):
    results = [reader.read_one(s, keep_text=False) for s in discover(example_copy)]
    texts = reader.LazyTexts(results)
    name = next(r.source.display for r in results if r.source.kind == "steckbrief")
    first = texts[name]
    assert first.startswith("id: DD-01")
    assert texts[name] == first
    assert repr(texts) == f"LazyTexts({len(results)} files, 0 kept)"


def test_lint_in_one_process_without_texts_finds_the_same(example_copy, monkeypatch):
    """A project at the fan-out threshold read in one process (``--jobs 1``) keeps no clean texts; the
    rules that scan raw texts (placeholders, inline comments) and the positions read them again."""
    sb = example_copy / "steckbriefe" / "DD-03.yaml"
    sb.write_text(
        sb.read_text(encoding="utf-8").replace("kurzbeschreibung: ", "kurzbeschreibung: TODO ", 1)
        + "# digistrat: disable-file=sachstand-veraltet\n",
        encoding="utf-8",
    )
    expected = lint(example_copy)
    assert {f.code for f in expected} >= {"DS118"}
    monkeypatch.setattr(reader, "PARALLEL_THRESHOLD", 1)
    from digistrat.linting import LintOptions

    assert lint(example_copy, LintOptions(jobs=1)) == expected
    assert lint(example_copy, LintOptions(jobs=2)) == expected


def test_lint_reads_every_file_once(example_copy, monkeypatch):
    """The rules that scan every file's text (placeholders) and the inline comments decode the bytes
    kept from the first reading (``keep_raw``), a large project's files are not read again."""
    sb = example_copy / "steckbriefe" / "DD-03.yaml"
    sb.write_text(sb.read_text(encoding="utf-8").replace("kurzbeschreibung: ", "kurzbeschreibung: TODO ", 1))
    monkeypatch.setattr(reader, "PARALLEL_THRESHOLD", 1)  # texts dropped as in a large project
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def counted(self):
        reads.append(self.name)
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    from digistrat.linting import LintOptions

    found = lint(example_copy, LintOptions(jobs=1))
    assert [(f.code, f.file, f.line) for f in found if f.code == "DS118"] == [
        ("DS118", display_path(sb), 8)
    ]  # found in the kept bytes, and located in them
    yaml_reads = [name for name in reads if name.endswith(".yaml")]
    assert len(yaml_reads) == len(set(yaml_reads)) == len(list(discover(example_copy)))


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(
    "project",
    [EXAMPLES / "dithmarschen", EXAMPLES / "broken", DATA / "tippfehler-steckbrief", DATA / "reporter-projekt"],
)
def test_released_data_gives_the_same_findings_and_model(project, jobs, monkeypatch):
    """lint, budget and render release each Steckbrief's plain data once its model is built."""
    monkeypatch.setattr(reader, "PARALLEL_THRESHOLD", 1)  # workers even for a small project
    kept = check(project, jobs=jobs)
    lean = check(project, jobs=jobs, keep_data=False)
    assert lean.findings == kept.findings
    assert [(r.source, r.valid, r.findings) for r in lean.files] == [
        (r.source, r.valid, r.findings) for r in kept.files
    ]
    if kept.project is None:
        assert lean.project is None
        return
    assert lean.project is not None
    for part in ("strategie", "partner", "agenda", "steckbriefe", "programme", "config"):
        assert getattr(lean.project, part) == getattr(kept.project, part)
    steckbriefe = [r for r in lean.files if r.source.kind == "steckbrief"]
    assert steckbriefe and all(r.data is None and r.released for r in steckbriefe if r.valid)
    assert all(r.data is not None for r in kept.files if r.valid)


def test_without_accelerators_workers_start_at_fewer_files(monkeypatch):
    """The card-only path validates in Python (2.3x the work per file): its workers pay earlier."""
    monkeypatch.delenv("DIGISTRAT_NO_ACCEL", raising=False)
    assert reader._parallel_threshold() == reader.PARALLEL_THRESHOLD == 200
    monkeypatch.setenv("DIGISTRAT_NO_ACCEL", "1")
    assert reader._parallel_threshold() == reader.PARALLEL_THRESHOLD_CARD_ONLY == 100


@pytest.mark.parametrize(
    "project", [EXAMPLES / "invalid" / name for name in ("datum-deutsch", "tausenderpunkt", "unbekannter-schluessel")]
)
def test_without_accelerators_workers_find_the_same(project, monkeypatch):
    """Findings and positions of the card-only path are the same read by workers and in one process."""
    monkeypatch.setenv("DIGISTRAT_NO_ACCEL", "1")
    monkeypatch.setenv("DIGISTRAT_NO_CACHE", "1")  # both read the files (no result read back from the cache)
    cache.reset()
    monkeypatch.setattr(reader, "PARALLEL_THRESHOLD_CARD_ONLY", 1)
    serial = check(project, jobs=1, model=False)
    workers = check(project, jobs=2, model=False)
    assert serial.findings and workers.findings == serial.findings
    assert all(f.line is not None for f in workers.findings if f.file.endswith(".yaml"))


def test_a_dependency_on_a_later_steckbrief_is_known_and_an_unknown_one_reported(example_copy):
    first = example_copy / "steckbriefe" / "DD-01.yaml"
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("zeitraum:", "abhaengigkeiten: [DD-22, DD-99]\nzeitraum:", 1), encoding="utf-8")
    findings = check(example_copy, keep_data=False).findings
    assert [(f.code, f.file, f.path) for f in findings if f.code == "DS023"] == [
        ("DS023", display_path(first), ("abhaengigkeiten", 1))
    ]


def test_short_texts_are_one_object_across_files_and_the_table_is_bounded(monkeypatch):
    from digistrat.loading import nodes
    from digistrat.loading.yamlparse import load_mapping

    long = "x" * (nodes.SHARED_LENGTH + 1)
    one, _ = load_mapping(f"status: in-umsetzung\nrolle: 'Projektleitung'\nnotiz: {long}\n".encode())
    two, _ = load_mapping(f"status: in-umsetzung\nrolle: Projektleitung\nnotiz: {long}\n".encode())
    assert one == two
    assert one["status"] is two["status"] and one["rolle"] is two["rolle"]
    assert one["notiz"] is not two["notiz"]  # long texts are rarely repeated: not kept
    monkeypatch.setattr(nodes, "_shared_texts", {})
    monkeypatch.setattr(nodes, "_SHARED_MAX", 3)
    for i in range(10):
        load_mapping(f"a{i}: b{i}\n".encode())
        assert len(nodes._shared_texts) <= 3


def test_a_rollup_without_splits_has_the_same_figures():
    from digistrat.budget import compute_rollup
    from digistrat.validation import load_project

    project = load_project(EXAMPLES / "dithmarschen")
    for nur_bewilligt in (False, True):
        full = compute_rollup(project, nur_bewilligt)
        lean = compute_rollup(project, nur_bewilligt, splits=False)
        assert lean.lines == full.lines
        assert lean.gesamt() == full.gesamt()
        for dimension in ("partner", "steckbrief", "programm"):
            assert lean.group(dimension) == full.group(dimension)
        sb = next(s for s in project.steckbriefe if s.kosten and s.foerderung)
        assert lean.foerderung_betrag(sb.id, 0) == full.foerderung_betrag(sb.id, 0)
        with pytest.raises(ValueError):
            lean.kosten_anteile(sb.id, 0)
        with pytest.raises(ValueError):
            lean.foerderung_anteile(sb.id, 0)


def test_lint_checks_one_project_after_the_other(monkeypatch):
    """Several projects on one command line: each is checked when the one before it is linted, so
    their models and file bytes are never all held at once; the report is the same as one by one."""
    from digistrat import validation
    from digistrat.linting import lint_paths

    projects = [EXAMPLES / "dithmarschen", EXAMPLES / "broken"]
    expected = [f for p in projects for f in lint_paths([p]).report.findings]
    order: list[str] = []
    check, lint_result = validation.check, lint_paths.__globals__["lint_result"]
    monkeypatch.setattr(validation, "check", lambda root, **kw: order.append(f"check {root.name}") or check(root, **kw))
    monkeypatch.setitem(
        lint_paths.__globals__,
        "lint_result",
        lambda r, *a: order.append(f"lint {r.root.name}") or lint_result(r, *a),
    )
    outcome = lint_paths(projects)
    assert order == ["check dithmarschen", "lint dithmarschen", "check broken", "lint broken"]
    assert outcome.report.findings == expected
