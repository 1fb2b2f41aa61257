"""The names of a sending organization in its partner's languages and scripts (issue 16).

A name is {value, script, language}; the script is guessed from the letters when not given.
The deprecated `name_ky` and `name_ru` of the API and the federation's older notices set the
first name of that language (an empty value removes it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sswbridge.core.cleaning import clean_choice, clean_text
from sswbridge.core.scripts import LANGUAGE_TAG, Script, guess_script

NAME_MAX = 300
NAMES_MAX = 20
LEGACY = {"name_ky": "ky", "name_ru": "ru"}


def clean_name(name: Mapping[str, Any]) -> dict[str, str]:
    value = clean_text("names", name.get("value"), limit=NAME_MAX, line=True)
    script = clean_choice("names", name.get("script") or guess_script(value), Script.values)
    language = str(name.get("language") or "").strip()
    if language and (len(language) > 16 or not LANGUAGE_TAG.match(language)):
        raise ValidationError({"names": [str(_("Give a language tag such as ky, ru or ja."))]})
    return {"value": value, "script": script, "language": language}


def clean_names(
    names: Iterable[Mapping[str, Any]] | None,
    legacy: Mapping[str, Any],
    current: list[dict[str, str]],
) -> list[dict[str, str]]:
    """The organization's names: `names` when given (else `current`), then the deprecated
    per-language values applied over them."""
    if names is None:
        result = [dict(n) for n in current]
    else:
        if isinstance(names, (str, bytes, Mapping)):
            raise ValidationError({"names": [str(_("Give a list of names."))]})
        result = [clean_name(n) for n in names]
    for key, language in LEGACY.items():
        value = legacy.get(key)
        if value is None:
            continue
        value = clean_text(key, value, limit=NAME_MAX, required=False, line=True)
        at = next((i for i, n in enumerate(result) if n["language"] == language), None)
        if not value:
            if at is not None:
                del result[at]
        elif at is None:
            result.append({"value": value, "script": guess_script(value), "language": language})
        else:
            result[at] = {"value": value, "script": guess_script(value), "language": language}
    if len(result) > NAMES_MAX:
        raise ValidationError({"names": [str(_("Too many names."))]})
    seen: set[tuple[str, str]] = set()
    unique = []
    for n in result:
        if (n["value"], n["language"]) not in seen:
            seen.add((n["value"], n["language"]))
            unique.append(n)
    return unique


def names_of(org: Any) -> list[dict[str, str]]:
    return [{"value": n.value, "script": n.script, "language": n.language} for n in org.names.all()]


def set_names(org: Any, names: list[dict[str, str]]) -> None:
    """Replace the organization's names (in the caller's transaction)."""
    from sswbridge.sending.models import SendingOrganizationName

    if names_of(org) == names:
        return
    org.names.all().delete()
    SendingOrganizationName.objects.bulk_create(
        SendingOrganizationName(organization=org, sort_order=i, **n) for i, n in enumerate(names)
    )
    if hasattr(org, "_prefetched_objects_cache"):
        org._prefetched_objects_cache.pop("names", None)
