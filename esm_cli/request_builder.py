"""Turn a command's parsed flags (and --cli-input-json/yaml) into the request the CLI sends.

Order of work matches the AWS CLI: input file first, explicit flags over it, values
parsed per the model, botocore's client-side checks, then wire serialisation.
"""

from __future__ import annotations

from esm_cli import spec
from esm_cli.commands.inputs import value_text
from esm_cli.errors import ParamValidationError
from esm_cli.options import KIND_BOOL, Command

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any


def load_cli_input(values: dict[str, Any]) -> dict[str, Any]:
    """Members given by --cli-input-json or --cli-input-yaml (API names), or {}."""
    json_text, yaml_text = values.get("cli_input_json"), values.get("cli_input_yaml")
    if json_text is not None and yaml_text is not None:
        raise ParamValidationError("Only one --cli-input- parameter may be specified.")
    if json_text is not None:
        import json

        from esm_cli import limits

        try:
            data = limits.check_depth(json.loads(value_text(json_text, "--cli-input-json")), "--cli-input-json")
        except RecursionError:
            raise limits.too_deep("--cli-input-json") from None
        except ValueError:
            raise ParamValidationError("Error parsing parameter 'cli-input-json': Invalid JSON received.") from None
    elif yaml_text is not None:
        import yaml  # only for --cli-input-yaml

        from esm_cli.yamlload import load_yaml  # libyaml, aliases and depth bounded (docs/limits.md)

        try:
            data = load_yaml(value_text(yaml_text, "--cli-input-yaml"), "--cli-input-yaml")
        except yaml.YAMLError:
            raise ParamValidationError("Error parsing parameter 'cli-input-yaml': Invalid YAML received.") from None
    else:
        return {}
    if not isinstance(data, dict):
        raise ParamValidationError(f"Invalid type: expecting map, received {type(data)}")
    return data


def missing_required(command: Command, values: dict[str, Any]) -> list[str]:
    """Required flags not given; none are required with an input file or a skeleton (as in the AWS CLI)."""
    if values.get("cli_input_json") is not None or values.get("cli_input_yaml") is not None:
        return []
    if values.get("generate_cli_skeleton") in ("input", "yaml-input"):
        return []  # an output skeleton still wants the command's required flags, as in AWS
    return [o.flag for o in command.options if o.required and o.dest not in values]


def build_request(command: Command, values: dict[str, Any], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The request dict for ``command``: API names in model order, values as sent on the wire."""
    from esm_cli import params  # value parsing is only needed once a command runs

    assert command.operation is not None
    input_shape = spec.operation(command.operation)["input"]
    given: dict[str, Any] = load_cli_input(values)
    for option in command.options:
        if option.shape is None or option.dest not in values:
            continue
        raw = values[option.dest]
        given[option.dest] = raw if option.kind == KIND_BOOL else params.parse_value(raw, option.shape, option.flag)
    given.update(extra or {})
    members = spec.shape(input_shape)["members"]
    # Model order first (the order the AWS CLI sends), then unknown keys so validation names them.
    request = {name: given[name] for name in members if name in given}
    request.update({k: v for k, v in given.items() if k not in members})
    params.validate_client_side(request, input_shape)
    return params.to_wire(request, input_shape)
