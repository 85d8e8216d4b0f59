"""One object carrying what a command needs beyond its own flags, and what a command returns.

``Context`` holds the streams, the environment and (once the command line is parsed) the
resolved ``Settings``; it is built by the boundary (``esm_cli.boundary``) and passed down.
Nothing else in esm keeps mutable state at module level.

A command handler is ``run(parsed, ctx) -> Result``: it computes a result document and an
exit code, and never writes to stdout itself. The output layer (``esm_cli.output.emit``)
renders the ``Result`` in the format the user asked for, so every verb supports every
``--output`` format and ``--query``. Progress that must appear while a command works
(one line per batch, per change) goes through ``ctx.emit``, which is the output layer too.
See docs/architecture.md.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Mapping, NamedTuple as Record, TextIO

    from esm_cli.backends.base import Backend
    from esm_cli.output import OutputOptions
    from esm_cli.settings import Settings
else:
    from esm_cli.record import Record


class Result(Record):
    """What a command produced.

    ``document`` is what ``--output``/``--query`` render. ``operation`` names the API
    operation whose output shape the document has (timestamps are converted by it, tables
    are titled by it); esm's own verbs leave it None and give a ``title`` for tables.
    ``report`` is the verb's own rendering, used when no ``--output`` was typed on the line
    (a checklist, a plan, a compiler-style report): it takes the document and the context
    and returns text; ``verbatim`` makes it the output whatever ``--output`` says (input
    skeletons, completion scripts). ``pages``/``next_token`` carry a paginated listing instead of a
    document (an iterable, so a long listing can be printed page by page).
    """

    document: Any = None
    exit_code: int = 0
    operation: str | None = None
    title: str | None = None
    report: Callable[[Any, Context], str] | None = None
    pages: Iterable[dict[str, Any]] | None = None
    next_token: Callable[[], str | None] | None = None
    verbatim: bool = False


class Context:
    """Streams, environment and settings for one run of esm (httpie's ``Environment`` is the model)."""

    def __init__(
        self,
        *,
        stdout: TextIO,
        stderr: TextIO,
        env: Mapping[str, str],
        stdin: TextIO | None = None,
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
        self.env = env
        self.settings: Settings | None = None  # set by the boundary once the line is parsed
        self.output_on_line = False  # --output was typed on the command line (not env/profile)
        self._backend: Backend | None = None
        self._clients: Any = None  # esm_cli.backends.aws_clients.Clients, made on first use

    # -- settings -------------------------------------------------------------------------
    @property
    def output(self) -> OutputOptions | None:
        """How results are printed, once settings are resolved (errors use it for tables)."""
        return self.settings.output if self.settings is not None else None

    @property
    def error_format(self) -> str | None:
        return self.settings.error_format if self.settings is not None else None

    def require_settings(self) -> Settings:
        if self.settings is None:
            raise RuntimeError("settings are resolved by the boundary before a handler runs")
        return self.settings

    @property
    def interactive(self) -> bool:
        """A person is at a terminal: stdout is a TTY and stdin can answer a question."""
        settings = self.require_settings()
        stdin_tty = bool(self.stdin is not None and hasattr(self.stdin, "isatty") and self.stdin.isatty())
        return settings.output.isatty and stdin_tty

    # -- services -------------------------------------------------------------------------
    def backend(self) -> Backend:
        """The mappings backend the settings chose, made once per run."""
        if self._backend is None:
            from esm_cli.backends import get_backend

            self._backend = get_backend(self.require_settings(), stderr=self.stderr)
        return self._backend

    def aws_client(self, service: str) -> Any:
        """A client for ``service`` configured exactly like the aws backend's Lambda client.

        Same profile, region, credentials, ``--endpoint-url``/``AWS_ENDPOINT_URL(_<SERVICE>)``,
        TLS and timeout settings, so one emulator endpoint serves doctor, metrics and run.
        Its calls raise esm's errors (``ServiceError`` with AWS's code): see
        ``esm_cli.backends.aws_clients``.
        """
        if self._clients is None:
            from esm_cli.backends.aws_clients import Clients

            self._clients = Clients(self.require_settings(), self.stderr)
        return self._clients.get(service)

    # -- writing (through the output layer) -----------------------------------------------
    def emit(self, document: Any, line: Callable[[Any], str] | None = None) -> None:
        """Stream one progress document now (a batch done, a change made): see output.emit_event."""
        from esm_cli.output import emit_event

        emit_event(document, self, line)

    def warn(self, text: str) -> None:
        """A warning or hint on stderr, coloured as esm's other diagnostics."""
        from esm_cli.output.errors import write_warning

        write_warning(text, self.stderr, options=self.output)
