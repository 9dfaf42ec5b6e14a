"""The ``tomtat`` command: a thin shell over the library.

Arguments become one SummarizeOptions; errors become one line on stderr and an exit code.
"""

from __future__ import annotations

import json
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, Optional, TextIO

import typer

from tomtat.errors import ConfigError, InputError, TomtatError
from tomtat.cli_errors import LANG_HELP, check_language
from tomtat.i18n import _, localize, translate
from tomtat.options import DEFAULT_METHOD, FORMATS, SummarizeOptions


class _Tomtat(typer.Typer):
    """The app, run in the user's language with every error as tomtat's one line
    (:mod:`tomtat.cli_errors`)."""

    def __call__(self, *args, **kwargs):
        from tomtat.cli_errors import run

        return run(self, *args, **kwargs)


app = _Tomtat(
    add_completion=False,
    rich_markup_mode=None,  # plain help: a switch shows as a switch (rich shows "--resume <bool>")
    no_args_is_help=True,
    help="tomtat: summaries of Vietnamese news clusters, every sentence traced to its source.",
)


@contextmanager
def _errors_as_one_line() -> Iterator[None]:
    try:
        yield
    except TomtatError as err:
        typer.echo(_one_line(_("tomtat: error: {message}", message=localize(err))), err=True)
        raise typer.Exit(err.exit_code) from None


def _print_warnings(console, documents) -> None:
    """One stderr line per document warning (heavy cleaning, not Vietnamese...)."""
    for doc in documents:
        for warning in doc.warnings:
            console.print(
                _("tomtat: warning: {message}", message=f"{doc.source or doc.id}: {translate(warning)}")
            )


def _one_line(text: str) -> str:
    """A message as one line, without the control characters an input (an id, a file name)
    may have brought into it."""
    from tomtat.render import strip_control

    return strip_control(text).replace("\n", " ").replace("\t", " ")


class _Messages:
    """Messages on stderr as written, one line each: no wrapping, no colouring, ``[...]`` is
    not markup, no control characters."""

    def __init__(self) -> None:
        from rich.console import Console

        self._console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

    def print(self, text: str) -> None:
        self._console.print(_one_line(text))


def _stderr_console() -> _Messages:
    return _Messages()


@contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or ``path`` opened for writing; a path that cannot be written is an InputError."""
    if path is None:
        yield sys.stdout
        return
    try:
        sink = path.open("w", encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", where=str(path)) from None
    with sink:
        yield sink


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of: {', '.join(FORMATS)}")
    return fmt


MaxWords = Annotated[
    int,
    typer.Option("--max-words", "-w", min=1, help='Length budget in syllables (tiếng: "Thủ tướng" is 2).'),
]
MaxSentences = Annotated[
    Optional[int], typer.Option("--max-sentences", "-n", min=1, help="At most this many sentences.")
]
Method = Annotated[str, typer.Option("--method", "-m", help="Summarizer: learned, centroid, lead.")]
Workers = Annotated[
    Optional[int], typer.Option("--workers", "-j", min=1, help="Processes for batch work (default: all cores).")
]


Lang = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="vi|en", callback=check_language, help=LANG_HELP),
]


ROWS_FAILED = 3  # a batch that wrote every row, some of them error rows


BATCH_ONLY = ("resume", "fail_fast", "engine", "scheduler", "workers", "batch_size")


def _given(ctx: typer.Context, names: tuple[str, ...]) -> list[str]:
    """The options among ``names`` given on the command line (not left at their default),
    as the user wrote them (``--resume``)."""
    return [
        max(param.opts, key=len)
        for param in ctx.command.params
        if param.name in names and not _by_default(ctx, param.name)
    ]


def _by_default(ctx: typer.Context, name: str) -> bool:
    # by name: typer may bring its own copy of click, with its own ParameterSource enum
    source = ctx.get_parameter_source(name)
    return source is None or source.name == "DEFAULT"


@app.command()
def summarize(
    ctx: typer.Context,
    inputs: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="INPUT", help="A directory, files (.txt/.html/.pdf), or - for stdin: one cluster."
        ),
    ] = None,
    input_jsonl: Annotated[
        Optional[Path], typer.Option("--input", "-i", help="JSONL of clusters, one a line (batch).")
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    max_words: MaxWords = 200,
    max_sentences: MaxSentences = None,
    method: Method = DEFAULT_METHOD,
    fmt: Annotated[
        str, typer.Option("--format", "-f", callback=_check_format, help="text, markdown or json.")
    ] = "text",
    no_facts: Annotated[bool, typer.Option("--no-facts", help="Skip key facts.")] = False,
    no_timeline: Annotated[bool, typer.Option("--no-timeline", help="Skip the timeline.")] = False,
    no_story: Annotated[
        bool, typer.Option("--no-story", help="One flat summary, even for a pile of several events.")
    ] = False,
    workers: Workers = None,
    engine: Annotated[
        str, typer.Option("--engine", help="Batch engine: process (local cores) or dask.")
    ] = "process",
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", help="Dask scheduler tcp://HOST:PORT (default: start a LocalCluster)."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Clusters per Dask task.")
    ] = 8,
    resume: Annotated[
        bool, typer.Option("--resume", help="Keep the rows already in --output; do the rest.")
    ] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first row that fails (exit 1).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or closing counts.")
    ] = False,
    lang: Lang = None,
) -> None:
    """Summarize one cluster (files, a directory, stdin) or many (--input clusters.jsonl)."""
    with _errors_as_one_line():
        options = SummarizeOptions(
            max_words=max_words,
            max_sentences=max_sentences,
            method=method,
            facts=not no_facts,
            timeline=not no_timeline,
            story=not no_story,
        )
        if input_jsonl is not None:
            if inputs:
                raise ConfigError("give either files or --input, not both")
            if fmt != "json" and not _by_default(ctx, "fmt"):
                raise ConfigError(
                    f"--format {fmt} is for one cluster; a batch (--input) writes JSON lines"
                )
            _summarize_batch(
                input_jsonl,
                output,
                options,
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                batch_size=batch_size,
                resume=resume,
                fail_fast=fail_fast,
                quiet=quiet,
            )
            return
        misplaced = _given(ctx, BATCH_ONLY)
        if misplaced:
            verb = "applies" if len(misplaced) == 1 else "apply"
            raise ConfigError(
                f"{', '.join(misplaced)} only {verb} to a batch: add --input FILE.jsonl"
            )
        if not inputs:
            raise ConfigError("give a directory, files, - for stdin, or --input FILE.jsonl")
        from tomtat import summarize as summarize_cluster
        from tomtat.ingest import load_documents
        from tomtat.render import render

        console = _stderr_console()
        documents = load_documents(
            inputs, on_skip=lambda err: console.print(_("tomtat: skipped {message}", message=localize(err)))
        )
        _print_warnings(console, documents)
        summary = summarize_cluster(documents, options=options)
        text = render(summary, fmt)
        if output is None:
            typer.echo(text)
        else:
            with _open_output(output) as sink:
                sink.write(text + "\n")


def _summarize_batch(
    input_path: Path,
    output: Path | None,
    options: SummarizeOptions,
    *,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    batch_size: int,
    resume: bool,
    fail_fast: bool,
    quiet: bool,
) -> None:
    """Stream --input to --output (or stdout), one row per input line, in order."""
    from tomtat.batch import summarize_rows
    from tomtat.jobs import (
        Done,
        Job,
        Stopped,
        count_rows,
        progress_bar,
        read_lines,
        skip_done,
        stop_on_signals,
    )
    from tomtat.rows import line_id

    console = _stderr_console()
    job = Job(output, resume=resume, fail_fast=fail_fast)
    try:
        with progress_bar(count_rows(input_path), quiet=quiet) as bar, stop_on_signals(job):

            lines = read_lines(input_path)

            def produce(done: Done):
                bar.skip(done.rows)
                items = skip_done(lines, done, line_id)
                return summarize_rows(
                    items, options, engine=engine, workers=workers, scheduler=scheduler,
                    batch_size=batch_size,
                )

            try:
                report = job.run(produce, on_row=bar)
            finally:
                job.report.blank = lines.blank
    except KeyboardInterrupt as stop:
        by_sigterm = isinstance(stop, Stopped) and stop.signum == signal.SIGTERM
        how = "stopped by SIGTERM" if by_sigterm else "interrupted"
        then = (
            "add --resume to go on" if output is not None
            else "the rows written are whole; with --output FILE a run can go on with --resume"
        )
        report_line = translate(job.report.line())
        console.print(_("tomtat: {how}: {report}; {then}", how=_(how), report=report_line, then=_(then)))
        raise typer.Exit(128 + signal.SIGTERM if by_sigterm else 130) from None
    if report.stopped is not None:
        row_id, error = report.stopped
        stopped = translate(f"row {row_id}: {error} (stopped: --fail-fast)")
        console.print(_("tomtat: error: {message}", message=stopped))
        raise typer.Exit(1)
    if not quiet:
        for row_id, error in report.errors:
            console.print("tomtat: " + translate(f"row {row_id}: {error}"))
        if report.failed > len(report.errors):
            more = report.failed - len(report.errors)
            console.print("tomtat: " + translate(f"... and {more} more error rows"))
        console.print(translate(report.line()))
    if report.failed:
        raise typer.Exit(ROWS_FAILED)


@app.command()
def cluster(
    inputs: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="INPUT", help="A directory or files (.txt/.html/.pdf), one article each."),
    ] = None,
    input_jsonl: Annotated[
        Optional[Path],
        typer.Option("--input", "-i", help='JSONL, one article a line: {"id", "title", "text", "date"?}.'),
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write the events here instead of stdout.")
    ] = None,
    max_words: Annotated[
        int, typer.Option("--max-words", "-w", min=1, help="Per event summary, in syllables (tiếng).")
    ] = 100,
    workers: Workers = None,
    lang: Lang = None,
) -> None:
    """Group a pile of articles into events: one JSON line per event, with a short summary."""
    with _errors_as_one_line():
        from tomtat.parallel import default_workers
        from tomtat.rows import event_options, summarize_events
        from tomtat.ingest import load_documents, read_articles

        console = _stderr_console()
        if (input_jsonl is None) == (not inputs):
            raise ConfigError("give either files/a directory or --input FILE.jsonl")
        skipped: list[InputError] = []

        def skip(err: InputError) -> None:
            skipped.append(err)
            console.print(_("tomtat: skipped {message}", message=localize(err)))

        if input_jsonl is not None:
            documents = []
            for item in read_articles(input_jsonl):  # a bad line: its InputError, reading goes on
                if isinstance(item, InputError):
                    skip(item)
                else:
                    documents.append(item)
        else:
            documents = load_documents(inputs, on_skip=skip)
        _print_warnings(console, documents)
        failed = len(skipped)
        if not documents:
            raise InputError("no article to group", where=str(input_jsonl or inputs[0]))
        options = event_options(max_words)
        n_events = 0
        with _open_output(output) as sink:
            for row in summarize_events(documents, options, workers=workers or default_workers()):
                sink.write(json.dumps(row, ensure_ascii=False) + "\n")
                n_events += 1
        unit = ("line" if input_jsonl is not None else "file") + ("" if failed == 1 else "s")
        console.print(translate(f"{len(documents)} articles in {n_events} events, {failed} {unit} skipped"))


@app.command("eval")
def evaluate(
    data: Annotated[
        Path,
        typer.Option(
            "--data", "-d",
            help="JSONL clusters with a reference (`summary`) or several (`summaries`: the best one counts).",
        ),
    ],
    max_words: MaxWords = 200,
    method: Method = DEFAULT_METHOD,
    limit: Annotated[Optional[int], typer.Option(help="Only the first N clusters.")] = None,
    workers: Workers = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    lang: Lang = None,
) -> None:
    """ROUGE-1/2/L of tomtat's summaries against the references, on syllables.

    With several references a cluster's summary is scored against the one it matches best
    (ROUGE-2 F1), as for the multi-reference ViMs set.
    """
    with _errors_as_one_line():
        from rich.console import Console
        from rich.table import Table

        from tomtat.parallel import default_workers
        from tomtat.evaluation.run import evaluate_file

        options = SummarizeOptions(max_words=max_words, method=method, facts=False, timeline=False)
        result = evaluate_file(data, options, workers=workers or default_workers(), limit=limit)
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        table = Table(title=f"{data.name}: {result['n']} clusters, method {method}, {max_words} syllables")
        for column in ("metric", "P", "R", "F1"):
            table.add_column(column)
        for metric in ("rouge1", "rouge2", "rougeL"):
            m = result[metric]
            table.add_row(metric, *(f"{100 * m[k]:.2f}" for k in ("precision", "recall", "f1")))
        Console().print(table)
        low, high = result["rouge2_f1_ci"]
        typer.echo(f"ROUGE-2 F1 95% CI: [{100 * low:.2f}, {100 * high:.2f}]")
        if result["errors"]:
            typer.echo(f"{result['errors']} clusters failed", err=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    max_documents: Annotated[int, typer.Option(min=1, help="Most articles per request.")] = 50,
    allow_url_fetch: Annotated[
        bool, typer.Option("--allow-url-fetch", help="Fetch documents by URL (public hosts only).")
    ] = False,
    lang: Lang = None,
) -> None:
    """Serve the HTTP API (/v1/summarize, /v1/events, /docs) and the web page at /."""
    try:
        import uvicorn

        from tomtat.web import ServerSettings, create_app
        from tomtat.web.headers import header_timeout_protocol
    except ImportError as err:
        missing = translate(f"{err.name} is missing; pip install 'tomtat[web]'")
        typer.echo(_("tomtat: error: {message}", message=missing), err=True)
        raise typer.Exit(1) from None
    settings = ServerSettings(max_documents=max_documents, allow_url_fetch=allow_url_fetch)
    # headers not all there in 10 s: the connection is closed (uvicorn has no such limit)
    uvicorn.run(create_app(settings), host=host, port=port, http=header_timeout_protocol())


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
