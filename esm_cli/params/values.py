"""One flag's typed text -> the API value the AWS CLI would send (docs/shorthand.md).

The steps, in the AWS CLI's order:

1. ``file://``/``fileb://``: the value is replaced by the file's contents (for list flags only
   when exactly one word was given; the contents then stand for the whole list).
2. By the member's model type:

   * structure / map: shorthand, unless the value starts with ``{`` or ``[`` (then JSON).
   * list of structures: shorthand per word, unless the *first* word starts with ``{``/``[``;
     then one ``[…]`` word is a JSON array, otherwise every word must be a JSON object.
   * list of scalars: a single ``[…]`` word is a JSON array, otherwise the words verbatim.
   * integer ``int()``, float ``float()``, boolean, string/timestamp verbatim.

3. Shorthand results are coerced by the model (the AWS CLI's ``BackCompatVisitor``): integer
   members ``int()``, booleans from ``true``/``false``, a scalar where a list is modeled is
   wrapped in a list. JSON results are not coerced: botocore's validation reports them.

Oddities of the AWS CLI are kept on purpose, because a drop-in must fail (or not) where it
fails: ``--topics file://t.txt`` holding ``abc`` gives ``["a","b","c"]``; Python's own messages
(``invalid literal for int() with base 10: 'abc'``) are the user-facing text.
"""

from __future__ import annotations

from esm_cli import spec
from esm_cli.errors import ParamValidationError
from esm_cli.params.paramfile import ParamFileError, load_paramfile
from esm_cli.params.shorthand import ShorthandError, parse_shorthand

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

_COMPLEX = ("structure", "list", "map")

# Python exceptions the AWS CLI lets escape while unpacking a value; it prints their message
# (exit 255). We print the same message as a parameter error (exit 252, no traceback).
_ESCAPING = (ValueError, TypeError, AttributeError, IndexError, RecursionError)


def parse_value(raw: str | list[str] | bool | None, shape_name: str, flag: str) -> Any:
    """The API value for one flag: ``raw`` is a list for list members (argparse ``nargs='*'``).

    ``shape_name`` is the member's shape in the model (e.g. ``ScalingConfig``), ``flag`` the
    option as typed in messages (``--scaling-config``). Raises ParamValidationError with the
    AWS CLI's text. None (flag absent) gives None.
    """
    if raw is None:
        return None
    try:
        return _unpack(_load_files(raw, flag), shape_name, flag)
    except ParamValidationError:
        raise
    except _ESCAPING as error:
        raise ParamValidationError(str(error)) from None


def _param_error(flag: str, message: str) -> ParamValidationError:
    return ParamValidationError(f"Error parsing parameter '{flag}': {message}")


def _load_files(raw: Any, flag: str) -> Any:
    # A list flag is checked only when it has exactly one word; the file's contents then
    # replace the whole list (the AWS CLI does not re-wrap them).
    candidate = raw[0] if isinstance(raw, list) and len(raw) == 1 else raw
    try:
        loaded = load_paramfile(candidate) if isinstance(candidate, str) else None
    except ParamFileError as error:
        raise _param_error(flag, error.message) from None
    return raw if loaded is None else loaded


def _unpack(value: Any, shape_name: str, flag: str) -> Any:
    kind = spec.type_of(shape_name)
    if kind in _COMPLEX:
        if _takes_shorthand(value, shape_name):
            return _from_shorthand(value, shape_name, flag)
        return _unpack_complex(value, shape_name, flag)
    return _unpack_scalar(value, kind)


def _takes_shorthand(value: Any, shape_name: str) -> bool:
    """Shorthand applies to structures, maps and lists of those, unless the value looks like JSON."""
    probe = value[0] if isinstance(value, list) and value else value
    if isinstance(probe, str) and probe.strip().startswith(("[", "{")):
        return False
    entry = spec.shape(shape_name)
    if entry["type"] == "list":
        return spec.type_of(entry["member"]) in _COMPLEX
    return True


