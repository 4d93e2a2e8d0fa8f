"""A seeded world for the introspection walk: three cases (in triage, proposed to a lokaal
team, and handed over with a closed plan), a statement, signals of two organisations on one
child and so a match, and a token of every role, with the personal values it holds."""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from tests.unit.cases_fixtures import CasesGateway, Organisation, build_cases_gateway
from tests.unit.test_gateway_cases import PROPOSE, RECEIVE, TRIAGE, melding, warm_handover_and_plan
from tests.unit.test_need_to_know_matrix import INVOLVE, ONDERZOEK

from domain.identity.model import OrganisationKind, Role, Sector
from kernel.cloudevents import ReceivedEvent

MUNICIPALITY = "GM0855"
PARENT = {"role": "PARENT", "name": "Mark Jansen", "birthDate": "1985-11-23"}
CHILDREN = (
    {"role": "CHILD", "name": "Sanne Jansen", "birthDate": "2015-05-01", "bsn": "111222333"},
    {"role": "CHILD", "name": "Daan Pietersen", "birthDate": "2012-02-14", "bsn": "222333443"},
    {"role": "CHILD", "name": "Lotte Bakker", "birthDate": "2013-08-09", "bsn": "222333455"},
    {"role": "CHILD", "name": "Noor de Wit", "birthDate": "2016-03-21", "bsn": "222333467"},
)
CONCERNS = "blauwe plekken op de armen"
STATEMENT = "vader zegt dat hij soms hard slaat"
HANDOVER = {"acuteUnsafety": False, "structuralUnsafety": True, "decision": "HANDOVER_TO_LOKAAL_VELD"}


VT, SCHOOL, TEAM, ARTS = "Veilig Thuis Midden-Brabant", "De Regenboog", "Wijkteam", "Vertrouwensartsen"
ORGANISATIONS: dict[str, tuple[Sector, tuple[Role, ...], OrganisationKind | None]] = {
    VT: (Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,), None),
    SCHOOL: (Sector.ONDERWIJS, (Role.SIGNALLER,), OrganisationKind.SCHOOL),
    TEAM: (Sector.GEMEENTE, (Role.SIGNALLER,), OrganisationKind.LOKAAL_TEAM),
    "Gemeente Tilburg": (Sector.GEMEENTE, (Role.REGIEVOERDER,), None),
    "Toezicht": (Sector.OVERIG, (Role.AUDITOR,), None),
    ARTS: (Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,), None),
}
# Role -> the organisation whose professional's token it is (RECEIVER: the receiving team's).
TOKENS = {
    "SIGNALLER": SCHOOL,
    "RECEIVER": TEAM,
    "REGIEVOERDER": "Gemeente Tilburg",
    "VT_MEDEWERKER": VT,
    "AUDITOR": "Toezicht",
    "VERTROUWENSARTS": ARTS,
}


@dataclass
class World:
    gw: CasesGateway
    tokens: dict[str, str]  # role -> bearer token
    case_ids: list[str]
    professional_id: str
    bsn: str
    person_ids: list[str]


async def seed_world() -> World:
    gw = build_cases_gateway()
    orgs = {name: gw.organisation(name, *kind) for name, kind in ORGANISATIONS.items()}
    vt, school, team, arts = (orgs[n] for n in (VT, SCHOOL, TEAM, ARTS))
    cases = [await _melding(gw, vt, school, child) for child in CHILDREN]
    people = await _people(gw, vt, cases[0])
    await gw.data(vt.token, STATEMENT_MUTATION, caseId=cases[0], personId=people[-1])
    await _onderzoek(gw, vt, arts, cases[3])
    await _handovers(gw, vt, team, cases[1:3])
    for signaller in (school, team):
        await gw.data(signaller.token, REGISTER, input=_signal(CHILDREN[0]))
    _match(gw, school, team)
    tokens = {role: orgs[name].token for role, name in TOKENS.items()}
    tokens |= {"ADMIN": gw.gateway.admin, "REGISSEUR": await _regisseur(gw, vt, cases[2])}
    return World(gw, tokens, cases, str(vt.professional_id), CHILDREN[0]["bsn"], people)


async def _onderzoek(gw: CasesGateway, vt: Organisation, arts: Organisation, case_id: str) -> None:
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=ONDERZOEK)
    await gw.data(vt.token, INVOLVE, caseId=case_id, arts=str(arts.professional_id))


