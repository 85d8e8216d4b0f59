"""The one way esm reads YAML: libyaml's CSafeLoader when installed, with aliases and nesting bounded.

A "billion laughs" document (anchors whose aliases reference earlier anchors) is tiny on disk
and cheap for PyYAML to load, since aliases become shared objects; it explodes later, when the
value is walked, copied or printed. So before loading, a document that defines anchors is read
as an event stream and the nodes its aliases would add are counted; past
``limits.ALIAS_EXPANSION_BUDGET`` it is refused (exit 252). Nesting is capped at
``limits.MAX_DEPTH`` (libyaml stops at 1,000 levels on its own; the pure-Python loader would
overflow Python's stack). Figures and reasons: docs/limits.md.
"""

from __future__ import annotations

from esm_cli import limits

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any


def safe_loader() -> Any:
    """libyaml's CSafeLoader when PyYAML was built with it (several times faster), else SafeLoader."""
    import yaml

    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def load_yaml(text: str, what: str) -> Any:
    """Parse one YAML document safely; ``what`` names the input in errors ("--cli-input-yaml").

    yaml.YAMLError propagates, so callers keep their own wording for malformed YAML; a document
    over a limit raises ParamValidationError.
    """
    import yaml

    loader = safe_loader()
    if "&" in text:  # without an anchor there can be no alias: skip the extra pass
        _check_aliases(yaml.parse(text, Loader=loader), what)
    try:
        value = yaml.load(text, Loader=loader)
    except RecursionError:
        raise limits.too_deep(what) from None
    return limits.check_depth(value, what)


def _check_aliases(events: Any, what: str) -> None:
    """Refuse a document whose aliases would add more than the budget of nodes, or nests too deep."""
    import yaml

    sizes: dict[str, int] = {}  # anchor → nodes it stands for, expanded
    stack: list[list[Any]] = []  # open collections: [anchor, nodes so far]
    written = expanded = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            written += 1
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            written += 1
            stack.append([event.anchor, 1])
            if len(stack) > limits.MAX_DEPTH:
                raise limits.too_deep(what)
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
            if anchor:
                sizes[anchor] = size
        else:
            continue
        if stack:
            stack[-1][1] += size
        else:
            expanded += size
        if stack and stack[0][1] - written > limits.ALIAS_EXPANSION_BUDGET or expanded - written > limits.ALIAS_EXPANSION_BUDGET:
            raise _alias_bomb(what)


def _alias_bomb(what: str) -> Exception:
    from esm_cli.errors import ParamValidationError

    return ParamValidationError(
        f"{what}: its YAML aliases expand to more than {limits.ALIAS_EXPANSION_BUDGET:,} extra values, "
        "esm's limit; nothing was done (docs/limits.md)."
    )
