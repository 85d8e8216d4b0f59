"""Console entry point. Kept tiny: a TAB press must not pay for importing the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run ``esm``; returns the exit code (also used by ``python -m esm_cli``)."""
    from esm_cli.cli import run

    return run(sys.argv[1:] if argv is None else argv)
