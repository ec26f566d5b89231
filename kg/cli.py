"""The ``kg`` command line: a thin layer over the library. Each command checks its arguments,
calls one library function and prints the result.

Exit codes: 0 success; 1 the data does not conform (validate) or some articles were skipped
(build); 2 usage or input error.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .errors import KgError
from .graph.export import EXPORT_FORMATS, PARTS, export
from .network.network import KINDS, LEVELS, NetworkFilter
from .progress import Progress
from .reading.sources import shown
from .storage.answers import answer
from .storage.query import FORMATS, find_query, format_result, stored_queries
from .storage.store import REPORT_FILE

if TYPE_CHECKING:
    from .build import BuildSummary

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_ARTICLES = Path("seeds")
DEFAULT_OUT = Path("build")


class KgGroup(click.Group):
    """Turns library errors into one-line messages and exit code 2; and errors of the system
    (a disk full, a folder not writable, a file that is not RDF), and any other, the same way:
    never a traceback (KG_DEBUG=1 shows it)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KgError as exc:
            message = str(exc)
        except OSError as exc:
            message = _os_error(exc)
        except sqlite3.Error as exc:  # the extraction cache of a build folder
            message = (f"the build's cache cannot be used ({exc}): free some space, or delete the "
                       ".cache folder of the build and run again")
        except SyntaxError as exc:  # Oxigraph's parsers: a file that is not what it should be
            message = f"a file cannot be read as RDF ({exc}); build the graph again with 'kg build'"
        except Exception as exc:
            if os.environ.get("KG_DEBUG"):
                raise
            message = f"unexpected {type(exc).__name__}: {exc} (KG_DEBUG=1 shows where; please report it)"
        click.echo(f"kg: error: {' '.join(message.split())}", err=True)
        ctx.exit(2)


_OS_HINTS = {
    errno.ENOSPC: "free some space, or write elsewhere",
    errno.EFBIG: "the file grew over what this file system or limit allows; write elsewhere",
    errno.EACCES: "no permission: choose a folder you can write to",
    errno.EPERM: "no permission: choose a folder you can write to",
    errno.EROFS: "the file system is read-only: choose another folder",
    errno.EISDIR: "that is a folder: give a file name",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "something is already there: choose another name",
    errno.ENOENT: "no such file or folder",
}


def _os_error(exc: OSError) -> str:
    where = f" ({shown(exc.filename)})" if exc.filename else ""
    hint = _OS_HINTS.get(exc.errno or 0)
    return f"{exc.strerror or exc}{where}" + (f": {hint}" if hint else "")


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """A knowledge graph of Vietnam's diplomacy, read from Vietnamese news articles.

    \b
    Quick start:
      kg build                      # reads seeds/, writes build/
      kg validate                   # SHACL check of the built graph
      kg query visits               # a stored query, as a table
      kg export --format turtle -o graph.ttl
    """


@main.command("build")
@click.option("--articles", type=click.Path(path_type=Path), default=DEFAULT_ARTICLES,
              show_default=True, help="Folder of article .txt files.")
