"""`keten audit export CASE_ID PERSON_ID`: a subject access export, offline, as JSON.

Like the GraphQL `subjectAccessExport`, it is for a VT_MEDEWERKER of the case's own Veilig
Thuis (`--by`), and it is written to the access log as an EXPORT (see `keten.cli.access`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any
from uuid import UUID

from domain.access.model import AccessKind
from domain.cases.sealing import Sealed
from domain.cases.subject_access import subject_access
from domain.errors import DomainError, NotFound
from domain.identity.application import ProfessionalView
from domain.identity.model import Role
from gateway.audit.export import RULE_EXPORT
from kernel.settings import Settings
from keten.bootstrap import Platform, bootstrap
from keten.cli import access as cli_access


def add_export(steps: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = steps.add_parser("export", help="print everything a case holds on one person, as JSON")
    export.add_argument("case_id", type=UUID)
    export.add_argument("person_id", type=UUID)
    export.add_argument(
        "--by",
        required=True,
        type=UUID,
        help="your professional id (VT_MEDEWERKER of the case's Veilig Thuis)",
    )
    export.add_argument("--data-dir", type=Path)
    export.set_defaults(command=_export)


def _export(settings: Settings, args: argparse.Namespace) -> int:
    platform = bootstrap(settings)
    try:
        client = str(args.case_id)
        worker = cli_access.require(platform, args.by, Role.VT_MEDEWERKER, client, RULE_EXPORT)
        export = _subject_access(platform, worker, args.case_id, args.person_id)
        cli_access.write(platform, worker, AccessKind.EXPORT, client, RULE_EXPORT)
    finally:
        platform.close()
    print(json.dumps(export, indent=2))
    return 0


def _subject_access(platform: Platform, worker: ProfessionalView, case_id: UUID, person_id: UUID) -> Any:
    try:
        if platform.cases.parties(case_id).veilig_thuis_id != worker.organisation_id:
            raise NotFound(f"no case {case_id}")  # as the gateway answers another VT's case

        def open_(key_id: UUID, sealed: Sealed) -> str:
            return platform.keystore.open_or_erased(str(key_id), sealed)

        return subject_access(platform.cases.events.get(case_id), person_id, open_)
    except DomainError as error:
        cli_access.refuse(platform, worker, str(case_id), RULE_EXPORT, str(error))
