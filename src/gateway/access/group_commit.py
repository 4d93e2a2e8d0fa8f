"""The access lines of requests that end at about the same time, saved in one transaction.

A read of personal data is answered only once its access lines are stored (NEN 7513), and on
SQLite each store is a disk flush. One flush per request made every request wait for the
flushes of all requests before it. Here the lines of every request that ends while a save is
under way wait together, and go in the next save: one flush for all of them. Each request
still gets its answer only after its own lines are stored, and a batch that fails is saved
again request by request, so one request's bad line never costs another its answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

Lines = Sequence[Any]


class GroupCommit:
    def __init__(self, record: Callable[[Lines], object]) -> None:
        self._record = record
        self._waiting: list[tuple[Lines, asyncio.Future[None]]] = []
        self._saving: asyncio.Task[None] | None = None

    async def record(self, lines: Lines) -> None:
        """Returns once the lines are stored; raises what storing them raised."""
        stored = asyncio.get_running_loop().create_future()
        self._waiting.append((lines, stored))
        if self._saving is None or self._saving.done():
            self._saving = asyncio.create_task(self._save_while_waiting())
        await stored

    async def _save_while_waiting(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                await asyncio.to_thread(self._record, [line for lines, _ in batch for line in lines])
            # Whatever failed, failed for the batch: each request's lines go again on their own,
            # so each request gets its own outcome.
            except Exception as error:
                if len(batch) == 1:
                    _settle(batch[0][1], error)
                await self._one_by_one(batch)
            else:
                for _, stored in batch:
                    _settle(stored, None)

    async def _one_by_one(self, batch: list[tuple[Lines, asyncio.Future[None]]]) -> None:
        if len(batch) == 1:  # tried on its own already
            batch = []
        for lines, stored in batch:
            try:
                await asyncio.to_thread(self._record, lines)
            except Exception as error:  # handed to the request it belongs to
                _settle(stored, error)
            else:
                _settle(stored, None)


def _settle(stored: asyncio.Future[None], error: BaseException | None) -> None:
    if stored.done():  # the request went away meanwhile
        return
    if error is None:
        stored.set_result(None)
    else:
        stored.set_exception(error)
