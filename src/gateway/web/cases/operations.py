"""The GraphQL operations the case pages stand for: each page runs one of these in-process,
so it takes the resolvers' own need-to-know checks, access-log lines and refusal codes."""

from __future__ import annotations

DEADLINES = "{ deadlines { caseId kind due overdue } }"
WERKVOORRAAD = """{ deadlines { caseId kind due overdue }
  transferProposals { caseId fromVeiligThuisId status proposedAt meetingHeldAt } }"""
CASE_FIELDS = """id phase receivedAt acute triageDecision responsibleOrganisationId melderProfessionalId
  melderOrganisationId anonymous closedAt
  handover { receiverId kind status regisseurId meetingPlannedFor }
  deadlines { kind due overdue }
  betrokkenen { id role name birthDate bsn }
  dossier { kind at detail personId text }"""
CASE = f"query ($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"
BREAK_THE_GLASS = (
    "mutation ($caseId: ID!, $reason: String!) "
    f"{{ breakTheGlass(caseId: $caseId, reason: $reason) {{ {CASE_FIELDS} }} }}"
)
RECEIVE_MELDING = "mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId signalIds } }"
MY_MELDINGEN = """{ myMeldingen { caseId receivedAt status takenOverBy
  terugkoppelingen { moment followUp takenOverBy melderRole sentAt } } }"""
GIVE_ADVIES = "mutation ($input: AdviesInput!) { giveAdvies(input: $input) }"
MY_ADVIEZEN = "{ myAdviezen { id givenAt question meldingId } }"
CONVERT_ADVIES = """mutation ($adviesId: ID!, $input: MeldingInput!) {
  convertAdviesToMelding(adviesId: $adviesId, input: $input) }"""
CONSULTED_CASES = "{ consultedCases { id phase } }"
CONSULTED_CASE = """query ($id: ID!) { consultedCase(id: $id) {
  id phase betrokkenen { id role name birthDate } dossier { kind at detail personId text } } }"""
WHO_VIEWED = """{ myMeldingen { caseId receivedAt }
  whoViewedMyMeldingen { caseId userId organisationId kind at } }"""

# One step of a case, named by its mutation, with its arguments: the form's fields are the
# variables (`forms.py` reads them), so each step is one call of the resolver GraphQL calls.
STEP_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "triage": ("caseId: ID!", "input: TriageInput!"),
    "addBetrokkene": ("caseId: ID!", "person: PersonInput!"),
    "addStatement": ("caseId: ID!", "personId: ID!", "statement: String!"),
    "sendTerugkoppeling": (
        "caseId: ID!",
        "moment: TerugkoppelingMoment!",
        "followUp: Boolean!",
        "takenOverBy: ID",
        "melderRole: String",
    ),
    "setVoorwaarde": ("caseId: ID!", "voorwaarde: String!"),
    "deployHelp": ("caseId: ID!", "organisationId: ID!", "description: String!"),
    "recordComplianceCheck": ("caseId: ID!", "voorwaardeId: ID!", "complied: Boolean!", "note: String"),
    "endVoorwaardenEnVervolg": ("caseId: ID!", "followUp: FollowUp!"),
    "hearPerson": ("caseId: ID!", "personId: ID!", "account: String!"),
    "requestInformation": ("caseId: ID!", "professionalId: ID!", "organisationId: ID!", "question: String!"),
    "receiveInformation": ("caseId: ID!", "requestId: ID!", "answer: String!"),
    "consultExpert": ("caseId: ID!", "expertise: String!", "advice: String!"),
    "involveVertrouwensarts": ("caseId: ID!", "vertrouwensartsId: ID!"),
    "concludeOnderzoek": ("caseId: ID!", "outcome: OnderzoekOutcome!", "followUp: FollowUp"),
    "proposeHandover": ("caseId: ID!", "receiverId: ID!", "kind: ReceiverKind!"),
    "planJointMeeting": ("caseId: ID!", "plannedFor: DateTime!"),
    "holdJointMeeting": ("caseId: ID!",),
    "completeHandover": ("caseId: ID!",),
    "startMonitoring": ("caseId: ID!",),
    "recordMonitoringCheck": ("caseId: ID!", "check: MonitoringCheck!", "finding: String!"),
    "escalate": ("caseId: ID!", "to: EscalationTarget!", "reason: String!"),
    "imposeHuisverbod": ("caseId: ID!", "startsOn: Date!", "endsOn: Date!"),
    "extendHuisverbod": ("caseId: ID!", "extendedTo: Date!"),
    "closeCase": ("caseId: ID!", "reason: String!"),
    "proposeTransfer": ("caseId: ID!", "veiligThuisId: ID", "municipalityCode: String"),
    "holdTransferMeeting": ("caseId: ID!",),
    "completeTransfer": ("caseId: ID!",),
    # The receiving Veilig Thuis answers from its werkvoorraad: it sees no case page before.
    "acceptTransfer": ("caseId: ID!",),
    "declineTransfer": ("caseId: ID!", "reason: String!"),
}

