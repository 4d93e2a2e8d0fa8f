"""Every text field and list of every command, with its limit: the one table of input limits.

The limits keep every event publishable: the largest melding they allow maps to a record
on keten.cases.v1 of about a fifth of Kafka's default 1 MB (README "Input limits" has the
sum; tests/unit/test_record_size.py builds that melding). They are far above what a form
needs: a melding's concerns of 10,000 characters are some four pages of text.
"""

from __future__ import annotations

from domain.validation.text import Text

NAME = 200  # a person's or an organisation's name
LINE = 200  # a one-line answer: a role, a discipline
ITEM = 2_000  # a reason, a condition, a goal, an agreement, one meldcode answer
ACCOUNT = 10_000  # an account of what happened: concerns, statements, findings, answers

# identity
ORGANISATION_NAME = Text("name", NAME)
PROFESSIONAL_NAME = Text("name", NAME)
# multisignaal: a professional's own reference to a signal (their client number), sealed
OWN_REFERENCE = Text("ownReference", 64)
# the meldformulier
PERSON_NAME = Text("betrokkenen.name", NAME)
MELDER_NAME = Text("melder.name", NAME)
MELDER_CONTACT = Text("melder.contact", 254)
CONCERNS = Text("concerns", ACCOUNT, multiline=True)
FAMILY_NOT_INFORMED_REASON = Text("familyNotInformedReason", ITEM, multiline=True)
ANONYMITY_REASON = Text("anonymityReason", ITEM, multiline=True)
MELDCODE_STEP = Text("meldcodeSteps", ITEM, multiline=True)
# advies
QUESTION = Text("question", ACCOUNT, multiline=True)
ADVICE = Text("advice", ACCOUNT, multiline=True)
FOLLOW_UP = Text("followUp", ITEM, multiline=True)
# a case's dossier, triage, terugkoppeling, closing, measures
STATEMENT = Text("statement", ACCOUNT, multiline=True)
AGREEMENTS = Text("agreements", ACCOUNT, multiline=True)
MELDER_ROLE = Text("melderRole", LINE)
REASON = Text("reason", ITEM, multiline=True)
# Voorwaarden & Vervolg, Onderzoek, monitoring
VOORWAARDE = Text("voorwaarde", ITEM, multiline=True)
HELP_DESCRIPTION = Text("description", ITEM, multiline=True)
NOTE = Text("note", ITEM, multiline=True)
HEARD_ACCOUNT = Text("account", ACCOUNT, multiline=True)
INFORMATION_QUESTION = Text("question", ITEM, multiline=True)
INFORMATION_ANSWER = Text("answer", ACCOUNT, multiline=True)
EXPERTISE = Text("expertise", LINE)
EXPERT_ADVICE = Text("advice", ACCOUNT, multiline=True)
FINDING = Text("finding", ACCOUNT, multiline=True)
# the lokaal team's plan
GOAL = Text("goal", ITEM, multiline=True)
AGREEMENT = Text("agreement", ITEM, multiline=True)
ACTION = Text("description", ITEM, multiline=True)
SUMMARY = Text("summary", ACCOUNT, multiline=True)
# the verwijsindex: a postponed informing (Jw 7.1.5)
POSTPONEMENT_REASON = Text("reason", ITEM, multiline=True)
# break-the-glass
BREAK_THE_GLASS_REASON = Text("reason", ITEM, multiline=True)

MAX_BETROKKENEN = 25  # in one melding
MAX_CASE_BETROKKENEN = 50  # in one case, with those added later
MAX_VOORWAARDEN = 100  # per case
MAX_PLAN_ITEMS = 100  # goals, agreements and actions, each, per plan
