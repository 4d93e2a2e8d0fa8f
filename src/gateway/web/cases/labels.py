"""Dutch words on screen for the values of case work (English in code, Dutch for the user)."""

from __future__ import annotations

PHASE = {
    "TRIAGE": "Triage",
    "VOORWAARDEN_EN_VERVOLG": "Voorwaarden en vervolg",
    "ONDERZOEK": "Onderzoek",
    "HANDOVER": "Overdracht",
    "HANDED_OVER": "Overgedragen",
    "MONITORING": "Monitoring",
    "DONE": "Afgerond, nog te sluiten",
    "CLOSED": "Gesloten",
}
DEADLINE = {
    "TRIAGE": "Triage",
    "VOORWAARDEN_EN_VERVOLG": "Voorwaarden en vervolg",
    "ONDERZOEK": "Onderzoek",
    "TERUGKOPPELING_AFTER_TRIAGE": "Terugkoppeling na triage",
    "TERUGKOPPELING_AFTER_ONDERZOEK": "Terugkoppeling na onderzoek",
    "MONITORING_AFTER_3_MONTHS": "Monitoring na 3 maanden",
    "MONITORING_AFTER_12_MONTHS": "Monitoring na 12 maanden",
}
ROLE = {
    "CHILD": "Kind",
    "PARENT": "Ouder",
    "PARTNER": "Partner",
    "OTHER_ADULT": "Andere volwassene",
    "ELDERLY": "Oudere",
}
CONCERN = {
    "PHYSICAL_ABUSE": "Lichamelijke mishandeling",
    "SEXUAL_ABUSE": "Seksueel misbruik",
    "EMOTIONAL_ABUSE": "Psychische mishandeling",
    "NEGLECT": "Verwaarlozing",
    "PARTNER_VIOLENCE": "Partnergeweld",
    "ELDER_ABUSE": "Ouderenmishandeling",
    "HONOUR_BASED_VIOLENCE": "Eergerelateerd geweld",
    "FEMALE_GENITAL_MUTILATION": "Vrouwelijke genitale verminking",
    "LIFE_THREATENING": "Levensbedreigend",
    "PSYCHIATRIC_PROBLEMS": "Vermoeden van psychiatrische problemen",
    "ADDICTION": "Vermoeden van verslaving",
}
DECISION = {
    "CLOSE": "Afsluiten",
    "HANDOVER_TO_BETROKKENEN": "Overdragen aan de betrokkenen (schriftelijke afspraken)",
    "HANDOVER_TO_LOKAAL_VELD": "Overdragen aan het lokale veld",
    "VOORWAARDEN_EN_VERVOLG": "Voorwaarden en vervolg",
    "ONDERZOEK": "Onderzoek",
}
RECEIVER_KIND = {
    "LOKAAL_TEAM": "Lokaal team",
    "EXISTING_HELP": "Bestaande hulp",
    "MDT": "Multidisciplinair team",
}
HANDOVER_STATUS = {
    "PROPOSED": "Voorgesteld",
    "ACCEPTED": "Aanvaard",
    "DECLINED": "Afgewezen",
    "COMPLETED": "Afgerond",
}
MOMENT = {"AFTER_TRIAGE": "Na triage", "AFTER_ONDERZOEK": "Na onderzoek"}
FOLLOW_UP = {
    "HANDOVER": "Overdracht",
    "MONITORING": "Monitoring",
    "VOORWAARDEN_EN_VERVOLG": "Voorwaarden en vervolg",
}
OUTCOME = {
    "NO_VIOLENCE": "Geen geweld vastgesteld",
    "UNCERTAIN": "Onduidelijk",
    "VIOLENCE_ESTABLISHED": "Geweld vastgesteld",
}
CHECK = {"AFTER_3_MONTHS": "Na 3 maanden", "AFTER_12_MONTHS": "Na 12 maanden"}
ESCALATION = {"POLITIE": "Politie", "RAAD_VOOR_DE_KINDERBESCHERMING": "Raad voor de Kinderbescherming"}
PLAN_ESCALATION = {
    "VEILIG_THUIS": "Veilig Thuis",
    "RAAD_VOOR_DE_KINDERBESCHERMING": "Raad voor de Kinderbescherming",
}
PLAN_STATUS = {"ACTIVE": "Loopt", "CLOSED": "Gesloten", "ESCALATED": "Opgeschaald"}
PLAN_ITEM = {"GOAL": "Doel", "AGREEMENT": "Afspraak", "ACTION": "Actie", "EVALUATION": "Evaluatie"}
MELDING_STATUS = {"RECEIVED": "Ontvangen", "TRIAGED": "Beoordeeld", "CLOSED": "Gesloten"}
# The meldcode's steps and afwegingen as the seed's meldformulier asks them (stap 4 is the weighing).
MELDCODE_STEPS = (
    "Stap 1. Welke signalen heb je in kaart gebracht?",
    "Stap 2. Heb je overleg gevoerd met een deskundig professional en/of Veilig Thuis? "
    "Zo ja, met wie en wat is de uitkomst?",
    "Stap 3. Heb je een gesprek gevoerd met betrokkene(n)? Zo ja, met wie en wat is de uitkomst?",
    "Stap 4. Hoe weeg je het geweld (zie de afwegingen)?",
    "Stap 5. Heb je een besluit genomen om hulp te organiseren en te melden bij Veilig Thuis? "
    "Zo ja, wat is de uitkomst?",
)
AFWEGINGEN = (
    "Afweging 1. Neem je signalen van huiselijk geweld waar?",
    "Afweging 2. Neem je signalen van acute en/of structurele onveiligheid of onthulling waar?",
    "Afweging 3. Kan je effectieve hulp organiseren?",
    "Afweging 4. Werken betrokkenen mee aan deze hulp?",
    "Afweging 5. Leidt deze hulp tot duurzame veiligheid?",
)

