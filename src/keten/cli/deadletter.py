"""`keten deadletter list` and `keten deadletter replay [--id ID | --view NAME]`.

Both read the consumers' own stores (views and matcher), with keten running or not, and after
the broker lost its topics too. See `kernel.deadletters` and `keten.replay`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kernel.settings import Settings


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    letters = sub.add_parser("deadletter", help="records a view or the matcher could not apply")
    commands = letters.add_subparsers(required=True)
    listing = commands.add_parser("list", help="every dead and held record, per consumer")
    listing.add_argument("--data-dir", type=Path)
    listing.set_defaults(command=_list)
    again = commands.add_parser("replay", help="apply them again, once their cause is fixed")
    which = again.add_mutually_exclusive_group()
    which.add_argument("--id", help="one letter (and the records held behind it)")
    which.add_argument("--view", help="one consumer's letters: a view's name, or matcher")
    again.add_argument("--data-dir", type=Path)
    again.set_defaults(command=_replay)


def _list(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap

    platform = bootstrap(settings)
    try:
        letters = [letter for handler in platform.handlers() for letter in handler.open_letters()]
        print(f"{len(letters)} dead or held records")
        for x in letters:
            print(
                f"{x.letter_id}  {x.consumer:<16}{x.state:<6}{x.topic}[{x.partition}]@{x.offset}  "
                f"{x.record.header('ce_type')} sequence {x.sequence} key {_key(x.record.key)}  "
                f"{x.error_type or 'held behind its key'} ({x.attempts} attempts, {x.at:%Y-%m-%d %H:%M:%S}Z)"
            )
    finally:
        platform.close()
    return 0


def _replay(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap
    from keten.replay import replay

    platform = bootstrap(settings)
    try:
        handlers = platform.handlers()
        if args.view is not None and args.view not in {h.name for h in handlers}:
            names = ", ".join(sorted(h.name for h in handlers))
            raise SystemExit(f"keten deadletter replay: no consumer {args.view!r}; one of {names}")
        result = replay(handlers, args.view, args.id)
        print(f"{result.applied} records replayed")
        for consumer, letter_id, error_type in result.failed:
            print(f"{consumer}: {letter_id} failed again ({error_type}); its key stays held")
    finally:
        platform.close()
    return 1 if result.failed else 0


def _key(key: bytes | None) -> str:
    return "-" if key is None else key.decode(errors="replace")
