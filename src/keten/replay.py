"""`keten deadletter replay`: each stream's dead and held records applied again, in order.

A letter is replayed through its consumer (`replay`), which applies it exactly once. A stream
is replayed from its first open letter; one that fails again stays dead (its attempts counted),
and the rest of its stream stays held, so its order is kept; other streams go on. The open
letters are read again until a pass changes nothing: a record the running consumer held while
the replay ran is applied too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kernel.deadletters import DeadLetter
from keten.delivery import Handler


@dataclass
class Replayed:
    applied: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (consumer, letter id, error type)


def replay(
    handlers: Sequence[Handler], consumer: str | None = None, letter_id: str | None = None
) -> Replayed:
    result = Replayed()
    for handler in handlers:
        if consumer in (None, handler.name):
            _replay_handler(handler, letter_id, result)
    return result


def _replay_handler(handler: Handler, letter_id: str | None, result: Replayed) -> None:
    stopped: set[str] = set()
    while letters := [x for x in _chosen(handler.open_letters(), letter_id) if _stream(x) not in stopped]:
        applied = result.applied
        for letter in letters:
            if _stream(letter) not in stopped:
                _replay_one(handler, letter, stopped, result)
        if result.applied == applied:
            return


def _replay_one(handler: Handler, letter: DeadLetter, stopped: set[str], result: Replayed) -> None:
    try:
        result.applied += handler.replay(letter)
    # A record that fails again (its cause is not fixed yet) must not stop the other streams;
    # its type is kept, never its message.
    except Exception as error:
        handler.replay_failed(letter, type(error).__name__)
        stopped.add(_stream(letter))
        result.failed.append((handler.name, letter.letter_id, type(error).__name__))


def _chosen(letters: list[DeadLetter], letter_id: str | None) -> list[DeadLetter]:
    """Every open letter, or those of the chosen letter's stream."""
    if letter_id is None:
        return letters
    chosen = next((x for x in letters if x.letter_id == letter_id), None)
    return [] if chosen is None else [x for x in letters if _stream(x) == _stream(chosen)]


def _stream(letter: DeadLetter) -> str:
    return letter.stream or letter.letter_id  # an undecodable record is a stream of its own
