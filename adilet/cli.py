"""`adilet` command line: extract datasets from PDFs; repair Kazakh text."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from adilet.interrupt import interruptible

# The PDF pipeline (pandas, pandera, pdfium) is imported by the commands that use it, so that
# `adilet repair-text` starts in a fraction of a second; tests/test_cli.py checks this constant
# against extract.readers.pdf_to_pages.DEFAULT_READER.
DEFAULT_READER = "pdfium"

if TYPE_CHECKING:
    from adilet.pipeline import RunSummary

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err = Console(stderr=True)
PUBLISHER_FILE = "datapackage.yaml"


def show_version(value: bool) -> None:
    if value:
        from adilet.version import tool_version

        typer.echo(f"adilet, version {tool_version()}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True,
                                          help="print the version and exit")] = False,  # fmt: skip
) -> None:
    """Extract validated datasets from Adilet PDFs; repair Kazakh text."""


def publisher_file(given: Path | None) -> Path | None:
    """--metadata as given (it must exist), else ./datapackage.yaml when there is one."""
    if given is not None:
        if not given.is_file():
            err.print(f"[red]error:[/red] --metadata {given}: no such file", highlight=False)
            raise typer.Exit(2)
        return given
    default = Path(PUBLISHER_FILE)
    return default if default.is_file() else None


@app.command()
@interruptible  # Ctrl-C / SIGTERM: workers stopped, one line, exit 130 / 143 (adilet/interrupt.py)
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="PDF files and/or folders of PDFs")],
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder for the datasets")] = Path("out"),
    fmt: Annotated[list[str], typer.Option("--format", help="parquet and/or csv (default both)")] = ["parquet", "csv"],  # noqa: B006
    reader: Annotated[str, typer.Option("--reader", "--backend", help="PDF reader: pdfium (fast) or pdfplumber (the "
                                        "reference, with camelot's second opinion on tables not fully ruled)")] = DEFAULT_READER,
    workers: Annotated[int, typer.Option("--workers", "-j", help="processes (0 = every core, 1 = no pool)")] = 0,
    executor: Annotated[str, typer.Option("--executor", help="local (processes here) or dask")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="dask scheduler address, tcp://host:8786 "
                                                  "(none: a LocalCluster of --workers)")] = None,  # fmt: skip
    batch_size: Annotated[int, typer.Option("--batch-size", help="dask: documents per task (0 = auto)")] = 0,
    ocr: Annotated[bool, typer.Option("--ocr", help="read scans (PDFs without a text layer) with Tesseract")] = False,
    time_limit: Annotated[float, typer.Option("--time-limit", help="seconds per document (0 = none)")] = 600.0,
    memory_limit: Annotated[int, typer.Option("--memory-limit", help="MB per worker process (0 = none)")] = 4096,
    use_cache: Annotated[bool, typer.Option("--cache/--no-cache", help="reuse results cached in OUT/.cache")] = True,
    report: Annotated[bool, typer.Option("--report/--no-report", help="write report.html and report.json")] = True,
    metadata_file: Annotated[Path | None, typer.Option("--metadata", help="the publisher's datapackage.yaml (title, "
                             "description, licenses, sources, contributors, keywords), merged into datapackage.json; "
                             f"default: {PUBLISHER_FILE} in the current folder if there is one")] = None,  # fmt: skip
    pages: Annotated[str | None, typer.Option("--pages", metavar="RANGES", help="read only these pages of every "
                     "input, e.g. 1-3,7,10- (page numbers stay the document's)")] = None,  # fmt: skip
    as_json: Annotated[bool, typer.Option("--json", help="write the run summary as JSON to stdout")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="print only errors (no summary, warnings, "
                                        "progress)")] = False,  # fmt: skip
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="log each document and phase "
                                         "(-vv: debug messages too)")] = 0,  # fmt: skip
) -> None:
    """Extract validated datasets (Parquet and CSV) from Adilet PDFs into --out."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from adilet.out_folder import OutputFolderError, check_writable
    from adilet.pipeline import InputSetError, check_inputs, run_extract
    from adilet.settings import ExtractSettings
    from core.page_ranges import PageRanges

    if quiet and verbose:
        usage_error("--quiet and --verbose contradict each other: give one")
    log = configure_logging(logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)])
    try:
        settings = ExtractSettings(out_dir=out, formats=tuple(fmt), reader=reader, workers=workers,
                                   executor=executor, scheduler=scheduler, batch_size=batch_size, ocr=ocr,
                                   time_limit=time_limit, memory_limit_mb=memory_limit, cache=use_cache,
                                   report=report, metadata_file=publisher_file(metadata_file),
                                   pages=PageRanges.parse(pages) if pages is not None else None)  # fmt: skip
        files, _ = check_inputs(inputs)
        check_writable(out)  # before any work: a one-line error, not a traceback after it
    except (ValueError, OutputFolderError) as exc:  # InputSetError, PageRangeError: ValueErrors
        usage_error(str(exc))
    done = 0

    def finished(path: Path) -> None:
        nonlocal done
        done += 1
        progress.advance(task)
        log.info("%d/%d done: %s", done, len(files), path.name)

    def phase(name: str) -> None:
        progress.update(task, description=name)
        log.info("%s", PHASES.get(name, name))

    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, disable=quiet or not err.is_terminal, transient=True) as progress:  # fmt: skip
            task = progress.add_task("extracting", total=len(files))
            log.info("extracting %d documents into %s/", len(files), out)
            summary = run_extract(inputs, settings, on_document=finished, on_phase=phase)
    except InputSetError as exc:  # the inputs changed since they were checked
        usage_error(str(exc))
    except OutputFolderError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    except OSError as exc:  # a full disk, a folder removed under the run: nothing was swapped in
        where = f" ({exc.filename})" if exc.filename else ""
        err.print(f"[red]error:[/red] cannot write the output: {exc.strerror or exc}{where}; {out}/ left as it was",
                  highlight=False, soft_wrap=True)  # fmt: skip
        raise typer.Exit(1) from exc
    print_summary(summary, out, quiet)
    if as_json:
        import json

        sys.stdout.write(json.dumps(summary.to_json(out), ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    raise typer.Exit(summary.exit_code)


PHASES = {"validating": "validating the datasets", "writing": "writing the datasets",
          "report": "writing the report", "finishing": "updating the cache and swapping the output folder in"}  # fmt: skip
_LOG_HANDLER: logging.Handler | None = None


def configure_logging(level: int) -> logging.Logger:
    """Our loggers (adilet, core, extract, normalize, schemas) at ``level``, to stderr."""
    global _LOG_HANDLER
    handler = logging.StreamHandler(sys.stderr)  # the stderr of this invocation
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    for name in ("adilet", "core", "extract", "normalize", "schemas"):
        logger = logging.getLogger(name)
        if _LOG_HANDLER is not None:
            logger.removeHandler(_LOG_HANDLER)
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
    _LOG_HANDLER = handler
    return logging.getLogger("adilet")


def usage_error(message: str) -> NoReturn:
    """One line on stderr, exit 2."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def print_summary(summary: RunSummary, out: Path, quiet: bool = False) -> None:
    """One line counting every problem, then one line per problem (``quiet``: only the
    failed and partial documents and the rejected rows)."""
    rows = ", ".join(f"{k} {v}" for k, v in summary.rows.items() if v)
    rejected = sum(summary.rejects.values())
    if not quiet:
        err.print(
            f"{summary.documents} documents: {summary.ok} ok, {len(summary.partial)} partial, {len(summary.failed)} "
            f"failed; rows: {rows or 'none'}; rejected rows: {rejected}{' (in rejects/)' if rejected else ''}; "
            f"totals: {summary.totals_checked} checked, {len(summary.totals_mismatched)} disagree with the rows; "
            f"written to {out}/"
        , highlight=False, soft_wrap=True)
        for line in summary.warnings:
            err.print(f"  [yellow]warning:[/yellow] {line}", highlight=False, soft_wrap=True)
        for line in summary.totals_mismatched:
            err.print(f"  [yellow]total mismatch (kept as printed):[/yellow] {line}", highlight=False, soft_wrap=True)
    for name, count in summary.rejects.items():
        err.print(f"  [red]rejected:[/red] {count} rows of {name} failed its schema: rejects/{name}.csv",
                  highlight=False, soft_wrap=True)  # fmt: skip
    for label, problems in (("partial", summary.partial), ("failed", summary.failed)):
        for name, why in problems:
            message = why if why.startswith(name) else f"{name}: {why}"
            err.print(f"  [red]{label}:[/red] {message}", highlight=False, soft_wrap=True)


@app.command()
def validate(out: Annotated[Path, typer.Argument(help="an output folder written by `adilet extract`")]) -> None:
    """Re-check an output folder: every dataset (CSV and Parquet) against its schema, CSV against Parquet,
    every file of the one run that wrote the folder."""
    from adilet.validate_out import check_output_folder

    if not out.is_dir():
        err.print(f"[red]error:[/red] {out}: not a folder")
        raise typer.Exit(2)
    problems = check_output_folder(out)
    for p in problems:
        err.print(f"  [red]problem:[/red] {p}", highlight=False, soft_wrap=True)
    err.print(f"{out}: {'valid' if not problems else f'{len(problems)} problems'}", highlight=False)
    if problems:
        raise typer.Exit(1)


@app.command("repair-text")
def repair_text_cmd(
    file: Annotated[Path | None, typer.Argument(help="text file (stdin when omitted)")] = None,
) -> None:
    """Repair displaced, lost (look-alikes, gaps, dropped) or mis-encoded Kazakh letters in plain
    text; same number of lines out.

    Bytes are read and written as they are (undecodable bytes and CRLF line ends survive), so a
    text the detector calls clean comes out byte for byte unchanged."""
    from normalize.glyph_repair import repair_text

    name = str(file) if file else "stdin"
    try:
        data = file.read_bytes() if file else sys.stdin.buffer.read()
    except FileNotFoundError:
        usage_error(f"{file}: no such file")
    except IsADirectoryError:
        usage_error(f"{file}: a folder, not a text file")
    except OSError as exc:
        usage_error(f"{file}: cannot be read: {exc.strerror or exc}")
    if why := not_text(data):
        usage_error(f"{name}: {why}; repair-text reads plain text (UTF-8)")
    text = data.decode("utf-8", errors="surrogateescape")
    result = repair_text(text)
    sys.stdout.buffer.write(result.text.encode("utf-8", errors="surrogateescape"))
    sys.stdout.buffer.flush()
    for line_no, letters in result.unplaced:
        err.print(f"line {line_no}: could not place {letters!r} (left at the end of the run)", highlight=False)
    lines, chars = text_changes(text, result.text)
    if result.kind != "clean" or result.unsure or lines:
        err.print(f"{result.kind}: {lines} lines changed, {chars} characters changed; "
                  f"{result.unsure} words left as printed (unsure)", highlight=False)  # fmt: skip


def not_text(data: bytes) -> str:
    """Why these bytes are no plain text ("" when they are): a PDF, NUL bytes (binary data), or
    more than a tenth of bytes that are not UTF-8 (a stray undecodable byte is kept as it is)."""
    if data.lstrip()[:5] == b"%PDF-":
        return "a PDF, not text (adilet extract reads PDFs)"
    if (nul := data.find(b"\x00")) >= 0:
        return f"binary data (a NUL byte at offset {nul}), not text"
    bad = sum(1 for ch in data.decode("utf-8", errors="surrogateescape") if "\udc80" <= ch <= "\udcff")
    if data and bad > 0.1 * len(data):
        return (f"not UTF-8 ({bad} of its {len(data)} bytes do not decode): binary data, or text in an 8-bit code "
                "page (convert it first: iconv -f KZ-1048 -t UTF-8, or -f CP1251)")
    return ""


def text_changes(before: str, after: str) -> tuple[int, int]:
    """(lines that differ, characters inserted, deleted or replaced in them)."""
    from difflib import SequenceMatcher

    lines = chars = 0
    for a, b in zip(before.split("\n"), after.split("\n"), strict=False):
        if a != b:
            lines += 1
            ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            chars += sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    return lines, chars


def main() -> None:  # pragma: no cover
    app()
