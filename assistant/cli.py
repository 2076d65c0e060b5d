"""The `cbsi` command line: ingest documents, ask a question, serve the web page.

A thin layer: parse options, call the library, print. Heavy modules (torch, sentence-transformers,
FAISS, LangChain, Gradio) are imported inside the commands, so `cbsi --help` is instant. A user
mistake (no index, a damaged index, a bad path, a missing model) is one `Error: ...` line on
stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assistant import __version__
from assistant.config import DEFAULT_HOST, DEFAULT_MAX_UPLOAD_MB, DEFAULT_PORT, DEFAULT_TOP_K, Settings

if TYPE_CHECKING:
    from assistant.ingest import IngestReport

EXIT_SKIPPED = 3  # `cbsi ingest`: the index was written, but some files could not be read


def _one_line(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return f"{e.filename}: {e.strerror}" if e.filename else e.strerror
    return " ".join(str(e).split()) or type(e).__name__


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the library's one-line user errors into `Error: ...` and exit status 1."""
    from assistant.embeddings import ModelError
    from assistant.evaluation import DatasetError
    from assistant.loading import LoadError
    from assistant.store import IndexStoreError

    try:
        yield
    except (IndexStoreError, LoadError, ModelError, DatasetError, OSError) as e:
        raise click.ClickException(_one_line(e)) from e


def _index_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Index folder.  [default: $CBSI_INDEX or index/]",
    )(f)


def _audit_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--no-audit", is_flag=True, help="Do not write the audit log.")(f)
    return click.option(
        "--audit",
        "audit_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Audit log: one JSON line per question answered.  [default: $CBSI_AUDIT or audit/audit.jsonl]",
    )(f)


def _audit_path(audit_file: Path | None, no_audit: bool) -> Path | None:
    from assistant.audit import audit_log

    return None if no_audit else audit_log(audit_file)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
AUTH_ENV = "CBSI_AUTH"


