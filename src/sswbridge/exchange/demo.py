"""Demo communications, so that the inbox, outbox and metrics pages of the demo have something
on them (the case about the share is cases/demo.py's). Everything goes through the services
(with its audit entries). Idempotent: a communication whose subject already exists in the
framework is not made again. All names are invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from sswbridge.accounts.models import User
from sswbridge.exchange import receipts, services
from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import Framework

SHARE = "Ak-Zhol Travel: penalty contracts and fees without a basis (demo)"
OVERDUE = "Whereabouts of a worker who left his employer in Gunma (demo)"
ANSWERED = "Status of the sending organization Too Shamaly Labour (demo)"
WITHHELD = "Kara-Suu Recruiting: passports kept by the intermediary (demo)"
RETRACTED = "Duplicate notice on exam venues (demo)"
RELEASE_REASON = "The labour standards office needs the names to visit the workplace."


def _existing(framework: Framework, subject: str) -> Communication | None:
    found: Communication | None = Communication.objects.filter(
        framework=framework, subject=subject
    ).first()
    return found


def _share(framework: Framework, kg: User | None, jp: User | None, named: Sequence[Any]) -> Any:
    share = _existing(framework, SHARE)
    if share is None and kg is not None:
        share = services.send_new(
            actor=kg,
            framework=framework,
            kind="intermediary_share",
            subject=SHARE,
            body=(
                "<p>Three workers placed in Aichi report that the intermediary took a "
                "<strong>deposit</strong> and made them sign a <em>penalty contract</em>.</p>"
                "<ul><li>Deposit: 150,000 som each</li><li>Fee: no calculation shown</li></ul>"
            ),
            payload={"acts": ["penalty_contract", "unexplained_fees"]},
            intermediary_ids=list(named),
        )
    # Japan's acts where the share has arrived (with --nodes 2: the second pass, on Japan's node).
    if share is not None and jp is not None and share.delivered_at is not None:
        if share.first_opened_at is None:
            receipts.mark_opened(actor=jp, communication=share)
        if share.acknowledged_at is None:
            receipts.acknowledge(actor=jp, communication=share)
    return share


def _inquiries(framework: Framework, kg: User | None, jp: User | None) -> None:
    if _existing(framework, OVERDUE) is None and jp is not None:
        services.send_new(
            actor=jp,
            framework=framework,
            kind="inquiry",
            subject=OVERDUE,
            body="Please tell us whether the worker has contacted the embassy.",
            due_date=timezone.localdate() - dt.timedelta(days=3),
        )
    question = _existing(framework, ANSWERED)
    if question is None and jp is not None:
        question = services.send_new(
            actor=jp,
            framework=framework,
            kind="inquiry",
            subject=ANSWERED,
            body="Is the approval of this sending organization still valid?",
        )
    # The Kyrgyz answer, where the question has arrived.
    if question is None or kg is None or question.delivered_at is None:
        return
    if question.acknowledged_at is None:
        receipts.acknowledge(actor=kg, communication=question)
    if question.answered_at is None:
        receipts.answer(
            actor=kg,
            communication=question,
            kind="inquiry_answer",
            subject="Re: " + ANSWERED,
            body="Yes; its approval runs until the end of next year.",
        )


def _confidential(framework: Framework, kg: User | None, jp: User | None) -> None:
    """A share whose informant and victims are withheld, asked for by Japan, read by Japan;
    and a retracted notice. With Japan on another node (`serve --demo --nodes 2`) the share
    travels with its withheld fields as commitments and the retraction follows it; Japan asks
    for the victims' names once the share has arrived (`_release_asked`), and the Kyrgyz
    contact point releases them once the request has arrived (`_release_decided`)."""
    from sswbridge.exchange import release, retraction
    from sswbridge.readlog import services as readlog

    if _existing(framework, WITHHELD) is None and kg is not None:
        share = services.send_new(
            actor=kg,
            framework=framework,
            kind="intermediary_share",
            subject=WITHHELD,
            body="<p>Workers report that the intermediary keeps their passports.</p>",
            payload={
                "acts": ["human_rights"],
                "informant": "A relative of one worker (name and phone on file)",
                "victims": "Two workers placed in Ibaraki (names on file)",
            },
            withheld_fields=["informant", "victims"],
        )
        if jp is not None:
            readlog.log_read(user=jp, obj=share)
            release.request_release(
                actor=jp,
                communication=share,
                field="victims",
                reason=RELEASE_REASON,
            )
    if _existing(framework, RETRACTED) is None and kg is not None:
        notice = services.send_new(
            actor=kg,
            framework=framework,
            kind="general_notice",
            subject=RETRACTED,
            body="<p>Sent twice by mistake.</p>",
        )
        retraction.retract(actor=kg, communication=notice, reason="Sent twice by mistake.")
    if kg is None or jp is None:
        _release_asked(framework, jp)
        _release_decided(framework, kg)


def _release_asked(framework: Framework, jp: User | None) -> None:
    """On Japan's node, once the Kyrgyz share has arrived: read it, ask for the victims."""
    from sswbridge.exchange import release
    from sswbridge.exchange.models import ReleaseRequest
    from sswbridge.readlog import services as readlog

    share = _existing(framework, WITHHELD)
    if jp is None or share is None or share.delivered_at is None:
        return
    if ReleaseRequest.objects.filter(communication=share).exists():
        return
    readlog.log_read(user=jp, obj=share)
    release.request_release(actor=jp, communication=share, field="victims", reason=RELEASE_REASON)


def _release_decided(framework: Framework, kg: User | None) -> None:
    """On the Kyrgyz node, once Japan's request has arrived: release the victims' names."""
    from sswbridge.exchange import release
    from sswbridge.exchange.models import ReleaseRequest, ReleaseStatus

    share = _existing(framework, WITHHELD)
    if kg is None or share is None:
        return
    for item in ReleaseRequest.objects.filter(communication=share, status=ReleaseStatus.PENDING):
        release.decide(
            actor=kg,
            request=item,
            release=True,
            note="Released for the visit of the labour standards office only.",
        )


def load(users: dict[str, User], *, named: Sequence[Any] = ()) -> None:
    """The demo's communications in the Japan–Kyrgyz framework; the share names the
    register entries `named` (ids of intermediaries, found by the demo loader).

    On a node that hosts one side (`serve --demo --nodes 2`) only that side's users are in
    `users`: it sends its own communications (they travel as envelopes), and acts on the
    other side's once they have arrived here (later runs of the demo, after delivery)."""
    framework = Framework.objects.filter(code="jp-kg").first()
    kg, jp = users.get("kg-contact"), users.get("jp-contact")
    if framework is None or (kg is None and jp is None):
        return
    _share(framework, kg, jp, named)
    _inquiries(framework, kg, jp)
    _confidential(framework, kg, jp)
