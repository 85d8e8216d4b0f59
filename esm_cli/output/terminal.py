"""What the AWS CLI asks of the terminal: is stdout a TTY, and how wide is it.

v2 decides ``--color auto`` with ``os.isatty(sys.stdout.fileno())`` and sizes tables with
``ioctl(stdout, TIOCGWINSZ)``, falling back to 80 columns when that fails (a pipe, a file).
A TTY that reports 0 columns gets 0, as in AWS (every table then turns vertical).
"""

from __future__ import annotations

import os
import struct
import sys

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import TextIO


def is_a_tty(stream: TextIO | None = None) -> bool:
    """True when ``stream`` (default stdout) is a terminal."""
    try:
        return os.isatty((stream or sys.stdout).fileno())
    except (AttributeError, OSError, ValueError):
        return False


def terminal_width(stream: TextIO | None = None, default: int = 80) -> int:
    """Columns of the terminal behind ``stream`` (default stdout), else ``default``."""
    try:
        from fcntl import ioctl
        from termios import TIOCGWINSZ
    except ImportError:
        return default
    try:
        _rows, columns = struct.unpack("hhhh", ioctl(stream or sys.stdout, TIOCGWINSZ, b"\0" * 8))[0:2]
    except Exception:  # noqa: BLE001 - any failure means "not a sizeable terminal", as in AWS
        return default
    return int(columns)


def describe(stream: TextIO | None = None) -> tuple[bool, int]:
    """``(isatty, width)`` of ``stream`` for ``OutputOptions(isatty=..., terminal_width=...)``."""
    return is_a_tty(stream), terminal_width(stream)
