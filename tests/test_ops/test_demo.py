"""The demo data set: every side has one user of each role, enrolled; loading twice adds nothing."""

from __future__ import annotations

import base64
import io

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.models import Role, User
from sswbridge.audit.chain import verify_chain
from sswbridge.audit.models import AuditEntry
from sswbridge.demo.loader import DEMO_PASSWORD, load_demo
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import Intermediary, IntermediaryName, Script
from sswbridge.sending.models import SendingOrganization, SendingOrganizationStatus

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    models = [User, TOTPDevice, Framework, Intermediary, IntermediaryName, SendingOrganization]
    counts = {model.__name__: model.objects.count() for model in models}
    counts["AuditEntry"] = AuditEntry.objects.count()
    return counts


def test_loading_the_demo_twice_duplicates_nothing() -> None:
    load_demo()
    first = _counts()
    load_demo()
    assert _counts() == first


def test_each_side_has_one_user_of_each_role() -> None:
    load_demo()
    pairs = set(User.objects.values_list("agency__side__code", "role"))
    assert pairs == {(side, role) for side in ("JP", "KG", "UZ") for role in Role.values}


def test_demo_accounts_sign_in_with_the_printed_password_and_totp_secret() -> None:
    accounts = {a.username: a for a in load_demo()}
    user = User.objects.get(username="kg-contact")
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    key = base64.b32decode(accounts["kg-contact"].totp_secret)
    assert user.check_password(DEMO_PASSWORD)
    assert device.verify_token(totp(key, step=device.step, digits=device.digits))


def test_totp_secrets_are_the_same_on_every_load() -> None:
    first = [a.totp_secret for a in load_demo()]
    TOTPDevice.objects.all().delete()
    assert [a.totp_secret for a in load_demo()] == first


def test_only_administrators_are_staff() -> None:
    load_demo()
    staff = set(User.objects.filter(is_staff=True).values_list("role", flat=True))
    assert staff == {Role.ADMINISTRATOR}


def test_contact_points_belong_to_the_designated_agencies() -> None:
    load_demo()
    agencies = dict(
        User.objects.filter(role=Role.CONTACT_POINT).values_list("username", "agency__code")
    )
    assert agencies == {"jp-contact": "isa", "kg-contact": "kg-ceca", "uz-contact": "uz-aelm"}


def test_intermediary_names_come_in_cyrillic_latin_and_japanese() -> None:
    load_demo()
    scripts = set(IntermediaryName.objects.values_list("script", flat=True))
    assert {Script.CYRILLIC, Script.LATIN, Script.JAPANESE} <= scripts


def test_both_frameworks_have_approved_and_revoked_sending_organizations() -> None:
    load_demo()
    pairs = set(SendingOrganization.objects.values_list("framework__code", "status"))
    wanted = {SendingOrganizationStatus.APPROVED, SendingOrganizationStatus.REVOKED}
    assert {(code, status) for code in ("jp-kg", "jp-uz") for status in wanted} <= pairs


def test_a_suspended_sending_organization_is_in_the_demo() -> None:
    load_demo()
    assert SendingOrganization.objects.filter(status=SendingOrganizationStatus.SUSPENDED).exists()


def test_demo_writes_an_intact_audit_trail() -> None:
    load_demo()
    result = verify_chain()
    assert result.ok and result.verified == AuditEntry.objects.count() > 0


def test_the_uzbek_auditor_reads_audit_entries_of_the_uzbek_side() -> None:
    load_demo()
    auditor = User.objects.get(username="uz-auditor")
    sides = set(AuditEntry.objects.visible_to(auditor).values_list("side_code", flat=True))
    assert sides == {"UZ"}


def test_demo_command_prints_the_accounts_with_their_secrets() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    secret = next(a.totp_secret for a in load_demo() if a.username == "jp-auditor")
    assert "jp-auditor" in out.getvalue() and secret in out.getvalue()
