"""The policy as a Markdown table, for the README: generated, so the two cannot drift apart
(a test compares them)."""

from __future__ import annotations

from domain.policy.need_to_know import Audience, Policy


def markdown(policy: Policy) -> str:
    lines = ["| Audience | Who | Queries | States | Fields |", "|---|---|---|---|---|"]
    for name in sorted(policy.audiences):
        lines.append(_row(policy[name]))
    return "\n".join(lines) + "\n"


def _row(audience: Audience) -> str:
    fields = "; ".join(
        f"**{type_name}**: {', '.join(sorted(names))}" for type_name, names in sorted(audience.fields.items())
    )
    cells = (
        f"`{audience.name}`",
        audience.who,
        ", ".join(f"`{q}`" for q in sorted(audience.queries)) or "–",
        ", ".join(sorted(audience.states)) or "–",
        fields,
    )
    return "| " + " | ".join(cells) + " |"
