"""docs/format.md is generated from the schemas and must be current (like docs/cli.md)."""

from conftest import ROOT

from digistrat.authoring.reference import generate, rows
from digistrat.loading.schema import KINDS, load_schema


def test_format_reference_is_current():
    actual = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert actual == generate(), "docs/format.md ist veraltet: python -m digistrat.authoring.reference > docs/format.md"


def _schema_keys(schema: dict, node: dict, prefix: str, out: set) -> None:
    """Every property path of a schema, written like the reference (kosten[].betrag)."""

    def resolve(n):
        while "$ref" in n:
            target = schema
            for part in n["$ref"][2:].split("/"):
                target = target[part]
            n = {**target, **{k: v for k, v in n.items() if k != "$ref"}}
        return n

    for key, prop in node.get("properties", {}).items():
        path = f"{prefix}{key}"
        out.add(path)
        sub = resolve(prop)
        if "properties" in sub:
            _schema_keys(schema, sub, f"{path}.", out)
        items = resolve(sub.get("items", {})) if sub.get("type") == "array" else {}
        if "properties" in items:
            _schema_keys(schema, items, f"{path}[].", out)


def test_every_key_of_every_schema_is_in_the_reference():
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for kind in KINDS:
        expected: set = set()
        schema = load_schema(kind)
        _schema_keys(schema, schema, "", expected)
        documented = {r.key for r in rows(kind)}
        assert expected <= documented, (kind, expected - documented)
        for key in expected:
            assert f"| `{key}` |" in text, key


def test_rows_read_type_allowed_values_and_default():
    by_key = {r.key: r for r in rows("steckbrief")}
    assert (by_key["kosten[].betrag"].typ, by_key["kosten[].betrag"].werte) == (
        "Betrag (Euro)",
        "≥ 0, höchstens 2 Nachkommastellen",
    )
    assert by_key["status"].werte.startswith("`idee`, `geplant`")
    assert by_key["status"].pflicht and not by_key["typ"].pflicht
    assert by_key["personal[].stelle"].standard == "`neu`"
    assert by_key["kosten[].aufteilung.anteile.<Kennung>"].typ == "Prozent"
    assert {r.key: r.standard for r in rows("partner")}["partner[].personal[].stelle"] == "`vorhanden`"


def test_nothing_refers_to_the_design_folder_outside_the_repository():
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    this = "tests/test_format_reference.py"
    for name in tracked:
        path = ROOT / name
        if name == this or not path.is_file() or path.suffix in (".png", ".pdf", ".xlsx", ".woff2"):
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert "../shared" not in text and "shared/design" not in text, name
