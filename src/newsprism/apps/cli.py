"""The `newsprism` command: a thin click layer over library calls (analyze, times, report, serve, check, export, eval,
bench)."""

from __future__ import annotations

import collections
import importlib
import json
import sys
from pathlib import Path

import click

from newsprism.evals import NAMES as EVAL_NAMES


@click.group()
@click.version_option(package_name="newsprism")
def main() -> None:
    """What a pile of news articles about one story actually establishes, and who says so."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for analysis.json, newsprism.db and report.html.")
@click.option("--workers", type=int, default=None, help="Processes for per-document stages (default: cores).")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--db", type=click.Path(path_type=Path), default=None,
              help="An existing store to add to; articles it already holds (same content) are reused.")
@click.option("--no-report", is_flag=True, help="Skip report.html.")
@click.option("--embed", is_flag=True,
              help="Also align facts by sentence-embedding similarity (needs the optional 'embed' extra).")
@click.option("--follow-symlinks", is_flag=True,
              help="Read symbolic links that lead out of an input folder (they are rejected otherwise).")
def analyze(paths: tuple[str, ...], out: Path, workers: int | None, executor: str, db: Path | None,
            no_report: bool, embed: bool, follow_symlinks: bool) -> None:
    """Analyse articles in PATHS (files or folders: txt, html, jsonl, rss/atom, warc, .gz of these)."""
    import sqlite3

    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsprism.apps.outputs import write_outputs
    from newsprism.io.store import writer_lock
    from newsprism.run.analyze import RunOptions, run
    from newsprism.run.executors.local import default_workers, end_workers_on_sigterm

    end_workers_on_sigterm()
    err = Console(stderr=True)
    if embed:
        from newsprism.corpus.facts.embed import EmbedUnavailable, require

        try:
            require()
        except EmbedUnavailable as exc:
            raise click.UsageError(str(exc)) from None
    n_workers = workers if workers is not None else default_workers()
    opts = RunOptions(workers=n_workers, executor=executor, db=db, checkpoint=db or out / "newsprism.db",
                      report=not no_report, embed=embed, follow_symlinks=follow_symlinks,
                      outputs=(out / "analysis.json", out / "report.html"))
    # One writer per store from reading it to writing it back (held until the command ends): a second run into
    # the same store waits its turn instead of both building on what the store held when they started.
    try:
        click.get_current_context().with_resource(writer_lock(opts.checkpoint, on_wait=lambda m: err.print(
            f"waiting: {m}", markup=False, highlight=False)))
    except OSError as exc:
        _fail(f"the store {opts.checkpoint} cannot be written: {_why(exc)}")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("reading", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)

        # Warnings quote file names, ids and URLs from the input: escaped, never read as rich markup.
        try:
            result = run(list(paths), opts, progress=progress,
                         on_warning=lambda m: err.print(f"[yellow]warning:[/] {escape(m)}", highlight=False))
        except (OSError, sqlite3.Error) as exc:
            _fail(f"the run stopped: {_why(exc)}")
    a = result.analysis
    try:
        if not a.articles:
            err.print(f"error: nothing could be read from {', '.join(paths)} ({len(a.rejected)} rejected)",
                      markup=False, highlight=False)
            if db is None:
                write_outputs(result, out, report=False)
            sys.exit(1)
        files = write_outputs(result, out, db=db, report=not no_report)
    except (OSError, sqlite3.Error) as exc:
        _fail(f"the outputs could not be written to {out}: {_why(exc)}")
    statuses = collections.Counter(f.status for f in a.facts)
    click.echo(f"{len(a.articles)} articles read, {len(a.rejected)} rejected, {len(a.stories)} stories, "
               f"{len(a.facts)} facts ({', '.join(f'{k} {v}' for k, v in sorted(statuses.items())) or 'none'})"
               + (f", {result.reused} reused from the store" if result.reused else ""))
    for kind, path in files.items():
        click.echo(f"{kind}: {path}")


@main.command()
@click.argument("db", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("report.html"), show_default=True)
def report(db: Path, out: Path) -> None:
    """Write the self-contained HTML report of a store."""
    from newsprism.apps.report import write_report
    from newsprism.io.store import load_analysis
    from newsprism.run.spool import ArticleSpool

    _require_store(db)
    write_report(load_analysis(db, into=ArticleSpool()), out)
    click.echo(str(out))


@main.command()
@click.argument("db", type=click.Path(exists=True, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--check-workers", type=click.IntRange(0, 16), default=None,
              help="processes that run checks (default: half the cores, at most 2; 0: in the server)")
@click.option("--check-time", type=click.FloatRange(0.1, 600), default=None,
              help="seconds a check may take before the page asks for a reload (default 1.5)")
def serve(db: Path, host: str, port: int, check_workers: int | None, check_time: float | None) -> None:
    """Serve the local web app over a store (read-only)."""
    from newsprism.apps.web import serve as serve_app

    _require_store(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.secho(f"WARNING: binding to {host} exposes the store to other machines on the network.",
                    fg="red", bold=True, err=True)
    try:
        serve_app(db, host=host, port=port, check_workers=check_workers, check_time_s=check_time)
    except OSError as exc:
        _fail(f"cannot listen on {host} port {port}: {_why(exc)}")


@main.command()
@click.argument("claim")
@click.option("--db", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--limit", default=10, show_default=True)
def check(claim: str, db: Path, as_json: bool, limit: int) -> None:
    """What does the corpus say about CLAIM? Evidence for and against, with stance, origin and date."""
    from newsprism.apps.check import check_claim, format_result

    _require_store(db)
    result = check_claim(claim, db, limit=limit)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_result(result))


@main.command(name="eval")
@click.argument("dataset", type=click.Choice(EVAL_NAMES))
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="The dataset folder (any folder of the same layout).")
def eval_cmd(dataset: str, data: Path) -> None:
    """Score newsprism on a public dataset; the last line of stdout is one JSON object."""
    mod = importlib.import_module(f".evals.{dataset}", package="newsprism")
    metrics = mod.evaluate(data)
    click.echo(json.dumps({"set": dataset, **metrics}, ensure_ascii=False))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none (relative times count from it).")
def times(paths: tuple[str, ...], published: str | None) -> None:
    """Time expressions of the articles in PATHS, one JSON line each, without the full analysis (fast)."""
    import datetime

    from newsprism.apps.times_only import times_records

    if published is not None:
        try:
            datetime.date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(f"not a date (YYYY-MM-DD): {published!r}", param_hint="--published") from None
    try:
        for record in times_records(paths, published):
            click.echo(json.dumps(record, ensure_ascii=False))
    except OSError as exc:
        _fail(f"the run stopped: {_why(exc)}")


@main.command()
@click.option("--articles", "n", default=1000, show_default=True, help="Articles to generate and analyse.")
@click.option("--workers", type=int, default=None)
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="Datasets folder to draw real article text from (default ../shared/datasets if present).")
@click.option("--parser-ref/--no-parser-ref", default=True, show_default=True,
              help="Also time spaCy with the parser alone, newsprism's own NLP without its extractors.")
def bench(n: int, workers: int | None, data: Path | None, parser_ref: bool) -> None:
    """Throughput and memory against the spaCy floor measured in the same run."""
    from newsprism.apps.bench import run_bench

    run_bench(n_articles=n, workers=workers, data=data, parser_ref=parser_ref)


@main.command(name="export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["csv", "jsonl", "claimreview", "gexf"]))
@click.option("--db", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True, help="The file to write.")
@click.option("--claim", "claims", multiple=True,
              help="A claim to check (claimreview; repeat the option for several claims).")
def export_cmd(fmt: str, db: Path, out: Path, claims: tuple[str, ...]) -> None:
    """Write a store as FORMAT: csv (facts per story), jsonl (the whole analysis), claimreview (check results
    as JSON-LD) or gexf (the outlet/source network, for Gephi)."""
    from newsprism.apps.export import export

    _require_store(db)
    if fmt == "claimreview" and not claims:
        raise click.UsageError("claimreview needs at least one --claim")
    try:
        n = export(fmt, db, out, list(claims))
    except OSError as exc:
        _fail(f"{out} could not be written: {_why(exc)}")
    click.echo(f"{out} ({n} {'nodes' if fmt == 'gexf' else 'reviews' if fmt == 'claimreview' else 'records'})")


def _require_store(db: Path) -> None:
    """report, check and serve show a store only when it is a complete newsprism store (exit 1 otherwise)."""
    from newsprism.io.store import StoreError, check_complete

    try:
        check_complete(db)
    except StoreError as exc:
        _fail(str(exc))


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f" ({exc.filename})" if exc.filename else "")
    return str(exc) or type(exc).__name__


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


if __name__ == "__main__":
    main()
