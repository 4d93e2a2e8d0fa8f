"""Need to know in Chromium (issue 12): the melder, an auditor, a regievoerder, another Veilig
Thuis and the receiving team before acceptance open what is not theirs of a school's melding —
the Veilig Thuis case page, a step on it, the auditor's replay, the answer to the handover, a
step of the family's plan — by URL and by a POST they force. Each page answers the refusal
GraphQL gives the same person for the same call, shows nothing of the case, and leaves a denied
line in the access log beside GraphQL's; the team sees the proposal without a name."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tests.browser.case_steps import Desks, check_accessible, reload_until
from tests.browser.people import Admin, Professional
from tests.browser.refusal_checks import Call, Refusals
from tests.e2e.harness import Keten, wait_until
from tests.random_refs import random_bsn

NAMES, BORN = ("Noor Bakker", "Ilse Bakker"), ("2016-02-29", "1988-07-14")
CONCERNS, GOAL = "Noor komt met honger op school", "Noor eet elke dag warm"
ME = "{ me { organisation { id } } }"
RECEIVE = "mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId } }"
CASE = "query ($id: ID!) { case(id: $id) { phase betrokkenen { name } } }"
# The terugkoppeling after triage is due: a forced one would go through if the rule were missing.
TELL = """mutation ($caseId: ID!, $moment: TerugkoppelingMoment!, $followUp: Boolean!) {
  sendTerugkoppeling(caseId: $caseId, moment: $moment, followUp: $followUp) }"""
HISTORY = """query ($caseId: ID!, $asOf: DateTime!) {
  caseHistory(caseId: $caseId, asOf: $asOf) { state { phase betrokkenen { name } } } }"""
ACCEPT = "mutation ($caseId: ID!) { acceptHandover(caseId: $caseId) }"
SET_GOAL = "mutation ($planId: ID!, $goal: String!) { setGoal(planId: $planId, goal: $goal) }"
LOG = "query ($client: ID) { accessLog(clientId: $client) { userId tokenId rule outcome } }"
AUDITOR, TEAM, ELSEWHERE = "auditor", "the receiving team", "another Veilig Thuis"
TOLD = {"moment": "AFTER_TRIAGE", "followUp": "ja"}


def test_every_role_but_its_veilig_thuis_is_refused_the_case_as_graphql_refuses_and_sees_nothing(
    keten: Keten, admin: Admin, desks: Desks
) -> None:
    vt = admin.invite("Veilig Thuis Zeeland", "VT_MEDEWERKER", "VEILIG_THUIS", "VEILIG_THUIS")
    people = {
        "melder": admin.invite("Basisschool De Zeester", sector="ONDERWIJS", kind="SCHOOL"),
        AUDITOR: admin.invite("Inspectie Jeugd", "AUDITOR", "OVERIG"),
        "regievoerder": admin.invite("Gemeente Goes", "REGIEVOERDER", "GEMEENTE"),
        ELSEWHERE: admin.invite("Veilig Thuis Limburg", "VT_MEDEWERKER", "VEILIG_THUIS", "VEILIG_THUIS"),
        TEAM: admin.invite("Wijkteam Goes", sector="GEMEENTE", kind="LOKAAL_TEAM"),
    }
    bsn = random_bsn()
    case_id = reported_and_proposed(keten, people["melder"], vt, people[TEAM], bsn)
    refusals = Refusals(keten, (*NAMES, "Bakker", bsn, *BORN, "29 februari 2016", "14 juli 1988",
                                "honger", GOAL))  # fmt: skip
    workers = {role: desks.sign_in(person) for role, person in people.items()}

    proposals = workers[TEAM].goto(keten.url, "/overdrachten")
    reload_until(proposals, f"Zaak {case_id[:8]}", "section[aria-labelledby=voorstellen-kop]")
    refusals.nothing_of_the_case(proposals)  # no name before acceptance
    for role, worker in workers.items():
        for call in before_acceptance(case_id, role):
            page = refusals.check(worker, call)
            if role in ("melder", ELSEWHERE):  # the refusal pages without and with break-the-glass
                check_accessible(page)

    plan_id = accepted_with_a_plan(keten, vt, people[TEAM], case_id)
    other_goal = {"goal": "een doel van een ander"}
    for role, worker in workers.items():
        if role != TEAM:
            call = Call(
                f"/plannen/{plan_id}/setGoal", SET_GOAL, {"planId": plan_id, **other_goal}, other_goal, 400
            )
            refusals.check(worker, call)

    # No forced step went through: the terugkoppeling is still Veilig Thuis's to send.
    keten.data(vt.token, TELL, caseId=case_id, moment="AFTER_TRIAGE", followUp=True)
    denied_beside_graphql(keten, people, case_id)


def before_acceptance(case_id: str, role: str) -> list[Call]:
    """The case page and a step on it; the replay (but for the auditor); the answer to the
    handover (but for the team it is proposed to)."""
    calls = [
        Call(f"/zaken/{case_id}", CASE, {"id": case_id}),
        Call(
            f"/zaken/{case_id}/stap/sendTerugkoppeling",
            TELL,
            {"caseId": case_id, "moment": "AFTER_TRIAGE", "followUp": True},
            TOLD,
        ),
    ]
    if role != AUDITOR:
        moment = {"caseId": case_id, "asOf": "2030-01-01T00:00:00+00:00"}
        calls.append(Call(f"/audit/zaak?zaak={case_id}", HISTORY, moment))
    if role != TEAM:
        calls.append(Call(f"/overdrachten/{case_id}/acceptHandover", ACCEPT, {"caseId": case_id}, {}, 400))
    return calls


def denied_rules(role: str) -> tuple[str, ...]:
    """The rules each refusal is logged under for the case (a refused plan step is logged under
    the plan it named, which this search by the case does not read)."""
    rules = ("vt_medewerker.case", "vt_medewerker.case_step")
    rules += ("auditor.case_history",) if role != AUDITOR else ()
    return rules + (("receiver_before_acceptance.handover_answer",) if role != TEAM else ())


def denied_beside_graphql(keten: Keten, people: dict[str, Professional], case_id: str) -> None:
    """Each refusal a denied line of the page's session beside the one of GraphQL's token."""
    wanted = {(person.id, rule) for role, person in people.items() for rule in denied_rules(role)}

    def missing() -> set[tuple[str, str]] | None:
        tokens: dict[tuple[str, str], set[str]] = defaultdict(set)
        for line in keten.data(people[AUDITOR].token, LOG, client=case_id)["accessLog"]:
            if line["outcome"] == "DENIED":
                tokens[(line["userId"], line["rule"])].add(line["tokenId"])
        short = {key for key in wanted if len(tokens[key]) < 2}
        return short or None

    wait_until(lambda: missing() is None, timeout=15.0, what=f"denied lines of page and GraphQL: {missing()}")


def reported_and_proposed(
    keten: Keten, melder: Professional, vt: Professional, team: Professional, bsn: str
) -> str:
    """The school's melding (over GraphQL, the melder known by the token), triaged by Veilig
    Thuis for the lokaal veld and proposed to the team."""
    child = {"role": "CHILD", "name": NAMES[0], "birthDate": BORN[0], "bsn": bsn}
    parent = {"role": "PARENT", "name": NAMES[1], "birthDate": BORN[1]}
    melding = {"veiligThuisId": organisation_of(keten, vt), "betrokkenen": [child, parent],
               "concerns": CONCERNS, "concernKinds": ["NEGLECT"], "familyInformed": True}  # fmt: skip
    case_id = str(keten.data(melder.token, RECEIVE, input=melding)["receiveMelding"]["caseId"])
    wait_until(lambda: (keten.gql(vt.token, CASE, id=case_id).get("data") or {}).get("case"),
               timeout=15.0, what="the melding reaches Veilig Thuis")  # fmt: skip
    triage = {"acuteUnsafety": False, "structuralUnsafety": True, "decision": "HANDOVER_TO_LOKAAL_VELD",
              "receiverKind": "LOKAAL_TEAM"}  # fmt: skip
    step(keten, vt, "triage(caseId: $id, input: $input)", "$input: TriageInput!", id=case_id, input=triage)
    step(keten, vt, "proposeHandover(caseId: $id, receiverId: $team, kind: LOKAAL_TEAM)", "$team: ID!",
         id=case_id, team=organisation_of(keten, team))  # fmt: skip
    return case_id


def accepted_with_a_plan(keten: Keten, vt: Professional, team: Professional, case_id: str) -> str:
    """The team accepts, the joint meeting is held, the team's worker is regisseur; a goal set."""
    step(keten, team, "acceptHandover(caseId: $id)", id=case_id)
    step(keten, vt, "planJointMeeting(caseId: $id, plannedFor: $at)", "$at: DateTime!", id=case_id,
         at="2030-01-10T10:00:00+01:00")  # fmt: skip
    step(keten, team, "holdJointMeeting(caseId: $id)", id=case_id)
    step(keten, team, "nameRegisseur(caseId: $id, regisseurId: $me)", "$me: ID!", id=case_id, me=team.id)
    step(keten, team, "completeHandover(caseId: $id)", id=case_id)
    plan_id = str(step(keten, team, "startPlan(caseId: $id)", id=case_id))
    step(keten, team, "setGoal(planId: $id, goal: $goal)", "$goal: String!", id=plan_id, goal=GOAL)
    return plan_id


def step(keten: Keten, person: Professional, call: str, *declared: str, **variables: Any) -> Any:
    """One mutation that must succeed (`$id` is always declared); its single field's value."""
    document = f"mutation ($id: ID!{''.join(f', {d}' for d in declared)}) {{ {call} }}"
    return next(iter(keten.data(person.token, document, **variables).values()))


def organisation_of(keten: Keten, person: Professional) -> str:
    return str(keten.data(person.token, ME)["me"]["organisation"]["id"])
