"""Small helpers every command shares: option parsing and where output goes."""

from __future__ import annotations

from pathlib import Path

import click


def region_option(region: str | None) -> str | None:
    """A ``--region`` value checked against the regions phonenumbers knows, upper-cased; None stays None."""
    if region is None:
        return None
    region = region.upper()
    import phonenumbers

    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise click.BadParameter(f"{region!r} is not a region code phonenumbers knows (GB, US, DE, ...)",
                                 param_hint="--region")
    return region


def split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """Repeated or comma-separated ``--select`` / ``--ignore`` values as one tuple."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def write_output(text: str, output: Path | None) -> None:
    """A rendered report to standard output, or to ``--output``."""
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
