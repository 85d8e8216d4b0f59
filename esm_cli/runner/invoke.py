"""Calling the function: a Python handler in this process, or a command (docs/run.md, "The function").

``--handler module:function`` (or Lambda's ``module.function``) is imported as Python imports it,
from the current folder and PYTHONPATH, and called as ``handler(event, context)``; the context
has ``aws_request_id``, ``function_name``, ``get_remaining_time_in_millis()`` and the other
members of Lambda's Python context. The timeout interrupts the handler (SIGALRM) when the run is
on the main thread; elsewhere an overlong call is reported as timed out when it returns.

``--exec CMD`` runs the command per invocation with the event JSON on stdin; its stdout is the
response, a non-zero exit status is a function error, and the timeout kills it.

Either way the outcome is an ``Invocation``: the response as JSON values (or ``MALFORMED`` when
a command printed something that is not JSON), or the error Lambda would report.
"""

from __future__ import annotations

import importlib
import json
import os
import pickle
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
import uuid as uuidlib
from typing import Any, Callable, Mapping

from esm_cli.errors import ParamValidationError


class _Malformed:
    """A response that is not JSON: Lambda cannot read a partial batch response from it."""

    def __repr__(self) -> str:
        return "MALFORMED"


MALFORMED: Any = _Malformed()


class Invocation:
    """One call of the function: its request id, response or error, and how long it took."""

    __slots__ = ("request_id", "response", "error", "duration_ms", "interrupted")

    def __init__(self, request_id: str, response: Any = None, error: dict[str, Any] | None = None,
                 duration_ms: float = 0.0, interrupted: bool = False) -> None:
        self.request_id = request_id
        self.response = response
        self.error = error  # {"errorType", "errorMessage"} for a function error, else None
        self.duration_ms = duration_ms
        self.interrupted = interrupted  # Ctrl-C came during the call: the batch goes back


class LambdaContext:
    """The context object Lambda's Python runtime passes to a handler."""

    function_version = "$LATEST"
    memory_limit_in_mb = "128"
    identity = None
    client_context = None

    def __init__(self, function_arn: str, request_id: str, deadline: float) -> None:
        self.invoked_function_arn = function_arn
        self.function_name = function_arn.split(":function:", 1)[-1].split(":", 1)[0]
        self.aws_request_id = request_id
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = "esm-run"
        self._deadline = deadline

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


class _TimedOut(BaseException):
    """Raised inside a handler by the alarm; a BaseException so `except Exception` cannot hide it."""


def _timeout_error(timeout: float) -> dict[str, Any]:
    # The text Lambda's runtime reports when a function runs out of time.
    return {"errorType": "Sandbox.Timedout", "errorMessage": f"Task timed out after {timeout:.2f} seconds"}


_NESTED = ("attributes", "messageAttributes", "kinesis", "dynamodb")  # the records' members that are objects


def _record_copy(record: dict[str, Any]) -> dict[str, Any]:
    copied = record.copy()
    for key in _NESTED:
        value = copied.get(key)
        if value is not None:
            copied[key] = value.copy()
    return copied


def handler_copy(event: dict[str, Any]) -> dict[str, Any]:
    """The event as the handler gets it: its own copy, as Lambda's runtime parses one from JSON.

    A handler that changes its records (``record["body"] = json.loads(record["body"])`` is
    common) must not change what a retry sends. Records are copied two levels deep (the record
    and its ``attributes``/``kinesis``/``dynamodb`` members): a full copy (pickle, or a JSON
    round trip) costs 6 to 40 times more and would cap a replay well under 100,000 records/s.
    Everything else in the event (a tumbling window's state) is copied whole.
    """
    copied = {k: v for k, v in event.items() if k != "Records"}
    if len(copied):
        copied = pickle.loads(pickle.dumps(copied, pickle.HIGHEST_PROTOCOL))
    return {"Records": [_record_copy(r) for r in event["Records"]], **copied}


def _as_json(response: Any) -> Any:
    """The response as Lambda hands it on: serialized, so tuples become lists and so on."""
    if response is None or type(response) is dict and not response:
        return response
    return json.loads(json.dumps(response))


