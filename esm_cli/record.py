"""``Record``: immutable records with ``typing.NamedTuple``'s class syntax, without importing typing.

Every local command and TAB press starts a fresh interpreter, and importing ``typing`` (then
building NamedTuple classes through it) costs more instructions than the rest of a read
command's own work. A ``Record`` subclass becomes a plain ``collections.namedtuple`` subclass
at run time; type checkers are shown ``typing.NamedTuple`` instead::

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from typing import NamedTuple as Record
    else:
        from esm_cli.record import Record

    class Point(Record):
        x: int
        y: int = 0
"""

from __future__ import annotations

import collections


class _RecordMeta(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, object]) -> type:
        if not bases:  # Record itself
            return super().__new__(mcls, name, bases, namespace)
        fields = tuple(namespace.get("__annotations__", {}))  # type: ignore[arg-type]
        defaults = [namespace[field] for field in fields if field in namespace]
        base = collections.namedtuple(name, fields, defaults=defaults, module=str(namespace.get("__module__")))  # type: ignore[misc]
        body = {key: value for key, value in namespace.items() if key not in fields}
        body["__slots__"] = ()
        return type(name, (base,), body)


class Record(metaclass=_RecordMeta):
    """Base class for records; see the module docstring."""
