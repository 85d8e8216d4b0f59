"""AWS CLI shorthand syntax, parsed purely syntactically (no model): ``A=b,C=[d,e],F={G=h}``.

The grammar, token classes and error texts are the AWS CLI's (docs/shorthand.md#shorthand); the code is a
hand-written recursive-descent parser, one method per rule::

    parameter     = keyval *( "," keyval )          ; a repeated top-level key is an error
    keyval        = key [ws] ["@"] [ws] "=" [ws] values
    key           = *( ALPHA / DIGIT / "-" / "_" / "." / "#" / "/" / ":" )   ; may be empty
    values        = EOF -> "" / explicit-list / hash-literal / csv-value
    csv-value     = first-value [ "," second-value *( "," second-value ) ]
                    ; a second-value followed by "=" is really the next key: back up to its comma
    explicit-list = "[" [ list-item *( "," list-item ) ] "]"
    hash-literal  = "{" *( key ["@"] "=" list-item [","] ) "}"
    list-item     = explicit-list / hash-literal / first-value
    first-value   = single-quoted / double-quoted / FIRST      ; FIRST may also match nothing -> ""
    second-value  = single-quoted / double-quoted / SECOND

``key@=value`` loads ``file://``/``fileb://`` values for that key (and, as in the AWS CLI, for
every value parsed until the next key). Unquoted values have ``\\,`` turned into ``,`` and
trailing whitespace removed; quoted values keep everything but their escapes.

Errors follow AWS CLI v2's layout, including its quirk of one extra space before the echoed
input (the caret is *not* shifted), so a script that greps v2's stderr sees the same text.
"""

from __future__ import annotations

from collections.abc import Callable

from esm_cli.params.paramfile import load_paramfile
from esm_cli.params.shorthand_tokens import (
    DOUBLE_QUOTED_NAME,
    KEY_CHARS,
    SECOND_NAME,
    SINGLE_QUOTED_NAME,
    SKIPPED_WHITESPACE,
    DuplicateKeyError,
    ShorthandError,
    ShorthandSyntaxError,
    is_first_follow,
    is_second_follow,
    is_start,
)

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    FileLoader = Callable[[str], "str | bytes | None"]


