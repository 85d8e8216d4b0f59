"""Value parsing: what a typed flag value means to the API, checked the way botocore checks it.

``parse_value`` turns one flag's text into its API value (file://, JSON, shorthand, model-driven
coercion), ``validate_client_side`` runs botocore's client-side checks over a whole request,
``to_wire`` converts timestamps to what the AWS CLI sends. Nothing here imports botocore,
awscli or any other heavy package: this runs on every command.
"""

from esm_cli.params.client_validation import validate_client_side
from esm_cli.params.paramfile import ParamFileError, load_paramfile
from esm_cli.params.shorthand import ShorthandError, parse_shorthand
from esm_cli.params.timestamps import parse_timestamp, to_wire
from esm_cli.params.values import parse_value

__all__ = [
    "ParamFileError",
    "ShorthandError",
    "load_paramfile",
    "parse_shorthand",
    "parse_timestamp",
    "parse_value",
    "to_wire",
    "validate_client_side",
]
