"""Stage 7, querying: a stored query (``queries/NAME.rq``) or a ``.rq`` file, and parameters,
in; a :class:`QueryResult` out, printable as a table, CSV, TSV, JSON or Markdown.

Only read queries run. Parameters are bound as RDF terms, never pasted into the query text as
the user typed them: each is written in as the one term Oxigraph serialises it to, where the
query reads it (:func:`with_constants`), or given as a SEP-0007 substitution where a constant
cannot stand. A query name is looked up among the stored queries, never joined into a path.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError
from ..resources import queries_dir
from ..vocab import KGID, search_key
from .query_screen import check_read_only
from .store import default_is_union

FORMATS = ("table", "csv", "tsv", "json", "markdown")
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
_HEADER = re.compile(r"^#\s*(title|answers|param|params|example)\s*:\s*(.*)$", re.I)
# GROUP_CONCAT(DISTINCT STR(?t); separator="; ") AS ?title: its argument (one level of brackets
# inside), its separator and the column it makes.
_CONCAT = re.compile(r"GROUP_CONCAT\s*\((?P<body>(?:[^()]|\([^()]*\))*)\)\s*AS\s*[?$](?P<column>\w+)", re.I)
_SEPARATOR = re.compile(r""";\s*separator\s*=\s*(?:"(?P<double>[^"\\]*)"|'(?P<single>[^'\\]*)')\s*$""", re.I)


@dataclass(frozen=True)
class StoredQuery:
    name: str
    path: Path
    title: str
    answers: str
    params: tuple[tuple[str, str], ...]  # (name, description)
    text: str
    iri_params: frozenset[str] = frozenset()  # parameters that name a node of the graph
    optional_params: frozenset[str] = frozenset()  # the others must be given

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(p for p, _ in self.params if p not in self.optional_params)


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...], ...]


def parse_stored(path: Path, name: str | None = None) -> StoredQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read query file {path}: {exc}") from None
    title, answers, params, iris, optional = "", "", [], set(), set()
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.lstrip().startswith("#"):
                break
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "answers":
            answers = value
        elif key in ("param", "params") and value.lower() != "none":
            pname, _, desc = value.partition(" ")
            pname, desc = pname.lstrip("?"), desc.strip(" -—")
            if desc.startswith(IRI_PARAM):
                iris.add(pname)
            if desc.lower().startswith(OPTIONAL_PARAM):
                optional.add(pname)
            params.append((pname, desc))
    return StoredQuery(name or path.stem, path, title, answers, tuple(params), text, frozenset(iris),
                       frozenset(optional))


def stored_queries() -> dict[str, StoredQuery]:
    return {p.stem: parse_stored(p) for p in sorted(queries_dir().glob("*.rq"))}


def _did_you_mean(name: str, names: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def find_query(name_or_file: str) -> StoredQuery:
    """A stored query by name, or a query file given by its path (ending in .rq)."""
    if name_or_file.endswith(".rq") and ("/" in name_or_file or Path(name_or_file).is_file()):
        path = Path(name_or_file)
        if not path.is_file():
            raise QueryError(f"no query file {name_or_file}")
        return parse_stored(path)
    if not _NAME.match(name_or_file):
        raise QueryError(
            f"{name_or_file!r} is not a stored query name (letters, digits, '-' and '_'); "
            "see 'kg query --list'"
        )
    queries = stored_queries()
    if name_or_file not in queries:
        raise QueryError(f"no stored query named {name_or_file!r}{_did_you_mean(name_or_file, list(queries))}"
                         "; see 'kg query --list'")
    return queries[name_or_file]


# A parameter whose description starts with this names a node: ``<IRI>``, ``https://...``, or
# its path under the graph's base (``visit/kassym-jomart-tokayev-vn-2023``).
IRI_PARAM = "<IRI>"
# A parameter whose description starts with this may be left out (its variable stays unbound).
OPTIONAL_PARAM = "(optional)"
# ``?NAME_key`` in a query reads parameter NAME as a search matches it (kg.vocab.search_key:
# case, tone marks and transliteration variants folded), to compare with ``dip:searchKey``; such
# a query is given the key only (``?NAME`` stays free, for a column of that name).
KEY_SUFFIX = "_key"


def _node(value: str) -> ox.NamedNode:
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif not re.match(r"^https?://", value):
        value = str(KGID) + value.lstrip("/")
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"bad IRI parameter <{value}>: {exc}") from None