class ShorthandParser:
    """One parse of one string. Use :func:`parse_shorthand`."""

    def __init__(self, text: str, load_file: FileLoader = load_paramfile) -> None:
        self._text = text
        self._pos = 0
        self._load_file = load_file
        # Set by "@=" and cleared only when the next key starts; the AWS parser keeps it across
        # nested brackets too (``A=[{B@=x}, file://y]`` loads file://y), and so do we.
        self._resolve_files = False

    # ---- rules -----------------------------------------------------------------------------

    def parse(self) -> dict[str, Any]:
        """parameter = keyval *( "," keyval )"""
        params: dict[str, Any] = {}
        key, value = self._keyval()
        params[key] = value
        end_of_previous = self._pos
        while self._pos < len(self._text):
            self._expect(",", skip_whitespace=True)
            key, value = self._keyval()
            if key in params:
                # Caret one past where the previous pair ended (normally just after its comma).
                raise DuplicateKeyError(self._text, key, end_of_previous + 1)
            params[key] = value
            end_of_previous = self._pos
        return params

    def _keyval(self) -> tuple[str, Any]:
        """keyval = key ["@"] "=" values"""
        key = self._key()
        self._at_sign_or_not()
        self._expect("=", skip_whitespace=True)
        return key, self._values()

    def _at_sign_or_not(self) -> None:
        # Whitespace before a missing "@" is consumed anyway: the AWS parser skips it first.
        self._resolve_files = False
        self._skip_whitespace()
        if self._peek() == "@":
            self._pos += 1
            self._skip_whitespace()
            self._resolve_files = True

    def _key(self) -> str:
        start = self._pos
        while self._pos < len(self._text) and self._text[self._pos] in KEY_CHARS:
            self._pos += 1
        return self._text[start : self._pos]

    def _values(self) -> Any:
        """values = EOF -> "" / explicit-list / hash-literal / csv-value"""
        current = self._peek()
        if current is None:
            return ""
        if current == "[":
            return self._explicit_list()
        if current == "{":
            return self._hash_literal()
        return self._csv_value()

    def _csv_value(self) -> Any:
        """``a`` -> "a"; ``a,b,c`` -> ["a","b","c"]; in ``a,b=c`` the ``b`` is the next key."""
        first = self._first_value()
        self._skip_whitespace()
        if self._peek() != ",":
            return first
        self._expect(",", skip_whitespace=True)
        items = [first]
        while True:
            try:
                item = self._second_value()
                self._skip_whitespace()
                if self._at_eof():
                    items.append(item)
                    break
                self._expect(",", skip_whitespace=True)
                items.append(item)
            except ShorthandSyntaxError:
                if self._at_eof():
                    raise
                # What followed the comma was not a list item (typically "key="): give the
                # comma back to parse() by moving to the nearest comma at or before here.
                self._back_to_comma()
                break
        return first if len(items) == 1 else items

    def _explicit_list(self) -> list[Any]:
        """explicit-list = "[" [ list-item *( "," list-item ) ] "]\""""
        self._expect("[", skip_whitespace=True)
        items: list[Any] = []
        while self._peek() != "]":
            items.append(self._list_item())
            self._skip_whitespace()
            if self._peek() != "]":
                self._expect(",")
                self._skip_whitespace()
        self._expect("]")
        return items

    def _hash_literal(self) -> dict[str, Any]:
        """hash-literal = "{" *( key ["@"] "=" list-item [","] ) "}" ; a repeated key: last wins"""
        self._expect("{", skip_whitespace=True)
        pairs: dict[str, Any] = {}
        while self._peek() != "}":
            key = self._key()
            self._at_sign_or_not()
            self._expect("=", skip_whitespace=True)
            value = self._list_item()
            self._skip_whitespace()
            if self._peek() != "}":
                self._expect(",")
                self._skip_whitespace()
            pairs[key] = value
        self._expect("}")
        return pairs

    def _list_item(self) -> Any:
        current = self._peek()
        if current == "[":
            return self._explicit_list()
        if current == "{":
            return self._hash_literal()
        return self._first_value()

    def _first_value(self) -> Any:
        current = self._peek()
        if current == "'":
            return self._quoted("'", SINGLE_QUOTED_NAME)
        if current == '"':
            return self._quoted('"', DOUBLE_QUOTED_NAME)
        raw = self._unquoted(is_first_follow)
        if raw is None:
            return ""  # nothing matched: an empty value, nothing consumed
        return self._finish_unquoted(raw)

    def _second_value(self) -> Any:
        current = self._peek()
        if current == "'":
            return self._quoted("'", SINGLE_QUOTED_NAME)
        if current == '"':
            return self._quoted('"', DOUBLE_QUOTED_NAME)
        raw = self._unquoted(is_second_follow)
        if raw is None:
            raise ShorthandSyntaxError(self._text, SECOND_NAME, "<none>", self._pos)
        return self._finish_unquoted(raw)

    # ---- tokens ----------------------------------------------------------------------------

    def _unquoted(self, follows: Callable[[str], bool]) -> str | None:
        """The longest run of ``\\,`` pairs and class characters here, or None if none starts."""
        text, start = self._text, self._pos
        end = start
        if text.startswith("\\,", end):
            end += 2
        elif end < len(text) and is_start(text[end]):
            end += 1
        else:
            return None
        while end < len(text):
            if text.startswith("\\,", end):
                end += 2
            elif follows(text[end]):
                end += 1
            else:
                break
        self._pos = end
        return text[start:end]

    def _finish_unquoted(self, raw: str) -> Any:
        return self._maybe_load(raw.replace("\\,", ",").rstrip())

    def _quoted(self, quote: str, name: str) -> Any:
        r"""A quoted value; ``\<quote>`` and ``\\`` are unescaped.

        The AWS CLI matches ``Q(?:\\Q|[^Q])*Q`` with a backtracking regex. Its result: the value
        closes at the first quote *not* preceded by a backslash; if every later quote is
        preceded by one, at the last of them (its backslash then stays literal). This scan
        gives that result in one pass, without regex backtracking.
        """
        text, start = self._text, self._pos
        close = -1
        for index in range(start + 1, len(text)):
            if text[index] == quote:
                close = index
                if text[index - 1] != "\\":
                    break
        if close < 0:
            raise ShorthandSyntaxError(text, name, "<none>", start)
        self._pos = close + 1
        inner = text[start + 1 : close].replace("\\" + quote, quote).replace("\\\\", "\\")
        return self._maybe_load(inner)

    def _maybe_load(self, value: str) -> Any:
        if self._resolve_files:
            loaded = self._load_file(value)
            if loaded is not None:
                return loaded
        return value

    # ---- cursor ----------------------------------------------------------------------------

    def _expect(self, char: str, *, skip_whitespace: bool = False) -> None:
        if skip_whitespace:
            self._skip_whitespace()
        current = self._peek()
        if current is None:
            raise ShorthandSyntaxError(self._text, char, "EOF", self._pos)
        if current != char:
            raise ShorthandSyntaxError(self._text, char, current, self._pos)
        self._pos += 1
        if skip_whitespace:
            self._skip_whitespace()

    def _peek(self) -> str | None:
        return self._text[self._pos] if self._pos < len(self._text) else None

    def _at_eof(self) -> bool:
        return self._pos >= len(self._text)

    def _skip_whitespace(self) -> None:
        while self._pos < len(self._text) and self._text[self._pos] in SKIPPED_WHITESPACE:
            self._pos += 1

    def _back_to_comma(self) -> None:
        # Like the AWS parser this may land on a comma inside a quoted or "\,"-escaped value;
        # the parse then fails there, exactly as it does for the AWS CLI.
        while self._pos >= 0 and self._text[self._pos] != ",":
            self._pos -= 1


def parse_shorthand(text: str, load_file: FileLoader = load_paramfile) -> dict[str, Any]:
    """Parse one shorthand string into dicts, lists and strings (bytes for ``@=fileb://``).

    Raises ShorthandError (a ParamValidationError) with AWS's message, or ParamFileError
    when a ``key@=file://…`` cannot be read.
    """
    try:
        return ShorthandParser(text, load_file).parse()
    except RecursionError:
        # Thousands of nested brackets: the AWS CLI dies with a traceback; we refuse cleanly.
        raise ShorthandError("maximum recursion depth exceeded while parsing shorthand") from None
