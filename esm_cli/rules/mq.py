"""Amazon MQ (docs/rules.md, R-MQ). Queues' size and length are model rules; parameters MQ
does not take are in ``applicability.py`` (R-MQ-4); VIRTUAL_HOST on update is in ``update.py``.

Not enforced: an MQ create without Queues. The docs mark it optional and AWS's behaviour is
unknown (R-MQ-1 says warn, not reject), and the registry only holds what AWS refuses.
"""

from __future__ import annotations

from esm_cli.rules.access import access_type_rule
from esm_cli.sources import Source

RULES = (
    access_type_rule(
        "R-MQ-2.type",
        Source.MQ,
        topic="mq",
        evidence="[D] services-mq-params (ActiveMQ: BASIC_AUTH; RabbitMQ: BASIC_AUTH and VIRTUAL_HOST); [M] "
        "SourceAccessType doc. Message unknown. ActiveMQ vs RabbitMQ cannot be told offline, so VIRTUAL_HOST "
        "on ActiveMQ is left to AWS",
        refs=("R-MQ-2",),
    ),
)
