"""Record: NamedTuple's class syntax without importing typing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from esm_cli.record import Record


class Point(Record):
    """A point."""

    x: int
    y: int = 0
    label: str = "p"

    @property
    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)


def test_fields_defaults_methods_and_immutability() -> None:
    point = Point(3, label="a")
    assert point == (3, 0, "a") and point._fields == ("x", "y", "label")
    assert point.norm1 == 3 and point.moved(2).x == 5 and point.x == 3
    assert Point.__doc__ == "A point." and Point.__name__ == "Point" and Point.__module__ == __name__
    with pytest.raises(AttributeError):
        point.x = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    assert not hasattr(point, "__dict__")


def test_a_local_command_never_imports_typing_or_dataclasses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # (pathlib is not checked: an editable install's import hook loads it before esm starts.)
    code = (
        "import io, sys; from esm_cli.boundary import run; "
        "run(['create-event-source-mapping', '--function-name', 'f', '--event-source-arn', "
        "'arn:aws:sqs:us-east-1:123456789012:q'], stdout=io.StringIO()); "
        "run(['list-event-source-mappings'], stdout=io.StringIO()); "
        "print(sorted({'typing', 'dataclasses', 'inspect', 'uuid'} & set(sys.modules)))"
    )
    env = {"ESM_STATE_FILE": str(tmp_path / "s.db"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "[]", done.stderr
