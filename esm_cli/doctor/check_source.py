"""The event source and the on-failure destination exist and are usable."""

from __future__ import annotations

from esm_cli.doctor.findings import ERROR, INFO, Finding, could_not_check
from esm_cli.doctor.gather import Facts
from esm_cli.iam.requirements import on_failure_destination
from esm_cli.sources import classify

OK = "ok"
ESM_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html"
DEST_DOC = "https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html"

# Statuses in which a source serves records (per service's API reference).
GOOD = {"ACTIVE", "UPDATING", "ENABLED", "RUNNING", "AVAILABLE"}
SETTLING = {"CREATING", "ENABLING", "REBOOT_IN_PROGRESS", "CREATION_IN_PROGRESS", "MODIFYING", "HEALING", "MAINTENANCE"}


def check_source(facts: Facts) -> list[Finding]:
    arn = facts.mapping.get("EventSourceArn")
    if not arn:
        return []
    read = facts.source
    kind = classify(facts.mapping)
    label = kind.label if kind is not None else "event source"
    if read.missing:
        return [
            Finding(
                "D-SOURCE",
                ERROR,
                f"the {label} {arn} does not exist",
                why="Lambda cannot read a deleted source. A source re-created under the same name is a new "
                "resource: the mapping stays Disabled (or points at the old stream) until it is updated or re-created.",
                doc_url=ESM_DOC,
                fix=f"re-create the source, then: esm update-event-source-mapping --uuid {facts.mapping.get('UUID')} --enabled "
                "(for a stream, create a new mapping on the new stream ARN)",
            )
        ]
    if read.error is not None:
        return [could_not_check("D-SOURCE", f"reading {arn}", read.error)]
    status = str((read.value or {}).get("status") or "").upper()
    if status and status not in GOOD:
        severity = INFO if status in SETTLING else ERROR
        return [
            Finding(
                "D-SOURCE",
                severity,
                f"the {label} is {status}",
                why="Lambda reads only from an active source.",
                doc_url=ESM_DOC,
                fix="wait until it is active" if severity == INFO else "re-enable or re-create the source",
            )
        ]
    return [Finding("D-SOURCE", OK, f"the {label} exists" + (f" and is {status}" if status else ""))]


def check_destination(facts: Facts) -> list[Finding]:
    destination = on_failure_destination(facts.mapping)
    read = facts.destination
    if destination is None or read is None:
        return []
    if read.missing:
        service = destination.split(":")[2]
        name = destination.split(":")[-1]
        fix = {
            "sqs": f"aws sqs create-queue --queue-name {name}",
            "sns": f"aws sns create-topic --name {name}",
            "s3": f"aws s3 mb s3://{name}",
        }.get(service, "create it, or point the mapping at one that exists")
        return [
            Finding(
                "D-DESTINATION",
                ERROR,
                f"the on-failure destination {destination} does not exist",
                why="Records Lambda discards after its retries are sent there; to a missing destination they are lost.",
                doc_url=DEST_DOC,
                fix=fix,
            )
        ]
    if read.error is not None:
        return [could_not_check("D-DESTINATION", f"reading {destination}", read.error)]
    return [Finding("D-DESTINATION", OK, f"the on-failure destination {destination} exists")]