def _term(value: str) -> ox.NamedNode | ox.Literal:
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as exc:
            raise QueryError(f"bad IRI parameter {value}: {exc}") from None
    return ox.Literal(value)


Bindings = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


def query_bindings(query: StoredQuery, params: dict[str, str] | None = None) -> Bindings:
    """The parameters of a query as RDF terms, checked against the ones it declares."""
    params = params or {}
    declared = [p for p, _ in query.params]
    unknown = set(params) - set(declared)
    if unknown and declared:
        raise QueryError(f"query {query.name!r} takes {_param_list(query)}, not {', '.join(sorted(unknown))}")
    if unknown and query.path.parent == queries_dir():
        raise QueryError(f"query {query.name!r} takes no parameters, not {', '.join(sorted(unknown))}")
    missing = [p for p in query.required if p not in params]
    if missing:
        raise QueryError(f"query {query.name!r} needs {', '.join(missing)} ({_param_list(query)}); "
                         f"e.g. --param {missing[0]}=VALUE")
    bindings: Bindings = {}
    for k, v in params.items():
        if not re.fullmatch(r"\w+", k):
            continue
        key = f"{k}{KEY_SUFFIX}"
        if k not in query.iri_params and re.search(rf"[?$]{key}\b", query.text):
            bindings[ox.Variable(key)] = ox.Literal(search_key(v))  # read as its key only
        else:
            bindings[ox.Variable(k)] = _node(v) if k in query.iri_params else _term(v)
    return bindings


def _param_list(query: StoredQuery) -> str:
    """'parameters name (required), on (optional)'."""
    return "parameters " + ", ".join(
        f"{p} ({'optional' if p in query.optional_params else 'required'})" for p, _ in query.params)


# A SPARQL query read just enough to find its groups: comments, strings and IRIs are skipped
# whole, so a brace or a keyword inside them never counts.
TOKEN = re.compile(r'''
    (?P<skip>\#[^\n]*
      | """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
      | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_:][\w\-.:]*)
  | (?P<open>\{) | (?P<close>\})
  | (?P<other>\S)
''', re.X | re.S)


def with_constants(text: str, bindings: Bindings) -> str | None:
    """The query with each parameter written as the constant it is bound to, wherever its
    WHERE group reads it, and bound to its variable at the end of that group (for the select
    clause and the solution modifiers): ``... FILTER(CONTAINS(?label, "Tokayev")) ...
    BIND("Tokayev" AS ?name) }``. None when a parameter is used where a constant cannot stand
    (a sub-query's select clause, VALUES, AS) or the query is not a SELECT or ASK.

    Oxigraph plans a query around its constants, not around substituted values: with the name
    written in, ``person_timeline`` takes 0.2 s on 10,000 articles instead of 11 s.
    Terms are written by Oxigraph (N-Triples syntax, quotes escaped), so a value never ends
    up as anything but one term.
    """
    if not bindings:
        return text
    terms = {var.value: str(term) for var, term in bindings.items()}
    pieces: list[str] = []
    done, depth, where_end = 0, 0, -1
    form, in_select, in_values, last_word = "", False, False, ""
    seen: set[str] = set()
    for m in TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group()
        word = value.upper() if kind == "word" else ""
        if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form, in_select = form or word, word == "SELECT"
        elif word == "WHERE":
            in_select = False
        elif word == "VALUES":
            in_values = True
        elif kind == "open":
            in_select = in_values = False
            depth += 1
        elif kind == "close" and depth:
            depth -= 1
            if depth == 0 and where_end < 0:
                where_end = m.start()
        elif kind == "var" and value[1:] in terms:
            seen.add(value[1:])
            if depth and where_end < 0:  # read inside the WHERE group
                if in_select or in_values or last_word == "AS":
                    return None
                pieces.append(text[done:m.start()] + terms[value[1:]])
                done = m.end()
        if kind != "skip":
            last_word = word
    if form not in ("SELECT", "ASK") or where_end < 0:
        return None
    binds = "".join(f"  BIND({terms[name]} AS ?{name})  # kg: parameter\n" for name in sorted(seen))
    pieces.append(text[done:where_end] + binds + text[where_end:])
    return "".join(pieces)


