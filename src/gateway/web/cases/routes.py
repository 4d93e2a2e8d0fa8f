"""The case pages' routes (Dutch paths; no personal data in any of them)."""

from __future__ import annotations

from starlette.routing import Route

from gateway.web.cases import (
    advies_pages,
    audit_pages,
    consult_pages,
    melder_pages,
    receiver_pages,
    vt_pages,
)

ROUTES = [
    Route("/werkvoorraad", vt_pages.werkvoorraad, methods=["GET"]),
    Route("/zaken/{case_id}", vt_pages.case_page, methods=["GET"]),
    Route("/zaken/{case_id}/stap/{step}", vt_pages.case_step, methods=["POST"]),
    Route("/zaken/{case_id}/inzage", vt_pages.break_the_glass, methods=["POST"]),
    Route("/zaken/{case_id}/inzageverzoek", audit_pages.subject_access_export, methods=["POST"]),
    Route("/advies", advies_pages.advies, methods=["GET", "POST"]),
    Route("/advies/{advies_id}/melding", advies_pages.convert, methods=["GET", "POST"]),
    Route("/consulten", consult_pages.consulten, methods=["GET"]),
    Route("/consulten/{case_id}", consult_pages.consulted_case, methods=["GET"]),
    Route("/consulten/{case_id}/advies", consult_pages.advise, methods=["POST"]),
    Route("/melding", melder_pages.melding_form, methods=["GET", "POST"]),
    Route("/mijn-meldingen", melder_pages.my_meldingen, methods=["GET"]),
    Route("/mijn-meldingen/inzage", melder_pages.who_viewed, methods=["GET"]),
    Route("/overdrachten", receiver_pages.handovers, methods=["GET"]),
    Route("/overdrachten/{case_id}/{step}", receiver_pages.handover_step, methods=["POST"]),
    Route("/plannen/{plan_id}/{step}", receiver_pages.plan_step, methods=["POST"]),
    Route("/audit/zaak", audit_pages.case_history, methods=["GET"]),
    Route("/audit/toegang", audit_pages.access_log, methods=["GET"]),
    Route("/audit/doorbroken-regels", audit_pages.break_the_glass_review, methods=["GET"]),
]
