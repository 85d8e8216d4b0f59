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
    from esm_cli import limits  # every read is capped while reading (docs/limits.md)

    if value == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a text stream (tests): read one character past the cap at most
            text = sys.stdin.read(limits.MAX_FILE_BYTES + 1)
            if len(text) > limits.MAX_FILE_BYTES:
                raise limits.too_large("Standard input")
            return text
        return limits.universal_newlines(limits.read_capped(buffer, "Standard input").decode("utf-8", "replace"))
    if value.startswith(("file://", "fileb://")):
        return value_text(value, flag)
    try:
        return limits.universal_newlines(limits.read_file(value, f"The file {limits.quote(value)}").decode("utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ParamValidationError(f"Error parsing parameter '{flag}': cannot read {value}: {reason}") from None