def bind_parameters(query: StoredQuery, params: dict[str, str] | None = None,
                    substitutions: bool = True) -> tuple[str, Bindings]:
    """The one way kg binds a query's parameters: the text to run and the SEP-0007
    substitutions to run it with, each parameter an RDF term (:func:`query_bindings`).

    Each parameter is written in as the constant it is bound to (:func:`with_constants`: what
    Oxigraph plans best around). Where a constant cannot stand, it is left to a substitution;
    or, for a store that takes none (``substitutions=False``: a remote endpoint over HTTP),
    given in a VALUES block opening the WHERE group (:func:`bind_values`). Only read queries
    pass, before and after."""
    check_read_only(query.text)
    bindings = query_bindings(query, params)
    text = with_constants(query.text, bindings)
    if text is None:
        if substitutions:
            return query.text, bindings
        text = bind_values(query.text, bindings)
    check_read_only(text)
    return text, {}


@dataclass(frozen=True)
class _Group:
    start: int          # offset of its '{'
    after: str          # the word before it: EXISTS, OPTIONAL, ... or ''
    subquery: bool = False


def _where_start(text: str, params: set[str]) -> tuple[int, set[str]]:
    """The offset of the '{' opening a SELECT or ASK query's WHERE group, and which of
    ``params`` the query uses; a QueryError when one is used where VALUES would not bind it."""
    form, where, last_word = "", -1, ""
    stack: list[_Group] = []
    used: set[str] = set()
    for m in TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind == "word" and not stack and not form and value.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form = value.upper()
        elif kind == "word" and stack and value.upper() == "SELECT":
            stack[-1] = _Group(stack[-1].start, stack[-1].after, subquery=True)
        elif kind == "open":
            if where < 0 and form:
                where = m.start()
            stack.append(_Group(m.start(), last_word.upper()))
        elif kind == "close" and stack:
            stack.pop()
        elif kind == "var" and value[1:] in params:
            used.add(value[1:])
            if not _binds_like_substitution(stack):
                raise QueryError(
                    f"parameter {value} is used in a sub-query or nested group; a remote endpoint "
                    "cannot bind it the way the local store does (run the query locally)"
                )
        if kind != "skip":
            last_word = value if kind in ("word", "other") else ""
    if form not in ("SELECT", "ASK") or where < 0:
        raise QueryError("parameters can be sent to a remote endpoint only in SELECT and ASK queries")
    return where, used


def _binds_like_substitution(stack: list[_Group]) -> bool:
    """A variable bound by a VALUES block at the start of the WHERE group has the parameter's
    value where it is read: in the WHERE group itself, the select clause and the solution
    modifiers, and in a FILTER (NOT) EXISTS, which sees the bindings of its group."""
    if any(g.subquery for g in stack):
        return False
    return len(stack) <= 1 or stack[1].after == "EXISTS"


def bind_values(text: str, bindings: Bindings) -> str:
    """The query with its parameters in a VALUES block opening the WHERE group:
    ``SELECT ?p WHERE { VALUES (?name) { ("Tokayev") } ?p skos:prefLabel ?name }``."""
    if not bindings:
        return text
    names = {var.value for var in bindings}
    where, used = _where_start(text, names)
    bound = [(var, term) for var, term in bindings.items() if var.value in used]
    if not bound:
        return text
    variables = " ".join(str(var) for var, _ in bound)
    terms = " ".join(str(term) for _, term in bound)
    block = f"\n  VALUES ({variables}) {{ ({terms}) }}  # kg: parameters\n"
    return text[: where + 1] + block + text[where + 1:]


