"""One snapshot of a mapping's metrics: look the mapping up, pick its metrics, read them, add hints.

On the local backend an id with no stored mapping may still have the points ``esm run``
recorded (a run of the create flags has no stored mapping): the run recorded its function and
source family beside them (esm_cli/backends/local/recorded_runs.py), and those stand in for the
mapping. An id with neither is the service's ResourceNotFoundException, as on AWS.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from esm_cli.metrics import catalogue
from esm_cli.metrics.series import query_id
from esm_cli.metrics.window import Window

if TYPE_CHECKING:
    from esm_cli.backends.local.recorded_runs import RecordedRun


@dataclass(frozen=True)
class Snapshot:
    document: dict[str, Any]  # {"Metrics": [...], "Hints": [...]}
    mapping: dict[str, Any]
    family: str
    window: Window


def _family(mapping: dict[str, Any]) -> str:
    from esm_cli.sources import classify

    source = classify(mapping)
    return source.family if source is not None else "unknown"


def hints(uuid: str, family: str, metrics_config: list[str] | None, *, local: bool, empty: bool) -> list[str]:
    """What the user can do to see more: turn MetricsConfig on, or produce local data."""
    found = []
    missing = catalogue.missing_groups(family, metrics_config)
    if missing:
        wanted = [g for g in catalogue.METRICS_CONFIG_GROUPS if g in set(metrics_config or ()) | set(missing)]
        found.append(
            f"The mapping's own metrics ({', '.join(missing)}) are off (MetricsConfig); Lambda publishes them "
            f"once turned on: esm update-event-source-mapping --uuid {shlex.quote(uuid)} "
            f"--metrics-config Metrics={','.join(wanted)}"
        )
    if empty and local:
        found.append(
            f"No metrics recorded yet for mapping {uuid} in this window. `esm run --uuid {shlex.quote(uuid)} "
            "--handler module:function` runs it locally and records them."
        )
    elif empty:
        found.append("CloudWatch has no data points for these metrics in this window; try a longer --since.")
    return found


def snapshot(ctx: Any, uuid: str, window: Window) -> Snapshot:
    """Read every metric of mapping ``uuid`` over ``window`` from the backend the settings chose."""
    from esm_cli.errors import ServiceError

    settings = ctx.require_settings()
    local = settings.backend == "local"
    try:
        mapping = ctx.backend().get(uuid)  # an unknown UUID: the service's ResourceNotFoundException (254)
    except ServiceError as error:
        run = _recorded_run(settings.state_file, uuid) if local and error.code == "ResourceNotFoundException" else None
        if run is None:
            raise
        return _recorded_snapshot(settings.state_file, run, window)
    family = _family(mapping)
    metrics_config = (mapping.get("MetricsConfig") or {}).get("Metrics")
    if local:
        # esm run records the mapping's own counts whatever MetricsConfig says: show those it recorded.
        shown = {m.name for m in catalogue.select(family, metrics_config)}
        found = _local_found(settings.state_file, uuid, catalogue.select(family, None, all_groups=True), shown, window)
    else:
        from esm_cli.metrics.fetch import fetch_series

        found = fetch_series(ctx, mapping, catalogue.select(family, metrics_config), window)
    empty = not any(s["Values"] for s in found)
    document = {"Metrics": found, "Hints": hints(uuid, family, metrics_config, local=local, empty=empty)}
    return Snapshot(document=document, mapping=mapping, family=family, window=window)


def _local_found(
    state_file: str, uuid: str, metrics: list[Any], shown: set[str], window: Window
) -> list[dict[str, Any]]:
    """The local series of ``metrics``: those named in ``shown`` always, the others when they have points."""
    from esm_cli.metrics.local import local_series

    everything = local_series(state_file, uuid, metrics, window)
    found = [s for s in everything if s["Label"] in shown or s["Values"]]
    for index, entry in enumerate(found):
        entry["Id"] = query_id(index)
    return found


def _recorded_run(state_file: str, uuid: str) -> RecordedRun | None:
    from esm_cli.backends.local.recorded_runs import find

    return find(state_file, uuid)


def _recorded_snapshot(state_file: str, run: RecordedRun, window: Window) -> Snapshot:
    """No mapping stored under the id, but ``esm run`` recorded points there (docs/metrics.md)."""
    uuid = run.uuid
    if run.family is not None:
        family = run.family
        metrics = catalogue.select(family, None, all_groups=True)
        shown = {m.name for m in catalogue.select(family, None)}
        what = "the mapping its create flags described" if not run.stored else "a mapping not stored in this state file"
    else:  # recorded by an esm that did not say which mapping: every metric a run records, those with points
        from esm_cli.runner.counters import EVENT_COUNTS, FUNCTION_COUNTS, SAMPLED

        family = "unknown"
        recorded = set(EVENT_COUNTS + FUNCTION_COUNTS + SAMPLED)
        metrics = [m for m in catalogue.CATALOGUE if m.name in recorded]
        shown: set[str] = set()
        what = "a mapping whose function and source that run did not record"
    found = _local_found(state_file, uuid, metrics, shown, window)
    found_hints = [f"No mapping is stored under {uuid}: these are the counters `esm run` recorded for {what}."]
    if not any(s["Values"] for s in found):
        found_hints.append(f"No metrics recorded for {uuid} in this window; try a longer --since.")
    mapping = {"UUID": uuid, "FunctionArn": run.function_arn or "?", "EventSourceArn": run.event_source_arn or "?"}
    return Snapshot(document={"Metrics": found, "Hints": found_hints}, mapping=mapping, family=family, window=window)