def _from_shorthand(value: Any, shape_name: str, flag: str) -> Any:
    try:
        if isinstance(value, list):
            parsed: Any = [_shorthand_text(word) for word in value]
        else:
            parsed = _shorthand_text(value)
    except ShorthandError as error:
        raise _param_error(flag, error.message) from None
    coerce(parsed, shape_name)
    return parsed


def _shorthand_text(text: Any) -> dict[str, Any]:
    if isinstance(text, bytes):
        # ``fileb://`` contents given to a structure flag: the AWS CLI's parser then fails on its
        # first character comparison; these are the messages it prints.
        if text:
            raise ParamValidationError("'in <string>' requires string as left operand, not int")
        raise ParamValidationError("a bytes-like object is required, not 'str'")
    return parse_shorthand(text)


def _unpack_complex(value: Any, shape_name: str, flag: str) -> Any:
    entry = spec.shape(shape_name)
    if entry["type"] in ("structure", "map"):
        if value.lstrip()[0] == "{":
            return _json(value, flag)
        raise _param_error(flag, f"Invalid JSON:\n{value}")
    # A list. One JSON array, else element by element.
    if isinstance(value, str):
        if value.lstrip()[0] == "[":
            return _json(value, flag)
    elif isinstance(value, list) and len(value) == 1:
        single = value[0].strip()
        if single and single[0] == "[":
            return _json(value[0], flag)
    member = entry["member"]
    try:
        # A str here (file contents) is iterated character by character, as the AWS CLI does.
        return [_unpack_element(item, member, flag) for item in value]
    except (ValueError, TypeError):
        # e.g. a list of integers with a non-number: AWS names the flag and echoes the first word.
        raise _param_error(flag, str(value[0])) from None


def _unpack_element(item: Any, shape_name: str, flag: str) -> Any:
    kind = spec.type_of(shape_name)
    if kind in _COMPLEX:
        return _unpack_complex(item, shape_name, flag)
    return _unpack_scalar(item, kind)


def _unpack_scalar(value: Any, kind: str) -> Any:
    if kind in ("integer", "long"):
        return int(value)
    if kind in ("float", "double"):
        return float(value)
    if kind == "boolean":
        if isinstance(value, str) and value.lower() == "false":
            return False
        return bool(value)
    # Strings verbatim; timestamps too (validated and converted by client_validation / to_wire).
    return value


def _json(text: str, flag: str) -> Any:
    import json  # only JSON-looking values pay for the decoder

    try:
        return json.loads(text)
    except ValueError as error:
        raise _param_error(flag, f"Invalid JSON: {error}\nJSON received: {text}") from None


def coerce(value: Any, shape_name: str) -> None:
    """Model-driven fix-ups of a shorthand result, in place (the AWS CLI's BackCompatVisitor).

    A top-level scalar that should be a list is not wrapped here (there is no parent to put the
    list in); the AWS CLI behaves the same way.
    """
    _coerce({}, "", value, shape_name)


def _coerce(parent: Any, key: Any, value: Any, shape_name: str) -> None:
    entry = spec.shape(shape_name)
    kind = entry["type"]
    if kind == "structure":
        if isinstance(value, dict):
            for member_name, member in entry["members"].items():
                _coerce(value, member_name, value.get(member_name), member["shape"])
    elif kind == "list":
        if isinstance(value, list):
            for index, item in enumerate(value):
                _coerce(value, index, item, entry["member"])
        elif value is not None:
            # ``Filters={Pattern=x}`` means a one-item list. Like the AWS CLI, the wrapped item
            # itself is not coerced further.
            parent[key] = [value]
    elif kind == "map":
        if isinstance(value, dict):
            for map_key, item in value.items():
                _coerce(value, map_key, item, entry["value"])
    elif value is not None:
        if kind in ("integer", "long"):
            parent[key] = int(value)
        elif kind in ("float", "double"):
            parent[key] = float(value)
        elif kind == "boolean":
            # Only true/false (any case) become booleans; anything else is left for validation.
            lowered = value.lower()
            if lowered == "true":
                parent[key] = True
            elif lowered == "false":
                parent[key] = False
