"""PyYAML's own way through esm's YAML dumper: the representer for every value and the resolver
asked every time, with libyaml's emitter. The YAML fast paths are compared against it."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.representer import BaseRepresenter
from yaml.resolver import BaseResolver

from esm_cli.output.yamlfmt import _dumper


def reference_dump(value: Any) -> str:
    """``value`` as PyYAML writes it with esm's dumper settings, no fast path taken."""
    fast = _dumper()

    class Reference(fast):  # type: ignore[misc,valid-type]
        def represent(self, data: Any) -> None:
            BaseRepresenter.represent(self, data)

        def resolve(self, kind: Any, text: Any, implicit: Any) -> Any:
            return BaseResolver.resolve(self, kind, text, implicit)

    return str(yaml.dump(value, Dumper=Reference))
