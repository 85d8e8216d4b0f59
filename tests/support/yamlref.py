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


def documents(texts: Any, *, max_size: int, max_leaves: int) -> tuple[Any, Any]:
    """Hypothesis strategies (scalars, documents) for YAML tests: ``texts`` as the strings and
    keys, with booleans, None, large integers and every kind of float beside them."""
    from hypothesis import strategies as st

    scalars = st.one_of(
        texts,
        st.booleans(),
        st.none(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(allow_nan=True, allow_infinity=True),
    )
    def containers(children: Any) -> Any:
        return st.one_of(st.lists(children, max_size=max_size), st.dictionaries(texts, children, max_size=max_size + 1))

    return scalars, st.recursive(scalars, containers, max_leaves=max_leaves)
