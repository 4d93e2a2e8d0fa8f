"""The GraphQL contract in schemas/ is generated from the code and must not go stale."""

from pathlib import Path

from gateway.schema import schema

SDL = Path(__file__).resolve().parents[2] / "schemas" / "graphql" / "schema.graphql"


def test_the_committed_sdl_is_what_the_code_serves() -> None:
    assert SDL.read_text() == schema.as_str() + "\n", "stale SDL: run `make schema` and commit it"


def test_the_public_contract_names_of_issue_3_are_all_served() -> None:
    sdl = schema.as_str()
    for name in (
        "registerOrganisation(input: RegisterOrganisationInput!): Organisation!",
        "registerProfessional(input: RegisterProfessionalInput!): ProfessionalRegistration!",
        "registerSignal(input: RegisterSignalInput!): SignalRegistration!",
        "withdrawSignal(signalId: ID!, reason: WithdrawalReason!): Signal!",
        "me: Professional!",
        "mySignals(status: SignalStatus",
        "myMatches: [Match!]!",
        "municipalityMatches: [Match!]!",
        "matchNotifications: Match!",
        "earlierSignals: [EarlierSignal!]!",
        "counterparts: [Counterpart!]!",
    ):
        assert name in sdl, name
