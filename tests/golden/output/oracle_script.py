"""What the oracle scripts (``awscli_oracle.py``, ``ruamel_oracle.py``) share.

Each runs as its own process, possibly under another Python, and finds this module beside it;
so it imports nothing beyond the standard library at load time. The botocore that converts
timestamps is whichever the script has loaded (awscli's vendored copy in ``awscli_oracle``).
"""

import json
import sys

TIMESTAMP_KEYS = ("LastModified", "StartingPositionTimestamp")


def iso(node):
    """Timestamps as v2's iso8601 mode prints them: botocore's ``parse_timestamp(...).isoformat()``."""
    from botocore.utils import parse_timestamp

    if isinstance(node, dict):
        return {k: (parse_timestamp(v).isoformat() if k in TIMESTAMP_KEYS and v is not None else iso(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [iso(item) for item in node]
    return node


def serve(render):
    """Read a JSON list of requests on stdin; print the JSON list of ``render(request)`` outputs."""
    requests = json.loads(sys.stdin.read())
    json.dump([render(request) for request in requests], sys.stdout)
