"""Templates: Jinja2 with autoescaping, one base layout (templates/base.html)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

TEMPLATES = Path(__file__).parent / "templates"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(("html",)))
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")  # fmt: skip


def dutch_day(value: date | datetime | str | None) -> str:
    """'3 maart 2025' (a time in the Netherlands' zone: it is the day the reader lived)."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.astimezone(AMSTERDAM)
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}, {value:%H:%M}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


_env.filters["dag"] = dutch_day


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = _env.get_template(template).render(path=request.url.path, **values)
    return HTMLResponse(html, status_code=status)
