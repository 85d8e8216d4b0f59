"""Split a partial command line the way a POSIX shell would, forgiving what is unfinished.

The text ends at the cursor, so the last word may be empty (after a space) or still inside an
open quote. Quotes and backslashes are removed, as the shell removes them before esm sees its
arguments. shlex would do the splitting but refuses an unterminated quote and costs an import.
"""

from __future__ import annotations

_SPACE = " \t\n"
# Inside double quotes a backslash escapes only these (POSIX).
_DQUOTE_ESCAPABLE = '$`"\\\n'


class Line:
    """The words of a partial line; the last one is the word being completed."""

    __slots__ = ("words", "start", "quote")

    def __init__(self, words: list[str], start: int, quote: str) -> None:
        self.words = words  # unquoted; words[-1] is the current word ("" after a space)
        self.start = start  # where the current word starts in the raw text
        self.quote = quote  # the open quote of the current word ("'" or '"'), else ""

    @property
    def current(self) -> str:
        return self.words[-1]


def split(text: str) -> Line:
    """Split ``text`` (a command line up to the cursor) into unquoted words."""
    words: list[str] = []
    word: list[str] = []
    in_word = False
    start = 0
    quote = ""
    i = 0
    while i < len(text):
        char = text[i]
        if quote == "'":
            if char == "'":
                quote = ""
            else:
                word.append(char)
        elif quote == '"':
            if char == '"':
                quote = ""
            elif char == "\\" and i + 1 < len(text) and text[i + 1] in _DQUOTE_ESCAPABLE:
                i += 1
                word.append(text[i])
            else:
                word.append(char)
        elif char in _SPACE:
            if in_word:
                words.append("".join(word))
                word, in_word = [], False
        else:
            if not in_word:
                in_word, start = True, i
            if char in "'\"":
                quote = char
            elif char == "\\":
                if i + 1 < len(text):
                    i += 1
                    word.append(text[i])
            else:
                word.append(char)
        i += 1
    if not in_word:
        start = len(text)
    words.append("".join(word))
    return Line(words, start, quote)


def unquote(token: str) -> str:
    """A single raw token (e.g. fish's current token) with its quotes and backslashes removed."""
    return split(token).words[0] if token else ""


def bash_kept_prefix(raw_word: str, wordbreaks: str) -> str:
    """The part of the current word that bash will not replace, unquoted.

    Readline replaces only the text after the last COMP_WORDBREAKS character (``:`` and ``=``
    by default) or after an opening quote, so an ARN typed as ``arn:aws:sqs:…`` is completed
    from its last colon: candidates must be given from that point on.
    """
    kept = ""
    seen: list[str] = []
    quote = ""
    i = 0
    while i < len(raw_word):
        char = raw_word[i]
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"' and i + 1 < len(raw_word) and raw_word[i + 1] in _DQUOTE_ESCAPABLE:
                i += 1
                seen.append(raw_word[i])
            else:
                seen.append(char)
        elif char in "'\"":
            quote = char
            kept = "".join(seen)
        elif char == "\\" and i + 1 < len(raw_word):
            i += 1
            seen.append(raw_word[i])
        else:
            seen.append(char)
            if char in wordbreaks:
                kept = "".join(seen)
        i += 1
    return kept


# Characters bash would split or expand in an unquoted word.
_BASH_SPECIAL = set(" \t\n\"'\\$`!&;|<>()[]*?{}#~")


def bash_escape(text: str) -> str:
    """Backslash-escape what bash would otherwise split or expand (the word is not quoted)."""
    return "".join("\\" + c if c in _BASH_SPECIAL else c for c in text)
