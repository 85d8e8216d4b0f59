"""Console entry point. Kept tiny: a TAB press must not pay for importing the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run ``esm``; returns the exit code (also used by ``python -m esm_cli``)."""
    if argv is None:
        import os  # already loaded by the interpreter: free

        shell = os.environ.get("_ESM_COMPLETE")
        if shell:
            # A completion script is asking for candidates: answer before importing the CLI,
            # so a TAB press costs little more than starting Python.
            from esm_cli.completion.protocol import respond

            return respond(shell, os.environ, sys.stdout)
    from esm_cli.boundary import run

    return run(sys.argv[1:] if argv is None else argv)