def _parse_auth(value: str | None) -> tuple[str, str] | None:
    """`USER:PASS` as a pair (the password may contain ':'); None when not given."""
    if value is None:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user.strip() or not password:
        raise click.ClickException("--auth (or $CBSI_AUTH) must be USER:PASS, both non-empty")
    return user.strip(), password


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="cbsi")
def main() -> None:
    """Cited answers from Caribbean Basin Security Initiative documents, offline.

    \b
    cbsi ingest            index the documents/ folder
    cbsi ask "QUESTION"    answer with numbered sources
    cbsi serve             open the web page
    cbsi eval              score the assistant (and baselines) on a question set
    cbsi feedback export   draft eval questions from the page's thumbs up/down
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@_index_option
@click.option("--rebuild", is_flag=True, help="Re-read and re-embed everything instead of updating.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def ingest(paths: tuple[Path, ...], index_dir: Path | None, rebuild: bool, quiet: bool) -> None:
    """Index the documents under PATH (PDF, text, Markdown, HTML).

    PATH (files or folders) defaults to $CBSI_DOCUMENTS or documents/. Only new and changed
    files are read and embedded; files gone from a scanned folder are dropped from the index.

    \b
    Exit status:
      0  every file was indexed (or the index was already up to date)
      3  some files were skipped; each is listed with its reason, and the
         rest of the index was written
      1  an error: nothing was written
    """
    settings = Settings.from_env(index_dir=index_dir)
    report = _ingest(settings, list(paths) or [settings.documents_dir], rebuild=rebuild, quiet=quiet)
    click.echo(_summary(report, settings.index_dir))
    if report.skipped:
        click.get_current_context().exit(EXIT_SKIPPED)


def _ingest(settings: Settings, paths: list[Path], *, rebuild: bool, quiet: bool) -> IngestReport:
    from assistant.ingest import ingest as run_ingest

    # pypdf logs a warning for each oddity of a damaged PDF; the skip reason already says it.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with _user_errors():
        return run_ingest(settings, paths, rebuild=rebuild, progress=not quiet)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _summary(report: IngestReport, index_dir: Path) -> str:
    """What `cbsi ingest` prints after the progress bars."""
    lines = list(report.notes)
    if report.up_to_date:
        lines.append(
            f"Index is up to date: {_n(report.documents, 'document')}, {_n(report.chunks, 'chunk')} in {index_dir}/"
        )
    else:
        lines += [
            f"Indexed (new or changed): {_n(len(report.indexed), 'file')}",
            f"Unchanged: {_n(len(report.unchanged), 'file')}",
            f"Removed: {_n(len(report.removed), 'document')}",
        ]
    if report.skipped or not report.up_to_date:
        lines.append(f"Skipped: {_n(len(report.skipped), 'file')}")
    lines += [f"  {file}: {reason}" for file, reason in report.skipped]
    if not report.up_to_date:
        lines += [
            f"Chunks: {report.chunks} in {_n(report.documents, 'document')} ({report.embedded} embedded)",
            f"Time: {report.seconds:.1f} s; index written to {index_dir}/",
        ]
    return "\n".join(lines)


@main.command()
@click.argument("question")
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Print the answer record as JSON.")
@click.option(
    "-k",
    "--top-k",
    "k",
    type=click.IntRange(min=1),
    default=None,
    help=f"Passages to retrieve.  [default: {DEFAULT_TOP_K}]",
)
@_audit_options
def ask(
    question: str, index_dir: Path | None, as_json: bool, k: int | None, audit_file: Path | None, no_audit: bool
) -> None:
    """Answer QUESTION with numbered sources.

    When the indexed documents do not answer it, says so and lists the closest passages.
    """
    if not question.strip():
        raise click.ClickException("the question is empty")
    from assistant.api import Assistant
    from assistant.citations import render_sources

    settings = Settings.from_env(index_dir=index_dir)
    log = _audit_path(audit_file, no_audit)
    with _user_errors():
        assistant = Assistant.open(settings.index_dir, settings=settings)
        answer = assistant.ask(question, k=k)
        if log is not None:
            from assistant.audit import record

            record(log, answer, assistant.data.generation, assistant.data.model, 0)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_sources(answer))


def _port_error(host: str, port: int, e: OSError) -> str:
    if isinstance(e, socket.gaierror):
        return f"cannot listen on {host}:{port} (unknown host; try --host 127.0.0.1)"
    if e.errno == errno.EADDRINUSE or e.strerror is None:  # Gradio's own error has no errno
        return f"cannot listen on {host}:{port} (in use? choose another with --port)"
    return f"cannot listen on {host}:{port} ({e.strerror})"


def _check_port(host: str, port: int) -> None:
    """Fail now, with a one-line error, if `host:port` cannot be listened on."""
    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind) as s:
            s.bind(address)
    except OSError as e:
        raise click.ClickException(_port_error(host, port, e)) from e


@main.command()
@_index_option
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to listen on (0.0.0.0 exposes the page to the network).",
)
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--no-ingest", is_flag=True, help="Serve the index as it is, without updating it from the documents folder first."
)
@click.option(
    "--feedback",
    "feedback_log",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where thumbs up/down are appended.  [default: $CBSI_FEEDBACK or feedback/feedback.jsonl]",
)
@click.option(
    "--max-upload-mb",
    default=DEFAULT_MAX_UPLOAD_MB,
    show_default=True,
    type=click.IntRange(1, 2048),
    help="Largest file to accept.",
)
@_audit_options
@click.option(
    "--auth",
    default=None,
    envvar=AUTH_ENV,
    metavar="USER:PASS",
    help="Require this login on the page and its API.  [default: $CBSI_AUTH, else no login]",
)
def serve(
    index_dir: Path | None,
    host: str,
    port: int,
    no_ingest: bool,
    feedback_log: Path | None,
    max_upload_mb: int,
    audit_file: Path | None,
    no_audit: bool,
    auth: str | None,
) -> None:
    """Serve the web page and its /ask and /upload API.

    Unless --no-ingest is given, first updates the index from $CBSI_DOCUMENTS or
    documents/. Files uploaded on the page are saved there and indexed. Prints the URL,
    then serves until Ctrl+C.
    """
    login = _parse_auth(auth)
    if login is None and host.strip("[]") not in LOCAL_HOSTS:
        click.echo(
            f"Warning: serving on {host} without --auth: anyone who can reach this address can use the page",
            err=True,
        )
    log = _audit_path(audit_file, no_audit)
    settings = Settings.from_env(index_dir=index_dir)
    _check_port(host, port)  # before minutes of ingest and model loading
    if not no_ingest:
        if settings.documents_dir.is_dir():
            report = _ingest(settings, [settings.documents_dir], rebuild=False, quiet=False)
            click.echo(_summary(report, settings.index_dir))
        else:
            click.echo(f"No {settings.documents_dir}/ folder: serving the index as it is.")

    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: no outbound traffic
    from assistant.api import Assistant
    from assistant.app import build_app, launch_options
    from assistant.feedback import feedback_log as resolve_log

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # uploads: the skip reason already says it
    with _user_errors():
        assistant = Assistant.open(settings.index_dir, settings=settings)
        assistant.warm()  # load the model now, so the first question is fast
        demo = build_app(assistant, feedback_log=resolve_log(feedback_log), max_upload_mb=max_upload_mb, audit_log=log)
    try:
        _, url, _ = demo.launch(
            server_name=host,
            server_port=port,
            prevent_thread_lock=True,
            quiet=True,
            auth=login,
            **launch_options(max_upload_mb),
        )
    except OSError as e:  # Gradio's message for a busy port names its own settings, not ours
        raise click.ClickException(_port_error(host, port, e)) from e
    counts = assistant.data.manifest.get("counts", {})
    click.echo(
        f"Serving {counts.get('documents', len(assistant.documents))} documents "
        f"({counts.get('chunks', len(assistant.data.chunks))} chunks) from {settings.index_dir}/"
    )
    click.echo(f"Feedback is appended to {resolve_log(feedback_log)}")
    click.echo(f"Questions are audited to {log}" if log else "Audit log: off (--no-audit)")
    if login:
        click.echo(f"Login required (user {login[0]})")
    click.echo(f"Open {url} (Ctrl+C to stop)")
    demo.block_thread()


@main.group()
def feedback() -> None:
    """Work with the thumbs up/down logged on the web page."""


@feedback.command(name="export")
@click.option(
    "--log",
    "log_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The feedback log.  [default: $CBSI_FEEDBACK or feedback/feedback.jsonl]",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the drafts here instead of printing them.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def feedback_export(log_path: Path | None, out: Path | None, force: bool) -> None:
    """Turn the logged questions into draft eval lines (eval/README.md schema).

    One JSON line per distinct question, with `type`, `answers` and `sources` left null for a
    reviewer to fill in (the eval refuses the file until they are); the votes, comments and what
    the assistant answered and cited are under `review`.
    """
    from assistant.feedback import FeedbackError, eval_drafts, read_votes
    from assistant.feedback import feedback_log as resolve_log

    log_path = resolve_log(log_path)
    if not log_path.exists():
        raise click.ClickException(f"no feedback log at {log_path} (votes on the web page are appended there)")
    if out and out.exists() and not force:
        raise click.ClickException(f"{out} exists; it may hold completed drafts (use --force to overwrite)")
    try:
        votes = read_votes(log_path)
    except FeedbackError as e:
        raise click.ClickException(_one_line(e)) from e
    lines = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in eval_drafts(votes))
    if out is None:
        click.echo(lines, nl=False)
        return
    with _user_errors():
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(lines, encoding="utf-8")
    click.echo(f"Wrote {_n(lines.count(chr(10)), 'draft')} from {_n(len(votes), 'vote')} to {out}", err=True)


DEFAULT_DATASET = Path("eval/cbsi_qa.jsonl")


@main.command(name="eval")
@click.option(
    "--dataset",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DATASET,
    show_default=True,
    help="Questions in the eval/README.md schema (JSON lines).",
)
@_index_option
@click.option(
    "--documents",
    "documents_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Documents the baselines index.  [default: $CBSI_DOCUMENTS or documents/]",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Report folder.  [default: eval/reports/<timestamp>/]",
)
@click.option("--no-baselines", is_flag=True, help="Score only the assistant.")
@click.option(
    "--compare",
    nargs=2,
    type=click.Path(exists=True, path_type=Path),
    default=None,
    metavar="A B",
    help="Print the change of every metric from report A to report B, and what flipped.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def evaluate(
    dataset: Path,
    index_dir: Path | None,
    documents_dir: Path | None,
    out: Path | None,
    no_baselines: bool,
    compare: tuple[Path, Path] | None,
    quiet: bool,
) -> None:
    """Score answers, abstentions, retrieval and citations on a question set.

    Writes report.json, report.md and charts under --out and prints the summary table. Unless
    --no-baselines, the plain LangChain recipe and BM25 alone are scored in the same run.
    """
    from assistant import eval_report

    if compare:
        try:
            a, b = (eval_report.load_report(p) for p in compare)
        except (ValueError, OSError) as e:
            raise click.ClickException(_one_line(e)) from e
        click.echo(eval_report.compare(a, b))
        return
    import time

    from assistant import eval_run
    from assistant.api import Assistant
    from assistant.evaluation import load_dataset

    settings = Settings.from_env(index_dir=index_dir, documents_dir=documents_dir)
    out = out or Path("eval/reports") / time.strftime("%Y%m%d-%H%M%S")
    with _user_errors():
        questions = load_dataset(dataset)
        assistant = Assistant.open(settings.index_dir, settings=settings)
        baselines = []
        if not no_baselines:
            from assistant.baselines import build_baselines
            from assistant.embeddings import resolve_model

            baselines = build_baselines(settings.documents_dir, resolve_model(assistant.data.model))
        run = eval_run.run(assistant, questions, str(dataset), baselines, progress=not quiet)
        report = eval_run.summarize(run, questions)
        written = eval_report.write_report(report, out)
    click.echo(eval_report.summary_table(report))
    click.echo("")
    click.echo(eval_report.by_type_table(report))
    click.echo(f"\nWrote {', '.join(str(p) for p in written)}")


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for bench.json and bench.md.  [default: eval/reports/bench-<timestamp>/]",
)
@click.option("--quick", is_flag=True, help="Items 1-3 and one 10k-chunk scale point; no 1M point, no serving memory.")
@click.option(
    "--documents",
    "documents_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Corpus for items 1-3.  [default: $CBSI_DOCUMENTS or documents/]",
)
@click.option("--scale", "scale_sizes", type=click.IntRange(1), multiple=True, help="Chunks per scale point.")
@click.option("--vectors", type=click.IntRange(0), default=None, help="Vectors-alone point (0: skip).")
@click.option("--cold-runs", type=click.IntRange(1), default=None, help="Cold-start runs of each process.")
@click.option("--no-serve", is_flag=True, help="Skip the serving-memory item.")
def bench(
    out: Path | None,
    quick: bool,
    documents_dir: Path | None,
    scale_sizes: tuple[int, ...],
    vectors: int | None,
    cold_runs: int | None,
    no_serve: bool,
) -> None:
    """Measure speed and scale; every comparison in the same run, as a ratio.

    Warm question latency against the query-embedding floor and the LangChain recipe; cold start
    against a plain LangChain script; ingest rate; 10k and 100k generated chunks and 1M vectors;
    peak memory of `cbsi serve`. Prints bench.md and writes it with bench.json under --out.
    """
    import time

    from assistant.bench import BenchConfig, run

    settings = Settings.from_env(documents_dir=documents_dir)
    config = BenchConfig(
        out=out or Path("eval/reports") / time.strftime("bench-%Y%m%d-%H%M%S"),
        quick=quick,
        documents=settings.documents_dir,
        serve=not no_serve,
        echo=lambda line: click.echo(line, err=True),
    )
    if scale_sizes:
        config.scale_sizes = scale_sizes
    if vectors is not None:
        config.million = vectors
    if cold_runs is not None:
        config.cold_runs = cold_runs
    with _user_errors():
        run(config)
    click.echo((config.out / "bench.md").read_text(encoding="utf-8"))
    click.echo(f"Wrote {config.out / 'bench.json'} and {config.out / 'bench.md'}", err=True)
