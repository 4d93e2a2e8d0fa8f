"""The options a case page's forms pick from, read off the case as the query answered it and
the sociale kaart: people, due terugkoppelingen, voorwaarden, open requests, receivers."""

from __future__ import annotations

from typing import Any

from gateway.web.cases import labels
from gateway.web.cases.directory import Entry

Options = list[tuple[str, str]]
# Which organisations of the sociale kaart a handover of a kind can reach (the guard decides).
RECEIVER_KINDS = {
    "LOKAAL_TEAM": "Lokale teams",
    "MDT": "Multidisciplinaire teams",
    "ZORGAANBIEDER": "Zorgaanbieders",
}


def people(case: dict[str, Any]) -> Options:
    return [(b["id"], f"{b['name']} ({labels.label('role', b['role'])})") for b in case["betrokkenen"]]


def moments(case: dict[str, Any]) -> Options:
    due = [d["kind"].removeprefix("TERUGKOPPELING_") for d in case["deadlines"]]
    return [(m, text) for m, text in labels.MOMENT.items() if m in due]


def lines(case: dict[str, Any], kind: str) -> Options:
    """Dossier lines of a kind by the id in their detail, with their text to recognise them."""
    found = [e for e in case["dossier"] if e["kind"] == kind and e["detail"]]
    return [(e["detail"], (e["text"] or e["detail"])[:80]) for e in found]


def open_requests(case: dict[str, Any]) -> Options:
    answered = {e["detail"] for e in case["dossier"] if e["kind"] == "InformationReceived"}
    return [(rid, text) for rid, text in lines(case, "InformationRequested") if rid not in answered]


def receivers(kaart: list[Entry]) -> list[tuple[str, list[Entry]]]:
    grouped = [(title, [e for e in kaart if e.kind == kind]) for kind, title in RECEIVER_KINDS.items()]
    others = [e for e in kaart if e.kind not in RECEIVER_KINDS and e.sector != "VEILIG_THUIS"]
    return [(title, entries) for title, entries in [*grouped, ("Overige organisaties", others)] if entries]


def form_options(case: dict[str, Any], kaart: list[Entry], decisions: list[str]) -> dict[str, Any]:
    return {
        "people": people(case),
        "moments": moments(case),
        "organisations": [(e.id, e.name) for e in kaart],
        "voorwaarden": lines(case, "VoorwaardeSet"),
        "requests": open_requests(case),
        "receivers": receivers(kaart),
        "decision_options": [(d, labels.label("decision", d)) for d in decisions],
        "veilig_thuis_options": [(e.id, e.name) for e in kaart if e.sector == "VEILIG_THUIS"],
    }
