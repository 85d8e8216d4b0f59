"""The completion scripts ``esm completion bash|zsh|fish`` prints (and ``completions/`` holds).

Each script is thin: it sends the line to ``esm`` (see ``protocol``) and hands the answer to
the shell, so every shell completes the same things and the scripts never need regenerating
when esm learns a flag.
"""

from __future__ import annotations

import os

# The scripts are files in esm_cli/completion/shells/ (installed with the package);
# completions/ at the top of the repository links to them, so there is one copy.
SHELLS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shells")

# Each shell's script file: the names the shells look for when installed (zsh: _esm on $fpath).
SCRIPT_FILES = {"bash": "esm.bash", "zsh": "_esm", "fish": "esm.fish"}


def script(shell: str) -> str:
    """The completion script for ``shell`` (bash, zsh or fish)."""
    with open(os.path.join(SHELLS_DIR, SCRIPT_FILES[shell]), encoding="utf-8") as handle:
        return handle.read()
