"""The shorthand syntax's token classes and errors, with AWS CLI v2's error layout
(docs/aws-cli-behaviour.md, shorthand). The parser itself is ``esm_cli.params.shorthand``."""

from __future__ import annotations

from esm_cli.errors import ParamValidationError

# string.whitespace: what the AWS parser skips around "=", "," and brackets (ASCII only,
# unlike the Unicode whitespace that unquoted tokens may contain).
SKIPPED_WHITESPACE = frozenset(" \t\n\r\x0b\x0c")
KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.#/:")

# Token names as the AWS CLI prints them in "Expected: '<…>'" (the typo is theirs).
SINGLE_QUOTED_NAME = "<singled quoted>"
DOUBLE_QUOTED_NAME = "<double quoted>"
SECOND_NAME = "<second>"


# Character classes of unquoted tokens, as code-point ranges. They stop at U+FFFF, so
# characters outside the Basic Multilingual Plane (emoji) must be quoted, as in the AWS CLI.
def is_start(ch: str) -> bool:
    """May begin an unquoted value: not whitespace/control, ``"``, ``'``, ``,``, ``=``, ``[``, ``{``."""
    c = ord(ch)
    return 0x21 <= c <= 0xFFFF and ch not in "\"',=[{"


def is_first_follow(ch: str) -> bool:
    """May continue a first value (``=``, ``[``, ``{`` are fine; ``]`` and ``}`` close brackets)."""
    if ch.isspace():
        return True
    c = ord(ch)
    return 0x21 <= c <= 0xFFFF and ch not in "\"',]}"


def is_second_follow(ch: str) -> bool:
    """May continue a second value; ``=`` is excluded so that ``a=b,c=d`` splits into two keys."""
    if ch.isspace():
        return True
    c = ord(ch)
    return 0x21 <= c <= 0xFFFF and ch not in "\"',="


class ShorthandError(ParamValidationError):
    """A shorthand value that does not parse; the message is AWS's text without the flag prefix."""


def error_location(text: str, index: int) -> str:
    """The input with a caret line under ``index``.

    With newlines in the input the caret counts from the last newline before ``index`` and is
    printed right after the line that holds ``index``; the rest of the input follows it.
    """
    consumed, remaining, spaces = text, "", index
    if "\n" in text[:index]:
        spaces = index - text[:index].rindex("\n") - 1
    if "\n" in text[index:]:
        line_end = text.index("\n", index)
        consumed, remaining = text[:line_end], text[line_end:]
    return f"{consumed}\n{' ' * spaces}^{remaining}"


class ShorthandSyntaxError(ShorthandError):
    """``Expected: 'x', received: 'y' for input:`` + the input with a caret."""

    def __init__(self, text: str, expected: str, actual: str, index: int) -> None:
        self.text, self.expected, self.actual, self.index = text, expected, actual, index
        # v2 writes "for input:\n %s": the space lands before the echoed input only.
        super().__init__(
            f"Expected: '{expected}', received: '{actual}' for input:\n {error_location(text, index)}"
        )


class DuplicateKeyError(ShorthandError):
    """The same top-level key twice, usually ``A=1,B=2`` where ``A=1 B=2`` was meant."""

    def __init__(self, text: str, key: str, index: int) -> None:
        self.text, self.key, self.index = text, key, index
        super().__init__(
            f'Second instance of key "{key}" encountered for input:\n{error_location(text, index)}\n'
            'This is often because there is a preceding "," instead of a space.'
        )