ACCESS_KIND = {  # the NEN 7513 kinds a melder sees in "Wie las mijn meldingen"
    "READ": "Ingezien",
    "SEARCH": "Gezocht",
    "CREATE": "Aangemaakt",
    "CHANGE": "Gewijzigd",
    "HANDOVER": "Overgedragen",
    "EXPORT": "Geëxporteerd als bestand",
    "BREAK_THE_GLASS": "Ingezien buiten de gewone regels",
}
TABLES = {
    "access_kind": ACCESS_KIND,
    "phase": PHASE,
    "deadline": DEADLINE,
    "role": ROLE,
    "concern": CONCERN,
    "decision": DECISION,
    "receiver_kind": RECEIVER_KIND,
    "handover_status": HANDOVER_STATUS,
    "moment": MOMENT,
    "follow_up": FOLLOW_UP,
    "outcome": OUTCOME,
    "check": CHECK,
    "escalation": ESCALATION,
    "plan_escalation": PLAN_ESCALATION,
    "plan_status": PLAN_STATUS,
    "plan_item": PLAN_ITEM,
    "melding_status": MELDING_STATUS,
}


def label(table: str, value: str | None) -> str:
    """The Dutch word for a value; an unknown value shows as itself rather than vanish."""
    if value is None:
        return "–"
    return TABLES[table].get(value, value)


