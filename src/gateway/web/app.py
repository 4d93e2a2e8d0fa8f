"""The web pages' routes, on the gateway's services, behind the headers every page carries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from gateway.context import Services
from gateway.web import matches, regie, signals, signin
from gateway.web.after_match.routes import ROUTES as AFTER_MATCH_ROUTES
from gateway.web.cases.routes import ROUTES as CASE_ROUTES
from gateway.web.headers import PageHeaders

STATIC = Path(__file__).parent / "static"

ROUTES = [
    Route("/", signals.home),
    Route("/aanmelden", signin.sign_in_form, methods=["GET"]),
    Route("/aanmelden", signin.sign_in, methods=["POST"]),
    Route("/afmelden", signin.sign_out, methods=["POST"]),
    Route("/link/{token}", signin.sign_in_link, methods=["GET"]),
    Route("/activeren/{token}", signin.activation_form, methods=["GET"]),
    Route("/activeren/{token}", signin.activate, methods=["POST"]),
    Route("/signalen", signals.my_signals, methods=["GET"]),
    Route("/signalen/zoeken", signals.find_signals, methods=["POST"]),
    Route("/signalen/nieuw", signals.new_signal_form, methods=["GET"]),
    Route("/signalen/nieuw", signals.register_signal, methods=["POST"]),
    Route("/signalen/{signal_id}/intrekken", signals.withdraw_signal, methods=["POST"]),
    Route("/matches", matches.my_matches, methods=["GET"]),
    Route("/matches/live", matches.live, methods=["GET"]),
    Route("/gemeente/matches", regie.municipality_matches, methods=["GET"]),
    Route("/gemeente/logboek", regie.logbook, methods=["GET"]),
    *AFTER_MATCH_ROUTES,
    *CASE_ROUTES,
    Mount("/static", StaticFiles(directory=STATIC), name="static"),
]


def build_web(services: Services) -> Any:
    app = Starlette(routes=ROUTES)
    app.state.services = services
    return PageHeaders(app)
