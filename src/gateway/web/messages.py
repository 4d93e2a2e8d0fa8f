"""The one table from a refusal's stable code to the Dutch sentence a page shows.

GraphQL answers `extensions.code` (and, for malformed input, `extensions.field`); a page shows
the sentence below next to that field. A code missing here falls back to a general sentence,
and a test walks every code the domain declares, so none is forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass

MESSAGES: dict[str, str] = {
    "INVALID_BSN": "Dit is geen geldig BSN. Een BSN heeft 9 cijfers en klopt volgens de elfproef.",
    "TOO_OLD": "Een signaal kan alleen over een jongere tot 23 jaar gaan.",
    "INVALID_BIRTH_DATE": "Vul een geldige geboortedatum in (niet in de toekomst).",
    "INVALID_DATE": "Vul een geldige datum in.",
    "INVALID_MUNICIPALITY": "Vul een gemeentecode in zoals GM0363.",
    "INVALID_EMAIL": "Vul een geldig e-mailadres in.",
    "INVALID_PHONE": "Vul een geldig telefoonnummer in.",
    "INVALID_TEXT": "Deze tekst bevat tekens die niet zijn toegestaan.",
    "TEXT_REQUIRED": "Vul dit veld in.",
    "TOO_LONG": "Deze tekst is te lang.",
    "TOO_MANY": "Dit zijn er te veel.",
    "BAD_USER_INPUT": "Controleer dit veld.",
    "ALREADY_WITHDRAWN": "Dit signaal is al beëindigd.",
    "BAD_REQUEST": "Dit verzoek kan keten niet uitvoeren.",
    "INVALID_TOKEN_ID": "Dit is geen geldige sleutel.",
    "INFORMING_INCOMPLETE": "Kies wie u heeft geïnformeerd: de jongere, de ouders of beiden.",
    "POSTPONEMENT_REASON_REQUIRED": "Geef een reden op om het informeren uit te stellen.",
    "INVALID_REVISIT_DATE": "Kies een datum in de toekomst, vóór het einde van het signaal.",
    "COORDINATION_ALREADY_ACCEPTED": "De regie op deze match is al aanvaard.",
    "NOT_A_PARTICIPANT": "U neemt geen deel aan deze match.",
    "NOT_COORDINATOR": "Alleen wie de regie heeft, kan dit doen.",
    "NOT_FOUND": "Dit is niet (meer) te vinden, of u heeft er geen toegang toe.",
    "FORBIDDEN": "U heeft geen toegang tot deze pagina. Uw rol geeft hier geen recht op.",
    "UNAUTHENTICATED": "U bent niet aangemeld.",
    "RATE_LIMITED": "Te veel pogingen achter elkaar. Probeer het over enkele minuten opnieuw.",
    "SIGN_IN_FAILED": "Het e-mailadres, het wachtwoord of de code klopt niet.",
    "WRONG_CODE": "Deze code klopt niet. Vul de code in die de app nu toont.",
    "WEAK_PASSWORD": "Kies een wachtwoord van minstens 12 tekens dat niet uw e-mailadres is.",
    "PASSWORDS_DIFFER": "De twee wachtwoorden zijn niet gelijk.",
    "EMAIL_IN_USE": "Een ander actief account gebruikt dit e-mailadres al.",
    "LINK_UNKNOWN": "Deze link is al gebruikt of bestaat niet. Vraag de beheerder om een nieuwe.",
    "LINK_EXPIRED": "Deze link is verlopen. Vraag de beheerder om een nieuwe uitnodiging.",
    "SESSION_EXPIRED": "Uw sessie is verlopen. Meld u opnieuw aan.",
    "CSRF_REFUSED": "Dit formulier is verlopen of komt niet van deze site. Er is niets opgeslagen; "
    "probeer het opnieuw.",
}
GENERAL = "Er ging iets mis. Er is niets opgeslagen; probeer het opnieuw."
# Codes whose refusal names no field of its own, but belongs next to one on the form.
FIELDS: dict[str, str] = {"INVALID_BSN": "bsn", "TOO_OLD": "birthDate"}


@dataclass(frozen=True)
class Refusal:
    code: str
    field: str | None  # None: shown above the form

    @property
    def message(self) -> str:
        return MESSAGES.get(self.code, GENERAL)


def refusal(code: str, field: str | None = None) -> Refusal:
    return Refusal(code, field or FIELDS.get(code))
