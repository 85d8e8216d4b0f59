"""``file://`` and ``fileb://`` parameter values (docs/aws-cli-behaviour.md#parameter-values).

Any value the user types may name a file instead: ``file://PATH`` is replaced by the file's
text, ``fileb://PATH`` by its bytes. ``~`` and ``$VAR`` in PATH are expanded. AWS CLI v2 does
not fetch ``http://``/``https://`` values (v1 does), so neither do we: they stay literal.
"""

from __future__ import annotations

import os

from esm_cli import limits
from esm_cli.errors import ParamValidationError

TEXT_PREFIX = "file://"
BINARY_PREFIX = "fileb://"


class ParamFileError(ParamValidationError):
    """A ``file://``/``fileb://`` value that cannot be read.

    The message is the bare AWS text (``Unable to load paramfile …``). At the top level of a
    flag the caller prefixes it with ``Error parsing parameter '<flag>': ``; inside shorthand
    (``key@=file://…``) the AWS CLI prints it bare, so it must stay unprefixed there.
    """


def text_encoding() -> str:
    """The encoding ``file://`` contents are decoded with, chosen as AWS CLI v2 chooses it.

    ``AWS_CLI_FILE_ENCODING`` wins; a C/POSIX locale means UTF-8 (v2 applies PEP 540's
    coercion itself); otherwise the locale's preferred encoding.
    """
    forced = os.environ.get("AWS_CLI_FILE_ENCODING")
    if forced is not None:
        return forced
    import locale  # only when a file:// value is read

    if locale.setlocale(locale.LC_CTYPE) in ("C", "POSIX"):
        return "UTF-8"
    return locale.getpreferredencoding(False)


def load_paramfile(value: str) -> str | bytes | None:
    """The contents a ``file://``/``fileb://`` value refers to; None when it has no such prefix.

    Raises ParamFileError with AWS's text when the file cannot be opened or decoded.
    """
    if not isinstance(value, str):
        return None
    if value.startswith(TEXT_PREFIX):
        return _read(value, TEXT_PREFIX, binary=False)
    if value.startswith(BINARY_PREFIX):
        return _read(value, BINARY_PREFIX, binary=True)
    return None


def _read(value: str, prefix: str, *, binary: bool) -> str | bytes:
    path = os.path.expandvars(os.path.expanduser(value[len(prefix) :]))
    try:
        # Read in chunks up to esm's cap (docs/limits.md): file:///dev/zero is refused, not read whole.
        try:
            data = limits.read_file(path, f"The file {limits.quote(value)}")
        except ParamValidationError as error:  # over the cap: worded as the other paramfile errors
            raise ParamFileError(error.message) from None
        if binary:
            return data
        # Decoded as text mode would, universal newlines included (CRLF → LF), as the AWS CLI's open() does.
        return limits.universal_newlines(data.decode(text_encoding()))
    except UnicodeDecodeError:
        # AWS names the expanded path here but the typed value below; both are reproduced.
        raise ParamFileError(
            f"Unable to load paramfile ({path}), text contents could not be decoded.  If this is a "
            "binary file, please use the fileb:// prefix instead of the file:// prefix."
        ) from None
    except OSError as error:
        raise ParamFileError(f"Unable to load paramfile {value}: {error}") from None
    except (ValueError, LookupError) as error:
        # A NUL in the path or an unknown AWS_CLI_FILE_ENCODING: the AWS CLI lets these escape
        # its loader and prints the bare Python message; so do we (still exit 252, no traceback).
        raise ParamValidationError(str(error)) from None
