"""The completion data (table.py, regions.py), made by ``python -m esm_cli.regenerate``.

- ``table.py`` mirrors ``esm_cli.options`` and the command table (every command's options,
  their kinds and enum values from the spec). Building those objects costs a TAB press more
  than starting Python does, so the completion path reads this flat copy instead.
- ``regions.py`` captures the regions where Lambda has an endpoint from botocore's
  ``endpoints.json``, so a TAB press never loads botocore.

``tests/test_generated_fresh.py`` fails until both are fresh. This module itself is never
imported on the TAB path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
TABLE_PATH = HERE / "table.py"
REGIONS_PATH = HERE / "regions.py"

_SUMMARY_LIMIT = 80


def summary(help_text: str) -> str:
    """A flag's one-line description for zsh and fish: its help's first sentence, kept short."""
    text = " ".join(help_text.split())
    cut = text.find(". ")
    while cut != -1 and text[max(0, cut - 3) : cut + 1] in ("e.g.", "i.e."):  # not a sentence end
        cut = text.find(". ", cut + 1)
    if cut != -1:
        text = text[:cut]
    text = text.removesuffix(".")
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 3].rstrip() + "..."


def _values(option: Any) -> tuple[str, ...]:
    """An option's closed set of values: its CLI choices, else the model enum (of list items too)."""
    from esm_cli import spec

    if option.choices:
        return tuple(option.choices)
    if option.shape is None:
        return ()
    shape = spec.shape(option.shape)
    if shape["type"] == "list":
        shape = spec.shape(shape["member"])
    return tuple(shape.get("enum", ()))


def _traits(option: Any) -> str:
    from esm_cli import spec

    traits = ""
    if option.hidden:
        traits += "h"
    if option.repeatable:
        traits += "r"
    if option.shape is not None and not spec.is_scalar(option.shape):
        traits += "s"
    return traits


def _row(option: Any) -> tuple[Any, ...]:
    return (option.flag, option.dest, option.kind, _values(option), _traits(option), summary(option.help))


def _indexes(numbers: list[int], indent: str) -> str:
    """A tuple of row numbers, wrapped to stay readable."""
    words = [f"{n}," for n in numbers]
    lines, line = [], ""
    for word in words:
        if len(indent) + len(line) + len(word) + 1 > 100:
            lines.append(line.rstrip())
            line = ""
        line += word + " "
    lines.append(line.rstrip())
    body = [text for text in lines if text]
    if not body:
        return "()"
    if len(body) == 1:
        return "(" + body[0].rstrip(",") + ("," if len(numbers) == 1 else "") + ")"
    return "(\n" + "".join(f"{indent}    {text}\n" for text in body) + f"{indent})"


def table_source() -> str:
    """The text of ``table.py``: every distinct option once, commands naming theirs by number."""
    from esm_cli.commands import all_commands
    from esm_cli.options import GLOBAL_OPTIONS

    rows: list[tuple[Any, ...]] = []
    number: dict[tuple[Any, ...], int] = {}

    def index(option: Any) -> int:
        row = _row(option)
        if row not in number:
            number[row] = len(rows)
            rows.append(row)
        return number[row]

    global_numbers = [index(o) for o in GLOBAL_OPTIONS]
    commands = {name: [index(o) for o in command.options] for name, command in all_commands().items()}
    out = [
        '"""esm\'s commands and options, flat, for completion: generated from the command table\n',
        '(esm_cli.commands, esm_cli.options) by ``python -m esm_cli.regenerate``; do not edit (a test\n',
        'checks it is fresh)."""\n',
        "\n",
        "# Every distinct option once: (flag, dest, kind, values, traits, summary).\n",
        "# kind: value, list, bool (--x and --no-x), flag, optional-value; values: its choices or model enum;\n",
        "# traits: h hidden (parsed, never offered), r repeatable list, s structured value (JSON/shorthand).\n",
        "OPTIONS = (\n",
    ]
    out += [f"    {row!r},  # {n}\n" for n, row in enumerate(rows)]
    out += [")\n", "\n", f"GLOBALS = {_indexes(global_numbers, '')}\n", "\n"]
    out.append(
        "# name: (API operation or None, positional argument names, summary, options, also an `aws lambda`\n"
        "# command, the values a positional takes)\n"
    )
    out.append("COMMANDS = {\n")
    for name, command in all_commands().items():
        positional_values = {p: command.values_of(p) for p in command.positionals if command.values_of(p)}
        out.append(
            f"    {name!r}: (\n        {command.operation!r}, {tuple(command.positionals)!r}, {summary(command.help)!r},\n"
            f"        {_indexes(commands[name], '        ')}, {command.aws_lambda!r}, {positional_values!r},\n    ),\n"
        )
    out.append("}\n")
    return "".join(out)


def endpoints_data() -> dict[str, Any]:
    """botocore's endpoint data (only the generator and its test load botocore)."""
    import botocore

    path = Path(botocore.__file__).parent / "data" / "endpoints.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def regions_source(endpoints: dict[str, Any]) -> str:
    """The text of ``regions.py``: every region with a Lambda endpoint, partition by partition."""
    rows = []
    for partition in endpoints["partitions"]:
        lambda_endpoints = partition["services"].get("lambda", {}).get("endpoints", {})
        for region, info in partition["regions"].items():
            if region in lambda_endpoints:
                rows.append(f"    {(region, info.get('description', ''))!r},\n")
    return (
        '"""Regions where Lambda has an endpoint, with their names: captured from botocore\'s endpoints.json by\n'
        '``python -m esm_cli.regenerate``; do not edit (a test checks it is fresh)."""\n'
        "\n"
        "REGIONS = (\n" + "".join(rows) + ")\n"
    )
