"""Realistic lists in Japan's layouts, for the demo, the tests and the benchmark.

`make_rows(n)` gives n organizations (as the values of `columns.FIELD_NAMES`);
`write_list(path, rows, edition=...)` writes them as Japan publishes them: a title and a
date above the header row, then one row per organization.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HEADERS = {
    "ja": (
        "登録番号", "登録年月日", "氏名又は名称", "郵便番号", "住所", "電話番号", "代表者氏名",
        "支援業務を行う事務所の名称", "事務所の郵便番号", "事務所の所在地", "支援業務の内容",
        "支援業務の開始予定年月日", "対応可能言語", "備考",
    ),
    "en": (
        "Registration number", "Registration date", "Name", "Postal code", "Address",
        "Telephone number", "Representative", "Name of support office",
        "Postal code of support office", "Address of support office", "Details of support",
        "Scheduled date to start support", "Languages supported", "Notes",
    ),
}  # fmt: skip
TITLES = {
    "ja": ("登録支援機関登録簿", "出入国在留管理庁"),
    "en": ("List of Registered Support Organizations", "Immigration Services Agency of Japan"),
}
PREFECTURES = (
    ("Tokyo", "Shinjuku-ku"), ("Osaka", "Kita-ku"), ("Aichi", "Nagoya-shi Naka-ku"),
    ("Fukuoka", "Hakata-ku"), ("Hokkaido", "Sapporo-shi Chuo-ku"), ("Hiroshima", "Naka-ku"),
    ("Miyagi", "Sendai-shi Aoba-ku"), ("Kanagawa", "Yokohama-shi Nishi-ku"),
)  # fmt: skip
FORMS = ("Co., Ltd.", "K.K.", "G.K.", "Cooperative Association", "Gyoseishoshi Office")
WORDS = (
    "Sakura", "Fuji", "Global", "Bridge", "Asia", "Human", "Support", "Career", "Mirai",
    "Hikari", "Kizuna", "Partner", "Link", "Nippon", "Yamato", "Aozora", "Green", "Smile",
)  # fmt: skip
LANGUAGES = ("English", "Vietnamese", "Chinese", "Indonesian", "Tagalog", "Nepali", "Burmese",
             "Khmer", "Thai", "Mongolian", "Kyrgyz", "Russian", "Uzbek")  # fmt: skip
DETAILS = (
    "Pre-entry guidance; airport pick-up and drop-off; housing support; orientation on life "
    "in Japan; Japanese-language learning opportunities; consultation and complaints; "
    "exchanges with Japanese people; job change support; regular interviews"
)


def make_rows(count: int, *, seed: int = 2026) -> list[dict[str, Any]]:
    rnd = random.Random(seed)  # noqa: S311 - sample data, not secrets
    rows = []
    for n in range(1, count + 1):
        year = 19 + (n * 7) // max(count, 1)
        prefecture, ward = rnd.choice(PREFECTURES)
        name = f"{rnd.choice(WORDS)} {rnd.choice(WORDS)} {rnd.choice(FORMS)}"
        registered = dt.date(2000 + year, 1, 1) + dt.timedelta(days=rnd.randrange(360))
        office = rnd.random() < 0.3
        rows.append(
            {
                "registration_number": f"{year:02d}登-{n:06d}",
                "registration_date": registered,
                "name": name,
                "postal_code": f"{rnd.randrange(100, 999)}-{rnd.randrange(10000):04d}",
                "address": f"{rnd.randrange(1, 9)}-{rnd.randrange(1, 30)}-{rnd.randrange(1, 20)} "
                f"{ward}, {prefecture}",
                "telephone": f"0{rnd.randrange(3, 99)}-{rnd.randrange(1000, 9999)}-"
                f"{rnd.randrange(1000, 9999)}",
                "representative": f"{rnd.choice(WORDS)} Taro",
                "office_name": f"{name} {ward} Office" if office else "",
                "office_postal_code": f"{rnd.randrange(100, 999)}-{rnd.randrange(10000):04d}"
                if office
                else "",
                "office_address": f"{rnd.randrange(1, 9)}-{rnd.randrange(1, 30)} "
                f"{ward}, {prefecture}"
                if office
                else "",
                "support_details": DETAILS,
                "support_start_date": registered + dt.timedelta(days=rnd.randrange(10, 90)),
                "languages": ", ".join(sorted(rnd.sample(LANGUAGES, rnd.randrange(1, 5)))),
                "notes": "",
            }
        )
    return rows


def write_list(
    path: Path,
    rows: list[dict[str, Any]],
    *,
    edition: str = "en",
    title_rows: bool = True,
    headers: tuple[str, ...] | None = None,
) -> Path:
    """Write `rows` as Japan's list, as Excel saves it (with the sheet's dimensions)."""
    from sswbridge.support.columns import FIELD_NAMES

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "List"
    if title_rows:
        title, agency = TITLES[edition]
        sheet.append([title])
        sheet.append([agency, None, None, "2026-04-01"])
        sheet.append([])
    sheet.append(list(headers or HEADERS[edition]))
    current = sheet.max_row
    for row in rows:
        values = [row.get(key) for key in FIELD_NAMES]
        sheet.append(values)
        current += 1
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                # text that looks like a formula stays text
                sheet.cell(row=current, column=column).data_type = "s"
    workbook.save(path)
    return path
