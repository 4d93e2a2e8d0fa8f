"""The run files start real commands: every role named in the Procfile and in compose.yaml
is one `keten` knows, with arguments it accepts (compose itself is not run here: no Docker)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from keten.cli import _parser

REPO = Path(__file__).resolve().parents[2]


def procfile_commands() -> dict[str, list[str]]:
    commands = {}
    for line in (REPO / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, command = line.partition(":")
            words = [w for w in shlex.split(command) if "=" not in w or w.startswith("-")]
            commands[name] = [w if not w.startswith("$") else "9000" for w in words]
    return commands


def compose_commands() -> dict[str, list[str]]:
    text = (REPO / "infra" / "compose.yaml").read_text()
    found = re.findall(r"^  (\w+):\n(?:    .*\n)*?    command: \[(.*)\]", text, flags=re.MULTILINE)
    return {name: [w.strip().strip('"') for w in words.split(",")] for name, words in found}


def test_the_procfile_runs_every_role_and_the_broker() -> None:
    commands = procfile_commands()
    assert set(commands) == {"broker", "relay", "matcher", "projector", "mailer", "sweeper", "gateway"}
    for name, words in commands.items():
        assert words[0] == "keten", name
        _parser().parse_args(words[1:])


def test_compose_runs_every_role_against_kafka_and_postgres() -> None:
    commands = compose_commands()
    assert set(commands) == {"relay", "matcher", "projector", "mailer", "sweeper", "gateway"}
    for words in commands.values():
        _parser().parse_args(words)


@pytest.mark.parametrize("role", ["gateway", "relay", "matcher", "projector", "mailer", "sweeper", "broker"])
def test_every_role_has_a_command_of_its_own(role: str) -> None:
    assert _parser().parse_args([role]).command.__name__.lstrip("_") in (role, f"run_{role}", "consumer")


def test_keten_relay_runs_the_role_and_still_reports_its_status() -> None:
    assert _parser().parse_args(["relay", "--app", "cases"]).app == ["cases"]
    assert _parser().parse_args(["relay", "status"]).command.__name__ == "_status"
    assert _parser().parse_args(["relay", "retry", "--app", "cases"]).command.__name__ == "_retry"
