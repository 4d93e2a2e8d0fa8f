"""`keten invite EMAIL`: a one-time activation link (72 h) for a registered professional's web account."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kernel.settings import Settings


def add_commands(sub: Any) -> None:
    invite = sub.add_parser("invite", help="print a one-time activation link (72 h) for the web pages")
    invite.add_argument("email", help="the e-mail address the professional was registered with")
    invite.add_argument("--data-dir", type=Path)
    invite.set_defaults(command=_invite)


def _invite(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap

    platform = bootstrap(settings)
    try:
        found = platform.identity.professionals_with_email(args.email)
        if len(found) != 1:
            how_many = "no professional has" if not found else f"{len(found)} professionals share"
            raise SystemExit(f"keten invite: {how_many} the e-mail address {args.email}")
        professional = found[0]
        link = platform.services.web.accounts.invite(
            str(professional.id), professional.email, platform.clock()
        )
        print(f"Activation link for {professional.name} (valid 72 hours, once):\n{link}")
    finally:
        platform.close()
    return 0
