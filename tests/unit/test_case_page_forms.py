"""The case pages' forms: each step's form posts every argument its mutation takes, and a
posted form becomes the variables GraphQL would get, without judging them (the resolver and
the domain refuse what is wrong, with the codes GraphQL answers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, select_autoescape

from gateway.web.cases import forms, labels
from gateway.web.cases.operations import HANDOVER_ARGUMENTS, PLAN_ARGUMENTS, STEP_ARGUMENTS
from gateway.web.cases.vt_pages import FROM_WERKVOORRAAD

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "gateway" / "web" / "templates"
HIDDEN = {"caseId"}  # in the form's action, not a field


def render_step(step: str) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html",)))
    source = '{% import "cases/fields.html" as f %}{% include "cases/stappen/" ~ step ~ ".html" %}'
    options = {
        "people": [("p1", "Noor")],
        "moments": [("AFTER_TRIAGE", "Na triage")],
        "organisations": [],
        "voorwaarden": [],
        "requests": [],
        "receivers": [],
        "decision_options": [("ONDERZOEK", "O")],
        "colleagues": lambda: [("a1", "Dr. Vos (Veilig Thuis-medewerker)")],
    }
    return env.from_string(source).render(
        step=step, e={}, k={}, labels=labels, assessed=("ja", "nee"), case={"id": "c"}, **options
    )


@pytest.mark.parametrize("step", sorted(set(STEP_ARGUMENTS) - FROM_WERKVOORRAAD))
def test_every_step_form_posts_each_argument_of_its_mutation(step: str) -> None:
    posted = set(re.findall(r'name="([^"]+)"', render_step(step)))
    arguments = {a.split(":")[0] for a in STEP_ARGUMENTS[step]} - HIDDEN
    if step == "triage":
        arguments = (arguments - {"input"}) | {"acuteUnsafety", "structuralUnsafety", "decision"}
    if step == "addBetrokkene":
        arguments = (arguments - {"person"}) | {"role", "name", "birthDate", "bsn"}
    assert arguments <= posted, f"{step} misses {arguments - posted}"


def test_a_step_reads_its_arguments_by_type() -> None:
    form = {"followUp": "ja", "moment": "AFTER_TRIAGE", "takenOverBy": "", "melderRole": " blijf kijken "}

    assert forms.step_variables("sendTerugkoppeling", form, "c1") == {
        "caseId": "c1",
        "moment": "AFTER_TRIAGE",
        "followUp": True,
        "takenOverBy": None,
        "melderRole": "blijf kijken",
    }


def test_a_meeting_time_is_read_as_dutch_time() -> None:
    assert forms.local_time({"t": "2030-07-01T14:00"}, "t") == "2030-07-01T14:00:00+02:00"
    assert forms.local_time({"t": "2030-01-01T14:00"}, "t") == "2030-01-01T14:00:00+01:00"


def test_an_unanswered_yes_no_is_sent_as_missing_so_graphql_refuses_it() -> None:
    assert forms.step_variables("recordComplianceCheck", {"voorwaardeId": "v"}, "c")["complied"] is None


def test_triage_reads_the_assessment_and_the_decision() -> None:
    form = {
        "acuteUnsafety": "nee",
        "structuralUnsafety": "ja",
        "decision": "HANDOVER_TO_LOKAAL_VELD",
        "receiverKind": "LOKAAL_TEAM",
    }

    assert forms.step_variables("triage", form, "c")["input"] == {
        "acuteUnsafety": False,
        "structuralUnsafety": True,
        "decision": "HANDOVER_TO_LOKAAL_VELD",
        "receiverKind": "LOKAAL_TEAM",
        "agreements": None,
    }


def test_a_melding_takes_its_filled_rows_and_ticked_kinds() -> None:
    form = {
        "b0_role": "CHILD",
        "b0_name": "Noor",
        "b0_birthDate": "2016-02-29",
        "b0_bsn": "111222333",
        "b1_role": "PARENT",
        "b1_name": "",
        "b2_role": "PARENT",
        "b2_name": "Ilse",
        "b2_birthDate": "1988-07-14",
        "concern_NEGLECT": "ja",
        "concerns": "honger",
        "familyInformed": "nee",
    }

    melding = forms.melding_input(form, ["NEGLECT", "ADDICTION"], 3, recording=False)

    assert melding["betrokkenen"] == [
        {"role": "CHILD", "name": "Noor", "birthDate": "2016-02-29", "bsn": "111222333"},
        {"role": "PARENT", "name": "Ilse", "birthDate": "1988-07-14"},
    ]
    assert melding["concernKinds"] == ["NEGLECT"]
    assert melding["familyInformed"] is False
    assert "melder" not in melding


def test_a_half_answered_meldcode_record_is_sent_as_it_is_and_refused_by_the_domain() -> None:
    steps, afwegingen = forms.meldcode({"stap1": "signalen", "afweging1": "ja", "afweging3": "nee"})

    assert steps == ["signalen", None, None, None, None]
    assert afwegingen == [True, False]  # two of five: MELDCODE_RECORD_INCOMPLETE


def test_an_empty_meldcode_part_sends_no_record() -> None:
    assert forms.meldcode({}) == ([], [])


def test_only_veilig_thuis_recording_sends_a_melder() -> None:
    form = {"melder_name": "buurvrouw", "melder_contact": "06-12345678"}

    assert "melder" not in forms.melding_input(form, [], 1, recording=False)
    assert forms.melding_input(form, [], 1, recording=True)["melder"]["name"] == "buurvrouw"


@pytest.mark.parametrize("arguments", [HANDOVER_ARGUMENTS, PLAN_ARGUMENTS])
def test_every_receiver_and_plan_step_has_its_ids_first(arguments: dict[str, tuple[str, ...]]) -> None:
    assert all(a[0] in ("caseId: ID!", "planId: ID!") for a in arguments.values())
