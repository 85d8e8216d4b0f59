"""How each of the catalogue's 120 entries is handled, for the ones no offline rule implements.

Entries implemented by a registry rule are found from the rules' ``catalogue_ids``; entries
checked by AWS only are in ``online.py``. Everything else is a default, a state, an error
envelope or a documented non-rule, noted here. A test keeps the three views covering the
whole catalogue.
"""

from __future__ import annotations

NOTES: dict[str, str] = {
    "R-ERR-1": "error envelope: `as_service_error` gives InvalidParameterValueException `Type: User`",
    "R-ERR-2": "error envelope: ResourceConflictException `Type: User` (backends)",
    "R-ERR-3": "error envelope: ResourceNotFoundException (esm_cli.errors.resource_not_found)",
    "R-ERR-4": "ValidationException format of every M-… rule; aggregated by `as_service_error`",
    "R-ERR-5": "ResourceInUseException, see R-UPD-5 (AWS only)",
    "R-ERR-6": "HTTP status codes (backends)",
    "R-SRC-3": "FIFO detection by the `.fifo` suffix (esm_cli.sources.classify_arn)",
    "R-FN-1": "FunctionName required: botocore's client-side check (`Parameter validation failed`)",
    "R-FN-3": "FunctionArn in responses (local backend)",
    "R-FN-6": "update may change FunctionName: allowed, nothing to check",
    "R-BS-1": "default batch sizes (local backend)",
    "R-BS-5": "deliberately NOT enforced: AWS accepts stream batches over 10 without a window",
    "R-BS-6": "6 MB payload cap: runtime behaviour, not a request check",
    "R-BW-2": "default windows (local backend); 500 ms cannot be restored",
    "R-BW-5": "updating the window is allowed for every source: nothing to check",
    "R-SP-6": "starting positions echoed in responses (local backend)",
    "R-STR-1": "applicability: R-APP-2.ParallelizationFactor; the minimum is botocore's client-side check",
    "R-STR-2": "applicability: R-APP-2.TumblingWindowInSeconds; the claim that tumbling windows need "
    "ParallelizationFactor 1 is not enforced (unconfirmed)",
    "R-DST-6": "default DestinationConfig in responses (local backend)",
    "R-FRT-3": "default FunctionResponseTypes in responses (local backend)",
    "R-FLT-4": "filtering on another source's data key is not an error (records are dropped): see `esm test-filter`",
    "R-FLT-6": "`{\"Filters\": []}` is neutral (R-APP-3); `FilterCriteria: {}` removes filters on update",
    "R-MQ-3": "MQ defaults (local backend)",
    "R-DOC-4": "all three starting positions allowed for DocumentDB: nothing to check",
    "R-DUP-4": "another function on the same source is allowed: nothing to check",
    "R-UPD-4": "the engine validates update against the stored mapping merged with the request",
    "R-UPD-6": "unknown UUID on update, see R-UUID-2 (AWS only)",
    "R-UPD-7": "`{}` removes an optional block on update: the engine's merge drops it",
    "R-STATE-1": "state after create (local backend)",
    "R-STATE-2": "state after create with Enabled false (local backend)",
    "R-STATE-3": "state after update (local backend)",
    "R-STATE-4": "state after delete (local backend)",
    "R-STATE-5": "StateTransitionReason / LastProcessingResult (local backend)",
    "R-DEF-1": "response defaults per source (local backend)",
    "R-EXIST-6": "function existence, see R-FN-5 (AWS only)",
    "R-ORD-1": "the engine orders violations by phase: model, OnSuccess, source, function/UUID, per-source rules",
    "R-APP-3": "neutral values (None, empty, `{\"OnFailure\": {}}`) are not judged; FIFO window 0 accepted",
    "R-MQ-1": "Queues size and length are model rules; an MQ create without Queues is NOT rejected (AWS "
    "behaviour unknown; the catalogue says warn)",
}
