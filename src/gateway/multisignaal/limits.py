"""The hourly limit on a professional's signal registrations: sweeping a list of BSNs for
matches is slowed down, and each refusal leaves a DENIED line in the access log naming (by
pseudonym) the young person it was about, so a sweep shows in the logboek and the review."""

from __future__ import annotations

from domain.access.model import AccessKind
from domain.errors import DomainError
from domain.multisignaal.bsn import check_bsn
from gateway.context import Context
from gateway.throttle import RateLimited

RULE_RATE_LIMITED = "signaller.register_signal_rate_limited"


def check_registration_rate(context: Context, bsn: str) -> None:
    """Refuses (RATE_LIMITED) once the caller registered their limit within the hour."""
    services, professional = context.services, str(context.principal.professional)
    try:
        services.throttles.signals.check(professional, services.clock())
    except RateLimited as limited:
        context.trail.note(AccessKind.DENIED, _subject(context, bsn), RULE_RATE_LIMITED)
        context.retry_after(limited.retry_after)
        raise


def count_registration(context: Context) -> None:
    services = context.services
    services.throttles.signals.hit(str(context.principal.professional), services.clock())


def _subject(context: Context, bsn: str) -> str:
    try:
        return context.services.pseudonymiser.subject(check_bsn(bsn))
    except DomainError:
        return "-"  # not a BSN: it names no one
