from __future__ import annotations

from typing import Any

from django import template

from sswbridge.cases import selectors, services

register = template.Library()


@register.inclusion_tag("cases/_communication_case.html", takes_context=True)
def case_panel(context: dict[str, Any], communication: Any) -> dict[str, Any]:
    """The case a communication belongs to, or a form to link it to one of the user's cases."""
    request = context["request"]
    user = request.user
    case = selectors.case_of_communication(user, communication)
    linked_elsewhere = case is None and hasattr(communication, "case_link")
    cases: Any = []
    if case is None and not linked_elsewhere and services.may_write(user) and communication.is_sent:
        cases = selectors.writable_cases(user, communication.framework_id)
    return {
        "case": case,
        "cases": cases,
        "communication": communication,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
