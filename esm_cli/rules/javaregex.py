"""The model's patterns are Java regexes (AWS matches them whole); run them with Python's ``re``.

What differs, and what we translate:

- ``\\p{L}``, ``\\p{N}``, ``\\p{Z}`` (Unicode letters, numbers, separators) do not exist in ``re``.
  The model only uses them together, in the tag class ``[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]``, so
  ``\\p{L}`` and ``\\p{N}`` become Python's Unicode ``\\w`` (letters, digits and other numeric
  characters, plus ``_``, which that class allows anyway) and ``\\p{Z}`` becomes the explicit list
  of Unicode space, line and paragraph separators below.
- ``\\d``, ``\\s``, ``\\w`` are ASCII in Java but Unicode in Python: spelled out as Java means them.
- ``.`` in Java stops at every line terminator, Python's only at ``\\n``: spelled out too.
- Java's ``matches()`` needs the whole value to match: we use ``fullmatch``.

Patterns are compiled on first use and cached: the rules package is imported on every call.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Unicode categories Zs, Zl and Zp (what Java's \p{Z} matches), stable since Unicode 6.3.
SEPARATORS = (
    "\u0020\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

_JAVA_SPACE = " \\t\\n\\x0b\\f\\r"
_LINE_TERMINATORS = "\\n\\r\\x85\\u2028\\u2029"

_IN_CLASS = {
    "d": "0-9",
    "w": "a-zA-Z0-9_",
    "s": _JAVA_SPACE,
}
_OUTSIDE = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[a-zA-Z0-9_]",
    "W": "[^a-zA-Z0-9_]",
    "s": f"[{_JAVA_SPACE}]",
    "S": f"[^{_JAVA_SPACE}]",
}
_ANYTHING = "[\\s\\S]"  # means the same in both languages; translating its halves would not
_PROPERTIES = {"L": "\\w", "N": "\\w", "Z": SEPARATORS}  # none of these is special inside a class


class UnsupportedPattern(ValueError):
    """A Java construct this translator does not know (a test runs every model pattern)."""


def to_python(pattern: str) -> str:
    """The Python spelling of a Java model pattern (see the module docstring)."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if not in_class and pattern.startswith(_ANYTHING, i):  # Java's "any character" idiom
            out.append(_ANYTHING)
            i += len(_ANYTHING)
            continue
        if char == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt == "p":
                match = re.match(r"\{(\w+)\}", pattern[i + 2 :])
                if not match or match.group(1) not in _PROPERTIES:
                    raise UnsupportedPattern(pattern)
                body = _PROPERTIES[match.group(1)]
                out.append(body if in_class else f"[{body}]")
                i += 2 + match.end()
                continue
            if in_class and nxt in _IN_CLASS:
                out.append(_IN_CLASS[nxt])
            elif not in_class and nxt in _OUTSIDE:
                out.append(_OUTSIDE[nxt])
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a literal ] first in a class, as in Java
                out.append("\\]")
                i += 1
        elif char == ".":
            out.append(f"[^{_LINE_TERMINATORS}]")
        else:
            out.append(char)
        i += 1
    return "".join(out)


@lru_cache(maxsize=None)
def compiled(pattern: str) -> re.Pattern[str]:
    """The compiled translation of a model pattern."""
    return re.compile(to_python(pattern))


def full_match(pattern: str, value: str) -> bool:
    """True when ``value`` matches the Java ``pattern`` as a whole, as AWS checks it."""
    return compiled(pattern).fullmatch(value) is not None
