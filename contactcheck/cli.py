"""The command line: maps library results to output and exit codes (the library never prints)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from contactcheck import __version__

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

    region = _region_option(region)
    show = sys.stderr.isatty()

    def progress(path: Path) -> None:
        if show:
            click.echo(f"\r\033[Kreading {path}", err=True, nl=False)

    documents = extract_paths(paths, region, pdf_engine, progress)
    if show:
        click.echo("\r\033[K", err=True, nl=False)
    if not documents:
        raise click.UsageError("no readable input: no files with a known type under the paths given")
    rendered = extract_json(documents) if fmt == "json" else extract_text(documents)
    _write(rendered, output)
    sys.exit(EXIT_OK if any(d.error is None for d in documents) else EXIT_USAGE)


def _region_option(region: str | None) -> str | None:
    if region is None:
        return None
    region = region.upper()
    import phonenumbers

    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise click.BadParameter(f"{region!r} is not a region code phonenumbers knows (GB, US, DE, ...)",
                                 param_hint="--region")
    return region


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
