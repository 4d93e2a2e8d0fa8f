"""Seed 003 (Veilig Thuis Midden-Brabant): a huisarts worries about an elderly couple.

A man of 90 cares for his wife of 83, who has dementia. He has cognitive problems, drinks
two litres of jenever a week, locks her out of the bedroom, kicks and hits the furniture,
threatens, and keeps all help away. The dementieconsulent is involved; the children help.
Veilig Thuis takes the melding up, talks with the couple, their son and daughter and the
informants, makes agreements on safety, hands the view on safety over to the huisarts and
the dementieconsulent, keeps watch, and closes the file.
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from tests.unit.cases.casework import Clock, Steps, stored_states

from domain.cases.application import CasesApplication, MeldingForm, PersonDetails
from domain.cases.deadlines import DeadlineKind
from domain.cases.handover import ReceiverKind
from domain.cases.intake import BetrokkeneRole, ConcernKind
from domain.cases.monitoring import MonitoringCheck
from domain.cases.onderzoek import Outcome
from domain.cases.phase import FollowUp, Phase
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision

ELDERLY, OTHER_ADULT = BetrokkeneRole.ELDERLY, BetrokkeneRole.OTHER_ADULT


def test_the_huisarts_melding_about_an_elderly_couple_runs_from_intake_to_close(
    app: CasesApplication, steps: Steps, clock: Clock
) -> None:
    veilig_thuis, huisarts, praktijk = uuid4(), uuid4(), uuid4()
    dementieconsulent, thuiszorg, woonzorg, vertrouwensarts = uuid4(), uuid4(), uuid4(), uuid4()

    # Evolve application state.
    # A huisarts calls Veilig Thuis about a man of 90 and his wife of 83, and reports.
    case_id = app.receive_melding(
        MeldingForm(
            veilig_thuis_id=veilig_thuis,
            melder_professional_id=huisarts,
            melder_organisation_id=praktijk,
            betrokkenen=[
                PersonDetails(ELDERLY, "Antonius Verhoeven", date(1936, 1, 12)),
                PersonDetails(ELDERLY, "Maria Verhoeven-Smits", date(1942, 8, 3)),
            ],
            concerns="Meneer drinkt twee liter jenever per week, sluit de slaapkamer af voor zijn vrouw, "
            "schopt en slaat tegen meubels, is verbaal dreigend en houdt alle hulp af.",
            concern_kinds=[ConcernKind.ELDER_ABUSE, ConcernKind.ADDICTION],
            family_informed=True,
            meldcode_steps=["signalen bij huisbezoek", "collega", "gesprek met meneer", None, "melden"],
            afwegingen=[True, True, False, False, False],
            kindcheck_done=True,
        )
    )
    meneer, mevrouw = steps.case(case_id).betrokkenen

    # Triage is due within five working days; on Wednesday Veilig Thuis decides to take the
    # melding up itself: is meneer overburdened? All help is kept away, so: Onderzoek.
    assert [(d.kind, d.due) for d in app.deadlines(clock().date())] == [
        (DeadlineKind.TRIAGE, date(2026, 3, 9))
    ]
    clock.advance(days=2)
    app.triage(case_id, False, True, TriageDecision.ONDERZOEK)
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True, veilig_thuis, "blijf als huisarts betrokken")

    # The first visit fails: neither remembers the appointment, so nobody is heard. The second
    # succeeds; son and daughter join halfway through the conversation.
    clock.advance(days=7)
    zoon = app.add_betrokkene(case_id, PersonDetails(OTHER_ADULT, "Peter Verhoeven", date(1966, 4, 2)))
    dochter = app.add_betrokkene(case_id, PersonDetails(OTHER_ADULT, "Anja Verhoeven", date(1969, 9, 9)))
    for person, account in [
        (meneer, "de zorg voor mijn vrouw wordt me te veel"),
        (mevrouw, "hij wordt snel boos"),
        (zoon, "de mantelzorg valt ons zwaar"),
        (dochter, "we willen helpen, maar het is ingrijpend"),
    ]:
        app.hear_person(case_id, person, account)

    # The dementieconsulent, an informant, is asked what she sees.
    request = app.request_information(
        case_id, dementieconsulent, thuiszorg, "Hoe vaak komt u bij het echtpaar?"
    )
    app.receive_information(case_id, request, "Eens per maand; meneer houdt meer bezoek af.")

    # Addiction is among the concerns: the vertrouwensarts is involved before concluding.
    app.involve_vertrouwensarts(case_id, vertrouwensarts)
    app.conclude_onderzoek(case_id, Outcome.VIOLENCE_ESTABLISHED, FollowUp.VOORWAARDEN_EN_VERVOLG)
    app.send_terugkoppeling(case_id, Moment.AFTER_ONDERZOEK, True, veilig_thuis, None)

    # Agreements on safety in the house, made with son and daughter in the parents' presence.
    daily_visits = app.set_voorwaarde(case_id, "zoon en dochter komen dagelijks tot er thuisbegeleiding is")
    begeleiding = app.set_voorwaarde(case_id, "zoon en dochter regelen thuisbegeleiding")

    # Agreements with the dementieconsulent, and the woon-zorgcomplex asked to admit them sooner.
    app.deploy_help(case_id, thuiszorg, "de dementieconsulent komt vaker op huisbezoek")
    app.deploy_help(case_id, woonzorg, "versnelde opname van meneer en mevrouw")

    # The aggression has stopped; the drinking is in view of son and daughter.
    clock.advance(weeks=4)
    app.record_compliance_check(case_id, daily_visits, True, "agressie gestopt, alcoholgebruik in beeld")
    app.record_compliance_check(case_id, begeleiding, True, "thuisbegeleiding gestart")
    app.end_voorwaarden_en_vervolg(case_id, FollowUp.HANDOVER)

    # The view on safety passes to the huisarts and the dementieconsulent: existing help.
    app.propose_handover(case_id, thuiszorg, ReceiverKind.EXISTING_HELP)
    app.accept_handover(case_id)
    app.plan_joint_meeting(case_id, clock() + timedelta(days=2))
    clock.advance(days=2)
    app.hold_joint_meeting(case_id)
    app.name_regisseur(case_id, dementieconsulent)
    app.complete_handover(case_id)

    # Veilig Thuis keeps watch at 3 and at 12 months.
    app.start_monitoring(case_id)
    clock.advance(days=92)
    app.record_monitoring_check(case_id, MonitoringCheck.AFTER_3_MONTHS, "verhuisd naar het woon-zorgcomplex")
    clock.advance(days=275)
    app.record_monitoring_check(case_id, MonitoringCheck.AFTER_12_MONTHS, "rust, zorg passend")

    # The file at Veilig Thuis is closed.
    app.close_case(case_id, "zicht op veiligheid bij huisarts en dementieconsulent")

    # Query application state.
    case = steps.case(case_id)
    assert case.phase is Phase.CLOSED
    assert case.responsible_organisation == thuiszorg
    assert case.handovers[-1].regisseur_id == dementieconsulent
    assert case.onderzoek is not None and case.onderzoek.vertrouwensarts_id == vertrouwensarts
    assert len(case.onderzoek.hearings) == 4
    assert case.monitoring is not None
    assert list(case.monitoring.due.values()) == [date(2026, 7, 10), date(2027, 4, 10)]
    assert [t.moment for t in case.terugkoppelingen] == [Moment.AFTER_TRIAGE, Moment.AFTER_ONDERZOEK]
    assert app.deadlines(clock().date()) == []

    # Nothing about the couple or their children is stored in the clear.
    clear = ["Verhoeven", "1936-01-12", "1942-08-03", "jenever", "mantelzorg", "agressie"]
    assert not any(text in state.decode() for text in clear for state in stored_states(app))
