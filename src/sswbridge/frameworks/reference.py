"""Reference data that comes from the memoranda and from Japan's published rules.

Loaded by data migrations (with historical models) and so present in every database,
demo or production. Later changes are data edits, not code: registrars edit the SSW fields,
administrators add frameworks and agencies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

JAPAN_SIDE = {
    "code": "JP",
    "kind": "japan",
    "country": "JP",
    "name_en": "Japan",
    "name_ja": "日本",
    "name_ru": "Япония",
    "name_ky": "Япония",
}

KYRGYZ_SIDE = {
    "code": "KG",
    "kind": "partner",
    "country": "KG",
    "name_en": "Kyrgyz Republic",
    "name_ja": "キルギス共和国",
    "name_ru": "Кыргызская Республика",
    "name_ky": "Кыргыз Республикасы",
}

# (code, parent code, abbreviation, en, ja, ru, ky)
JAPAN_AGENCIES: list[tuple[str, str | None, str, str, str, str, str]] = [
    (
        "moj",
        None,
        "MOJ",
        "Ministry of Justice",
        "法務省",
        "Министерство юстиции Японии",
        "Япониянын Юстиция министрлиги",
    ),
    (
        "isa",
        "moj",
        "ISA",
        "Immigration Services Agency",
        "出入国在留管理庁",
        "Агентство иммиграционных услуг",
        "Иммиграциялык кызматтар агенттиги",
    ),
    (
        "mofa",
        None,
        "MOFA",
        "Ministry of Foreign Affairs",
        "外務省",
        "Министерство иностранных дел Японии",
        "Япониянын Тышкы иштер министрлиги",
    ),
    (
        "mhlw",
        None,
        "MHLW",
        "Ministry of Health, Labour and Welfare",
        "厚生労働省",
        "Министерство здравоохранения, труда и социального обеспечения",
        "Саламаттыкты сактоо, эмгек жана социалдык камсыздоо министрлиги",
    ),
    (
        "npa",
        None,
        "NPA",
        "National Police Agency",
        "警察庁",
        "Национальное полицейское агентство",
        "Улуттук полиция агенттиги",
    ),
    (
        "maff",
        None,
        "MAFF",
        "Ministry of Agriculture, Forestry and Fisheries",
        "農林水産省",
        "Министерство сельского, лесного и рыбного хозяйства",
        "Айыл, токой жана балык чарба министрлиги",
    ),
    (
        "meti",
        None,
        "METI",
        "Ministry of Economy, Trade and Industry",
        "経済産業省",
        "Министерство экономики, торговли и промышленности",
        "Экономика, соода жана өнөр жай министрлиги",
    ),
    (
        "mlit",
        None,
        "MLIT",
        "Ministry of Land, Infrastructure, Transport and Tourism",
        "国土交通省",
        "Министерство земли, инфраструктуры, транспорта и туризма",
        "Жер, инфраструктура, транспорт жана туризм министрлиги",
    ),
]

KYRGYZ_AGENCIES: list[tuple[str, str | None, str, str, str, str, str]] = [
    (
        "kg-mlssm",
        None,
        "MLSSM",
        "Ministry of Labour, Social Security and Migration of the Kyrgyz Republic",
        "キルギス共和国労働・社会保障・移民省",
        "Министерство труда, социального обеспечения и миграции Кыргызской Республики",
        "Кыргыз Республикасынын Эмгек, социалдык камсыздоо жана миграция министрлиги",
    ),
    (
        "kg-ceca",
        "kg-mlssm",
        "CECA",
        "Center for Employment of Citizens Abroad",
        "国外市民雇用センター",
        "Центр занятости граждан за рубежом",
        "Жарандарды чет өлкөдө жумуш менен камсыз кылуу борбору",
    ),
    (
        "kg-embassy-jp",
        None,
        "EMB",
        "Embassy of the Kyrgyz Republic in Japan",
        "駐日キルギス共和国大使館",
        "Посольство Кыргызской Республики в Японии",
        "Кыргыз Республикасынын Япониядагы элчилиги",
    ),
]

JP_KG_FRAMEWORK: dict[str, Any] = {
    "code": "jp-kg",
    "title": (
        "Memorandum of Cooperation between Japan and the Kyrgyz Republic on a basic framework "
        "for information partnership for proper operation of the system pertaining to foreign "
        "human resources with the status of residence of “Specified Skilled Worker”"
    ),
    "title_ja": (
        "「特定技能」に係る情報連携の基本的枠組みに関する協力覚書（日本国・キルギス共和国）"
    ),
    "japan_signing_place": "Tokyo",
    "japan_signing_date": dt.date(2023, 6, 28),
    "partner_signing_place": "Bishkek",
    "partner_signing_date": dt.date(2023, 7, 6),
    "status": "in_force",
}

JAPAN_CONTACT_POINT_UNIT = (
    "Residency Management Division, Residency Management and Support Department, "
    "Immigration Services Agency"
)
KYRGYZ_CONTACT_POINT_UNIT = (
    "The Center for Employment of Citizens abroad under the Ministry of Labour, "
    "Social Security and Migration"
)

# (code, English, Japanese, SSW (ii) open). Sixteen fields of SSW (i) since March 2024;
# SSW (ii) open in eleven: the first twelve but nursing care.
SSW_FIELDS: list[tuple[str, str, str, bool]] = [
    ("nursing-care", "Nursing care", "介護", False),
    ("building-cleaning", "Building cleaning", "ビルクリーニング", True),
    ("industrial-products", "Industrial product manufacturing", "工業製品製造業", True),
    ("construction", "Construction", "建設", True),
    ("shipbuilding", "Shipbuilding and marine industry", "造船・舶用工業", True),
    ("automobile-repair", "Automobile repair and maintenance", "自動車整備", True),
    ("aviation", "Aviation", "航空", True),
    ("accommodation", "Accommodation", "宿泊", True),
    ("agriculture", "Agriculture", "農業", True),
    ("fishery", "Fishery", "漁業", True),
    ("food-beverage-manufacturing", "Food and beverage manufacturing", "飲食料品製造業", True),
    ("food-service", "Food service", "外食業", True),
    ("automobile-transportation", "Automobile transportation", "自動車運送業", False),
    ("railway", "Railway", "鉄道", False),
    ("forestry", "Forestry", "林業", False),
    ("wood-industry", "Wood industry", "木材産業", False),
]


def load(apps: Any, schema_editor: Any = None) -> None:
    """Create the reference data if missing; never duplicates, never overwrites edits."""
    Side = apps.get_model("frameworks", "Side")
    Agency = apps.get_model("accounts", "Agency")
    Framework = apps.get_model("frameworks", "Framework")
    ContactPoint = apps.get_model("frameworks", "ContactPoint")
    SSWField = apps.get_model("frameworks", "SSWField")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")

    AuditChainHead.objects.get_or_create(pk=1)
    japan, _ = Side.objects.get_or_create(code=JAPAN_SIDE["code"], defaults=JAPAN_SIDE)
    kyrgyz, _ = Side.objects.get_or_create(code=KYRGYZ_SIDE["code"], defaults=KYRGYZ_SIDE)
    for side, rows in ((japan, JAPAN_AGENCIES), (kyrgyz, KYRGYZ_AGENCIES)):
        for code, parent, abbr, en, ja, ru, ky in rows:
            Agency.objects.get_or_create(
                code=code,
                defaults={
                    "side": side,
                    "parent": Agency.objects.filter(code=parent).first() if parent else None,
                    "abbreviation": abbr,
                    "name_en": en,
                    "name_ja": ja,
                    "name_ru": ru,
                    "name_ky": ky,
                },
            )
    framework, _ = Framework.objects.get_or_create(
        code=JP_KG_FRAMEWORK["code"], defaults={**JP_KG_FRAMEWORK, "partner_side": kyrgyz}
    )
    ContactPoint.objects.get_or_create(
        framework=framework,
        side=japan,
        defaults={"agency": Agency.objects.get(code="isa"), "unit": JAPAN_CONTACT_POINT_UNIT},
    )
    ContactPoint.objects.get_or_create(
        framework=framework,
        side=kyrgyz,
        defaults={"agency": Agency.objects.get(code="kg-ceca"), "unit": KYRGYZ_CONTACT_POINT_UNIT},
    )
    for order, (code, en, ja, ssw2) in enumerate(SSW_FIELDS, start=1):
        SSWField.objects.get_or_create(
            code=code,
            defaults={"name_en": en, "name_ja": ja, "ssw2_open": ssw2, "sort_order": order * 10},
        )