class PythonFunction:
    """``handler(event, context)`` imported from module:function."""

    def __init__(self, spec: str, *, function_arn: str, timeout: float, cwd: str, env: Mapping[str, str]) -> None:
        self.function_arn = function_arn
        self.timeout = timeout
        self.handler = load_handler(spec, cwd=cwd, env=env)
        self.describe = spec
        self._alarm = False
        self._previous: Any = None

    def open(self) -> None:
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            self._previous = signal.signal(signal.SIGALRM, self._on_alarm)
            self._alarm = True

    def close(self) -> None:
        if self._alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous or signal.SIG_DFL)
            self._alarm = False

    @staticmethod
    def _on_alarm(signum: int, frame: Any) -> None:
        raise _TimedOut()

    def __call__(self, event: dict[str, Any]) -> Invocation:
        request_id = str(uuidlib.uuid4())
        start = time.monotonic()
        context = LambdaContext(self.function_arn, request_id, start + self.timeout)
        alarm = self._alarm and threading.current_thread() is threading.main_thread()
        event = handler_copy(event)
        try:
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, self.timeout)
            try:
                response = self.handler(event, context)
            finally:
                if alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.monotonic() - start
            if elapsed > self.timeout:
                return Invocation(request_id, error=_timeout_error(self.timeout), duration_ms=elapsed * 1000)
            try:
                response = _as_json(response)
            except (TypeError, ValueError) as error:
                return Invocation(
                    request_id,
                    error={"errorType": "Runtime.MarshalError", "errorMessage": f"Unable to marshal response: {error}"},
                    duration_ms=elapsed * 1000,
                )
            return Invocation(request_id, response=response, duration_ms=elapsed * 1000)
        except _TimedOut:
            return Invocation(request_id, error=_timeout_error(self.timeout), duration_ms=self.timeout * 1000)
        except KeyboardInterrupt:
            return Invocation(request_id, interrupted=True, duration_ms=(time.monotonic() - start) * 1000)
        except Exception as error:  # noqa: BLE001 - the function's own error, reported as Lambda reports it
            frames = traceback.format_tb(error.__traceback__)[1:]
            return Invocation(
                request_id,
                error={"errorType": type(error).__name__, "errorMessage": str(error), "stackTrace": frames},
                duration_ms=(time.monotonic() - start) * 1000,
            )


def load_handler(spec: str, *, cwd: str, env: Mapping[str, str]) -> Callable[[Any, Any], Any]:
    """Import ``module:function`` (or ``module.function``); ParamValidationError when it cannot be."""
    module_name, sep, attr = spec.partition(":")
    if not sep:
        module_name, _, attr = spec.rpartition(".")
    if not module_name or not attr:
        raise ParamValidationError(f"--handler {spec!r}: give module:function (or Lambda's module.function)")
    for entry in reversed([cwd, *[p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]]):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # noqa: BLE001 - any import failure is the user's to fix
        raise ParamValidationError(
            f"--handler {spec!r}: cannot import {module_name!r}: {type(error).__name__}: {error}"
        ) from None
    handler = getattr(module, attr, None)
    if not callable(handler):
        raise ParamValidationError(f"--handler {spec!r}: module {module_name!r} has no function {attr!r}")
    return handler  # type: ignore[no-any-return]


class CommandFunction:
    """A command run per invocation: event JSON on stdin, response JSON on stdout."""

    def __init__(self, command: str, *, function_arn: str, timeout: float, cwd: str, env: Mapping[str, str],
                 stderr: Any) -> None:
        try:
            self.argv = shlex.split(command)
        except ValueError as error:
            raise ParamValidationError(f"--exec {command!r}: {error}") from None
        if not self.argv:
            raise ParamValidationError("--exec needs a command")
        found = shutil.which(self.argv[0], path=env.get("PATH", os.defpath)) if os.sep not in self.argv[0] else (
            self.argv[0] if os.access(os.path.join(cwd, self.argv[0]), os.X_OK) else None
        )
        if found is None:
            raise ParamValidationError(f"--exec {command!r}: command not found: {self.argv[0]}")
        self.function_arn = function_arn
        self.timeout = timeout
        self.describe = command
        self._cwd = cwd
        self._stderr = stderr
        name = function_arn.split(":function:", 1)[-1].split(":", 1)[0]
        self._env = {
            **env,
            "AWS_LAMBDA_FUNCTION_NAME": name,
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_TIMEOUT": str(int(timeout)) if float(timeout).is_integer() else str(timeout),
        }

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __call__(self, event: dict[str, Any]) -> Invocation:
        request_id = str(uuidlib.uuid4())
        start = time.monotonic()
        payload = json.dumps(event).encode()
        try:
            done = subprocess.run(
                self.argv, input=payload, capture_output=True, timeout=self.timeout, cwd=self._cwd,
                env={**self._env, "AWS_REQUEST_ID": request_id},
            )
        except subprocess.TimeoutExpired:
            return Invocation(request_id, error=_timeout_error(self.timeout), duration_ms=self.timeout * 1000)
        except KeyboardInterrupt:
            return Invocation(request_id, interrupted=True, duration_ms=(time.monotonic() - start) * 1000)
        except OSError as error:
            return Invocation(request_id, error={"errorType": "Runtime.ExitError", "errorMessage": str(error)})
        duration = (time.monotonic() - start) * 1000
        if done.stderr:
            self._stderr.write(done.stderr.decode("utf-8", "replace"))
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            message = f"exit status {done.returncode}" + (f": {tail[0]}" if tail[0] else "")
            return Invocation(request_id, error={"errorType": "Runtime.ExitError", "errorMessage": message},
                              duration_ms=duration)
        text = done.stdout.decode("utf-8", "replace").strip()
        if not text:
            return Invocation(request_id, response=None, duration_ms=duration)
        try:
            return Invocation(request_id, response=json.loads(text), duration_ms=duration)
        except ValueError:
            return Invocation(request_id, response=MALFORMED, duration_ms=duration)
