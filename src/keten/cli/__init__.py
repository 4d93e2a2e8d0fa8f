"""The keten command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from domain.policy.need_to_know import PolicyError
from kernel.settings import Settings
from keten import logs
from keten.collector import collect_less_often
from keten.files import keep_private
from keten.roles import UnknownPart


def main(argv: Sequence[str] | None = None) -> int:
    collect_less_often()  # every keten process, whatever its role (see keten.collector)
    args = _parser().parse_args(argv)
    logs.configure()
    settings = _settings(args)
    keep_private(settings.data_dir)  # before anything is written: every command, every file
    try:
        result: int = args.command(settings, args)
    except PolicyError as error:
        # A policy keten cannot honour stops it before it serves anything; say which line.
        raise SystemExit(f"keten: {error}") from None
    except UnknownPart as error:  # `--app` or `--view` names something keten does not have
        raise SystemExit(f"keten: {error}") from None
    return result


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    for name in ("data_dir", "host", "port"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    return Settings(**overrides)  # type: ignore[arg-type]


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap
    from keten.demo import ensure_demo
    from keten.roles.lifecycle import run_until_signalled
    from keten.serve import serve

    lines: list[str] = []
    if args.demo:
        platform = bootstrap(settings)
        lines = ["Demo professionals, their sign-in links and bearer tokens:", *ensure_demo(platform)]
        platform.close()
    return run_until_signalled(lambda stop: serve(settings, stop, lines))


def _sweep(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap
    from keten.youth_keys import sweep_verwijsindex

    platform = bootstrap(settings)
    result, shredded = sweep_verwijsindex(platform.multisignaal, platform.keystore)
    print(f"{result.expired} signals expired, {result.purged} archives purged, ", end="")
    print(f"{len(shredded)} youth keys destroyed")
    platform.close()
    return 0


def _export_schema(settings: Settings, args: argparse.Namespace) -> int:
    from gateway.schema import schema

    sdl = schema.as_str() + "\n"
    if args.output:
        Path(args.output).write_text(sdl)
    else:
        print(sdl, end="")
    return 0


def _export_asyncapi(settings: Settings, args: argparse.Namespace) -> int:
    from keten.asyncapi import asyncapi, render
    from keten.bootstrap import SCHEMAS_DIR

    document = render(asyncapi(SCHEMAS_DIR / "events"))
    if args.output:
        Path(args.output).write_text(document)
    else:
        print(document, end="")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="keten", description=__doc__)
    sub = parser.add_subparsers(required=True)
    serve = sub.add_parser("serve", help="run the whole platform in one process")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--data-dir", type=Path)
    serve.add_argument("--demo", action="store_true", help="create demo organisations and print their tokens")
    serve.set_defaults(command=_serve)
    from keten.cli.tokens import add_commands as add_token_commands

    add_token_commands(sub)
    from keten.cli.invite import add_commands as add_invite_commands

    add_invite_commands(sub)
    sweep = sub.add_parser("sweep", help="end expired signals and purge old archives now")
    sweep.add_argument("--data-dir", type=Path)
    sweep.set_defaults(command=_sweep)
    export = sub.add_parser("export-schema", help="print (or write) the GraphQL SDL")
    export.add_argument("--output", type=Path)
    export.set_defaults(command=_export_schema)
    asyncapi = sub.add_parser("export-asyncapi", help="print (or write) the AsyncAPI document of the topics")
    asyncapi.add_argument("--output", type=Path)
    asyncapi.set_defaults(command=_export_asyncapi)
    from keten.cli.audit import add_commands as add_audit_commands

    add_audit_commands(sub)
    from keten.cli.retention import add_commands as add_retention_commands

    add_retention_commands(sub)
    from keten.cli.rebuild import add_commands as add_rebuild_commands

    add_rebuild_commands(sub)
    from keten.cli.relay import add_commands as add_relay_commands

    add_relay_commands(sub)
    from keten.cli.roles import add_commands as add_role_commands

    add_role_commands(sub)
    from keten.cli.deadletter import add_commands as add_deadletter_commands

    add_deadletter_commands(sub)
    return parser
