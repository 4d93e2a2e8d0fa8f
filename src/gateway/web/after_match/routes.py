"""The routes of the pages after a match."""

from __future__ import annotations

from starlette.routing import Route

from gateway.web.after_match import pages

ROUTES = [
    Route("/na-de-match", pages.after_match, methods=["GET"]),
    Route("/gemeente/contact", pages.regie, methods=["GET"]),
    Route("/signalen/informeren", pages.informing, methods=["GET"]),
    Route("/na-de-match/{command}", pages.command, methods=["POST"]),
    Route("/gemeente/contact/{command}", pages.command, methods=["POST"]),
    Route("/signalen/informeren/{command}", pages.command, methods=["POST"]),
]
