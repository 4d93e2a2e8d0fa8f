"""What the gateway needs of the access log: a way to record lines, and the view to read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from gateway.access.group_commit import GroupCommit
from gateway.access.trail import Recorder


class AccessRow(Protocol):
    @property
    def access_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def client_id(self) -> str: ...
    @property
    def user_id(self) -> str: ...
    @property
    def responsible_id(self) -> str: ...
    @property
    def client_address(self) -> str: ...
    @property
    def token_id(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def reason_sealed(self) -> str | None: ...


class AccessLogReads(Protocol):
    def search(self, client_id: str | None = None, user_id: str | None = None) -> Sequence[AccessRow]: ...
    def of_clients(self, client_ids: Sequence[str]) -> Sequence[AccessRow]: ...
    def break_the_glass(self) -> Sequence[AccessRow]: ...


@dataclass(frozen=True)
class AccessLog:
    """The access log application's `record`, and the `access_log` view built from Kafka."""

    record: Recorder
    view: AccessLogReads
    together: GroupCommit | None = None  # GraphQL's requests store their lines in shared saves