@click.option("--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Folder to write the graph to.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation step.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--follow-links", is_flag=True,
              help="Read articles that are links to files outside the folder (left out by default).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
def build_command(articles: Path, out: Path, no_validate: bool, as_json: bool, follow_links: bool, quiet: bool) -> None:
    """Read articles, extract facts, resolve, reason, validate, write the graph.

    \b
    Example:
      kg build --articles seeds --out build

    Exit code 0 when every article was read, 1 when some were skipped (each is
    listed with the reason), 2 when nothing could be built.
    """
    from .build import build as run_build  # the extractor's imports, for this command only

    summary = run_build(articles, out, validate=not no_validate, follow_links=follow_links,
                        progress=Progress.shown(quiet))
    if as_json:
        click.echo(summary.to_json())
    else:
        click.echo(_summary_text(summary))
    for skipped in summary.skipped:
        click.echo(f"kg: skipped {shown(skipped.path)}: {skipped.reason}", err=True)
    if summary.skipped:
        sys.exit(1)


def _note(message: str) -> None:
    """Tell the user, on stderr, what is taking a while."""
    click.echo(f"kg: {message}", err=True)


def _summary_text(summary: BuildSummary) -> str:
    counts = ", ".join(f"{v} {k}" for k, v in summary.counts.items())
    status = "conforms" if summary.conforms else f"does NOT conform ({summary.violations} violations)"
    lines = [
        f"Built {summary.output} from {summary.articles} articles"
        + (f" ({len(summary.skipped)} skipped)" if summary.skipped else ""),
        f"  {counts}",
        f"  {summary.triples.text()}"
        + (f"; inferred: the OWL RL entailments of {summary.reasoning}" if summary.reasoning else ""),
        f"  SHACL: {status}" + (f", {summary.warnings} warnings" if summary.warnings else "")
        + (f" (checked: {summary.validation})" if summary.validation else ""),
        f"  read from text: {summary.extracted} of {summary.articles} articles (the others from the cache); "
        f"graphs kept as written before: {summary.kept_blocks}",
        "  time: " + ", ".join(f"{k} {v:.2f}s" for k, v in summary.seconds.items()),
    ]
    return "\n".join(lines)


@main.command("validate")
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Build folder (or TriG file) to check.")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="The shapes compiled into SPARQL on Oxigraph, or pyshacl (slower: a second opinion).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
def validate_command(graph: Path, engine: str, quiet: bool) -> None:
    """Check a built graph against ontology/shapes.ttl (SHACL).

    \b
    Examples:
      kg validate --graph build
      kg validate --graph build --engine pyshacl

    Exit code 0 when the graph conforms, 1 when it does not.
    """
    from .graph.validate import validate_location

    result = validate_location(graph, Progress.shown(quiet), engine)
    click.echo(f"kg: checked {result.triples.text()} with {result.how}", err=True)
    if result.conforms:
        click.echo(f"Conforms ({result.warnings} warnings)." if result.warnings else "Conforms.")
    click.echo(result.summary_text())
    if not result.conforms:
        sys.exit(1)


@main.command("query")
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable); values are bound as literals, <...> as IRIs.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Build folder (or TriG file) to query.")
@click.option("--list", "list_queries", is_flag=True, help="List the stored queries.")
@click.option("--endpoint", metavar="URL",
              help="Ask this SPARQL server instead of the built graph (see 'kg push --help').")
@click.option("--fresh", is_flag=True,
              help="Run the query on the store even if the build keeps its answer from an earlier run.")
def query_command(name: str | None, params: tuple[str, ...], fmt: str, graph: Path, list_queries: bool,
                  endpoint: str | None, fresh: bool) -> None:
    """Run a stored query (NAME) or a query file (FILE.rq) on the built graph,
    or on a SPARQL server with --endpoint.

    The build keeps each answer (its graph never changes until the next build), so asking
    again reads the kept answer instead of loading the graph; --fresh asks the store. The
    build writes its store on disk, which every query opens at once instead of loading the
    graph (for a large build written by older code, the first query makes it).

    \b
    Examples:
      kg query --list
      kg query visits
      kg query person_timeline --param name="Lê Thị Thu Hằng"
      kg query meetings --format json
      kg query visits --endpoint http://127.0.0.1:7878
    """
    if list_queries or not name:
        for q in stored_queries().values():
            names = (f"{p} (optional)" if p in q.optional_params else p for p, _ in q.params)
            params_text = f"  [params: {', '.join(names)}]" if q.params else ""
            click.echo(f"{q.name:24} {q.title}{params_text}")
            if q.answers:
                click.echo(f"{'':24} {q.answers}")
        return
    bound = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        bound[key.strip()] = value
    query = find_query(name)
    if endpoint is not None:
        from .serving.endpoint import endpoint as remote
        from .serving.endpoint import run_remote_query

        click.echo(format_result(run_remote_query(remote(endpoint), query, bound), fmt))
    else:
        click.echo(answer(graph, query, bound, fmt, fresh=fresh, notify=_note))


@main.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default="turtle",
              show_default=True)
