"""The privacy officer's commands: erasure on request, and the retention run.

`keten erasure request CASE PERSON --ground REQUEST` records the request and prints its
deadline; `keten erasure grant CASE PERSON` destroys the person's key and records the grant;
`keten retention run [--today YYYY-MM-DD]` destroys the keys of every closed case whose
retention ended (see `domain.cases.retention` for the rule and its source).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from uuid import UUID

from domain.calendar import dutch_date
from domain.cases.erasure import ErasureGround
from kernel.settings import Settings
from keten.bootstrap import bootstrap
from keten.retention import run_retention


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    erasure = sub.add_parser("erasure", help="record and grant a person's erasure request")
    steps = erasure.add_subparsers(required=True)
    for name, command in (("request", _request), ("grant", _grant)):
        step = steps.add_parser(name, help=f"{name} the erasure of a person's data in a case")
        step.add_argument("case_id", type=UUID)
        step.add_argument("person_id", type=UUID)
        step.add_argument("--data-dir", type=Path)
        step.set_defaults(command=command)
        if name == "request":
            step.add_argument("--ground", choices=[g.value for g in ErasureGround], default="REQUEST")
    retention = sub.add_parser("retention", help="destroy the keys of cases past retention")
    run = retention.add_subparsers(required=True).add_parser("run", help="run it now")
    run.add_argument("--today", type=date.fromisoformat, help="the day to judge by (default: today)")
    run.add_argument("--data-dir", type=Path)
    run.set_defaults(command=_retention)


def _request(settings: Settings, args: argparse.Namespace) -> int:
    platform = bootstrap(settings)
    try:
        deadline = platform.cases.request_erasure(args.case_id, args.person_id, ErasureGround(args.ground))
    finally:
        platform.close()
    print(f"erasure requested; decide by {deadline.isoformat()}")
    return 0


def _grant(settings: Settings, args: argparse.Namespace) -> int:
    platform = bootstrap(settings)
    try:
        platform.cases.grant_erasure(args.case_id, args.person_id, platform.keystore)
    finally:
        platform.close()
    print(f"erasure granted: the data key of {args.person_id} is destroyed")
    return 0


def _retention(settings: Settings, args: argparse.Namespace) -> int:
    platform = bootstrap(settings)
    try:
        today = args.today or dutch_date(platform.clock())
        shredded = run_retention(platform.cases, platform.keystore, today)
    finally:
        platform.close()
    for case_id in shredded:
        print(f"case {case_id}: retention ended, its keys are destroyed")
    print(f"{len(shredded)} cases shredded as of {today.isoformat()}")
    return 0
