"""One snapshot of a mapping's metrics: look the mapping up, pick its metrics, read them, add hints."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from esm_cli.metrics import catalogue
from esm_cli.metrics.series import query_id
from esm_cli.metrics.window import Window


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
    mapping = ctx.backend().get(uuid)  # an unknown UUID: the service's ResourceNotFoundException (254)
    family = _family(mapping)
    metrics_config = (mapping.get("MetricsConfig") or {}).get("Metrics")
    settings = ctx.require_settings()
    local = settings.backend == "local"
    if local:
        from esm_cli.metrics.local import local_series

        # esm run records the mapping's own counts whatever MetricsConfig says: show those it recorded.
        everything = local_series(settings.state_file, uuid, catalogue.select(family, None, all_groups=True), window)
        shown = {m.name for m in catalogue.select(family, metrics_config)}
        found = [s for s in everything if s["Label"] in shown or s["Values"]]
        for index, entry in enumerate(found):
            entry["Id"] = query_id(index)
    else:
        from esm_cli.metrics.fetch import fetch_series

        found = fetch_series(ctx, mapping, catalogue.select(family, metrics_config), window)
    empty = not any(s["Values"] for s in found)
    document = {"Metrics": found, "Hints": hints(uuid, family, metrics_config, local=local, empty=empty)}
    return Snapshot(document=document, mapping=mapping, family=family, window=window)
