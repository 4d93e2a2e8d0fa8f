"""`keten token`: the administrator's token, a fresh token for a professional, or a revocation."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any
from uuid import UUID

from domain.errors import DomainError
from domain.identity.model import Role
from kernel.settings import Settings


def add_commands(sub: Any) -> None:
    token = sub.add_parser("token", help="print a bearer token, or revoke one")
    what = token.add_mutually_exclusive_group(required=True)
    what.add_argument("--admin", action="store_true", help="a token of the platform administrator")
    what.add_argument("--professional", type=UUID, metavar="ID", help="a fresh token (renewal) for them")
    what.add_argument("--revoke", metavar="JTI", help="revoke the token with this id (its jti claim)")
    token.add_argument("--data-dir", type=Path)
    token.set_defaults(command=_token)


def _token(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap

    platform = bootstrap(settings)
    try:
        print(_answer(platform, args))
    except DomainError as error:
        raise SystemExit(f"keten token: {error.message}") from None
    finally:
        platform.close()
    return 0


def _answer(platform: Any, args: argparse.Namespace) -> str:
    services, now = platform.services, platform.clock()
    if args.revoke:
        services.identity.revoke_token(args.revoke, None, now)
        return f"revoked {args.revoke}"
    if args.professional:
        view = services.identity.professional(args.professional)
        return str(services.issuer.issue(view.id, view.organisation_id, view.roles, now))
    return str(services.issuer.issue(None, None, (Role.ADMIN,), now))
