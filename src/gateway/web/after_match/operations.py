"""The GraphQL operations of the pages after a match: coordination, contact, informing."""

from __future__ import annotations

CONTACT = "name email phone"
COORDINATION = (
    f"coordination {{ professionalId status since organisation {{ name }} professional {{ {CONTACT} }} }}"
)
MY_MATCHES = f"""{{ me {{ id }} myMatches {{ id since {COORDINATION}
  counterparts {{ professionalId since organisation {{ name }} professional {{ {CONTACT} }} }} }} }}"""
REGIE_FIELDS = f"""id since overdue {COORDINATION}
  contacts {{ professionalId since contactDue confirmedAt overdue
              organisation {{ name }} professional {{ {CONTACT} }} }}"""
REGIE = f"{{ regieMatches {{ {REGIE_FIELDS} }} matchesWithoutContact {{ id }} }}"
OWED = """{ mySignals(informingOwed: true) { id status registeredAt expiresAt
  informing { status inform informed revisitOn owed } } }"""
ACCEPT = "mutation ($matchId: ID!) { acceptCoordination(matchId: $matchId) { status } }"
HAND_OVER = """mutation ($matchId: ID!, $professionalId: ID!) {
  handOverCoordination(matchId: $matchId, professionalId: $professionalId) { status } }"""
CONFIRM = "mutation ($matchId: ID!) { confirmContact(matchId: $matchId) { confirmedAt } }"
ASSIGN = """mutation ($matchId: ID!, $professionalId: ID!) {
  assignCoordinator(matchId: $matchId, professionalId: $professionalId) { status } }"""
RECORD = """mutation ($signalId: ID!, $informed: [Informee!]!) {
  recordInforming(signalId: $signalId, informed: $informed) { status } }"""
POSTPONE = """mutation ($signalId: ID!, $reason: String!, $revisitOn: Date!) {
  postponeInforming(signalId: $signalId, reason: $reason, revisitOn: $revisitOn) { status } }"""