# The receiving organisation's steps on a handed-over case, and the plan's steps.
HANDOVER_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "acceptHandover": ("caseId: ID!",),
    "declineHandover": ("caseId: ID!", "reason: String!"),
    "planJointMeeting": ("caseId: ID!", "plannedFor: DateTime!"),
    "holdJointMeeting": ("caseId: ID!",),
    "nameRegisseur": ("caseId: ID!", "regisseurId: ID!"),
    "completeHandover": ("caseId: ID!",),
    "startPlan": ("caseId: ID!",),
}
PLAN_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "setGoal": ("planId: ID!", "goal: String!"),
    "makeAgreement": ("planId: ID!", "agreement: String!"),
    "planAction": ("planId: ID!", "description: String!", "ownerId: ID!", "due: Date!"),
    "completeAction": ("planId: ID!", "actionId: ID!"),
    "evaluatePlan": ("planId: ID!", "summary: String!", "selfReliant: Boolean!"),
    "closePlan": ("planId: ID!",),
    "escalatePlan": ("planId: ID!", "to: PlanEscalation!", "reason: String!"),
}
HANDOVER_PROPOSALS = "{ handoverProposals { caseId kind proposedAt } }"
REGIE_PLANS = "{ regiePlans { id status startedAt items { kind completedAt } } }"
HANDED_OVER = """{ handedOverCases { caseId kind status acceptedAt meetingPlannedFor meetingHeldAt regisseurId
  completedAt plans { id regisseurId status startedAt escalatedTo
  items { kind id text ownerId due selfReliant at completedAt } } } }"""


def mutation(name: str, arguments: tuple[str, ...]) -> str:
    """A step's document: `mutation ($caseId: ID!) { startMonitoring(caseId: $caseId) }`."""
    declared = ", ".join(f"${argument}" for argument in arguments)
    passed = ", ".join(f"{n}: ${n}" for n in (argument.split(":")[0] for argument in arguments))
    return f"mutation ({declared}) {{ {name}({passed}) }}"


def step_mutation(name: str) -> str:
    return mutation(name, STEP_ARGUMENTS[name])


# The auditor: the case as of a moment beside its whole timeline (to step through), in one
# operation, so the replay leaves one access line; the access log; the break-the-glass review.
CASE_HISTORY = """query ($caseId: ID!, $asOf: DateTime!, $now: DateTime!) {
  then: caseHistory(caseId: $caseId, asOf: $asOf) {
    state { caseId version phase receivedAt veiligThuisId concernKinds concerns
            betrokkenen { personId role name birthDate } triageDecision handovers closingReason }
    timeline { version eventType at actor } }
  all: caseHistory(caseId: $caseId, asOf: $now) { timeline { version eventType at } } }"""
ACCESS_FIELDS = "id kind at clientId userId responsibleId clientAddress tokenId rule outcome reason"
ACCESS_LOG = f"""query ($clientId: ID, $userId: ID) {{
  accessLog(clientId: $clientId, userId: $userId) {{ {ACCESS_FIELDS} }} }}"""
BREAK_THE_GLASS_REVIEW = f"{{ breakTheGlassReview {{ {ACCESS_FIELDS} }} }}"
SUBJECT_ACCESS_EXPORT = """query ($caseId: ID!, $personId: ID!) {
  subjectAccessExport(caseId: $caseId, personId: $personId) }"""
