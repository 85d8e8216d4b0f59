"""``--output text``: the tab-separated layout of awscli/text.py (identical in v1 and v2).

Rules, as the AWS CLI applies them:

* a scalar prints as ``str(value)`` (Python spellings: ``True``, ``None``, float reprs);
* a dict prints one line with its scalar values in sorted-key order, prefixed by the
  upper-cased key it hangs from, then each container member (sorted) under its own key;
* a list of dicts prints one line per element over the union of their scalar keys
  (missing ones as empty strings), each followed by that element's containers;
* a list of scalars prints ``KEY<TAB>item`` per item, or all items on one line at the top.
"""

from __future__ import annotations

from typing import Any


def _is_container(value: Any) -> bool:
    return isinstance(value, (dict, list))


def format_text(data: Any) -> str:
    """The text rendering of ``data`` (already queried)."""
    lines: list[str] = []
    _node(data, None, None, lines)
    return "".join(lines)


def _node(item: Any, key: str | None, columns: list[str] | None, out: list[str]) -> None:
    if isinstance(item, dict):
        _mapping(item, key, columns, out)
    elif isinstance(item, list):
        _sequence(item, key, out)
    else:
        out.append(f"{item!s}\n")


def _sequence(items: list[Any], key: str | None, out: list[str]) -> None:
    if not items:
        return
    if any(isinstance(item, dict) for item in items):
        # Every row gets the same columns so that the output stays cut(1)-friendly.
        columns = sorted(
            {name for item in items if isinstance(item, dict) for name, value in item.items() if not _is_container(value)}
        )
        for item in items:
            _node(item, key, columns, out)
    elif any(isinstance(item, list) for item in items):
        scalars = [item for item in items if not _is_container(item)]
        if scalars:
            _scalars(scalars, key, out)
        for item in items:
            if _is_container(item):
                _node(item, key, None, out)
    else:
        _scalars(items, key, out)


def _scalars(items: list[Any], key: str | None, out: list[str]) -> None:
    if key is None:
        out.append("\t".join(str(item) for item in items) + "\n")
        return
    label = key.upper()
    out.extend(f"{label}\t{item!s}\n" for item in items)


def _mapping(item: dict[str, Any], key: str | None, columns: list[str] | None, out: list[str]) -> None:
    if columns is None:
        ordered = sorted(item.items())
        cells = [str(value) for _, value in ordered if not _is_container(value)]
        nested = [(name, value) for name, value in ordered if _is_container(value)]
    else:
        cells = [str(item.get(name, "")) for name in columns]
        nested = [(name, item[name]) for name in sorted(set(item) - set(columns))]
    if cells:
        if key is not None:
            cells.insert(0, key.upper())
        out.append("\t".join(cells) + "\n")
    for name, value in nested:
        _node(value, name, None, out)


def text_formatter(data: Any, operation: str, options: Any) -> str:
    """The registry entry for ``text`` (operation and options play no part)."""
    return format_text(data)
