"""The command line: maps library results to output and exit codes (the library never prints)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import click

from contactcheck import __version__
from contactcheck.options import region_option, split_ids, write_output

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="contactcheck")
def main() -> None:
    """Check the contact details an organisation shows its customers against its customer access
    strategy (ISO 18295-2 clauses 5.4-5.6): channels, opening hours, call costs, complaint contacts,
    accessible alternatives, and that they are stated the same way everywhere.

    \b
    Start with:
      contactcheck strategy init > strategy.yaml     write a starter strategy
      contactcheck strategy validate strategy.yaml   check it
    """


@main.group()
def strategy() -> None:
    """Write, validate and describe the customer access strategy file (YAML)."""


@strategy.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def strategy_validate(files: tuple[Path, ...]) -> None:
    """Validate strategy FILES: exit 0 when all are valid, 2 listing every problem as FILE:LINE: field: why."""
    from canonical.loader import StrategyError, load_strategy

    failed = False
    for path in files:
        try:
            loaded = load_strategy(path)
        except StrategyError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(str(problem), err=False)
            click.echo(f"{path}: {len(exc.problems)} problem(s)", err=True)
            continue
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(loaded.counts_by_kind().items()))
        click.echo(f"{path}: valid: {loaded.organisation}: {len(loaded.channels)} channels ({kinds}), "
                   f"{len(loaded.retired)} retired")
    sys.exit(EXIT_USAGE if failed else EXIT_OK)


@strategy.command("schema")
def strategy_schema() -> None:
    """Print the JSON Schema of the strategy file (for editors: yaml-language-server, VS Code)."""
    from canonical.schema import schema_json

    click.echo(schema_json(), nl=False)


@strategy.command("init")
def strategy_init() -> None:
    """Print a commented starter strategy to standard output."""
    click.echo(resources.files("canonical").joinpath("starter.yaml").read_text(encoding="utf-8"), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: a line per fact; json: SPEC section 6 documents with facts and contact blocks.")
@click.option("--region", metavar="CC", help="Region for numbers written without +CC (else inferred per document).")
@click.option("--pdf-engine", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium", show_default=True,
              help="pdfium is much faster; pdfplumber gives exact character boxes.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout.")
def extract(paths: tuple[Path, ...], fmt: str, region: str | None, pdf_engine: str, output: Path | None) -> None:
    """Print the contact facts found in PATHS (files, or folders searched recursively); no strategy needed.

    Reads .html/.htm, .pdf, .txt/.md scripts, .docx, .eml and IVR definitions (.ivr.yaml/.ivr.json),
    deciding the type by content. Exit 0 when at least one input was read, 2 when none was.
    """
    from contactcheck.extraction import extract_json, extract_paths, extract_text

    region = region_option(region)
    show = sys.stderr.isatty()
    documents = extract_paths(paths, region, pdf_engine, _progress() if show else None)
    if show:
        click.echo("\r\033[K", err=True, nl=False)
    if not documents:
        raise click.UsageError("no readable input: no files with a known type under the paths given")
    rendered = extract_json(documents) if fmt == "json" else extract_text(documents)
    write_output(rendered, output)
    sys.exit(EXIT_OK if any(d.error is None for d in documents) else EXIT_USAGE)


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--strategy", "-s", "strategy_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The customer access strategy (YAML). Default: `strategy` in the configuration file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "junit", "html"]), default="text",
              show_default=True, help="Report format; json/sarif/junit/html print exactly one document.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when an unsuppressed finding is at or above this severity [default: error].")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Findings whose fingerprint is in this file are reported as suppressed and never fail the run.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the fingerprints of this run's unsuppressed findings (the report and exit code stay).")
@click.option("--region", metavar="CC", help="Region for numbers without +CC (the strategy's `region` wins).")
@click.option("--select", multiple=True, metavar="ID|CLAUSE", help="Only these rules (ids or clauses, repeatable "
              "or comma-separated); rules outside the catalogue run only when selected.")
@click.option("--ignore", multiple=True, metavar="ID|CLAUSE", help="Leave these rules out.")
@click.option("--pdf-engine", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium", show_default=True)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Configuration file (default: contactcheck.toml or [tool.contactcheck] in pyproject.toml "
              "beside the material or above it).")
def check_command(paths: tuple[Path, ...], strategy_path: Path | None, fmt: str, output: Path | None,
                  fail_on: str | None, baseline: Path | None, write_baseline: Path | None, region: str | None,
                  select: tuple[str, ...], ignore: tuple[str, ...], pdf_engine: str,
                  config_path: Path | None) -> None:
    """Check PATHS (files, or folders searched recursively) against the customer access strategy.

    \b
    Reads .html/.htm, .pdf, .txt/.md scripts, .docx, .eml and IVR definitions; web pages form one site.
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error, invalid
    strategy or no readable input. An unreadable file is an `unreadable-input` finding; the run goes on.
    """
    from contactcheck.runner import RunError, run_check

    try:
        code, rendered, notes = run_check(
            paths, strategy_path=strategy_path, fmt=fmt, fail_on=fail_on, baseline=baseline,
            write_baseline_to=write_baseline, region=region_option(region), select=split_ids(select),
            ignore=split_ids(ignore), pdf_engine=pdf_engine, config_path=config_path,
            colour=output is None and fmt == "text" and sys.stdout.isatty(),
            progress=_progress() if sys.stderr.isatty() else None)
    except RunError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)
    finally:
        if sys.stderr.isatty():
            click.echo("\r\033[K", err=True, nl=False)  # clear the progress line
    write_output(rendered, output)
    for note in notes:
        click.echo(note, err=True)
    sys.exit(code)


def _progress() -> Callable[[Path], None]:
    def show(path: Path) -> None:
        click.echo(f"\r\033[Kreading {path}", err=True, nl=False)
    return show


@main.command("rules")
@click.option("--verbose", "-v", is_flag=True, help="Show each rule's full documentation.")
def rules_command(verbose: bool) -> None:
    """List the rule catalogue: id, ISO 18295-2 clause, default severity, summary."""
    from contactcheck.rules import load_rules

    for rule in load_rules():
        optin = "" if rule.catalogue else "  (opt-in: --select)"
        click.echo(f"{rule.id:<32} {rule.clause:<5} {rule.severity:<8} {rule.summary}{optin}")
        if verbose:
            for line in rule.doc.strip("\n").splitlines():
                click.echo(f"    {line.strip()}" if line.strip() else "")
            click.echo("")


@main.command("demo")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "junit", "html"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--files", is_flag=True, help="Check the example's files with `check` instead of crawling its site.")
def demo(fmt: str, output: Path | None, files: bool) -> None:
    """The main job on the bundled example organisation (Northwind Energy): serve its web site on 127.0.0.1,
    crawl it and print the site report (with --files: `check` its site, PDFs, scripts and IVR definition).
    Exits 0 whatever it finds."""
    colour = output is None and fmt == "text" and sys.stdout.isatty()
    if files:
        from contactcheck.runner import run_check

        example = Path(str(resources.files("canonical").joinpath("examples")))
        _, rendered, notes = run_check((example / "acme" / "defects",),
                                       strategy_path=example / "acme" / "strategy.yaml", fmt=fmt,
                                       fail_on="never", colour=colour)
        for note in notes:
            click.echo(note, err=True)
    else:
        from contactcheck.crawl_cli import demo_crawl

        _, rendered = demo_crawl(fmt, colour=colour)
    write_output(rendered, output)
    sys.exit(EXIT_OK)


def _register() -> None:
    """Commands that live in their own modules."""
    from contactcheck.crawl_cli import crawl, history
    from contactcheck.ivr_cli import ivr

    main.add_command(ivr)
    main.add_command(crawl)
    main.add_command(history)


_register()