async def _handovers(gw: CasesGateway, vt: Organisation, team: Organisation, case_ids: list[str]) -> None:
    """Both cases proposed to the team; the second accepted, handed over and its plan closed."""
    for case_id in case_ids:
        await gw.data(vt.token, TRIAGE, caseId=case_id, input={**HANDOVER, "receiverKind": "LOKAAL_TEAM"})
        await gw.data(vt.token, PROPOSE, caseId=case_id, to=str(team.id))
    await gw.data(team.token, f'mutation {{ acceptHandover(caseId: "{case_ids[-1]}") }}')
    await warm_handover_and_plan(gw, vt, team, case_ids[-1])


STATEMENT_MUTATION = f"""mutation ($caseId: ID!, $personId: ID!) {{
  addStatement(caseId: $caseId, personId: $personId, statement: "{STATEMENT}") }}"""
REGISTER = """mutation ($input: RegisterSignalInput!) { registerSignal(input: $input) { signal { id } } }"""


async def _melding(gw: CasesGateway, vt: Organisation, school: Organisation, child: dict[str, str]) -> str:
    melder = {"professionalId": str(school.professional_id), "organisationId": str(school.id)}
    given = melding(vt, melder=melder, betrokkenen=[child, PARENT], concerns=CONCERNS)
    return str((await gw.data(vt.token, RECEIVE, input=given))["receiveMelding"]["caseId"])


async def _people(gw: CasesGateway, vt: Organisation, case_id: str) -> list[str]:
    """The child's and the parent's id on the case, in that order."""
    query = "query ($id: ID!) { case(id: $id) { betrokkenen { id role } } }"
    people = (await gw.data(vt.token, query, id=case_id))["case"]["betrokkenen"]
    return [str(p["id"]) for p in sorted(people, key=lambda p: p["role"] != "CHILD")]


async def _regisseur(gw: CasesGateway, vt: Organisation, case_id: str) -> str:
    query = "query ($id: ID!) { case(id: $id) { handover { regisseurId } } }"
    named = (await gw.data(vt.token, query, id=case_id))["case"]["handover"]["regisseurId"]
    return gw.gateway.token_for(UUID(named))


def _match(gw: CasesGateway, *found: Organisation) -> None:
    """The matching service's MatchFound for the two signals, as the views read it."""
    services = gw.gateway.services
    ref, since = services.pseudonymiser.municipality(MUNICIPALITY), "2026-11-23T10:00:00+00:00"
    who = [{"organisationId": str(o.id), "professionalId": str(o.professional_id)} for o in found]
    participants = [{**each, "municipalityRef": ref, "since": since} for each in who]
    data = {"matchId": "7d3c1b8e-0000-4000-8000-000000000001", "since": since, "participants": participants}
    subject = services.pseudonymiser.subject(CHILDREN[0]["bsn"])
    event = ReceivedEvent(
        "/keten/matching", 1, "keten.matching.MatchFound", "a" * 64, data, "keten.matches.v1", 0, 0
    )
    for view in (services.matches, services.signal_logbook):
        view.handle(replace(event, subject=subject))  # type: ignore[attr-defined]


def _signal(child: dict[str, str]) -> dict[str, str]:
    return {"bsn": child["bsn"], "birthDate": child["birthDate"], "municipalityCode": MUNICIPALITY}


NAMES = frozenset({("Betrokkene", "name"), ("PersonThen", "name"), ("ConsultedPerson", "name")})
BIRTHS = frozenset(
    {("Betrokkene", "birthDate"), ("PersonThen", "birthDate"), ("ConsultedPerson", "birthDate")}
)
TEXTS = frozenset({("DossierEntry", "text"), ("CaseThen", "concerns")})
CONTACT = frozenset({("Contact", "name"), ("Professional", "name")})


def personal_values() -> dict[str, frozenset[tuple[str, str]]]:
    """Each personal value of the world, and the only (type, field) pairs it may appear in."""
    values = {PARENT["name"]: NAMES, PARENT["birthDate"]: BIRTHS, CONCERNS: TEXTS}
    values[STATEMENT] = frozenset({("DossierEntry", "text")})
    for child in CHILDREN:
        values |= {child["name"]: NAMES, child["birthDate"]: BIRTHS}
        values[child["bsn"]] = frozenset({("Betrokkene", "bsn")})
    values |= {f"{organisation} medewerker": CONTACT for organisation in ORGANISATIONS}
    values["mw@example.org"] = frozenset({("Contact", "email"), ("Professional", "email")})
    return values
