"""Partner-shaped reference data (issue 16, point 2): the SSW fields' and the memoranda's
names in every interface language, and each partner's languages, scripts and legal forms.

Filled by a data migration for what exists then (the SSW fields, jp-kg); the demo uses
`declare` for the partners it adds. Later changes are data edits."""

from __future__ import annotations

from typing import Any

# code -> {language: name}; English and Japanese are the fields' own columns.
SSW_FIELD_NAMES: dict[str, dict[str, str]] = {
    "nursing-care": {
        "ru": "Уход за пожилыми людьми и людьми с инвалидностью",
        "ky": "Улгайган жана мүмкүнчүлүгү чектелген адамдарды багуу",
    },
    "building-cleaning": {"ru": "Уборка зданий", "ky": "Имараттарды тазалоо"},
    "industrial-products": {
        "ru": "Производство промышленной продукции",
        "ky": "Өнөр жай продукциясын өндүрүү",
    },
    "construction": {"ru": "Строительство", "ky": "Курулуш"},
    "shipbuilding": {
        "ru": "Судостроение и судовое машиностроение",
        "ky": "Кеме куруу жана кеме машиналарын куруу",
    },
    "automobile-repair": {
        "ru": "Ремонт и техническое обслуживание автомобилей",
        "ky": "Автоунааларды оңдоо жана техникалык тейлөө",
    },
    "aviation": {"ru": "Авиация", "ky": "Авиация"},
    "accommodation": {"ru": "Гостиничное дело", "ky": "Мейманкана иши"},
    "agriculture": {"ru": "Сельское хозяйство", "ky": "Айыл чарбасы"},
    "fishery": {"ru": "Рыболовство и аквакультура", "ky": "Балык уулоо жана аквакультура"},
    "food-beverage-manufacturing": {
        "ru": "Производство продуктов питания и напитков",
        "ky": "Азык-түлүк жана суусундуктарды өндүрүү",
    },
    "food-service": {"ru": "Общественное питание", "ky": "Коомдук тамактануу"},
    "automobile-transportation": {
        "ru": "Автомобильные перевозки",
        "ky": "Автоунаа менен жүк жана жүргүнчү ташуу",
    },
    "railway": {"ru": "Железнодорожный транспорт", "ky": "Темир жол транспорту"},
    "forestry": {"ru": "Лесное хозяйство", "ky": "Токой чарбасы"},
    "wood-industry": {
        "ru": "Деревообрабатывающая промышленность",
        "ky": "Жыгач иштетүү өнөр жайы",
    },
}

_TITLE_RU = (
    "Меморандум о сотрудничестве между Японией и {partner_ru} об основных рамках "
    "информационного партнёрства для надлежащего функционирования системы в отношении "
    "иностранных кадров со статусом пребывания «Особо квалифицированный работник»"
)
_TITLE_KY = (
    "Япония менен {partner_ky} ортосундагы «Атайын квалификациялуу кызматкер» жашоо "
    "статусундагы чет элдик кадрларга тиешелүү тутумдун туура иштеши үчүн маалымат "
    "өнөктөштүгүнүн негизги алкагы жөнүндө кызматташтык меморандуму"
)

KG_LEGAL_FORMS: list[dict[str, Any]] = [
    {
        "code": "llc",
        "names": {
            "en": "Limited liability company",
            "ru": "Общество с ограниченной ответственностью (ОсОО)",
            "ky": "Жоопкерчилиги чектелген коом (ЖЧК)",
            "ja": "有限責任会社",
        },
    },
    {
        "code": "joint_stock",
        "names": {
            "en": "Joint-stock company",
            "ru": "Акционерное общество (АО)",
            "ky": "Акционердик коом (АК)",
            "ja": "株式会社",
        },
    },
    {
        "code": "individual",
        "names": {
            "en": "Individual entrepreneur",
            "ru": "Индивидуальный предприниматель (ИП)",
            "ky": "Жеке ишкер (ЖИ)",
            "ja": "個人事業主",
        },
    },
    {"code": "other", "names": {"en": "Other", "ru": "Другое", "ky": "Башка", "ja": "その他"}},
]

# framework code -> what it declares of its partner
PARTNERS: dict[str, dict[str, Any]] = {
    "jp-kg": {
        "partner_languages": ["ky", "ru"],
        "partner_scripts": ["Cyrl"],
        "legal_forms": KG_LEGAL_FORMS,
        "titles": {
            "ru": _TITLE_RU.format(partner_ru="Кыргызской Республикой"),
            "ky": _TITLE_KY.format(partner_ky="Кыргыз Республикасынын"),
        },
    },
    "jp-uz": {
        "partner_languages": ["uz", "ru"],
        "partner_scripts": ["Latn", "Cyrl"],
        "legal_forms": [
            {
                "code": "llc",
                "names": {
                    "en": "Limited liability company",
                    "ru": "Общество с ограниченной ответственностью (ООО)",
                    "uz": "Mas’uliyati cheklangan jamiyat (MChJ)",
                },
            },
            {
                "code": "joint_stock",
                "names": {
                    "en": "Joint-stock company",
                    "ru": "Акционерное общество (АО)",
                    "uz": "Aksiyadorlik jamiyati (AJ)",
                },
            },
            {"code": "other", "names": {"en": "Other", "ru": "Другое", "uz": "Boshqa"}},
        ],
        "titles": {
            "ru": _TITLE_RU.format(partner_ru="Республикой Узбекистан"),
            "ky": _TITLE_KY.format(partner_ky="Өзбекстан Республикасынын"),
        },
    },
}


def declare(framework: Any) -> None:
    """Fill a framework's partner data from PARTNERS, keeping what is set already."""
    data = PARTNERS.get(framework.code)
    if not data:
        return
    changed = []
    for name, value in data.items():
        if not getattr(framework, name):
            setattr(framework, name, value)
            changed.append(name)
    if changed:
        framework.save(update_fields=changed)


def fill(apps: Any, schema_editor: Any = None) -> None:
    """Data migration: SSW field names in ru/ky, partner data of the frameworks present."""
    SSWField = apps.get_model("frameworks", "SSWField")
    Framework = apps.get_model("frameworks", "Framework")
    for field in SSWField.objects.all():
        names = {**SSW_FIELD_NAMES.get(field.code, {}), **(field.names or {})}
        if names != field.names:
            field.names = names
            field.save(update_fields=["names"])
    for framework in Framework.objects.filter(code__in=list(PARTNERS)):
        declare(framework)
