"""A posted form → the variables of the operation it stands for. Nothing is checked here:
the resolver and the domain refuse what is wrong, with the codes GraphQL answers too."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from gateway.web.cases.operations import STEP_ARGUMENTS

Form = Mapping[str, str]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
YES = frozenset({"true", "on", "ja", "1"})
MELDCODE_PARTS = 5
BETROKKENE_FIELDS = ("role", "name", "birthDate", "bsn")


def text(form: Form, name: str) -> str | None:
    value = form.get(name, "").strip()
    return value or None


def flag(form: Form, name: str) -> bool:
    return form.get(name, "").strip().lower() in YES


def answer(form: Form, name: str) -> bool | None:
    """A ja/nee radio: None when neither was chosen."""
    value = form.get(name, "").strip().lower()
    return None if not value else value in YES


def local_time(form: Form, name: str) -> str | None:
    """A datetime-local value is the reader's clock: Dutch time, sent with its offset."""
    value = text(form, name)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # the schema refuses it as BAD_USER_INPUT, next to its field
    return (moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)).isoformat()


def person(form: Form, prefix: str = "") -> dict[str, Any]:
    values = {name: text(form, prefix + name) for name in BETROKKENE_FIELDS}
    return {k: v for k, v in values.items() if v is not None or k != "bsn"}


def triage_input(form: Form) -> dict[str, Any]:
    return {
        "acuteUnsafety": flag(form, "acuteUnsafety"),
        "structuralUnsafety": flag(form, "structuralUnsafety"),
        "decision": text(form, "decision"),
        "receiverKind": text(form, "receiverKind"),
        "agreements": text(form, "agreements"),
    }


CONVERT: dict[str, Callable[[Form, str], Any]] = {
    "ID": text,
    "String": text,
    "Date": text,
    "DateTime": local_time,
    "Boolean": answer,
    "TriageInput": lambda form, _: triage_input(form),
    "PersonInput": lambda form, _: person(form),
}


def variables(arguments: tuple[str, ...], form: Form, **given: str) -> dict[str, Any]:
    """The variables of a step: the ids the page gives, the rest read from the form; a missing
    required value is sent as missing, and refused."""
    values: dict[str, Any] = dict(given)
    for argument in arguments:
        name, kind = argument.split(": ")
        if name in given:
            continue
        if kind == "String!":  # sent even when empty: the domain refuses it next to its field
            values[name] = form.get(name, "").strip()
        else:
            values[name] = CONVERT.get(kind.rstrip("!"), text)(form, name)
    return values


def step_variables(step: str, form: Form, case_id: str) -> dict[str, Any]:
    return variables(STEP_ARGUMENTS[step], form, caseId=case_id)


def rows(form: Form, count: int) -> list[dict[str, Any]]:
    """The betrokkenen rows that were filled in (a row without a name is an empty row)."""
    return [person(form, f"b{i}_") for i in range(count) if text(form, f"b{i}_name")]


def meldcode(form: Form) -> tuple[list[str | None], list[bool]]:
    """The melder's meldcode record: nothing when left empty; else every step (empty ones as
    null) and the afwegingen answered, so a half-answered record is refused as incomplete."""
    steps = [text(form, f"stap{n}") for n in range(1, MELDCODE_PARTS + 1)]
    answers = [answer(form, f"afweging{n}") for n in range(1, MELDCODE_PARTS + 1)]
    if not any(steps) and all(a is None for a in answers):
        return [], []
    return steps, [a for a in answers if a is not None]


def melding_input(form: Form, kinds: list[str], count: int, recording: bool) -> dict[str, Any]:
    steps, afwegingen = meldcode(form)
    informed = answer(form, "familyInformed")
    values: dict[str, Any] = {
        "betrokkenen": rows(form, count),
        "concerns": form.get("concerns", "").strip(),
        "concernKinds": [kind for kind in kinds if flag(form, f"concern_{kind}")],
        "familyInformed": bool(informed),
        "familyNotInformedReason": text(form, "familyNotInformedReason"),
        "acute": flag(form, "acute"),
        "anonymous": flag(form, "anonymous"),
        "anonymityReason": text(form, "anonymityReason"),
        "meldcodeSteps": steps,
        "afwegingen": afwegingen,
        "kindcheckDone": flag(form, "kindcheckDone"),
        "veiligThuisId": text(form, "veiligThuisId"),
        "municipalityCode": text(form, "municipalityCode"),
    }
    melder = {
        key: text(form, f"melder_{key}") for key in ("professionalId", "organisationId", "name", "contact")
    }
    if recording and any(melder.values()):
        values["melder"] = melder
    return values
