"""A relay's look at whether the broker still holds what it published, on a client it keeps.

The relay looks every few seconds in a quiet moment (`relay.loop`). Counting what the broker
holds needs a fetch (`relay.topics.records_held`) and so a new client each time: a thread, a
connection and its version handshake, which was ~40% of an idle `keten serve`'s CPU. Most looks
find nothing changed, and that needs no count: the client kept here asks where each partition
ends (fresh metadata and ListOffsets, no fetch, so no fetch state carries over from one look to
the next), and when those ends and the relay's published count are exactly what they were
when the last count proved the broker complete, it still is. A broker that lost its topics
lists them no more, or lists other ends; then, and whenever anything was published since,
the count is made again as before. A client that fails is dropped and the look made once more
on a new one (a restarted broker breaks the old connection), before an error is raised.
"""

from __future__ import annotations

from collections.abc import Sequence

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError

from kernel import kafka_clients
from relay.topics import listed_ends, records_held

Ends = dict[TopicPartition, int]


class BrokerLook:
    def __init__(self, bootstrap_servers: str, topics: Sequence[str]) -> None:
        self.bootstrap_servers, self.topics = bootstrap_servers, tuple(topics)
        self._client: KafkaConsumer | None = None
        self._complete_at: tuple[Ends, int] | None = None  # (listed ends, published) last proven

    def held_when_short(self, published: int) -> int | None:
        """None when the broker holds at least `published` records of the topics; else how
        many it holds."""
        if published == 0:
            return None  # nothing published: nothing to lose, and no client needed
        listed = self._listed()
        if self._complete_at == (listed, published):
            return None
        held = records_held(self.bootstrap_servers, self.topics)
        self._complete_at = (listed, published) if held >= published else None
        return None if held >= published else held

    def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            client.close()

    def _listed(self) -> Ends:
        try:
            return self._ends(self._client_kept())
        except KafkaError:
            self.close()
        return self._ends(self._client_kept())

    def _client_kept(self) -> KafkaConsumer:
        if self._client is None:
            self._client = kafka_clients.consumer(self.bootstrap_servers, enable_auto_commit=False)
        return self._client

    def _ends(self, client: KafkaConsumer) -> Ends:
        client.topics()  # always asks the broker: a topic it lost is no longer listed
        return listed_ends(client, self.topics)
