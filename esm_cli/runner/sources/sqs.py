"""An SQS queue polled through botocore, as Lambda's poller reads it (docs/run.md, "SQS").

Messages are received with every attribute; a batch is gathered across ReceiveMessage calls
(10 messages at most each) until BatchSize, or the batching window runs out. Failed messages
are left alone: they reappear after the queue's visibility timeout, and the queue's own redrive
policy moves them to its dead-letter queue. On Ctrl-C the unsettled batch is made visible at
once. The queue is drained when it has no visible, in-flight or delayed message.
"""

from __future__ import annotations

import time
from typing import Any

from esm_cli.runner import events
from esm_cli.runner.config import MappingConfig
from esm_cli.runner.items import Item

_COUNTS = ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed")
IDLE_WAIT_SECONDS = 1  # long-poll wait when nothing is waiting (Lambda uses up to 20)


class SqsQueue:
    def __init__(self, client: Any, cfg: MappingConfig) -> None:
        self.client = client
        self.cfg = cfg
        self.label = "sqs"
        name = cfg.arn.split(":")[5]
        self.url = client.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=cfg.account)["QueueUrl"]
        client.get_queue_attributes(QueueUrl=self.url, AttributeNames=["QueueArn"])
        self._order = 0

    def _receive_once(self, count: int, wait: int) -> list[Item]:
        answer = self.client.receive_message(
            QueueUrl=self.url,
            MaxNumberOfMessages=count,
            WaitTimeSeconds=wait,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        items = []
        for message in answer.get("Messages") or []:
            record = events.sqs_record(message, self.cfg.arn, self.cfg.region)
            self._order += 1
            item = events.sqs_item(record, self._order, handle=message["ReceiptHandle"])
            item.receives = int(record["attributes"].get("ApproximateReceiveCount", "1"))
            items.append(item)
        return items

    def receive(self, limit: int, window: float) -> list[Item]:
        # A short poll first: a long poll may wait its whole time for a full answer (moto's does).
        batch = self._receive_once(min(10, limit), 0) or self._receive_once(min(10, limit), IDLE_WAIT_SECONDS)
        if not batch:
            return batch
        deadline = time.monotonic() + window
        while len(batch) < limit:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if window <= 0:
                break  # no batching window: invoke with what one receive gave
            more = self._receive_once(min(10, limit - len(batch)), 0)
            if not more:
                time.sleep(min(0.1, max(0.0, left)))
            batch.extend(more)
        return batch

    def delete(self, items: list[Item]) -> None:
        for start in range(0, len(items), 10):
            chunk = items[start:start + 10]
            self.client.delete_message_batch(
                QueueUrl=self.url,
                Entries=[{"Id": str(i), "ReceiptHandle": item.handle} for i, item in enumerate(chunk)],
            )

    def release(self, items: list[Item], *, now: bool = False) -> None:
        if not now:
            return  # the visibility timeout brings them back, counting a receive
        for start in range(0, len(items), 10):
            chunk = items[start:start + 10]
            self.client.change_message_visibility_batch(
                QueueUrl=self.url,
                Entries=[{"Id": str(i), "ReceiptHandle": item.handle, "VisibilityTimeout": 0} for i, item in enumerate(chunk)],
            )

    def drained(self) -> bool:
        attributes = self.client.get_queue_attributes(QueueUrl=self.url, AttributeNames=list(_COUNTS))["Attributes"]
        return all(int(attributes.get(name, "0")) == 0 for name in _COUNTS)
