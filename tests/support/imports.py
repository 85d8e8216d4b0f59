"""What a fresh Python has imported after running a snippet: start-up cost is kept in check
by asserting that heavy packages stay out of cheap paths."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Iterable


def packages_loaded(code: str, packages: Iterable[str]) -> list[str]:
    """The top-level ``packages`` present in ``sys.modules`` after ``code`` ran in a new interpreter."""
    wanted = sorted(set(packages))
    script = (
        f"{code}\nimport json as _json, sys as _sys\n"
        f"print(_json.dumps(sorted({{m.split('.')[0] for m in _sys.modules}} & set({wanted!r}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
