"""`keten rebuild VIEW | --all [--resume]`: see `keten.rebuild`.

Run it while keten is stopped (or its consumers are): a view being rebuilt must not be fed
by a running consumer at the same time. Without KAFKA_BOOTSTRAP_SERVERS it starts the
embedded broker, whose topics start empty, so everything is re-published from the event store.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kernel.settings import Settings

if TYPE_CHECKING:
    from keten.bootstrap import Platform
    from projections.view import View


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rebuild = sub.add_parser("rebuild", help="drop views and read them again from Kafka")
    which = rebuild.add_mutually_exclusive_group(required=True)
    which.add_argument("view", nargs="?", help="the view's name (keten rebuild --list shows them)")
    which.add_argument("--all", action="store_true")
    which.add_argument("--list", action="store_true", help="print the views' names")
    rebuild.add_argument("--resume", action="store_true", help="continue an interrupted rebuild")
    rebuild.add_argument("--data-dir", type=Path)
    rebuild.set_defaults(command=_rebuild)


def _rebuild(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap
    from keten.rebuild import views_of

    platform = bootstrap(settings)
    try:
        views = views_of(platform)
        if args.list or (args.view and args.view not in views):
            print("views: " + ", ".join(sorted(views)))
            return 0 if args.list else 2
        _run(settings, list(views.values()) if args.all else [views[args.view]], args.resume, platform)
    finally:
        platform.close()
    return 0


def _run(settings: Settings, views: list[View], resume: bool, platform: Platform) -> None:
    from keten.rebuild import rebuild_views, republish
    from keten.roles.kafka import kafka

    with kafka(settings) as servers:
        print(f"{republish(platform, servers)} records re-published from the event store")
        read = rebuild_views(views, servers, platform.sources(), resume)
        print(f"{read} records read into {', '.join(view.name for view in views)}")
