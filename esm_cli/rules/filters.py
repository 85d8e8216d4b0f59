"""Filter criteria structure and limits (docs/rules.md, R-FLT; docs/filters.md).

The structural check is ours: a pattern is a JSON object whose leaves are non-empty arrays
(nested objects allowed), which is what the recorded rejections show. The full pattern
language belongs to ``esm_cli.filters``; when its ``validate_pattern`` is importable it is
asked too, and its explanations become the hint (AWS itself only ever says
``Invalid filter pattern definition.``).
"""

from __future__ import annotations

import importlib
import json

from esm_cli.rules.base import DOCDB, EVERY_SOURCE, Context, Finding, as_dict, as_list, rule_maker, unsupported_rule

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable

MAX_FILTERS = 5  # default quota; raisable to 10 per account (R-FLT-5)
_EXAMPLE = '{"body": {"status": ["ok"]}}'
_ENGINE_MODULES = ("esm_cli.filters.validate", "esm_cli.filters.pattern")

_engine_cache: list[Callable[..., list[str]] | None] = []


def _engine() -> Callable[..., list[str]] | None:
    """The pattern engine's ``validate_pattern``, imported on first need (None when absent)."""
    if not _engine_cache:
        found = None
        for name in _ENGINE_MODULES:
            try:
                module = importlib.import_module(name)
            except Exception:  # absent or broken: the structural check stands alone
                continue
            candidate = getattr(module, "validate_pattern", None)
            if callable(candidate):
                found = candidate
                break
        _engine_cache.append(found)
    return _engine_cache[0]


def structural_problems(text: Any) -> list[str]:
    """Why a pattern is not a JSON object with non-empty arrays at its leaves (empty if it is)."""
    if not isinstance(text, str) or not text.strip():
        return ["the pattern is empty"]
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return ["the pattern is not valid JSON"]
    if not isinstance(value, dict):
        return [f"a pattern must be a JSON object such as {_EXAMPLE}, not {type(value).__name__}"]
    problems: list[str] = []
    stack: list[tuple[str, dict[str, Any]]] = [("", value)]
    while stack:  # iterative: a deeply nested pattern must not hit Python's recursion limit
        path, node = stack.pop()
        if not node:
            problems.append(f"{path or 'the pattern'} is an empty object")
        for key, item in node.items():
            where = f"{path}.{key}" if path else key
            if isinstance(item, dict):
                stack.append((where, item))
            elif not isinstance(item, list):
                problems.append(f"{where} must be an array of values, e.g. [{json.dumps(item)}]")
            elif not item:
                problems.append(f"{where} is an empty array; give at least one value")
    return sorted(problems)


def pattern_problems(text: Any, family: str | None) -> list[str]:
    """Structural problems, or else what the pattern engine (if present) objects to."""
    problems = structural_problems(text)
    engine = _engine()
    if engine is None or not isinstance(text, str):
        return problems
    try:
        try:
            hints = list(engine(text, source=family))
        except TypeError:  # an engine without the per-source keyword
            hints = list(engine(text))
    except Exception:  # the engine is advisory here; never let it break validation
        return problems
    return [str(h) for h in hints] or problems


def _filters(ctx: Context) -> list[Any]:
    # Only what this request sends: stored filters were accepted by AWS already.
    return as_list(as_dict(ctx.request.get("FilterCriteria")).get("Filters"))


def _invalid_patterns(ctx: Context) -> Iterable[Finding]:
    family = ctx.source.family if ctx.source else None
    for index, item in enumerate(_filters(ctx)):
        problems = pattern_problems(as_dict(item).get("Pattern"), family)
        if problems:
            yield Finding(
                "FilterCriteria",
                {"n": index + 1, "problems": "; ".join(problems)},
                path=f"filterCriteria.filters.{index + 1}.member.pattern",
                position=(index,),
            )


def _too_many(ctx: Context) -> Iterable[Finding]:
    count = len(_filters(ctx))
    if count > MAX_FILTERS:
        yield Finding("FilterCriteria", {"count": count})


_rule = rule_maker("filters")

RULES = (
    _rule(
        "R-FLT-2", "FilterCriteria", _invalid_patterns, EVERY_SOURCE - DOCDB,
        verbatim=True, without_source=True, refs=("R-FLT-2", "R-FLT-3"),
        message="Invalid filter pattern definition.",
        hint=f"Filter <n>: <problems>. A pattern is a JSON object whose leaves are non-empty arrays, e.g. {_EXAMPLE}.",
        evidence="[S] test_lambda_integration_sqs.snapshot.json :: test_sqs_invalid_event_filter[*] and "
        "test_lambda_integration_dynamodbstreams.snapshot.json :: test_dynamodb_invalid_event_filter[*] (25-11-2025)",
    ),
    _rule(
        "R-FLT-5", "FilterCriteria", _too_many, EVERY_SOURCE - DOCDB, without_source=True,
        message="The number of filters exceeds the limit of 5 for this event source mapping.",
        hint="Give at most 5 filters (<count> given): combine patterns with $or, or ask for the quota increase "
        "(up to 10) and run with --no-validate.",
        evidence="[D] invocation-eventfiltering: 5 filters per mapping by default, quota-increasable to 10; \"Lambda "
        "will return an error when you try to create the event source mapping\". Message unknown",
    ),
    unsupported_rule(
        "R-FLT-7",
        "FilterCriteria",
        topic="filters",
        evidence="[D] with-documentdb \"Lambda doesn't support event filtering for Amazon DocumentDB\". Message unknown:"
        " the R-APP-2 template is assumed",
        hint="DocumentDB mappings cannot filter events: remove --filter-criteria and filter in the function.",
        refs=("R-FLT-7", "R-DOC-3"),
        verbatim=False,
    ),
)
