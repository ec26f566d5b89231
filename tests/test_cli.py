"""The command line on the real seed articles, as a user runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.cli import main

from .conftest import SEEDS


@pytest.mark.slow
def test_build_prints_a_summary_and_writes_the_graph(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--articles", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "from 5 articles" in result.output
    assert "SHACL: conforms" in result.output
    assert (out / "graph.trig").is_file()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == 5 and summary["conforms"] is True


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for command in ["build", "validate", "query", "export"]:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, command


@pytest.mark.parametrize("engine, how", [([], "with the shapes as SPARQL on Oxigraph ("),
                                         (["--engine", "pyshacl"], "with pyshacl (")])
def test_validate_conforms_on_the_seed_build(seed_graph: Path, runner: CliRunner, engine: list[str], how: str) -> None:
    result = runner.invoke(main, ["validate", "--graph", str(seed_graph), *engine])
    assert result.exit_code == 0, result.output
    assert "Conforms" in result.output and how in result.output


def test_query_list_names_every_stored_query(runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    for name in ["officials", "visits", "meetings", "agreements", "organisations", "relations",
                 "trade", "conflicts", "visits_by_year", "person_timeline", "agreements_by_status"]:
        assert name in result.output


def test_query_json_is_sparql_results_json(seed_graph: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "relations", "--graph", str(seed_graph), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["head"]["vars"][:3] == ["relation", "stateA", "stateB"]
    pairs = {(b["stateA"]["value"], b["stateB"]["value"], b["established"]["value"]) for b in data["results"]["bindings"]}
    assert ("KG", "VN", "1992-06-04") in pairs and ("KZ", "VN", "1992-06-29") in pairs


def test_query_formats(seed_graph: Path, runner: CliRunner) -> None:
    for fmt, marker in [("csv", "stateA,stateB"), ("tsv", "stateA\tstateB"), ("markdown", "| relation |"),
                        ("table", "rows)")]:
        result = runner.invoke(main, ["query", "relations", "--graph", str(seed_graph), "--format", fmt])
        assert result.exit_code == 0 and marker in result.output, (fmt, result.output)


def test_query_with_a_parameter(seed_graph: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "person_timeline", "--graph", str(seed_graph),
                                  "--param", "name=Tokayev", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Kassym-Jomart Tokayev" in result.output
    assert "2023-08-20" in result.output


def test_unknown_query_and_missing_graph_are_clear_errors(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "nonexistent", "--graph", str(tmp_path)])
    assert result.exit_code == 2
    assert "no stored query named 'nonexistent'" in result.output
    result = runner.invoke(main, ["query", "visits", "--graph", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert "run 'kg build' first" in result.output


def test_export_turtle_parses_back_to_the_same_graph(seed_graph: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "kg.ttl"
    result = runner.invoke(main, ["export", "--graph", str(seed_graph), "--format", "turtle", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = Graph().parse(out, format="turtle")
    ds = Dataset()
    ds.parse(seed_graph / "graph.trig", format="trig")
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert len(exported) == len(merged)
    assert isomorphic(exported, merged)


def test_export_parts_keep_asserted_and_inferred_apart(seed_graph: Path, tmp_path: Path, runner: CliRunner) -> None:
    sizes = {}
    for part in ["asserted", "inferred", "both"]:
        out = tmp_path / f"{part}.nt"
        result = runner.invoke(main, ["export", "--graph", str(seed_graph), "--format", "nt", "--part", part, "-o", str(out)])
        assert result.exit_code == 0, result.output
        sizes[part] = len(Graph().parse(out, format="nt"))
    assert sizes["inferred"] > 0 and sizes["asserted"] > sizes["inferred"] / 10
    assert sizes["both"] <= sizes["asserted"] + sizes["inferred"]
    trig = tmp_path / "all.trig"
    runner.invoke(main, ["export", "--graph", str(seed_graph), "--format", "trig", "-o", str(trig)])
    ds = Dataset()
    ds.parse(trig, format="trig")
    names = {str(g.identifier) for g in ds.graphs()}
    assert "https://w3id.org/vn-diplomacy/id/graph/inferred" in names
    assert "https://w3id.org/vn-diplomacy/id/article/000_e912ec60c3322451" in names


def test_every_export_format_holds_the_graph_the_build_wrote(seed_graph: Path, tmp_path: Path,
                                                            runner: CliRunner) -> None:
    import pyoxigraph as ox

    def quads(path: Path, fmt: ox.RdfFormat) -> set[tuple[str, ...]]:
        return {tuple(map(str, (q.subject, q.predicate, q.object, q.graph_name))) for q in ox.parse(path=str(path), format=fmt)}

    whole = quads(seed_graph / "graph.trig", ox.RdfFormat.TRIG)
    inferred = {q for q in whole if q[3] == "<https://w3id.org/vn-diplomacy/id/graph/inferred>"}
    assert inferred and len(inferred) < len(whole)
    files = {}
    for fmt, part in (("trig", "both"), ("trig", "asserted"), ("trig", "inferred"), ("nquads", "both"),
                      ("jsonld", "both"), ("jsonld", "inferred")):
        out = tmp_path / f"{part}.{fmt}"
        result = runner.invoke(main, ["export", "--graph", str(seed_graph), "--format", fmt, "--part", part, "-o", str(out)])
        assert result.exit_code == 0, result.output
        files[fmt, part] = out
    assert files["trig", "both"].read_bytes() == (seed_graph / "graph.trig").read_bytes()
    assert quads(files["trig", "asserted"], ox.RdfFormat.TRIG) == whole - inferred
    assert quads(files["trig", "inferred"], ox.RdfFormat.TRIG) == inferred
    assert quads(files["nquads", "both"], ox.RdfFormat.N_QUADS) == whole
    assert quads(files["jsonld", "both"], ox.RdfFormat.JSON_LD) == whole
    assert quads(files["jsonld", "inferred"], ox.RdfFormat.JSON_LD) == inferred
    again = runner.invoke(main, ["export", "--graph", str(seed_graph), "--format", "nquads"])
    assert again.stdout.encode("utf-8") == files["nquads", "both"].read_bytes()  # the same bytes each time


@pytest.mark.slow
def test_build_with_defaults_from_the_project_folder(tmp_path: Path, runner: CliRunner, monkeypatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["build"]).exit_code == 0
    result = runner.invoke(main, ["query", "trade", "--format", "csv"])
    assert result.exit_code == 0
    assert "13500000" in result.output


def test_evidence_takes_the_fact_as_its_short_form_or_its_iri(seed_graph: Path, runner: CliRunner) -> None:
    short = "visit/kassym-jomart-tokayev-vn-2023"
    full = f"https://w3id.org/vn-diplomacy/id/{short}"
    outputs = []
    for value in (short, f"<{full}>", full):
        result = runner.invoke(main, ["query", "evidence", "--graph", str(seed_graph), "--param", f"fact={value}",
                                      "--format", "csv", "--fresh"])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1] == outputs[2]
    rows = outputs[0].splitlines()
    assert len(rows) > 3 and all(row.endswith(full) for row in rows[1:])
    none = runner.invoke(main, ["query", "evidence", "--graph", str(seed_graph), "--param", "fact=visit/nobody"])
    assert none.exit_code == 0 and "(0 rows)" in none.output
    bad = runner.invoke(main, ["query", "evidence", "--graph", str(seed_graph), "--param", "fact=a b"])
    assert bad.exit_code == 2 and "bad IRI parameter" in bad.output


def test_query_names_the_parameters_and_guesses_a_mistyped_name(seed_graph: Path, runner: CliRunner) -> None:
    missing = runner.invoke(main, ["query", "person", "--graph", str(seed_graph)])
    assert missing.exit_code == 2
    assert "kg: error: query 'person' needs name (parameters name (required))" in missing.output
    unknown = runner.invoke(main, ["query", "office_holders", "--graph", str(seed_graph), "--param", "country=KZ"])
    assert unknown.exit_code == 2
    assert "takes parameters state (required), title (optional), on (optional), not country" in unknown.output
    typo = runner.invoke(main, ["query", "visit", "--graph", str(seed_graph)])
    assert typo.exit_code == 2 and "did you mean 'visits'" in typo.output


def test_a_cut_cell_of_the_table_ends_with_an_ellipsis(seed_graph: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["query", "person", "--graph", str(seed_graph), "--param", "name=Tokayev"])
    assert result.exit_code == 0, result.output
    cut = [line for line in result.output.splitlines() if "Nhận lời mời của Chủ tịch" in line]
    assert cut and all("…" in line for line in cut)