@click.option("--part", type=click.Choice(PARTS), default="both", show_default=True,
              help="Asserted triples, inferred triples, or both.")
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
def export_command(fmt: str, part: str, graph: Path, output: Path | None) -> None:
    """Export the built graph as Turtle, TriG, N-Triples, N-Quads or JSON-LD.

    \b
    Examples:
      kg export --format turtle -o kg.ttl
      kg export --format trig --part asserted -o asserted.trig
    """
    if output is not None and output.is_dir():
        raise KgError(f"-o {shown(output)} is a folder: give the name of a file to write")
    data = export(graph, fmt, part)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        output.write_bytes(data)
        click.echo(f"Wrote {output} ({len(data):,} bytes)", err=True)


def _network_filters(since: str | None, until: str | None, states: tuple[str, ...],
                     kinds: tuple[str, ...]) -> NetworkFilter:
    return NetworkFilter(since=since, until=until, states=tuple(s.upper() for s in states),
                         kinds=kinds)


def _network_options(command: F) -> F:
    """The options 'kg viz' and 'kg network' share: which graph, which level, which ties."""
    for option in reversed([
        click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_OUT,
                     show_default=True, help="Build folder (or TriG file) to read."),
        click.option("--level", type=click.Choice(LEVELS), default="person", show_default=True,
                     help="person: who met whom; state: visits from state to state."),
        click.option("--since", metavar="DATE", help="Only events on or after DATE (YYYY[-MM[-DD]])."),
        click.option("--until", metavar="DATE", help="Only events on or before DATE (YYYY[-MM[-DD]])."),
        click.option("--state", "states", multiple=True, metavar="CODE",
                     help="Only ties with a person (or state) of CODE at either end (repeatable)."),
        click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), metavar="KIND",
                     help="Only events of this kind (repeatable): " + ", ".join(KINDS)
                          + "; 'visit' and 'meeting' take in their narrower kinds."),
    ]):
        command = option(command)
    return command


@main.command("viz")
@_network_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("network.html"),
              show_default=True, help="File to write: .html, .png, .svg, .graphml or .gexf.")
@click.option("--title", help="Title of the page or picture.")
def viz_command(graph: Path, level: str, since: str | None, until: str | None,
                states: tuple[str, ...], kinds: tuple[str, ...], output: Path,
                title: str | None) -> None:
    """Draw who met whom (or, with --level state, the visits between states).

    The file's suffix chooses the output: .html, one page that works offline
    (legend, time and state filters, name search, each person's meetings with
    the sentence and article); .png or .svg, a picture for a report; .graphml or
    .gexf, for Gephi and other tools, with every attribute.

    \b
    Examples:
      kg viz -o network.html
      kg viz --since 2023 --state KZ -o kz.png
      kg viz --level state -o states.svg
      kg viz --kind "phone call" --kind talks -o calls.graphml
    """
    from .network.viz import draw_network

    result = draw_network(graph, output, level, _network_filters(since, until, states, kinds), title, _note)
    what = "people" if result.level == "person" else "states"
    click.echo(f"Wrote {result.path}: {result.nodes} {what}, {result.edges} edges, "
               f"{result.events} events ({result.size:,} bytes)", err=True)


