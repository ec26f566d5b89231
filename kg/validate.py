"""Stage 6, validation: a data graph in, a SHACL report (pyshacl) out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef

from .resources import ontology_file, shapes_file


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: int
    warnings: int
    report_graph: Graph
    report_text: str


def load_shapes() -> Graph:
    return Graph().parse(shapes_file(), format="turtle")


def load_ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def validate_graph(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> ValidationResult:
    """Check ``data`` (asserted and inferred triples together) against the shapes.

    Warnings (a completed visit with no known start) are reported but do not fail the check.
    """
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        ont_graph=ontology if ontology is not None else load_ontology(),
        inference="none",
        allow_warnings=True,
        advanced=True,
    )
    sh = "http://www.w3.org/ns/shacl#"
    severities = [str(o) for _, p, o in report if str(p) == sh + "resultSeverity"]
    violations = sum(1 for s in severities if s == sh + "Violation")
    warnings = sum(1 for s in severities if s == sh + "Warning")
    return ValidationResult(bool(conforms), violations, warnings, report, str(text))


@dataclass(frozen=True)
class LocationReport:
    conforms: bool
    violations: int
    warnings: int
    messages: tuple[tuple[str, str, str], ...]  # (severity, focus node, message)

    def summary_text(self) -> str:
        lines = []
        for severity, focus, message in self.messages:
            lines.append(f"{severity:9} {focus}: {message}")
        lines.append(f"{self.violations} violations, {self.warnings} warnings")
        return "\n".join(lines)


def validate_location(location: Path) -> LocationReport:
    """Validate a built graph (asserted and inferred triples together)."""
    from .store import load_dataset

    ds = load_dataset(location)
    data = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    result = validate_graph(data)
    return LocationReport(result.conforms, result.violations, result.warnings, report_messages(result.report_graph))


def report_messages(report: Graph) -> tuple[tuple[str, str, str], ...]:
    sh = "http://www.w3.org/ns/shacl#"
    out = []

    for res in set(report.subjects(URIRef(sh + "resultSeverity"), None)):
        severity = str(report.value(res, URIRef(sh + "resultSeverity"))).rsplit("#", 1)[-1]
        focus = str(report.value(res, URIRef(sh + "focusNode")))
        message = str(report.value(res, URIRef(sh + "resultMessage")) or "")
        out.append((severity, focus, message))
    return tuple(sorted(out))
