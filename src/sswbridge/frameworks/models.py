"""Memoranda (frameworks), their two sides, contact points and the SSW fields."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def interface_language() -> str:
    return (get_language() or "en").split("-")[0]


def pick(translations: dict[str, str] | None, fallback: str, lang: str | None = None) -> str:
    """The text in `lang` (default: the active language) from a {language: text} map,
    else `fallback` (English)."""
    lang = lang or interface_language()
    found = (translations or {}).get(lang) or ""
    return str(found) or fallback


class LocalizedNames(models.Model):
    """Names of a record in the interface languages; English is required, others optional."""

    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ja = models.CharField(_("name (Japanese)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "en").split("-")[0]
        localized: str = getattr(self, f"name_{lang}", "") or ""
        return localized or self.name_en


def default_weekend() -> list[int]:
    return [6, 7]


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("No such time zone: %(zone)s"), params={"zone": value}) from None


def validate_weekend_days(value: Any) -> None:
    if (
        not isinstance(value, list)
        or len(value) > 6
        or not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 7 for d in value)
        or len(set(value)) != len(value)
    ):
        raise ValidationError(
            _("Give the weekend as distinct ISO weekday numbers from 1 (Monday) to 7 (Sunday).")
        )


class SideKind(models.TextChoices):
    JAPAN = "japan", _("Japan")
    PARTNER = "partner", _("Partner country")


class Side(LocalizedNames):
    """Japan, or the partner country of a framework."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=SideKind.choices)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2)
    # Its calendar and clock (issue 16, point 5); `frameworks/calendar.py` reads them. Public
    # holidays come from the `holidays` package by `country`; what it does not hold is data.
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    weekend_days = models.JSONField(
        _("weekend days (ISO weekday numbers, Monday 1 to Sunday 7)"),
        default=default_weekend,
        validators=[validate_weekend_days],
    )

    class Meta:
        verbose_name = _("side")
        verbose_name_plural = _("sides")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind="japan"),
                name="single_japan_side",
            )
        ]

    @property
    def is_japan(self) -> bool:
        return self.kind == SideKind.JAPAN


class SideClosure(models.Model):
    """A span of days a side's offices are closed that the public-holiday calendar does not
    hold: an administrative closure (`yearly`, e.g. Japan's government offices from 29 December
    to 3 January) or a one-off closure the side declares."""

    side = models.ForeignKey(
        Side, verbose_name=_("side"), on_delete=models.CASCADE, related_name="closures"
    )
    name = models.CharField(_("name"), max_length=200)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    yearly = models.BooleanField(
        _("every year"),
        default=False,
        help_text=_("The same days every year (the year of the dates is then ignored)."),
    )

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["side", "first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="closure_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.first_day}–{self.last_day})"

    def covers(self, day: dt.date) -> bool:
        if not self.yearly:
            return self.first_day <= day <= self.last_day
        first = (self.first_day.month, self.first_day.day)
        last = (self.last_day.month, self.last_day.day)
        here = (day.month, day.day)
        if self.first_day.year == self.last_day.year:
            return first <= here <= last
        return here >= first or here <= last  # across the new year


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed, not yet in force")
    IN_FORCE = "in_force", _("In force")
    TERMINATED = "terminated", _("Terminated")


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def visible_to(self, user: Any) -> FrameworkQuerySet:
        from sswbridge.core.visibility import reader_agency

        if reader_agency(user) is None:
            return self.none()
        return self.filter(pk__in=user.visible_frameworks().values("pk"))


class Framework(models.Model):
    """One Memorandum of Cooperation between Japan and one partner country."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    partner_side = models.ForeignKey(
        Side,
        verbose_name=_("partner side"),
        on_delete=models.PROTECT,
        related_name="frameworks",
        limit_choices_to={"kind": SideKind.PARTNER},
    )
    title = models.CharField(_("title"), max_length=500)
    title_ja = models.CharField(_("title (Japanese)"), max_length=500, blank=True)
    japan_signing_place = models.CharField(_("place of signature (Japan)"), max_length=100)
    japan_signing_date = models.DateField(_("date of signature (Japan)"), null=True, blank=True)
    partner_signing_place = models.CharField(_("place of signature (partner)"), max_length=100)
    partner_signing_date = models.DateField(_("date of signature (partner)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    answer_period_business_days = models.PositiveIntegerField(
        _("default answer period (business days)"), default=10
    )
    titles = models.JSONField(
        _("title in other languages"), default=dict, blank=True, help_text="{language: title}"
    )
    partner_languages = models.JSONField(
        _("partner's official languages (BCP 47)"), default=list, blank=True
    )
    partner_scripts = models.JSONField(_("partner's scripts (ISO 15924)"), default=list, blank=True)
    legal_forms = models.JSONField(
        _("partner's legal forms"),
        default=list,
        blank=True,
        help_text='[{"code": "llc", "names": {"en": "...", "ru": "..."}}]',
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.localized_title()

    def localized_title(self, lang: str | None = None) -> str:
        """The title in the reader's language: `titles`, then `title_ja`, then English."""
        lang = lang or interface_language()
        if lang == "ja" and self.title_ja:
            return self.title_ja
        return pick(self.titles, self.title, lang)

    @property
    def country(self) -> str:
        """The partner's ISO 3166-1 alpha-2 code."""
        return self.partner_side.country

    def legal_form_choices(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(code, name in the reader's language) of the partner's legal forms."""
        forms = [f for f in self.legal_forms if isinstance(f, dict) and f.get("code")]
        if not forms:
            return [("other", str(_("Other")))]
        return [
            (str(f["code"]), pick(f.get("names"), str(f["code"]), lang) or str(f["code"]))
            for f in forms
        ]

    def legal_form_label(self, code: str) -> str:
        return dict(self.legal_form_choices()).get(code, code)

    @property
    def short_title(self) -> str:
        """ "Japan–Kyrgyz Republic", in the reader's language."""
        return f"{SideKind.JAPAN.label}–{self.partner_side.name}"

    @property
    def commencement(self) -> dt.date | None:
        """Clause 10: in force from the date of the later signature."""
        if self.japan_signing_date is None or self.partner_signing_date is None:
            return None
        return max(self.japan_signing_date, self.partner_signing_date)

    def sides(self) -> list[Side]:
        return [Side.objects.get(kind=SideKind.JAPAN), self.partner_side]


class ContactPoint(models.Model):
    """The contact point a side designates for a framework (clause 2)."""

    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="contact_points",
    )
    side = models.ForeignKey(Side, verbose_name=_("side"), on_delete=models.PROTECT)
    agency = models.ForeignKey(
        "accounts.Agency", verbose_name=_("agency"), on_delete=models.PROTECT
    )
    unit = models.CharField(_("unit"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        constraints = [
            models.UniqueConstraint(fields=["framework", "side"], name="one_contact_point_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.unit}" if self.unit else str(self.agency)


class SSWField(models.Model):
    """A specified industrial field of SSW; data, not code (new fields are added by registrars)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    names = models.JSONField(
        _("name in other languages"), default=dict, blank=True, help_text="{language: name}"
    )
    ssw2_open = models.BooleanField(_("open for SSW (ii)"), default=False)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SSW field")
        verbose_name_plural = _("SSW fields")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the reader's language, else English."""
        return self.name_in(interface_language())

    def name_in(self, lang: str) -> str:
        if lang == "ja" and self.name_ja:
            return self.name_ja
        return pick(self.names, self.name_en, lang)