@main.command("network")
@_network_options
@click.option("--top", type=click.IntRange(1), default=10, show_default=True,
              help="How many people and pairs to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
def network_command(graph: Path, level: str, since: str | None, until: str | None,
                    states: tuple[str, ...], kinds: tuple[str, ...], top: int, as_json: bool) -> None:
    """The network's numbers: who is most connected (degree, betweenness), the
    most frequent pairs, events per year and per state pair.

    \b
    Examples:
      kg network
      kg network --level state --json
      kg network --since 2020 --top 5
    """
    from .network.network import load_network, network_stats

    stats = network_stats(load_network(graph, level, _network_filters(since, until, states, kinds), _note), top)
    click.echo(stats.to_json() if as_json else stats.to_text())

@main.command("push")
@click.option("--endpoint", metavar="URL",
              help="The server: a bare address (http://host:7878) is an Oxigraph server.")
@click.option("--store", "store_url", metavar="URL",
              help="The server's Graph Store Protocol URL, for servers other than Oxigraph.")
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Build folder (or TriG file) to push.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds to wait for the server on each request.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar (there is none when stderr is not a terminal).")
def push_command(endpoint: str | None, store_url: str | None, graph: Path, timeout: float, quiet: bool) -> None:
    """Write each named graph of the built graph (and the ontology) to a SPARQL server.

    Each graph replaces the graph of that name on the server: pushing again never
    duplicates. Graphs new to the server are POSTed many at a time (TriG, 8 MB a
    request; bulk-loaded by Oxigraph); the ones it holds are replaced (PUT to
    STORE?graph=IRI, SPARQL 1.1 Graph Store HTTP Protocol). graph.trig is read a
    graph at a time, so a build of 100,000 articles is pushed in bounded memory.

    \b
    Where the requests go:
      --endpoint http://host:7878      an Oxigraph server: graphs to /store,
                                       queries ('kg query --endpoint') to /query
      --endpoint URL --store URL       any other server: URL is its SPARQL query
                                       endpoint, --store its graph store

    Stored queries read the default graph as the union of the named graphs; kg
    asks Oxigraph for that (union-default-graph); set other servers up so
    (Fuseki: unionDefaultGraph).

    \b
    Examples:
      oxigraph serve --location kg-db --bind 127.0.0.1:7878 &
      kg push --endpoint http://127.0.0.1:7878
      kg query visits --endpoint http://127.0.0.1:7878
      kg push --endpoint http://127.0.0.1:3030/kg/sparql --store http://127.0.0.1:3030/kg/data
    """
    from .serving.endpoint import endpoint as target
    from .serving.endpoint import push

    click.echo(push(graph, target(endpoint, store_url), timeout, Progress.shown(quiet)).to_text())


@main.command("serve")
@click.option("--graph", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Build folder (or TriG file) to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default is this machine only.")
@click.option("--port", type=click.IntRange(0, 65535), default=7879, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True,
              help="Seconds a query may run; a slower one is stopped (HTTP 503).")
@click.option("--max-rows", type=click.IntRange(1), default=10_000, show_default=True,
              help="Rows a query may return; more are cut and the header Kg-Truncated says so.")
@click.option("--max-memory", "memory_mb", type=click.IntRange(1), default=2048, show_default=True,
              help="Megabytes of memory a query may take beyond the loaded graph; a hungrier one is stopped.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="A web origin (https://yasgui.triply.cc) whose pages may read the answers; repeatable. "
                   "Without it only the server's own origin may.")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def serve_command(graph: Path, host: str, port: int, timeout: float, max_rows: int, memory_mb: int,
                  allow_origins: tuple[str, ...], quiet: bool) -> None:
    """Offer the built graph as a read-only SPARQL endpoint (SPARQL 1.1 Protocol).

    GET /query?query=..., or POST a form or application/sparql-query. SELECT and ASK
    answer in SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in Turtle,
    N-Triples, RDF/XML or JSON-LD, by the Accept header (or format=json, xml, csv,
    tsv, turtle, nt, jsonld); GET /query without a query gives the SPARQL service
    description (Turtle). Only requests that name this
    server (Host) are answered, and only pages of its own origin or of one given
    with --allow-origin may read them (CORS): --allow-origin https://yasgui.triply.cc
    lets YASGUI in a browser use it. Updates and SERVICE are refused (403).
    The default graph is the union of the named graphs, as for 'kg query'.

    \b
    Examples:
      kg serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7879/query
    """
    import signal

    from .serving.serve import ServeOptions, open_server

    options = ServeOptions(host=host, port=port, timeout=timeout, max_rows=max_rows,
                           allow_origins=allow_origins, memory_mb=memory_mb)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop as on Ctrl-C, cleaning up
    with open_server(graph, options, quiet=quiet) as server:
        click.echo(f"Serving {graph} ({server.triples:,} triples) read-only at {server.url}; Ctrl-C stops")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("Stopped.", err=True)


__all__ = ["main", "REPORT_FILE"]