def run_query(store: ox.Store, query: StoredQuery, params: dict[str, str] | None = None) -> QueryResult:
    """Run a SELECT (or ASK) query with its parameters bound as RDF terms
    (:func:`bind_parameters`)."""
    text, substitutions = bind_parameters(query, params)
    try:
        result = store.query(text, use_default_graph_as_union=default_is_union(store),
                             substitutions=substitutions)
    except SyntaxError as exc:
        raise QueryError(f"query {query.name!r} is not valid SPARQL: {exc}") from None
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query {query.name!r} failed: {exc}") from None
    try:  # an answer is worked out as it is read: an error may come with any row
        return result_of(query, result)
    except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
        raise QueryError(f"query {query.name!r} failed while its answer was read: {exc}") from None


def list_columns(text: str) -> dict[str, str]:
    """The columns a query makes with ``GROUP_CONCAT``, and the separator of each."""
    lists = {}
    for m in _CONCAT.finditer(text):
        sep = _SEPARATOR.search(m.group("body"))
        lists[m.group("column")] = " " if sep is None else sep.group("double") or sep.group("single") or ""
    return lists


def _sorted_list(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, sep: str
                 ) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    if not isinstance(term, ox.Literal) or not sep:
        return term
    text = sep.join(sorted(term.value.split(sep)))
    return ox.Literal(text, language=term.language) if term.language else ox.Literal(text, datatype=term.datatype)


def result_of(query: StoredQuery, result: object) -> QueryResult:
    """A SELECT's solutions (or an ASK's answer) as a QueryResult.

    SPARQL leaves the order of a ``GROUP_CONCAT``'s items to the store (two stores, or one
    store in memory and on disk, give ``"a b"`` and ``"b a"``): they are sorted here, so an
    answer is the same whichever store gives it.
    """
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("result",), ((ox.Literal(str(bool(result)).lower()),),))
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"query {query.name!r} is not a SELECT or ASK query")
    columns = tuple(v.value for v in result.variables)
    lists = {i: sep for i, c in enumerate(columns) for col, sep in list_columns(query.text).items() if c == col}
    # a solution iterates over its values in the order of the variables, None where unbound:
    # one call per row, where a look-up per cell took a third of the time of a wide answer
    if not lists:
        return QueryResult(columns, tuple(tuple(solution) for solution in result))
    rows = []
    for solution in result:
        row = list(solution)
        for i, sep in lists.items():
            row[i] = _sorted_list(row[i], sep)
        rows.append(tuple(row))
    return QueryResult(columns, tuple(rows))


# ---------------------------------------------------------------- formatting

def _plain(term: object) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    assert isinstance(term, ox.Literal)
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _terminal_safe(text: str) -> str:
    """Article text printed to a terminal: no control characters or escape sequences."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def format_result(result: QueryResult, fmt: str) -> str:
    if fmt == "json":
        bindings = [
            {c: _json_term(v) for c, v in zip(result.columns, row) if v is not None}
            for row in result.rows
        ]
        return json.dumps({"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1)
    table = [[_plain(v) for v in row] for row in result.rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(table)
        return buf.getvalue().rstrip("\n")
    if fmt == "markdown":
        def cell(x: str) -> str:
            return _terminal_safe(x).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
        lines += ["| " + " | ".join(cell(_short(x)) for x in row) + " |" for row in table]
        return "\n".join(lines)
    if fmt == "table":
        shown = [[_terminal_safe(_short(x)) for x in row] for row in table]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in shown])) for i, c in enumerate(result.columns)]
        def line(cells: list[str] | tuple[str, ...]) -> str:
            return "  ".join(_cut(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip()
        out = [line(result.columns), line(["-" * w for w in widths])] + [line(r) for r in shown]
        out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
        return "\n".join(out)
    raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _cut(text: str, width: int) -> str:
    """A cell cut to its column's width, ending with "…" where something was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _short(value: str) -> str:
    """IRIs of the graph shortened for reading: .../id/person/le-thi-thu-hang -> person/le-thi-thu-hang."""
    return re.sub(r"^https://w3id\.org/vn-diplomacy/id/", "", value)
