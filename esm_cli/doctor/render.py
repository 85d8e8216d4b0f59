"""doctor's report: a checklist per mapping, drawn with rich on a terminal, plain text otherwise.

✓ passed · ✗ error · ! warning · i information · ? could not check; the fix is printed under
each finding, the AWS page after the reason.
"""

from __future__ import annotations

from typing import Any

MARKS = {
    "ok": ("✓", "green"),
    "error": ("✗", "red"),
    "warning": ("!", "yellow"),
    "info": ("i", "cyan"),
    "unchecked": ("?", "magenta"),
}


def _lines(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(mark kind, text, style hint) for the whole report; rich and plain render the same lines."""
    lines: list[tuple[str, str, str]] = []
    for mapping in document.get("Mappings", []):
        lines.append(
            ("head", f"{mapping.get('UUID')}  {mapping.get('FunctionArn')} ← {mapping.get('EventSourceArn')}", "")
        )
        for passed in mapping.get("Passed", []):
            lines.append(("ok", f"{passed['Message']}", passed["Id"]))
        for finding in mapping.get("Findings", []):
            kind = "unchecked" if finding.get("Checked") is False else finding["Severity"]
            lines.append((kind, finding["Message"], finding["Id"]))
            if finding.get("Why"):
                why = finding["Why"] + (f" ({finding['DocUrl']})" if finding.get("DocUrl") else "")
                lines.append(("why", why, ""))
            if finding.get("Fix"):
                lines.append(("fix", finding["Fix"], ""))
        if mapping.get("NeedsAws"):
            how = "drop --offline" if document.get("Backend") == "aws" else "run with --backend aws"
            lines.append(("note", f"not checked offline ({how}): " + "; ".join(mapping["NeedsAws"]), ""))
        lines.append(("blank", "", ""))
    summary = document.get("Summary", {})
    lines.append(
        (
            "summary",
            f"{summary.get('Mappings', 0)} mapping(s): {summary.get('Errors', 0)} error(s), "
            f"{summary.get('Warnings', 0)} warning(s), {summary.get('Info', 0)} note(s), "
            f"{summary.get('Unchecked', 0)} not checked",
            "",
        )
    )
    return lines


def plain(document: dict[str, Any]) -> str:
    out = []
    for kind, text, check_id in _lines(document):
        if kind == "head":
            out.append(text)
        elif kind in MARKS:
            out.append(f"  {MARKS[kind][0]} {text} [{check_id}]")
        elif kind == "why":
            out.append(f"      why: {text}")
        elif kind == "fix":
            out.append(f"      fix: {text}")
        elif kind == "note":
            out.append(f"  {text}")
        elif kind == "blank":
            out.append("")
        else:
            out.append(text)
    return "\n".join(out).rstrip("\n") + "\n"


def rich_text(document: dict[str, Any], width: int = 100, colour: bool = True) -> str:
    """The checklist with colour, as ANSI text (the output layer writes it).

    Marks and messages sit in a two-column grid so a wrapped message stays aligned; the fix is
    printed unwrapped (the terminal folds it), so copying it gives one command line.
    """
    import io

    from rich.console import Console
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, highlight=False, no_color=not colour)
    for kind, text, check_id in _lines(document):
        if kind == "head":
            console.print(Text(text, style="bold"))
        elif kind in MARKS:
            mark, colour_name = MARKS[kind]
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=3, justify="right")
            grid.add_column()
            grid.add_row(Text(mark, style=colour_name), Text.assemble(text, " ", (check_id, "dim")))
            console.print(grid)
        elif kind == "why":
            console.print(Padding(Text(text, style="dim"), (0, 0, 0, 6)))
        elif kind == "fix":
            console.print(Text.assemble("      ", ("fix:", "bold"), " ", text), soft_wrap=True)
        elif kind == "note":
            console.print(Padding(Text(text, style="dim"), (0, 0, 0, 2)))
        elif kind == "blank":
            console.print("")
        else:
            console.print(Text(text, style="bold"))
    return buffer.getvalue()


def report(document: dict[str, Any], ctx: Any) -> str:
    """The Result's report: rich on a terminal (or with --color on), plain text otherwise."""
    output = ctx.require_settings().output
    if output.isatty or output.color == "on":
        return rich_text(document, width=max(output.terminal_width, 60), colour=output.color != "off")
    return plain(document)
