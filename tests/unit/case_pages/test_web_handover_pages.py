"""The receiving organisation on the pages: the proposal shows ids, kind and time only; after
acceptance the case, the joint meeting, the regisseur and the family's one plan run there to a
self-reliant close. And the auditor replays the case and reads the access log on the page."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.unit.case_pages.test_web_case_pages import recorded
from tests.unit.case_web_fixtures import CaseWeb, Person
from tests.unit.web_fixtures import Browser

from domain.identity.model import OrganisationKind, Role, Sector
from gateway.web.messages import MESSAGES

TO_TEAM = {"acuteUnsafety": "nee", "structuralUnsafety": "ja", "decision": "HANDOVER_TO_LOKAAL_VELD",
           "receiverKind": "LOKAAL_TEAM"}  # fmt: skip
PLAN_LINK = re.compile(r'action="/plannen/([0-9a-f-]{36})/setGoal"')


async def step(cw: CaseWeb, browser: Browser, path: str, form: dict[str, str] | None = None) -> None:
    """Posts a step's form from the page it is on; it must succeed (303), then the views follow."""
    answer = await browser.post(path, form or {})
    assert answer.status_code == 303, re.findall(r'role="alert">\s*(.*?)</div>', answer.text, re.S)
    cw.publish()
    await browser.get(answer.headers["location"])


async def handed_to(cw: CaseWeb, vt: Person, team: Person) -> tuple[Browser, str]:
    browser, case_id = await recorded(cw, vt)
    await browser.get(f"/zaken/{case_id}")
    await step(cw, browser, f"/zaken/{case_id}/stap/triage", TO_TEAM)
    await step(cw, browser, f"/zaken/{case_id}/stap/proposeHandover",
               {"kind": "LOKAAL_TEAM", "receiverId": str(team.organisation_id)})  # fmt: skip
    return browser, case_id


async def accepted_to_plan(cw: CaseWeb, receiver: Browser, case_id: str, regisseur: Person) -> str:
    """The team accepts the handover, holds the joint meeting, names the regisseur, completes
    the handover and starts the plan, each on its page; returns the plan's id."""
    base = f"/overdrachten/{case_id}"
    await step(cw, receiver, f"{base}/acceptHandover")
    await step(cw, receiver, f"{base}/planJointMeeting", {"plannedFor": "2026-12-01T10:00"})
    await step(cw, receiver, f"{base}/holdJointMeeting")
    await step(cw, receiver, f"{base}/nameRegisseur", {"regisseurId": str(regisseur.id)})
    await step(cw, receiver, f"{base}/completeHandover")
    await step(cw, receiver, f"{base}/startPlan")
    [plan_id] = PLAN_LINK.findall(receiver.last.text if receiver.last else "")
    return str(plan_id)


async def test_a_proposal_shows_no_name_and_after_acceptance_the_plan_runs_to_a_close(
    cw: CaseWeb, vt: Person, team: Person
) -> None:
    _, case_id = await handed_to(cw, vt, team)
    receiver = await cw.signed_in(team)

    proposals = await receiver.get("/overdrachten")
    assert f"Zaak {case_id[:8]}" in proposals.text and "Lokaal team" in proposals.text
    assert "Sanne" not in proposals.text and "blauwe plekken" not in proposals.text

    plan_id = await accepted_to_plan(cw, receiver, case_id, team)
    plan = f"/plannen/{plan_id}"
    await step(cw, receiver, f"{plan}/setGoal", {"goal": "Sanne eet elke dag"})
    action = {"description": "ontbijt op school", "ownerId": str(team.id), "due": "2026-12-31"}
    await step(cw, receiver, f"{plan}/planAction", action)
    [action_id] = re.findall(
        r'name="actionId" value="([0-9a-f-]{36})"', receiver.last.text if receiver.last else ""
    )
    await step(cw, receiver, f"{plan}/completeAction", {"actionId": action_id})
    await step(
        cw, receiver, f"{plan}/evaluatePlan", {"summary": "het gezin redt het zelf", "selfReliant": "ja"}
    )
    await step(cw, receiver, f"{plan}/closePlan")

    page = receiver.last.text if receiver.last else ""
    assert "Sanne eet elke dag" in page and "ontbijt op school" in page and "gesloten" in page


async def test_closing_a_plan_before_a_self_reliant_evaluation_is_refused_in_dutch(
    cw: CaseWeb, vt: Person, team: Person
) -> None:
    _, case_id = await handed_to(cw, vt, team)
    receiver = await cw.signed_in(team)
    await receiver.get("/overdrachten")
    base = f"/overdrachten/{case_id}"
    for name, form in (("acceptHandover", {}), ("planJointMeeting", {"plannedFor": "2026-12-01T10:00"}),
                       ("holdJointMeeting", {}), ("nameRegisseur", {"regisseurId": str(team.id)}),
                       ("completeHandover", {}), ("startPlan", {})):  # fmt: skip
        await step(cw, receiver, f"{base}/{name}", form)
    [plan_id] = PLAN_LINK.findall(receiver.last.text if receiver.last else "")

    refused = await receiver.post(f"/plannen/{plan_id}/closePlan", {})

    assert refused.status_code == 400 and MESSAGES["PLAN_NOT_READY_TO_CLOSE"] in refused.text


