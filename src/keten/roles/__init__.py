"""keten's roles, each a thin composition over the platform; `keten serve` runs them all.

| role | command | scales by |
|---|---|---|
| gateway | `keten gateway` | count: every gateway reads the shared views |
| relay | `keten relay [--app NAME]` | active/standby per application (a lease) |
| matcher | `keten matcher` | partitions of keten.signals.v1, split by a consumer group |
| projector | `keten projector [--view NAME]` | partitions, split by a consumer group per view |
| sweeper | `keten sweeper` | active/standby (a lease) |
"""


class UnknownPart(LookupError):
    """A role was asked for a view or an application keten does not have."""
