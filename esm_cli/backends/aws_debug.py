"""``--debug`` on the aws backend: botocore's wire log on stderr, in the AWS CLI's format, with secrets masked.

The AWS CLI streams the ``botocore``, ``awscli``, ``s3transfer`` and ``urllib3`` loggers at
DEBUG with ``%(asctime)s - %(threadName)s - %(name)s - %(levelname)s - %(message)s``.
esm does the same for ``botocore``, ``urllib3`` and its own ``esm_cli`` logger. Unlike the
AWS CLI it masks what would let a reader of a pasted log act as the user: the access key
id in ``Credential=``, request signatures, session tokens and, literally, any credential
value it knows of.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from typing import Iterator, TextIO

LOG_FORMAT = "%(asctime)s - %(threadName)s - %(name)s - %(levelname)s - %(message)s"
LOGGERS = ("botocore", "urllib3", "esm_cli")
MASK = "****"

# (pattern, replacement) applied to every formatted record.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization header: Credential=AKID/date/region/service/aws4_request
    (re.compile(r"(Credential=)[^/,\s'\"]+"), rf"\g<1>{MASK}"),
    (re.compile(r"(Signature=)[0-9a-fA-F]+"), rf"\g<1>{MASK}"),
    # botocore.auth logs "Signature:\n<hex>"
    (re.compile(r"(Signature:\s*\n)[0-9a-fA-F]+"), rf"\g<1>{MASK}"),
    # Session tokens in headers (prepared request repr) and canonical requests.
    (re.compile(r"((?i:x-amz-security-token)'?:\s*b?')[^']*"), rf"\g<1>{MASK}"),
    (re.compile(r"((?i:x-amz-security-token):)[^\n]+"), rf"\g<1>{MASK}"),
    (re.compile(r"((?i:aws_secret_access_key|aws_session_token|SecretAccessKey|SessionToken)'?\"?\s*[:=]\s*b?['\"]?)[^'\",\s}]+"), rf"\g<1>{MASK}"),
)


class RedactingFormatter(logging.Formatter):
    """The AWS CLI's log format, with credentials and signatures masked."""

    def __init__(self) -> None:
        super().__init__(LOG_FORMAT)
        self.secrets: list[str] = []

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text


@contextmanager
def debug_logging(stream: TextIO, enabled: bool) -> Iterator[RedactingFormatter | None]:
    """Stream the wire log to ``stream`` while the block runs (and only then)."""
    if not enabled:
        yield None
        return
    formatter = RedactingFormatter()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(formatter)
    saved = []
    for name in LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level))
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    try:
        yield formatter
    finally:
        for logger, level in saved:
            logger.removeHandler(handler)
            logger.setLevel(level)
