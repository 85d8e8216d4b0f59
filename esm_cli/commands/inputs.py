"""Reading what esm's own verbs take as text: a value, a file:// value, a path, or - for stdin."""

from __future__ import annotations

import sys

from esm_cli.errors import ParamValidationError


def value_text(value: str, flag: str) -> str:
    """A value as given, or the contents of the file a ``file://``/``fileb://`` prefix names."""
    from esm_cli.params.paramfile import ParamFileError, load_paramfile

    try:
        loaded = load_paramfile(value)
    except ParamFileError as error:
        raise ParamValidationError(f"Error parsing parameter '{flag}': {error}") from None
    if loaded is None:
        return value
    return loaded.decode("utf-8", "replace") if isinstance(loaded, bytes) else loaded


def file_text(value: str, flag: str) -> str:
    """The text of a file named by a path, a ``file://`` value, or ``-`` for standard input."""
    if value == "-":
        return sys.stdin.read()
    if value.startswith(("file://", "fileb://")):
        return value_text(value, flag)
    try:
        with open(value, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ParamValidationError(f"Error parsing parameter '{flag}': cannot read {value}: {reason}") from None
