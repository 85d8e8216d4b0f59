"""``--output yaml`` and ``yaml-stream``: AWS CLI v2's YAML, written with PyYAML.

v2 dumps with ruamel.yaml 0.19 (``YAML(typ='safe')``, block style, C emitter). The bytes
follow from three things, all reproduced here:

* the emitter: ruamel's C emitter is libyaml's; PyYAML's ``CEmitter`` is the same libyaml,
  so line folding at 80 columns, indentation (2, sequences not indented under their key)
  and the choice between plain, single- and double-quoted scalars are identical;
* the resolver: ruamel resolves plain scalars by YAML **1.2** rules, PyYAML by 1.1. A string
  is quoted exactly when its plain form would read back as something else, so ``yes``/``on``
  stay plain (1.1 would quote them) while ``1e3``, ``0o17`` or ISO timestamps are quoted;
* the representer: keys sorted, ``null``/``true``/``false``, floats as ``repr`` without
  PyYAML's 1.1-only ``1.0e+17`` fix-up; non-ASCII written as is (ruamel's ``allow_unicode``).

Scalars and ``None`` are printed with ``json.dumps`` instead (v2 does so to avoid YAML's
``...`` document-end marker), and a ``{}`` result prints nothing. Everyday data (the
listing's names, ARNs, numbers) is written by ``esm_cli.output.yamlwrite`` without PyYAML; PyYAML
is imported only for a value that writer declines.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import lru_cache
from typing import Any

# YAML 1.2 implicit types as ruamel.yaml resolves them when dumping (first characters, tag, regex).
_RESOLVERS_12: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (tuple("tTfF"), "bool", r"^(?:true|True|TRUE|false|False|FALSE)$"),
    (
        tuple("-+0123456789."),
        "float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
    ),
    (
        tuple("-+0123456789"),
        "int",
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
    ),
    (("<",), "merge", r"^(?:<<)$"),
    (("~", "n", "N", ""), "null", r"^(?:~|null|Null|NULL|)$"),
    (
        tuple("0123456789"),
        "timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[\ \t]+)[0-9][0-9]?
        :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    ),
    (("=",), "value", r"^(?:=)$"),
    (tuple("!&*"), "yaml", r"^(?:!|&|\*)$"),
)


def _is_json_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str))


@lru_cache(maxsize=1)
def _dumper() -> Any:
    """A PyYAML dumper class equivalent to v2's ruamel ``YAML(typ='safe')`` (built once)."""
    from yaml.representer import SafeRepresenter
    from yaml.resolver import BaseResolver

    class Yaml12Resolver(BaseResolver):
        yaml_implicit_resolvers: dict[Any, Any] = {}

    for first, kind, pattern in _RESOLVERS_12:
        Yaml12Resolver.add_implicit_resolver(f"tag:yaml.org,2002:{kind}", re.compile(pattern, re.X), list(first))

    class Representer(SafeRepresenter):
        def represent_float(self, data: float) -> Any:
            # ruamel writes repr() for YAML 1.2; PyYAML would turn 1e+17 into 1.0e+17.
            if data != data:
                text = ".nan"
            elif data in (float("inf"), float("-inf")):
                text = ".inf" if data > 0 else "-.inf"
            else:
                text = repr(data).lower()
            return self.represent_scalar("tag:yaml.org,2002:float", text)

    Representer.add_representer(float, Representer.represent_float)

    from esm_cli.output.yamlfast import add_fast_path

    Representer, Yaml12Resolver = add_fast_path(Representer, Yaml12Resolver)

    try:
        from yaml._yaml import CEmitter as c_emitter
    except ImportError:
        c_emitter = None
    if c_emitter is not None:

        class Dumper(c_emitter, Representer, Yaml12Resolver):  # type: ignore[misc,valid-type]
            def __init__(self, stream: Any, **_: Any) -> None:
                c_emitter.__init__(self, stream, allow_unicode=True, encoding=None)
                Representer.__init__(self, default_style=None, default_flow_style=False, sort_keys=True)
                Yaml12Resolver.__init__(self)

    else:
        # PyYAML built without libyaml (PyPI wheels all have it): its Python emitter is an older
        # port of libyaml that agrees on ordinary values but not on exotic strings (characters
        # beyond U+FFFF, folding of long double-quoted strings, empty keys).
        from yaml.emitter import Emitter
        from yaml.serializer import Serializer

        class Dumper(Emitter, Serializer, Representer, Yaml12Resolver):  # type: ignore[no-redef,misc]
            def __init__(self, stream: Any, **_: Any) -> None:
                Emitter.__init__(self, stream, allow_unicode=True)
                Serializer.__init__(self, encoding=None)
                Representer.__init__(self, default_style=None, default_flow_style=False, sort_keys=True)
                Yaml12Resolver.__init__(self)

    return Dumper


def dump_yaml(value: Any) -> str:
    """One value as v2's YAMLDumper writes it (JSON for scalars, YAML otherwise)."""
    if _is_json_scalar(value):
        return json.dumps(value, ensure_ascii=False) + "\n"
    if isinstance(value, datetime):
        return json.dumps(value.isoformat()) + "\n"  # v2 json-dumps datetimes with its encoder
    from esm_cli.output.yamlwrite import write_plain

    written = write_plain(value)  # everyday data, written directly; None for the rest
    if written is not None:
        return written
    import yaml

    return str(yaml.dump(value, Dumper=_dumper()))


def yaml_formatter(data: Any, operation: str, options: Any) -> str:
    """``--output yaml``: the whole (merged, queried) result; ``{}`` prints nothing."""
    if data == {}:
        return ""
    return dump_yaml(data)


def yaml_stream_formatter(data: Any, operation: str, options: Any) -> str:
    """``--output yaml-stream`` for a single response: a one-element list; ``{}`` prints nothing."""
    if data == {}:
        return ""
    return dump_yaml([data])
