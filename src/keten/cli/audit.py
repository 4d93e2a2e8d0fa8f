"""The auditor's and the operator's commands: replay, verify, key rotation.

They work offline on the data dir (or PostgreSQL, as configured): no broker, no gateway.
Times without a zone are UTC, as in the GraphQL API.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from domain.access.model import AccessKind
from domain.cases.replay import replay, snapshot
from domain.cases.sealing import Sealed
from domain.errors import DomainError
from domain.identity.model import Role
from gateway.audit.queries import RULE_CASE_HISTORY
from kernel.settings import Settings
from keten.bootstrap import Platform, bootstrap, open_database
from keten.cli import access as cli_access
from keten.cli.export import add_export
from keten.parallel_verify import verify_all, workers_for
from keten.progress import Progress
from relay.cases import plain
from relay.chain import CaseChain
from relay.verify import Verification, Verifier

MASTER_KEY_BYTES = 32


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = sub.add_parser("audit", help="replay a case as of a moment, verify the hash chains")
    steps = audit.add_subparsers(required=True)
    replay_cmd = steps.add_parser("replay", help="print a case as it was at a moment, as JSON")
    replay_cmd.add_argument("case_id", type=UUID)
    replay_cmd.add_argument("--as-of", required=True, type=datetime.fromisoformat)
    replay_cmd.add_argument(
        "--by", required=True, type=UUID, help="your professional id (role AUDITOR): the access log names you"
    )
    replay_cmd.add_argument("--data-dir", type=Path)
    replay_cmd.set_defaults(command=_replay)
    verify = steps.add_parser("verify", help="recompute every case stream's hash chain")
    which = verify.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", type=UUID)
    which.add_argument("--all", action="store_true")
    verify.add_argument("--data-dir", type=Path)
    verify.add_argument(
        "--workers", type=int, help="processes for --all (default: one per core, for a log large enough)"
    )
    verify.set_defaults(command=_verify)
    add_export(steps)
    _add_key_commands(sub)


def _add_key_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="manage the key store")
    rotate = keys.add_subparsers(required=True).add_parser(
        "rotate-master", help="re-wrap every data key under KETEN_NEW_MASTER_KEY (base64, 32 bytes)"
    )
    rotate.add_argument("--data-dir", type=Path)
    rotate.set_defaults(command=_rotate_master)


def _replay(settings: Settings, args: argparse.Namespace) -> int:
    moment: datetime = args.as_of if args.as_of.tzinfo else args.as_of.replace(tzinfo=UTC)
    platform = bootstrap(settings)
    try:
        client = str(args.case_id)
        auditor = cli_access.require(platform, args.by, Role.AUDITOR, client, RULE_CASE_HISTORY)
        try:
            history = replay(platform.cases, args.case_id, moment)
        except DomainError as error:
            cli_access.refuse(platform, auditor, client, RULE_CASE_HISTORY, str(error))
        state = snapshot(history.case, lambda key, sealed: _open(platform, key, sealed))
        answer = {"asOf": moment.isoformat(), "state": plain(state), "timeline": plain(history.timeline)}
        cli_access.write(platform, auditor, AccessKind.READ, client, RULE_CASE_HISTORY)
    finally:
        platform.close()
    print(json.dumps(answer, indent=2))
    return 0


def _open(platform: Platform, key_id: UUID, sealed: Sealed) -> str:
    return platform.keystore.open_or_erased(str(key_id), sealed)


def _verify(settings: Settings, args: argparse.Namespace) -> int:
    platform = bootstrap(settings)  # the stores exist, even on a new data dir
    try:
        verifier = Verifier(platform.cases.recorder, CaseChain(open_database(settings, "relay")))
        result = verifier.stream(args.case) if args.case else _verify_all(settings, verifier, args.workers)
    finally:
        platform.close()
    return _report(result)


def _verify_all(settings: Settings, verifier: Verifier, workers: int | None) -> Verification:
    total = verifier.total()
    if workers is not None and workers < 1:
        raise SystemExit("keten audit verify: --workers must be at least 1")
    progress = Progress("verify", total)
    try:
        return verify_all(settings, total, workers or workers_for(total), progress, here=verifier)
    finally:
        progress.close()


def _report(result: Verification) -> int:
    print(
        f"{result.checked} events verified, "
        f"{result.pending} not chained yet (the relay has not published them)"
    )
    if result.broken is not None:
        print(result.broken.describe(), file=sys.stderr)
        return 1
    return 0


def _rotate_master(settings: Settings, args: argparse.Namespace) -> int:
    new_key = os.environ.get("KETEN_NEW_MASTER_KEY", "")
    if len(_decode_key(new_key)) != MASTER_KEY_BYTES:
        raise SystemExit("keten keys rotate-master: set KETEN_NEW_MASTER_KEY to 32 random bytes, base64")
    platform = bootstrap(settings)
    try:
        count = platform.keystore.rotate_master(_decode_key(new_key))
    finally:
        platform.close()
    print(f"{count} data keys re-wrapped under the new master key")
    if settings.master_key is None:
        _replace_secret(settings.data_dir / "secrets" / "master.key", new_key)
        print("the data dir's secrets/master.key now holds the new key")
    else:
        print("now set KETEN_MASTER_KEY to the new key before keten starts again")
    return 0


def _decode_key(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        return b""


def _replace_secret(path: Path, value: str) -> None:
    """Atomically: a crash leaves the old key or the new one, never half of one."""
    temporary = path.with_suffix(".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    os.replace(temporary, path)