# A dossier line's kind: the case event, or a part of the intake.
DOSSIER = {
    "Received": "Melding ontvangen",
    "CONCERNS": "Zorgen van de melder",
    "FAMILY_NOT_INFORMED_REASON": "Waarom het gezin niet is ingelicht",
    "ANONYMITY_REASON": "Reden voor anonimiteit",
    "MELDER_NAME": "Naam melder",
    "MELDER_CONTACT": "Contactgegevens melder",
    "BetrokkeneAdded": "Betrokkene toegevoegd",
    "ConcernNoted": "Zorg vastgelegd",
    "StatementAdded": "Eigen verklaring",
    "Triaged": "Triage",
    "TerugkoppelingSent": "Terugkoppeling verstuurd",
    "VoorwaardenEnVervolgStarted": "Voorwaarden en vervolg gestart",
    "VoorwaardeSet": "Voorwaarde gesteld",
    "HelpDeployed": "Hulp ingezet",
    "ComplianceChecked": "Naleving gecontroleerd",
    "VoorwaardenEnVervolgEnded": "Voorwaarden en vervolg beëindigd",
    "OnderzoekStarted": "Onderzoek gestart",
    "PersonHeard": "Gesprek",
    "InformationRequested": "Informatie gevraagd",
    "InformationReceived": "Informatie ontvangen",
    "ExpertConsulted": "Deskundige geraadpleegd",
    "VertrouwensartsInvolved": "Vertrouwensarts betrokken",
    "OnderzoekConcluded": "Onderzoek afgerond",
    "HandoverProposed": "Overdracht voorgesteld",
    "HandoverAccepted": "Overdracht aanvaard",
    "HandoverDeclined": "Overdracht afgewezen",
    "JointMeetingPlanned": "Gezamenlijk gesprek gepland",
    "JointMeetingHeld": "Gezamenlijk gesprek gehouden",
    "RegisseurNamed": "Regisseur benoemd",
    "HandoverCompleted": "Overdracht afgerond",
    "MonitoringStarted": "Monitoring gestart",
    "MonitoringCheckDone": "Monitoringscontact",
    "Escalated": "Opgeschaald",
    "HuisverbodImposed": "Huisverbod opgelegd",
    "HuisverbodExtended": "Huisverbod verlengd",
    "SignalsRegistered": "Gesignaleerd in de verwijsindex",
    "TransferProposed": "Overdracht naar andere regio voorgesteld",
    "TransferAccepted": "Overdracht naar andere regio aanvaard",
    "TransferDeclined": "Overdracht naar andere regio afgewezen",
    "TransferMeetingHeld": "Overdrachtsgesprek andere regio gehouden",
    "TransferCompleted": "Overgedragen aan andere regio",
    "ErasureRequested": "Verzoek om vernietiging",
    "ErasureGranted": "Gegevens vernietigd",
    "Closed": "Gesloten",
}
STEP = {
    "triage": "Triage (veiligheidsbeoordeling)",
    "addBetrokkene": "Betrokkene toevoegen",
    "addStatement": "Eigen verklaring van een betrokkene",
    "sendTerugkoppeling": "Terugkoppeling aan de melder",
    "setVoorwaarde": "Voorwaarde stellen",
    "deployHelp": "Hulp inzetten",
    "recordComplianceCheck": "Naleving van een voorwaarde",
    "endVoorwaardenEnVervolg": "Voorwaarden en vervolg beëindigen",
    "hearPerson": "Gesprek met een betrokkene",
    "requestInformation": "Informatie vragen aan een professional",
    "receiveInformation": "Ontvangen informatie vastleggen",
    "consultExpert": "Deskundige raadplegen",
    "involveVertrouwensarts": "Vertrouwensarts betrekken",
    "concludeOnderzoek": "Onderzoek afronden",
    "proposeHandover": "Overdracht voorstellen",
    "planJointMeeting": "Gezamenlijk gesprek plannen",
    "holdJointMeeting": "Gezamenlijk gesprek gehouden",
    "completeHandover": "Overdracht afronden",
    "startMonitoring": "Monitoring starten",
    "recordMonitoringCheck": "Monitoringscontact vastleggen",
    "escalate": "Opschalen",
    "imposeHuisverbod": "Huisverbod vastleggen",
    "extendHuisverbod": "Huisverbod verlengen",
    "closeCase": "Zaak sluiten",
    "proposeTransfer": "Overdragen aan de Veilig Thuis van een andere regio",
    "holdTransferMeeting": "Overdrachtsgesprek met de andere regio gehouden",
    "completeTransfer": "Overdracht aan de andere regio afronden",
    "acceptTransfer": "Overdracht uit een andere regio aanvaarden",
    "declineTransfer": "Overdracht uit een andere regio afwijzen",
}
TABLES |= {"dossier": DOSSIER, "step": STEP}

# Dossier lines whose detail is a value worth reading, and the table that words it.
DETAIL_TABLE = {
    "ConcernNoted": "concern",
    "Triaged": "decision",
    "TerugkoppelingSent": "moment",
    "VoorwaardenEnVervolgEnded": "follow_up",
    "OnderzoekConcluded": "outcome",
    "MonitoringCheckDone": "check",
    "Escalated": "escalation",
    "HandoverProposed": "receiver_kind",
}
DETAIL_SHOWN = frozenset({*DETAIL_TABLE, "ComplianceChecked", "HuisverbodImposed", "HuisverbodExtended"})


def detail(kind: str, value: str) -> str:
    if kind == "ComplianceChecked":
        return "nageleefd" if value.lower() == "true" else "niet nageleefd"
    if kind in DETAIL_TABLE:
        return label(DETAIL_TABLE[kind], value)
    return f"tot en met {value}"
