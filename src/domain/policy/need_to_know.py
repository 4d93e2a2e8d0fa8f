"""The need-to-know policy: loaded from need_to_know.toml, checked before keten starts.

The file is the one place a privacy officer reads to know what each audience may see. This
module only parses and checks it; the gateway proves its schema serves nothing more, and
the audience queries keep only cases in the states the policy names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

POLICY_FILE = Path(__file__).with_name("need_to_know.toml")
AUDIENCES = frozenset(
    {
        "melder",
        "vt_medewerker",
        "vertrouwensarts",
        "receiver_before_acceptance",
        "receiver_after_acceptance",
        "regisseur",
        "regievoerder",
        "signaller",
        "auditor",
        "professional",
        "administrator",
    }
)
KEYS = frozenset({"who", "queries", "states", "events", "fields"})


class PolicyError(ValueError):
    """The policy file names something keten does not know: keten must not start."""


@dataclass(frozen=True)
class Audience:
    name: str
    who: str
    queries: frozenset[str]
    states: frozenset[str]
    events: frozenset[str]
    fields: Mapping[str, frozenset[str]]

    def sees(self, type_name: str, field_name: str) -> bool:
        return field_name in self.fields.get(type_name, frozenset())

    def in_state(self, state: str) -> bool:
        return state in self.states

    def rule(self, query: str) -> str:
        """The name an access line carries: `audience.query_in_snake_case`."""
        snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in query)
        return f"{self.name}.{snake}"


@dataclass(frozen=True)
class Catalogue:
    """What keten knows: GraphQL types and their fields, root fields, states, event types."""

    types: Mapping[str, frozenset[str]]
    roots: frozenset[str]
    states: frozenset[str]
    events: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Policy:
    audiences: Mapping[str, Audience]

    def __getitem__(self, name: str) -> Audience:
        return self.audiences[name]

    def check(self, catalogue: Catalogue) -> None:
        """Fails on the first name the catalogue does not know, naming audience and item."""
        for audience in self.audiences.values():
            _known(audience, "query", audience.queries, catalogue.roots)
            _known(audience, "state", audience.states, catalogue.states)
            if catalogue.events:
                _known(audience, "event", audience.events, catalogue.events)
            _known(audience, "type", frozenset(audience.fields), frozenset(catalogue.types))
            for type_name, names in audience.fields.items():
                _known(audience, f"field of {type_name}", names, catalogue.types[type_name])


@cache
def shipped_policy() -> Policy:
    """The policy keten runs with, read once per process."""
    return load_policy()


def load_policy(path: Path = POLICY_FILE) -> Policy:
    try:
        document = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PolicyError(f"need-to-know policy {path}: {error}") from error
    sections = document.get("audience")
    if not isinstance(sections, dict) or set(document) != {"audience"}:
        raise PolicyError(f"need-to-know policy {path}: expected only [audience.<name>] tables")
    return Policy({name: _audience(path, name, body) for name, body in sections.items()})


def _audience(path: Path, name: str, body: object) -> Audience:
    where = f"need-to-know policy {path}, audience {name!r}"
    if name not in AUDIENCES:
        raise PolicyError(f"{where}: unknown audience; known: {', '.join(sorted(AUDIENCES))}")
    if not isinstance(body, dict) or set(body) != KEYS:
        raise PolicyError(f"{where}: needs exactly the keys {', '.join(sorted(KEYS))}")
    if not isinstance(body["fields"], dict):
        raise PolicyError(f"{where}: fields must be a table of type = [field, ...]")
    lists = {key: _names(where, key, body[key]) for key in ("queries", "states", "events")}
    fields = {type_name: _names(where, type_name, names) for type_name, names in body["fields"].items()}
    return Audience(name=name, who=str(body["who"]), fields=fields, **lists)


def _names(where: str, key: str, value: object) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PolicyError(f"{where}: {key} must be a list of names")
    return frozenset(value)


def _known(audience: Audience, kind: str, names: frozenset[str], known: frozenset[str]) -> None:
    unknown = sorted(names - known)
    if unknown:
        raise PolicyError(f"need-to-know policy, audience {audience.name!r}: unknown {kind} {unknown[0]!r}")