async def test_another_organisation_cannot_answer_the_proposal(cw: CaseWeb, vt: Person, team: Person) -> None:
    _, case_id = await handed_to(cw, vt, team)
    other = cw.organisation(
        "Wijkteam Breda", Sector.GEMEENTE, (Role.SIGNALLER,), OrganisationKind.LOKAAL_TEAM
    )
    stranger = await cw.signed_in(other)
    await stranger.get("/overdrachten")

    refused = await stranger.post(f"/overdrachten/{case_id}/acceptHandover", {})

    assert refused.status_code == 400 and MESSAGES["NOT_FOUND"] in refused.text
    assert case_id[:8] not in (await stranger.get("/overdrachten")).text


async def test_the_auditor_replays_the_case_as_of_before_the_handover_and_steps_forward(
    cw: CaseWeb, vt: Person, team: Person
) -> None:
    _, case_id = await handed_to(cw, vt, team)
    cw.web.clock.now = datetime.now(UTC)  # a replay reads the events' own (real) times
    auditor = await cw.signed_in(cw.organisation("Inspectie", Sector.OVERIG, (Role.AUDITOR,)))

    now = await auditor.get(f"/audit/zaak?zaak={case_id}")
    moments = re.findall(r'moment=([^"]+)">(\d+)\. ', now.text)
    assert [label for _, label in moments][:3] == ["1", "2", "3"]
    triaged_at = dict((label, moment) for moment, label in moments)["2"]  # before the proposal
    then = await auditor.get(f"/audit/zaak?zaak={case_id}&moment={triaged_at}")

    assert "Stand na gebeurtenis 2" in then.text and "Sanne Jansen" in then.text
    assert "Voorgesteld" not in then.text.split("Tijdlijn")[0]  # no handover then
    assert "Volgende gebeurtenis" in then.text
    log = await auditor.get(f"/audit/toegang?client={case_id}")
    assert log.status_code == 200 and log.text.count("auditor.case_history") == 2  # one line per replay


async def test_a_non_auditor_is_refused_the_replay_and_the_log(cw: CaseWeb, vt: Person, team: Person) -> None:
    _, case_id = await handed_to(cw, vt, team)
    browser = await cw.signed_in(vt)

    replay = await browser.get(f"/audit/zaak?zaak={case_id}")
    log = await browser.get(f"/audit/toegang?client={case_id}")

    assert replay.status_code == 403 and "Sanne" not in replay.text
    assert log.status_code == 403 and MESSAGES["FORBIDDEN"] in log.text


async def test_the_subject_access_export_downloads_as_a_file_and_is_logged_as_an_export(
    cw: CaseWeb, vt: Person
) -> None:
    browser, case_id = await recorded(cw, vt)
    page = await browser.get(f"/zaken/{case_id}")
    person_id = re.findall(r'<option value="([0-9a-f-]{36})">Sanne Jansen', page.text)[0]

    download = await browser.post(f"/zaken/{case_id}/inzageverzoek", {"personId": person_id})

    assert download.status_code == 200
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "Sanne Jansen" in download.text and "Mark Jansen" not in download.text
    assert any(line.kind.value == "EXPORT" and line.client_id == case_id for line in cw.web.lines)


async def test_mijn_regie_lists_the_plans_the_professional_runs_and_no_one_elses(
    cw: CaseWeb, vt: Person, team: Person
) -> None:
    _, case_id = await handed_to(cw, vt, team)
    receiver = await cw.signed_in(team)
    assert "U bent van geen plan de regisseur." in (await receiver.get("/overdrachten")).text
    plan_id = await accepted_to_plan(cw, receiver, case_id, team)
    action = {"description": "ontbijt op school", "ownerId": str(team.id), "due": "2026-12-31"}
    await step(cw, receiver, f"/plannen/{plan_id}/planAction", action)

    mine = await receiver.get("/overdrachten")
    row = re.search(r'<table class="table" id="mijn-regie">.*?</table>', mine.text, re.S)
    assert row is not None and f'href="#plan-{plan_id}"' in row.group(0)
    assert re.search(r"<td>1</td></tr>", row.group(0))  # one open action

    colleague = await cw.signed_in(cw.colleague(team, (Role.SIGNALLER,)))
    other = (await colleague.get("/overdrachten")).text
    assert "U bent van geen plan de regisseur." in other and 'id="mijn-regie"' not in other
    assert f'id="plan-{plan_id}"' in other  # the organisation's plan, under its accepted cases
