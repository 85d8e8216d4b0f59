"""The conversation between a shell's completion script and ``esm``.

The script runs ``esm`` with ``_ESM_COMPLETE=<shell>`` and the line in the environment;
``esm_cli.main`` hands that to ``respond`` before importing anything else.

- bash: ``COMP_LINE`` and ``COMP_POINT`` (as for ``complete -C`` programs such as
  ``aws_completer``) and ``_ESM_COMP_WORDBREAKS``; esm splits the line itself, so quotes and
  the ``:`` in ARNs are read as the command will see them.
- zsh and fish: ``_ESM_COMP_WORDS``, the words before the cursor's word, unquoted and one per
  line, and ``_ESM_COMP_CURRENT``, the cursor's word up to the cursor, as typed.

The answer is a first line saying how to complete (``files``: the shell's own file
completion; ``nospace`` (bash): no space after the word) and then one candidate per line:
for bash the text to insert, escaped; for zsh and fish ``word<TAB>description``.
"""

from __future__ import annotations

import sys

from esm_cli.completion import SHELLS, line
from esm_cli.completion.engine import complete

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from esm_cli.completion.engine import Completion

# What readline breaks words at when COMP_WORDBREAKS is not passed (bash's default).
DEFAULT_WORDBREAKS = " \t\n\"'><=;|&(:"


def respond(shell: str, env: Mapping[str, str], stdout: TextIO) -> int:
    """Answer one completion request; always exit 0 (a failure offers nothing, says why on stderr)."""
    try:
        stdout.write(answer(shell, env))
        stdout.flush()
    except BrokenPipeError:
        pass
    except Exception as error:  # noqa: BLE001 - a TAB press must never print a traceback into the line
        sys.stderr.write(f"esm completion: {type(error).__name__}: {error}\n")
    return 0


def answer(shell: str, env: Mapping[str, str]) -> str:
    """The text to print for a request from ``shell`` described by ``env``."""
    if shell not in SHELLS:
        raise ValueError(f"unknown shell {shell!r} in _ESM_COMPLETE (expected one of {', '.join(SHELLS)})")
    if shell == "bash":
        text = env.get("COMP_LINE", "")
        point = int(env.get("COMP_POINT") or len(text))
        parsed = line.split(text[:point])
        result = complete(parsed.words, env)
        wordbreaks = env.get("_ESM_COMP_WORDBREAKS") or DEFAULT_WORDBREAKS
        return render_bash(result, parsed, text[parsed.start : point], wordbreaks)
    words = env.get("_ESM_COMP_WORDS", "").split("\n") if env.get("_ESM_COMP_WORDS") else []
    words.append(line.unquote(env.get("_ESM_COMP_CURRENT", "")))
    return render_described(complete(words, env))


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def render_described(result: Completion) -> str:
    """zsh and fish: every candidate with its description; the shell does the matching."""
    if result.files:
        return "files\n"
    return "\n" + "".join(f"{_clean(word)}\t{_clean(text)}\n" for word, text in result.candidates)


def render_bash(result: Completion, parsed: line.Line, raw_word: str, wordbreaks: str) -> str:
    """bash: the matching candidates, from where readline will insert them, escaped as needed."""
    if result.files:
        return "files\n"
    current = parsed.current
    words = [word for word in result.words if word.startswith(current)]
    kept = line.bash_kept_prefix(raw_word, wordbreaks)
    inserted = [word[len(kept) :] if word.startswith(kept) else word for word in words]
    if not parsed.quote:
        inserted = [line.bash_escape(text) for text in inserted]
    # A folder (or file://) is not finished: no space after it, so its contents can follow.
    nospace = bool(words) and all(word.endswith("/") for word in words)
    return ("nospace" if nospace else "") + "\n" + "".join(_clean(text) + "\n" for text in inserted)
