"""`keten audit export CASE_ID PERSON_ID`: a subject access export, offline, as JSON.

Like `keten audit replay` it runs with the operator's own rights on the data dir and is not
written to the access log; the GraphQL `subjectAccessExport` is.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from uuid import UUID

from domain.cases.sealing import Sealed
from domain.cases.subject_access import subject_access
from domain.errors import DomainError
from keten.bootstrap import bootstrap
from keten.settings import Settings


def add_export(steps: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = steps.add_parser("export", help="print everything a case holds on one person, as JSON")
    export.add_argument("case_id", type=UUID)
    export.add_argument("person_id", type=UUID)
    export.add_argument("--data-dir", type=Path)
    export.set_defaults(command=_export)


def _export(settings: Settings, args: argparse.Namespace) -> int:
    platform = bootstrap(settings)
    try:

        def open_(key_id: UUID, sealed: Sealed) -> str:
            return platform.keystore.open_or_erased(str(key_id), sealed)

        export = subject_access(platform.cases.events.get(args.case_id), args.person_id, open_)
    except DomainError as error:
        raise SystemExit(f"keten audit export: {error}") from error
    finally:
        platform.close()
    print(json.dumps(export, indent=2))
    return 0
