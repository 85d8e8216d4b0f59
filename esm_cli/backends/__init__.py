"""Backend selection: ``local`` (SQLite, the default) or ``aws`` (boto3, imported only then)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py

if TYPE_CHECKING:
    from typing import TextIO

    from esm_cli.backends.base import Backend
    from esm_cli.settings import Settings


def get_backend(settings: Settings, stderr: TextIO | None = None) -> Backend:
    """The backend the settings chose (docs/design.md: --backend > ESM_BACKEND > endpoint > local).

    ``stderr`` is where the aws backend writes its ``--debug`` wire log.
    """
    if settings.backend == "aws":
        from esm_cli.backends.aws import AwsBackend

        return AwsBackend(settings, stderr=stderr)
    from esm_cli.backends.local import LocalBackend

    return LocalBackend(settings)
