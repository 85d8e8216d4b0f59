"""A finding: one problem (or one thing left unchecked) at a place in a file.

Findings are what ``esm validate PATH`` reports: compiler-style lines when no ``--output`` is
typed, records (PascalCase, like AWS CLI output) for ``--output json|yaml|table|text``, SARIF for
``--output sarif``. Severity decides the exit code (docs/iac.md, "Exit codes").
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

# Rule ids esm gives to what is not a registry rule (docs/iac.md, "Rule ids").
PARSE_ERROR = "IAC-PARSE"  # the file does not parse as the format it claims to be
UNRECOGNISED = "IAC-FORMAT"  # a file given by name that is no format esm reads
CFN_SCHEMA = "IAC-CFN"  # a property CloudFormation's schema refuses (spelt as the API, not as CloudFormation)
NOT_CHECKED = "IAC-UNKNOWN"  # a value known only at deploy time
VISIBILITY = "R-EXIST-5"  # queue visibility timeout shorter than the function timeout (AWS refuses)
ROLE = "R-EXIST-4"  # the execution role lacks an action AWS checks at create time
ROLE_EXTRA = "IAC-ROLE"  # the role lacks an action the managed policy grants beyond those


@dataclass(frozen=True)
class Finding:
    """One problem at ``file:line:column`` in resource ``resource`` (logical id, address, …)."""

    file: str
    line: int  # 1-based; 0 when the problem has no place in the file
    column: int  # 1-based
    resource: str  # CloudFormation logical id, Terraform address, serverless function event, mapping n
    rule_id: str
    severity: str
    message: str
    member: str = ""  # the API member or property concerned, e.g. "BatchSize"
    hint: str = ""

    @property
    def label(self) -> str:
        """``OrdersMapping.BatchSize``: where in the file's own terms."""
        if self.resource and self.member:
            return f"{self.resource}.{self.member}"
        return self.resource or self.member

    def record(self) -> dict[str, object]:
        return {
            "File": self.file,
            "Line": self.line,
            "Column": self.column,
            "Resource": self.resource,
            "Property": self.member,
            "RuleId": self.rule_id,
            "Severity": self.severity,
            "Message": self.message,
            "Hint": self.hint,
        }


def finding_from_record(record: dict[str, object]) -> Finding:
    return Finding(
        file=str(record["File"]),
        line=int(record["Line"]),  # type: ignore[call-overload]
        column=int(record["Column"]),  # type: ignore[call-overload]
        resource=str(record["Resource"]),
        rule_id=str(record["RuleId"]),
        severity=str(record["Severity"]),
        message=str(record["Message"]),
        member=str(record.get("Property") or ""),
        hint=str(record.get("Hint") or ""),
    )


def sort_key(finding: Finding) -> tuple[object, ...]:
    return (finding.file, finding.line, finding.column, SEVERITIES.index(finding.severity), finding.rule_id)


def compiler_line(finding: Finding) -> str:
    """``template.yaml:42:7: error R-BS-2 [OrdersMapping.BatchSize] message`` (GCC's shape, which editors parse)."""
    where = f"{finding.file}:{finding.line}:{finding.column}" if finding.line else finding.file
    label = f" [{finding.label}]" if finding.label else ""
    return f"{where}: {finding.severity} {finding.rule_id}{label} {finding.message}"


def fails(findings: list[Finding], strict: bool) -> bool:
    """Exit 1: an error, or under --strict a warning; info never fails."""
    failing = {ERROR, WARNING} if strict else {ERROR}
    return any(f.severity in failing for f in findings)
