"""esm-cli: the `aws lambda` event source mapping commands, checked offline, with a local backend."""

__version__ = "0.1.0"
