"""The finding record every doctor check returns, and how findings become data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Finding:
    """One thing doctor found: what, why it matters (with AWS's page), and the command that fixes it.

    ``unchecked`` marks "could not check: …" (a read the caller may not make); ``data``
    carries what a script may want (the missing actions, the minimal policy).
    """

    check_id: str
    severity: str
    message: str
    why: str = ""
    doc_url: str = ""
    fix: str = ""
    unchecked: bool = False
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The finding as --output json/yaml/table shows it (AWS-style member names)."""
        document: dict[str, Any] = {
            "Id": self.check_id,
            "Severity": self.severity,
            "Message": self.message,
            "Why": self.why,
            "DocUrl": self.doc_url,
            "Fix": self.fix,
        }
        if self.unchecked:
            document["Checked"] = False
        if self.data:
            document["Details"] = self.data
        return document


def could_not_check(check_id: str, what: str, error: Exception) -> Finding:
    """A check that needed a read the caller may not make (AccessDenied …): said, never a crash."""
    code = getattr(error, "code", type(error).__name__)
    text = getattr(error, "message", str(error))
    return Finding(
        check_id,
        INFO,
        f"could not check: {what} ({code}: {text})",
        why="doctor reads only; the caller's credentials were refused this read, so this check was skipped",
        unchecked=True,
    )


def counts(findings: list[Finding]) -> dict[str, int]:
    return {severity: sum(1 for f in findings if f.severity == severity and not f.unchecked) for severity in SEVERITIES}
