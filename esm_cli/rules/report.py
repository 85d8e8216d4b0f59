"""What ``esm validate`` needs from the rules: a report of violations and a mappings-file reader.

The command itself (flags, ``--file``, exit codes) lives with the CLI.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from esm_cli.errors import ParamValidationError

if TYPE_CHECKING:
    from esm_cli.rules import Violation


def _response_only() -> frozenset[str]:
    """Response members dropped so a saved get/list output validates as the create that rebuilds it.

    Anything else unknown is kept, so the client-side checks still catch a misspelt member;
    FunctionArn is kept too: it stands in for a missing FunctionName.
    """
    from esm_cli.rules.engine import RESPONSE_ONLY

    return RESPONSE_ONLY - {"FunctionArn"}


def _record(violation: Violation) -> dict[str, str]:
    return {
        "RuleId": violation.rule_id,
        "Code": violation.code,
        "Parameter": violation.param,
        "Path": violation.path,
        # A model violation's own part of AWS's combined message reads better alone.
        "Message": violation.detail or violation.message,
        "Hint": violation.hint,
    }


def violation_records(violations: list[Violation]) -> list[dict[str, Any]]:
    """Violations as data (PascalCase keys, like AWS CLI output): what --output renders."""
    return [_record(v) for v in violations]


def render_violation_records(records: list[dict[str, Any]]) -> str:
    """Violation records as text, one block each; empty when there is nothing to report."""
    blocks = []
    for record in records:
        where = record["Parameter"] + (f" ({record['Path']})" if record["Path"] else "")
        lines = [f"{record['RuleId']}  {where}", f"  {record['Code']}: {record['Message']}"]
        if record["Hint"]:
            lines.append(f"  what to do: {record['Hint']}")
        blocks.append("\n".join(lines))
    return "".join(block + "\n" for block in blocks)


def _parse(text: str) -> Any:
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise ParamValidationError("The mappings file is empty.")
    if stripped[0] in "[{":
        from esm_cli import limits

        try:
            return limits.check_depth(json.loads(stripped), "The mappings file")
        except RecursionError:
            raise limits.too_deep("The mappings file") from None
        except ValueError:
            pass  # YAML flow style is a superset of JSON; let YAML have a go and report its error
    import yaml  # only here: most runs never read a mappings file

    from esm_cli.yamlload import load_yaml  # libyaml, aliases and depth bounded (docs/limits.md)

    try:
        return load_yaml(stripped, "The mappings file")
    except yaml.YAMLError as error:
        raise ParamValidationError(f"The mappings file is neither valid JSON nor valid YAML: {error}") from None


def _epoch(value: Any) -> Any:
    # YAML turns ISO timestamps into datetimes; requests carry epoch seconds.
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        seconds = moment.timestamp()
        return int(seconds) if seconds == int(seconds) else seconds
    if isinstance(value, date):
        return int(datetime(value.year, value.month, value.day, tzinfo=timezone.utc).timestamp())
    if isinstance(value, str):
        try:
            return _epoch(datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return value
    return value


def _as_request(mapping: dict[str, Any]) -> dict[str, Any]:
    request = {key: value for key, value in mapping.items() if key not in _response_only()}
    arn = request.pop("FunctionArn", None)
    if "FunctionName" not in request and arn is not None:
        request["FunctionName"] = arn  # a get/list response names the function by ARN
    if "StartingPositionTimestamp" in request:
        request["StartingPositionTimestamp"] = _epoch(request["StartingPositionTimestamp"])
    return request


def load_mappings_file(text: str) -> list[dict[str, Any]]:
    """Mappings, in API member names, from a YAML or JSON document.

    Accepts a list of mappings, a single mapping, a list-event-source-mappings response
    (``{"EventSourceMappings": [...]}``) or esm export's ``{"mappings": [...]}``; response-only members are dropped and ``FunctionArn``
    stands in for a missing ``FunctionName``. Raises ParamValidationError (exit 252) otherwise.
    """
    document = _parse(text)
    if isinstance(document, dict) and isinstance(document.get("EventSourceMappings"), list):
        document = document["EventSourceMappings"]
    elif isinstance(document, dict) and set(document) == {"mappings"}:
        document = document["mappings"]  # the file esm export writes (docs/deploy.md)
    items = [document] if isinstance(document, dict) else document
    if not isinstance(items, list) or not items:
        raise ParamValidationError("The mappings file must hold a mapping or a non-empty list of mappings.")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ParamValidationError(
                f"Mapping {index + 1} in the mappings file is a {type(item).__name__}, not a mapping of parameters."
            )
    return [_as_request(item) for item in items]
