"""The gateway's services: the applications it commands and the views it reads."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from domain.regions import RegionTable, load_regions
from gateway.access.group_commit import GroupCommit
from gateway.access.readmodels import AccessLog
from gateway.auth import TokenIssuer, TokenVerifier
from gateway.consistency import Consistency
from gateway.context import Casework, Services
from gateway.multisignaal.references import SignalReferences
from gateway.throttle import SIGN_IN_FAILURES, RateLimit, SqlHits, Throttles
from gateway.web.store import WebStore

if TYPE_CHECKING:
    from keten.bootstrap import Platform

REGIONS_FILE = Path(__file__).resolve().parents[2] / "data" / "regions" / "veilig_thuis.json"


def build_services(platform: Platform) -> Services:
    signing_key, ttl = platform.secrets.signing_key, timedelta(hours=platform.settings.token_ttl_hours)
    identity, web = platform.identity, platform.database("web")
    return Services(
        identity=identity,
        multisignaal=platform.multisignaal,
        my_signals=platform.my_signals,
        matches=platform.matches,
        issuer=TokenIssuer(signing_key, ttl, identity.record_token),
        verifier=TokenVerifier(signing_key.public_key(), identity.is_revoked),
        pseudonymiser=platform.pseudonymiser,
        clock=platform.clock,
        casework=Casework(platform.cases, *platform.case_views, opener=platform.keystore, regions=regions()),
        access_log=AccessLog(
            record=platform.access.record,
            view=platform.access_log,
            together=GroupCommit(platform.access.record),
        ),
        signal_logbook=platform.signal_logbook,
        throttles=shared_throttles(platform),
        match_commands=platform.matching,
        match_regie=platform.match_regie,
        consistency=Consistency(
            platform.caller_writes, platform.clock, platform.settings.read_your_writes_seconds
        ),
        web_store=WebStore.on(web, platform.keystore, platform.settings.base_url),
        signal_references=SignalReferences(web, platform.keystore),
    )


@cache
def regions() -> RegionTable:
    """The Veilig Thuis regions (data/regions), read once per process."""
    return load_regions(REGIONS_FILE)


def shared_throttles(platform: Platform) -> Throttles:
    """Counted in a table of the store, so every gateway process on it shares each limit."""
    settings = platform.settings
    window = timedelta(seconds=settings.auth_failure_window_seconds)
    authentication = RateLimit(settings.auth_failure_limit, window)
    signals = RateLimit(settings.signals_per_hour, timedelta(hours=1))
    sign_ins = RateLimit(settings.sign_in_failure_limit, SIGN_IN_FAILURES.window)
    return Throttles.over(SqlHits(platform.database("throttle")), authentication, signals, sign_ins)
