"""Amazon DocumentDB (docs/rules.md, R-DOC). Name patterns and FullDocument are model
rules; filters (R-FLT-7) and error-handling knobs (applicability) are refused elsewhere."""

from __future__ import annotations

from esm_cli.rules.access import access_type_rule
from esm_cli.rules.base import DOCDB, Context, Finding, as_dict, as_str, rule_maker
from esm_cli.sources import Source

TYPE_CHECKING = False  # typing is not imported at run time: see esm_cli/record.py
if TYPE_CHECKING:
    from typing import Iterable


def _database_missing(ctx: Context) -> Iterable[Finding]:
    # The merged view: the structure is replaced as a whole on update.
    if not as_str(as_dict(ctx.get("DocumentDBEventSourceConfig")).get("DatabaseName")):
        yield Finding("DocumentDBEventSourceConfig", path="documentDBEventSourceConfig.databaseName")


_rule = rule_maker("documentdb")

RULES = (
    _rule(
        "R-DOC-2", "DocumentDBEventSourceConfig", _database_missing, DOCDB, refs=("R-DOC-2", "R-DOC-1"),
        message="Required 'documentDBEventSourceConfig.databaseName' parameter is missing.",
        hint="Name the database to watch: --document-db-event-source-config DatabaseName=<db>[,CollectionName=<c>] "
        "(no CollectionName means every collection).",
        evidence="[T] Terraform `Required`, SAM \"Required: Yes\"; [M] DocumentDBEventSourceConfig. Message unknown: "
        "R-KAF-3's wording is assumed",
    ),
    access_type_rule(
        "R-DOC-3.type",
        Source.DOCUMENTDB,
        topic="documentdb",
        evidence="[D] with-documentdb (BASIC_AUTH secret for the cluster). Message unknown",
        refs=("R-DOC-3",),
    ),
)
