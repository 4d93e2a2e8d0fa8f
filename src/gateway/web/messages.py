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
    "CONFLICT": "Iemand anders wijzigde dit op hetzelfde moment. Er is niets opgeslagen; bekijk het opnieuw.",
    "VIEW_BEHIND": "Uw laatste wijziging is nog onderweg. Vernieuw de pagina over een moment.",
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
    # Case work (Veilig Thuis, the melder, the receiving organisation, the auditor)
    "MELDER_REQUIRED": "Vul de naam en de contactgegevens van de melder in.",
    "BETROKKENE_REQUIRED": "Vul minstens één betrokkene in (rol, naam en geboortedatum).",
    "BETROKKENE_NOT_FOUND": "Deze betrokkene hoort niet bij de zaak.",
    "PERSON_NOT_IN_CASE": "Deze persoon hoort niet bij de zaak.",
    "ANONYMITY_REASON_REQUIRED": "Geef aan welk gevaar anonimiteit tegenover het gezin voorkomt.",
    "FAMILY_NOT_INFORMED_REASON_REQUIRED": "Geef aan waarom u het gezin niet heeft ingelicht.",
    "MELDCODE_RECORD_INCOMPLETE": "Beantwoord alle vijf afwegingen van de meldcode, of laat het meldcodedeel "
    "helemaal leeg.",
    "MUNICIPALITY_REQUIRED": "Vul de gemeentecode van het gezin in, of kies een Veilig Thuis.",
    "UNKNOWN_MUNICIPALITY": "Deze gemeentecode kennen wij niet.",
    "NO_VEILIG_THUIS_IN_REGION": "Voor deze gemeente is geen Veilig Thuis aangesloten. Kies er zelf een.",
    "SEVERAL_VEILIG_THUIS_IN_REGION": "Deze regio heeft meer dan één Veilig Thuis. Kies er zelf een.",
    "CASE_CLOSED": "Deze zaak is gesloten; er kan geen stap meer worden gezet.",
    "WRONG_PHASE": "Deze stap past niet bij de fase waarin de zaak nu is.",
    "FOLLOW_UP_NOT_ALLOWED": "Dit vervolg past niet bij deze uitkomst.",
    "TRIAGE_ALREADY_DONE": "De triage van deze zaak is al gedaan.",
    "TRIAGE_DECISION_NOT_ALLOWED": "Dit besluit past niet bij de veiligheidsbeoordeling.",
    "ANONYMITY_REQUIRES_ONDERZOEK": "De melder is anonimiteit beloofd: alleen Onderzoek past.",
    "RECEIVER_KIND_REQUIRED": "Kies wie in het lokale veld de zaak overneemt.",
    "AGREEMENTS_REQUIRED": "Een overdracht aan de betrokkenen rust op schriftelijke afspraken: vul ze in.",
    "TERUGKOPPELING_NOT_DUE": "Deze terugkoppeling staat niet open.",
    "TERUGKOPPELING_PENDING": "De melder wacht nog op een terugkoppeling; stuur die eerst.",
    "VOORWAARDEN_REQUIRED": "Stel eerst een voorwaarde voordat u voorwaarden en vervolg beëindigt.",
    "VOORWAARDE_NOT_FOUND": "Deze voorwaarde hoort niet bij de zaak.",
    "INFORMATION_REQUEST_NOT_FOUND": "Deze informatievraag hoort niet bij de zaak.",
    "INFORMATION_ALREADY_RECEIVED": "Op deze vraag is het antwoord al vastgelegd.",
    "VERTROUWENSARTS_REQUIRED": "Betrek eerst de vertrouwensarts; bij deze zorgen is dat verplicht.",
    "MONITORING_CHECK_NOT_OPEN": "Dit monitoringscontact staat niet open.",
    "HUISVERBOD_PERIOD_INVALID": "Een huisverbod duurt ten hoogste 10 dagen en eindigt na de ingangsdatum.",
    "HUISVERBOD_IN_FORCE": "Op die dag loopt het vorige huisverbod nog.",
    "NO_HUISVERBOD": "Deze zaak heeft geen huisverbod om te verlengen.",
    "HUISVERBOD_ALREADY_EXTENDED": "Een huisverbod wordt ten hoogste één keer verlengd.",
    "HUISVERBOD_EXTENSION_TOO_LONG": "Een verlenging duurt ten hoogste 18 dagen.",
    "HANDOVER_ALREADY_PROPOSED": "Er staat al een overdracht open.",
    "HANDOVER_ALREADY_ANSWERED": "Op deze overdracht is al geantwoord.",
    "NO_HANDOVER_PROPOSED": "Er wacht geen overdracht op een antwoord.",
    "HANDOVER_NOT_ACCEPTED": "De ontvangende organisatie heeft de overdracht nog niet aanvaard.",
    "HANDOVER_INCOMPLETE": "Een warme overdracht vraagt eerst het gezamenlijke gesprek en een regisseur.",
    "HANDOVER_IN_PROGRESS": "Veilig Thuis blijft verantwoordelijk tot de open overdracht is afgerond.",
    "RECEIVER_NOT_SUITABLE": "Deze organisatie past niet bij deze soort overdracht.",
    "PLAN_ALREADY_ACTIVE": "Dit gezin heeft al een lopend plan: één gezin, één plan.",
    "PLAN_ENDED": "Dit plan is afgesloten.",
    "PLAN_NOT_READY_TO_CLOSE": "Een plan sluit pas na een evaluatie waarin het gezin het zelf redt.",
    "ACTION_NOT_FOUND": "Deze actie hoort niet bij het plan.",
    "ACTION_ALREADY_COMPLETED": "Deze actie is al afgerond.",
    "ADVIES_ALREADY_CONVERTED": "Van dit advies is al een melding gemaakt.",
    "ERASURE_ALREADY_REQUESTED": "Deze persoon heeft al een verzoek om vernietiging lopen.",
    "NO_OPEN_ERASURE_REQUEST": "Er loopt geen verzoek om vernietiging van deze persoon.",
    "REASON_REQUIRED": "Geef een reden van minstens 10 tekens.",
    "TRANSFER_ALREADY_PROPOSED": "Er staat al een overdracht naar een andere regio open.",
    "NO_TRANSFER_PROPOSED": "Er wacht geen overdracht naar een andere regio.",
    "TRANSFER_INCOMPLETE": "De overdracht naar de andere regio is nog niet klaar.",
    "TRANSFER_NOT_IN_STEP": "Deze stap van de overdracht naar een andere regio kan nu niet.",
    "TRANSFER_NOT_POSSIBLE": "Deze zaak kan niet naar die Veilig Thuis worden overgedragen.",
}
GENERAL = "Er ging iets mis. Er is niets opgeslagen; probeer het opnieuw."
# Codes whose refusal names no field of its own, but belongs next to one on the form.
FIELDS: dict[str, str] = {
    "INVALID_BSN": "bsn",
    "TOO_OLD": "birthDate",
    "ANONYMITY_REASON_REQUIRED": "anonymityReason",
    "FAMILY_NOT_INFORMED_REASON_REQUIRED": "familyNotInformedReason",
    "MELDCODE_RECORD_INCOMPLETE": "meldcode",
    "BETROKKENE_REQUIRED": "betrokkenen",
    "MELDER_REQUIRED": "melder_name",
    "AGREEMENTS_REQUIRED": "agreements",
    "RECEIVER_KIND_REQUIRED": "receiverKind",
    "TRIAGE_DECISION_NOT_ALLOWED": "decision",
    "ANONYMITY_REQUIRES_ONDERZOEK": "decision",
    "RECEIVER_NOT_SUITABLE": "receiverId",
    "REASON_REQUIRED": "reason",
    "POSTPONEMENT_REASON_REQUIRED": "reason",
    "INVALID_REVISIT_DATE": "revisitOn",
    "INFORMING_INCOMPLETE": "informed",
}


@dataclass(frozen=True)
class Refusal:
    code: str
    field: str | None  # None: shown above the form

    @property
    def message(self) -> str:
        return MESSAGES.get(self.code, GENERAL)


def refusal(code: str, field: str | None = None) -> Refusal:
    return Refusal(code, field or FIELDS.get(code))
