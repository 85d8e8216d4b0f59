"""The mapping's own state and Lambda's status texts, and its function's existence and state."""

from __future__ import annotations

from esm_cli.doctor.findings import ERROR, INFO, WARNING, Finding, could_not_check
from esm_cli.doctor.gather import Facts
from esm_cli.doctor.problems import ESM_DOC, HEALTHY_RESULTS, explain_reason, explain_result, is_problem

OK = "ok"
FUNCTION_STATES = "https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html"
TRANSITIONS = ("Creating", "Enabling", "Updating", "Disabling", "Deleting")


def check_mapping_state(mapping: dict) -> list[Finding]:
    """State, StateTransitionReason and LastProcessingResult as Lambda reported them."""
    uuid = mapping.get("UUID", "<UUID>")
    state = mapping.get("State")
    reason = str(mapping.get("StateTransitionReason") or "")
    result = str(mapping.get("LastProcessingResult") or "")
    found: list[Finding] = []
    explained = explain_reason(reason) if reason else None
    if state == "Disabled":
        if explained is not None and explained.severity == ERROR:
            found.append(
                Finding(
                    "D-STATE",
                    ERROR,
                    f"the mapping is Disabled: {reason} — {explained.meaning}",
                    why="Lambda stopped the mapping itself; nothing is read until the cause is fixed.",
                    doc_url=explained.doc_url,
                    fix=explained.fix.replace("{uuid}", str(uuid)),
                )
            )
        else:
            found.append(
                Finding(
                    "D-STATE",
                    WARNING,
                    f"the mapping is Disabled (StateTransitionReason: {reason or 'none'})",
                    why="A disabled mapping reads nothing; records wait in the source (and expire from streams).",
                    doc_url=ESM_DOC,
                    fix=f"esm update-event-source-mapping --uuid {uuid} --enabled",
                )
            )
    elif state in TRANSITIONS:
        found.append(
            Finding(
                "D-STATE",
                INFO,
                f"the mapping is {state}: Lambda has not finished applying a change",
                why="A mapping settles in Enabled or Disabled within minutes; one stuck longer is worth a support case.",
                doc_url=ESM_DOC,
                fix=f"esm get-event-source-mapping --uuid {uuid} --query State",
            )
        )
    elif explained is not None and explained.severity == ERROR:
        found.append(
            Finding(
                "D-STATE",
                ERROR,
                f"StateTransitionReason {reason}: {explained.meaning}",
                why=f"Lambda reports this code when the consumer stops (seen in {explained.seen_in}).",
                doc_url=explained.doc_url,
                fix=explained.fix.replace("{uuid}", str(uuid)),
            )
        )
    elif state:
        found.append(Finding("D-STATE", OK, f"the mapping is {state}"))
    if is_problem(result):
        problem = explain_result(result)
        if problem is None:
            found.append(
                Finding(
                    "D-LAST-RESULT",
                    ERROR,
                    f"Lambda reports: {result}",
                    why="LastProcessingResult starting with PROBLEM means the last poll or invocation failed.",
                    doc_url=ESM_DOC,
                    fix="read the text, fix the cause, then watch LastProcessingResult: "
                    f"esm get-event-source-mapping --uuid {uuid} --query LastProcessingResult",
                )
            )
        else:
            found.append(
                Finding(
                    "D-LAST-RESULT",
                    problem.severity,
                    f"Lambda reports: {result} — {problem.meaning}",
                    why=f"Text seen in {problem.seen_in}.",
                    doc_url=problem.doc_url,
                    fix=problem.fix.replace("{uuid}", str(uuid)),
                )
            )
    elif result.lower() in HEALTHY_RESULTS:
        found.append(Finding("D-LAST-RESULT", OK, f"last processing result: {result}"))
    return found


def check_function(facts: Facts) -> list[Finding]:
    arn = facts.mapping.get("FunctionArn", "?")
    read = facts.function
    uuid = facts.mapping.get("UUID", "<UUID>")
    if read.missing:
        return [
            Finding(
                "D-FUNCTION",
                ERROR,
                f"the function {arn} does not exist",
                why="Lambda cannot invoke a deleted function; it disables the mapping with "
                "'PROBLEM: Function not found' and records wait in the source.",
                doc_url=ESM_DOC,
                fix=f"esm update-event-source-mapping --uuid {uuid} --function-name FUNCTION   "
                f"# or: esm delete-event-source-mapping --uuid {uuid}",
            )
        ]
    if read.error is not None:
        return [could_not_check("D-FUNCTION", f"lambda:GetFunction on {arn}", read.error)]
    config = read.value.get("Configuration", {})
    state = config.get("State") or "Active"
    if state == "Failed":
        return [
            Finding(
                "D-FUNCTION",
                ERROR,
                f"the function is Failed: {config.get('StateReason', '')}",
                why="A function in the Failed state cannot be invoked.",
                doc_url=FUNCTION_STATES,
                fix=f"aws lambda get-function --function-name {arn} --query Configuration.StateReasonCode",
            )
        ]
    if state != "Active":
        return [
            Finding(
                "D-FUNCTION",
                WARNING,
                f"the function is {state}: {config.get('StateReason', '')}".rstrip(": "),
                why="Invocations wait or fail until the function is Active (an Inactive function is re-activated on invoke).",
                doc_url=FUNCTION_STATES,
                fix=f"aws lambda wait function-active-v2 --function-name {arn}",
            )
        ]
    return [Finding("D-FUNCTION", OK, f"the function exists and is Active (timeout {config.get('Timeout', 3)} s)")]
