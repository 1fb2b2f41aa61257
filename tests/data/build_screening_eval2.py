# ruff: noqa: E501, SIM905  (name tables read better one row a line)
"""Build the second screening evaluation set: other names, other errors, harder negatives.

    uv run python tests/data/build_screening_eval2.py --out-dir tests/data

Written apart from the first generator (`build_screening_eval.py`) and from
`sswbridge.screening`: it imports neither, shares no name list with them and has its own
error models. It writes two files from one fixed seed:

- `screening_eval2_dev.csv`: the development part. Thresholds, weights and the
  calibration table of the matcher are chosen on this part only.
- `screening_eval2_heldout.csv`: the held-out part, written before any tuning and only
  reported on. Its companies' distinctive words and Japanese brands do not appear in
  the development part; its people are drawn separately from the same pools.

Columns: query, candidate, label (1 the same party, 0 not), category, kind,
query_country, candidate_country.

Name pools: Kazakh, Uzbek, Tajik, Turkmen and Kyrgyz people (Cyrillic, written in Latin by
hand-made rules and in katakana as Japanese offices write foreign names), Japanese people
(kanji, kana, romaji), Vietnamese, Filipino, Indonesian and Nepali people (Latin, some in
katakana), and companies of each of these countries with their legal forms.

Error models: keyboard neighbours, OCR confusions (rn/m, cl/d, 0/o, 1/l), a dropped vowel,
a doubled letter, Latin letters that look Cyrillic mixed into a Cyrillic name, diacritics
lost, upper case, given name first or last, a middle name dropped, and the katakana
variants (ヴ/ブ, ティ/チ, long-vowel marks, middle dot, space or none, half-width).

Hard negatives: sibling companies sharing their distinctive word but not their business
word; Japanese sibling companies; the same surname with another given name; a new person
sharing only a given name.
"""

from __future__ import annotations

import argparse
import copy
import csv
import random
import unicodedata
from collections.abc import Callable
from pathlib import Path

SEED = 20260519
HELDOUT_SHARE = 0.5

# Central Asian people (Cyrillic): given names by gender, surname stems --------------------

CA_MALE = (
    "Ерлан Тимур Даулет Ержан Нуржан Асхат Бауыржан Самат Жандос Арман Дамир Ильяс Рустам "
    "Шерзод Бахтиёр Улугбек Фаррух Жасур Дилшод Сардор Отабек Бехзод Фирдавс Шухрат "
    "Сухроб Манучехр Фаридун Далер Парвиз Мерген Бегенч Довлет Нурмухаммет Батыр "
    "Акылбек Бакыт Кайрат Максат Мирбек Таалай Замир Азиз Эрмек Бекболот"
).split()
CA_FEMALE = (
    "Айгерим Динара Гульнар Жанар Сауле Меруерт Шахноза Дилноза Нигора Мадина Зулфия "
    "Феруза Малохат Нилуфар Ситора Тахмина Огулджан Майса Айнагуль Гулшат Нуриза Асель "
    "Бактыгуль Назира Жаркын Салтанат Асылзат"
).split()
CA_STEMS = (
    "Абдулла Нурпеис Сейткали Жаксылык Байжан Мамыр Ташкул Рахим Каримжан Юсуп Шарип "
    "Турсун Кудайберген Ибрай Сапар Эргеш Назар Токтар Беркин Солтон Жумабай Асан "
    "Мамбет Осмон Алым Кадыр Сатыбалды Жолдош Эшмат Курбан Давлат Хамид Файзулла"
).split()

# Japanese people and companies: (kanji, katakana, Hepburn) --------------------------------

JP_SURNAMES = [
    ("高橋", "タカハシ", "takahashi"), ("渡辺", "ワタナベ", "watanabe"),
    ("伊藤", "イトウ", "itou"), ("中村", "ナカムラ", "nakamura"),
    ("小林", "コバヤシ", "kobayashi"), ("加藤", "カトウ", "katou"),
    ("吉田", "ヨシダ", "yoshida"), ("松本", "マツモト", "matsumoto"),
    ("井上", "イノウエ", "inoue"), ("木村", "キムラ", "kimura"),
    ("清水", "シミズ", "shimizu"), ("森", "モリ", "mori"),
    ("池田", "イケダ", "ikeda"), ("橋本", "ハシモト", "hashimoto"),
    ("石川", "イシカワ", "ishikawa"), ("前田", "マエダ", "maeda"),
    ("藤田", "フジタ", "fujita"), ("岡田", "オカダ", "okada"),
    ("長谷川", "ハセガワ", "hasegawa"), ("村上", "ムラカミ", "murakami"),
]  # fmt: skip
JP_GIVEN = [
    ("健太", "ケンタ", "kenta"), ("翔", "ショウ", "shou"), ("大輔", "ダイスケ", "daisuke"),
    ("拓也", "タクヤ", "takuya"), ("直樹", "ナオキ", "naoki"), ("陽子", "ヨウコ", "youko"),
    ("美咲", "ミサキ", "misaki"), ("恵", "メグミ", "megumi"), ("裕子", "ユウコ", "yuuko"),
    ("彩", "アヤ", "aya"), ("誠", "マコト", "makoto"), ("亮", "リョウ", "ryou"),
    ("智子", "トモコ", "tomoko"), ("達也", "タツヤ", "tatsuya"), ("浩二", "コウジ", "kouji"),
]  # fmt: skip
JP_BRANDS = [
    ("さくら", "サクラ", "sakura"), ("みどり", "ミドリ", "midori"), ("ひかり", "ヒカリ", "hikari"),
    ("大和", "ヤマト", "yamato"), ("東邦", "トウホウ", "touhou"), ("北斗", "ホクト", "hokuto"),
    ("富士見", "フジミ", "fujimi"), ("旭", "アサヒ", "asahi"), ("青葉", "アオバ", "aoba"),
    ("若葉", "ワカバ", "wakaba"), ("昭和", "ショウワ", "shouwa"), ("大洋", "タイヨウ", "taiyou"),
]  # fmt: skip
JP_TRADES = [
    ("建設", "ケンセツ", "kensetsu"), ("運輸", "ウンユ", "un'yu"), ("物流", "ブツリュウ", "butsuryuu"),
    ("食品", "ショクヒン", "shokuhin"), ("電機", "デンキ", "denki"), ("不動産", "フドウサン", "fudousan"),
    ("介護", "カイゴ", "kaigo"), ("農園", "ノウエン", "nouen"), ("水産", "スイサン", "suisan"),
    ("工業", "コウギョウ", "kougyou"), ("人材", "ジンザイ", "jinzai"), ("産業", "サンギョウ", "sangyou"),
]  # fmt: skip
JP_FORMS = ["株式会社", "有限会社", "合同会社", "（株）", "(有)"]

# Latin-script people of South and Southeast Asia ----------------------------------------

VN_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
]
VN_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc"]
VN_GIVEN = [
    "Anh", "Bình", "Cường", "Dũng", "Hùng", "Hương", "Lan", "Linh", "Long", "Mai", "Nam",
    "Phương", "Quang", "Sơn", "Thảo", "Trang", "Tuấn", "Vinh", "Yến", "Khoa", "Hiếu", "Duy",
]  # fmt: skip
PH_GIVEN = [
    "Jose", "Maria", "Rodrigo", "Cristina", "Ramon", "Angelica", "Mark Anthony", "Jessa",
    "Rolando", "Marites", "Jerome", "Rowena", "Noel", "Aileen", "Ferdinand", "Lourdes",
]  # fmt: skip
PH_FAMILY = [
    "Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Villanueva",
    "Dela Cruz", "Castillo", "Aquino", "Pascual", "Manalo", "Dimaculangan", "Macaraeg",
]  # fmt: skip
ID_GIVEN = [
    "Budi", "Agus", "Dewi", "Siti", "Rudi", "Wahyu", "Putri", "Eko", "Rina", "Hendra",
    "Yusuf", "Indah", "Bambang", "Sri", "Fajar", "Ayu",
]  # fmt: skip
ID_FAMILY = [
    "Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Setiawan", "Pratama", "Nugroho",
    "Halim", "Gunawan", "Susanto", "Purnomo", "Sembiring", "Siregar",
]  # fmt: skip
NP_GIVEN = [
    "Ram", "Sita", "Bishnu", "Gita", "Hari", "Kamala", "Suman", "Anita", "Prakash",
    "Sunita", "Rajendra", "Binita", "Dipak", "Manisha", "Ramesh", "Sarita",
]  # fmt: skip
NP_MIDDLE = ["Bahadur", "Kumari", "Prasad", "Maya", "Kumar", "Devi"]
NP_FAMILY = [
    "Thapa", "Gurung", "Shrestha", "Tamang", "Magar", "Rai", "Limbu", "Sherpa", "Adhikari",
    "Karki", "Bhandari", "Poudel", "Khadka", "Basnet",
]  # fmt: skip

# Companies outside Japan: distinctive words, business words, legal forms per country --------

BRAND_WORDS = [
    "Sunrise", "Golden Bridge", "Silk Way", "Nurly Jol", "Samruk", "Tengri", "Ulug Yol",
    "Bright Star", "Kaysar", "Asia Pacific", "Mekong", "Lotus", "Everest", "Himalaya",
    "Garuda", "Nusantara", "Bayanihan", "Maharlika", "Kalinga", "Sagarmatha", "Annapurna",
    "Saigon Star", "Hong Phat", "Thanh Cong", "Orient Pearl", "Blue Lagoon", "Phoenix",
    "Altyn Tau", "Ak Bulak", "Jibek Jolu", "Kazyna", "Baiterek", "Navruz", "Somon",
]  # fmt: skip
BUSINESS_WORDS = [
    "Manpower", "Recruitment", "Staffing", "Logistics", "Construction", "Agro", "Foods",
    "Textile", "Consulting", "Education Center", "Travel", "Motors", "Pharma", "Energy",
    "Security Services", "Cleaning", "Catering", "Shipping", "Holdings", "Training Institute",
]  # fmt: skip
COUNTRY_FORMS = {
    "KZ": ["ТОО", "АО", "LLP", "ИП"],
    "UZ": ["ООО", "МЧЖ", "LLC", "АЖ"],
    "TJ": ["ООО", "ҶДММ", "LLC"],
    "KG": ["ОсОО", "LLC", "ЗАО"],
    "VN": ["Công ty TNHH", "Công ty Cổ phần", "Co., Ltd.", "JSC"],
    "PH": ["Inc.", "Corporation", "Corp.", "Co."],
    "ID": ["PT", "CV", "Tbk"],
    "NP": ["Pvt. Ltd.", "Private Limited", "Pvt Ltd"],
}
CYRILLIC_COUNTRIES = {"KZ", "UZ", "TJ", "KG"}

# Transliteration, written here from the letter tables (no shared code) ------------------------

_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a",
    "ғ": "g", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ҷ": "j", "ӣ": "i", "ӯ": "u", "ҳ": "h",
}  # fmt: skip
# Uzbek Latin (2016 official) and a loose Turkmen-like spelling: other conventions again.
_UZ = {**_LAT, "ж": "j", "х": "x", "ч": "ch", "ш": "sh", "ц": "s", "й": "y", "ё": "yo", "ў": "o'"}
_FR = {**_LAT, "ж": "j", "ш": "ch", "ч": "tch", "у": "ou", "х": "kh"}  # French-style, old papers


def romanize(text: str, table: dict[str, str]) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        latin = table.get(low, ch)
        out.append(latin.capitalize() if ch != low and latin else latin)
    return "".join(out)


# Katakana as Japanese offices write foreign names: each consonant takes the vowel after it,
# or a support vowel (u; o after t and d) when none follows.
_KANA_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サシスセソ", "z": "ザジズゼゾ",
    "t": "タティトゥテト", "d": "ダディドゥデド", "n": "ナニヌネノ", "h": "ハヒフヘホ",
    "f": "ファフィフフェフォ", "b": "バビブベボ", "p": "パピプペポ", "m": "マミムメモ",
    "y": "ヤイユエヨ", "r": "ラリルレロ", "v": "ヴァヴィヴヴェヴォ", "sh": "シャシシュシェショ",
    "ch": "チャチチュチェチョ", "j": "ジャジジュジェジョ", "ts": "ツァツィツツェツォ",
}  # fmt: skip
_DIGRAPH_ROWS = {"t", "d", "f", "v", "sh", "ch", "j", "ts"}
_SUPPORT = {
    "k": "ク", "g": "グ", "s": "ス", "z": "ズ", "t": "ト", "d": "ド", "n": "ン", "h": "フ",
    "f": "フ", "b": "ブ", "p": "プ", "m": "ム", "r": "ル", "v": "ヴ", "sh": "シュ",
    "ch": "チ", "j": "ジ", "ts": "ツ", "y": "イ",
}  # fmt: skip
_PHONE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "r", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ы": "i", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "k",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "yu", "һ": "h", "і": "i", "ҷ": "j", "ӣ": "i", "ӯ": "u",
    "ҳ": "h", "ў": "u", "ъ": "", "ь": "",
}  # fmt: skip
_VOWEL_AT = {"a": 0, "i": 1, "u": 2, "e": 3, "o": 4}


def _syllable(consonant: str, vowel: str) -> str:
    row = _KANA_ROWS.get(consonant, _KANA_ROWS[""])
    if consonant in _DIGRAPH_ROWS:
        cells = {
            "t": ["タ", "ティ", "トゥ", "テ", "ト"], "d": ["ダ", "ディ", "ドゥ", "デ", "ド"],
            "f": ["ファ", "フィ", "フ", "フェ", "フォ"], "v": ["ヴァ", "ヴィ", "ヴ", "ヴェ", "ヴォ"],
            "sh": ["シャ", "シ", "シュ", "シェ", "ショ"], "ch": ["チャ", "チ", "チュ", "チェ", "チョ"],
            "j": ["ジャ", "ジ", "ジュ", "ジェ", "ジョ"], "ts": ["ツァ", "ツィ", "ツ", "ツェ", "ツォ"],
        }[consonant]  # fmt: skip
        return cells[_VOWEL_AT[vowel]]
    return row[_VOWEL_AT[vowel]]


def _phones(word: str) -> list[str]:
    """A Cyrillic word (or a Latin one, read as it is spelt) as a list of sounds."""
    low = word.lower()
    if not any("\u0400" <= ch <= "\u04ff" for ch in low):
        for latin, cyr in (("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("th", "т"), ("ph", "ф"),
                           ("ng", "нг"), ("j", "ж"), ("y", "й"), ("c", "к"), ("q", "к"),
                           ("x", "кс"), ("w", "в")):  # fmt: skip
            low = low.replace(latin, cyr)
        low = "".join(
            {"a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
             "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
             "t": "т", "u": "у", "v": "в", "z": "з"}.get(ch, ch)
            for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch)
        )  # fmt: skip
    sounds: list[str] = []
    for ch in low:
        sounds.append(_PHONE.get(ch, ""))
    return [s for s in sounds if s]


def katakana(word: str, rng: random.Random) -> str:
    """One word in katakana as a Japanese office writes a foreign name."""
    sounds = _phones(word)
    out: list[str] = []
    i = 0
    while i < len(sounds):
        sound = sounds[i]
        nxt = sounds[i + 1] if i + 1 < len(sounds) else ""
        if sound[0] in "aiueo" or sound in ("ya", "yu", "yo"):
            if sound in ("ya", "yu", "yo"):
                out.append({"ya": "ヤ", "yu": "ユ", "yo": "ヨ"}[sound])
            else:
                out.append(_syllable("", sound))
            i += 1
            continue
        if sound == "y":  # й after a vowel
            out.append("イ")
            i += 1
            continue
        vowel = nxt if nxt and nxt[0] in "aiueo" and len(nxt) == 1 else ""
        glide = nxt if nxt in ("ya", "yu", "yo") else ""
        if sound == "n" and not vowel and not glide:
            out.append("ン")
            i += 1
            continue
        if sound == "v" and not vowel and i == len(sounds) - 1:
            out.append("フ")  # -ов, -ев: オフ, エフ
            i += 1
            continue
        if glide and sound in ("k", "g", "n", "h", "b", "p", "m", "r"):
            small = {"ya": "ャ", "yu": "ュ", "yo": "ョ"}[glide]
            out.append(_syllable(sound, "i") + small)
            i += 2
            continue
        if vowel:
            out.append(_syllable(sound, vowel))
            i += 2
            continue
        out.append(_SUPPORT.get(sound, ""))
        i += 1
    text = "".join(out)
    if sound_long := (rng.random() < 0.3 and len(out) > 2):
        at = rng.randrange(1, len(out))
        text = "".join(out[:at]) + "ー" + "".join(out[at:])
    del sound_long
    return text


def katakana_name(name: str, rng: random.Random, sep: str | None = None) -> str:
    words = [katakana(w, rng) for w in name.replace("-", " ").split()]
    return (sep if sep is not None else rng.choice(["・", "・", " ", "＝"])).join(words)


# Error models --------------------------------------------------------------------------------

_KEYBOARD = {
    "a": "qs", "s": "ad", "d": "sf", "e": "wr", "r": "et", "t": "ry", "y": "tu", "u": "yi",
    "i": "uo", "o": "ip", "n": "bm", "m": "n", "k": "jl", "l": "k", "b": "vn", "g": "fh",
    "а": "вп", "е": "кн", "о": "лр", "н": "ег", "т": "еь", "р": "ко", "и": "мт", "л": "дк",
}  # fmt: skip
_OCR = [("rn", "m"), ("m", "rn"), ("cl", "d"), ("o", "0"), ("l", "1"), ("i", "l"), ("е", "ё")]
_HOMOGLYPH = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k"}


def keyboard(text: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(text) if ch.lower() in _KEYBOARD and i > 0]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + rng.choice(_KEYBOARD[text[i].lower()]) + text[i + 1 :]


def ocr(text: str, rng: random.Random) -> str:
    options = [(a, b) for a, b in _OCR if a in text[1:]]
    if not options:
        return keyboard(text, rng)
    a, b = rng.choice(options)
    at = text.index(a, 1)
    return text[:at] + b + text[at + len(a) :]


def drop_vowel(text: str, rng: random.Random) -> str:
    spots = [
        i for i, ch in enumerate(text) if ch.lower() in "aeiouаеиоуыэ" and 0 < i < len(text) - 1
    ]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + text[i + 1 :]


def double_letter(text: str, rng: random.Random) -> str:
    spots = [i for i, ch in enumerate(text) if ch.isalpha()]
    i = rng.choice(spots)
    return text[: i + 1] + text[i] + text[i + 1 :]


def homoglyphs(text: str, rng: random.Random) -> str:
    chars = list(text)
    spots = [i for i, ch in enumerate(chars) if ch in _HOMOGLYPH]
    for i in rng.sample(spots, k=min(len(spots), 2)):
        chars[i] = _HOMOGLYPH[chars[i]]
    return "".join(chars)


def no_marks(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def kana_variant(text: str, rng: random.Random) -> str:
    """Another way of writing the same katakana: ヴ/ブ, ティ/チ, long marks, separators,
    half-width."""
    choice = rng.randrange(5)
    if choice == 0 and ("ヴ" in text or "バ" in text or "ビ" in text or "ブ" in text):
        for v, b in (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ")):
            text = text.replace(v, b) if "ヴ" in text else text.replace(b, v, 1)
        return text
    if choice == 1 and ("ティ" in text or "チ" in text):
        return text.replace("ティ", "チ") if "ティ" in text else text.replace("チ", "ティ", 1)
    if choice == 2:
        return text.replace("ー", "") if "ー" in text else text[:2] + "ー" + text[2:]
    if choice == 3:
        return text.replace("・", rng.choice(["", " ", "･"])).replace(" ", rng.choice(["", "・"]))
    return unicodedata.normalize("NFKC", text).translate(_HALF)


_FULL = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー・"
_HALFW = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ･"
_HALF = str.maketrans(_FULL, _HALFW)


# People --------------------------------------------------------------------------------------


class Person:
    """One person of one country, with the ways their name is written."""

    def __init__(self, rng: random.Random, country: str) -> None:
        self.country = country
        self.female = rng.random() < 0.4
        if country in CYRILLIC_COUNTRIES:
            self.given = rng.choice(CA_FEMALE if self.female else CA_MALE)
            stem = rng.choice(CA_STEMS)
            suffix = "ев" if stem[-1] in "айеёиоуыэюя" else "ов"
            self.surname = stem + suffix + ("а" if self.female else "")
            self.middle = ""
            if rng.random() < 0.3:  # a patronymic, as Russian-style papers add it
                father = rng.choice(CA_MALE)
                end = "евна" if self.female else "евич"
                if father[-1] not in "йьаяиу":
                    end = "овна" if self.female else "ович"
                self.middle = father.rstrip("йь") + end
        elif country == "JP":
            self.jp_family = rng.choice(JP_SURNAMES)
            self.jp_given = rng.choice(JP_GIVEN)
            self.given, self.surname, self.middle = self.jp_given[2], self.jp_family[2], ""
        elif country == "VN":
            self.surname = rng.choice(VN_FAMILY)
            self.middle = rng.choice(VN_MIDDLE)
            self.given = rng.choice(VN_GIVEN)
        elif country == "PH":
            self.given, self.surname = rng.choice(PH_GIVEN), rng.choice(PH_FAMILY)
            self.middle = rng.choice(PH_FAMILY)
        elif country == "ID":
            self.given, self.surname, self.middle = rng.choice(ID_GIVEN), rng.choice(ID_FAMILY), ""
        else:
            self.given, self.surname = rng.choice(NP_GIVEN), rng.choice(NP_FAMILY)
            self.middle = rng.choice(NP_MIDDLE)

    def written(self) -> str:
        """The name as its own papers write it."""
        if self.country == "JP":
            return self.jp_family[0] + " " + self.jp_given[0]
        if self.country == "VN":
            return f"{self.surname} {self.middle} {self.given}"
        if self.country in CYRILLIC_COUNTRIES:
            return f"{self.surname} {self.given} {self.middle}".strip()
        if self.middle:
            return f"{self.given} {self.middle} {self.surname}"
        return f"{self.given} {self.surname}"

    def latin(self, rng: random.Random) -> str:
        if self.country == "JP":
            return rng.choice([
                f"{self.surname.replace(chr(39), '').capitalize()} {self.given.capitalize()}",
                f"{self.given.upper()} {self.surname.upper()}",
            ])  # fmt: skip
        if self.country in CYRILLIC_COUNTRIES:
            table = rng.choice([_LAT, _UZ, _FR]) if self.country != "UZ" else _UZ
            name = romanize(self.written(), table)
            if rng.random() < 0.5:
                surname, given = name.split(" ", 1)
                name = f"{given} {surname}"
            return name
        return self.written()


def person_pairs(rng: random.Random, p: Person, world: list[Person]) -> list[Row]:
    rows: list[Row] = []
    c = p.country
    base = p.written()

    def add(query: str, candidate: str, label: int, category: str, country: str = c) -> None:
        rows.append((query, candidate, label, category, "person", c, country))

    if c in CYRILLIC_COUNTRIES:
        add(katakana_name(base, rng), base, 1, "katakana_of_cyrillic")
        add(p.latin(rng), katakana_name(base, rng), 1, "katakana_of_latin")
        add(kana_variant(katakana_name(base, rng), rng), base, 1, "katakana_variant")
        add(base, p.latin(rng), 1, "cyrillic_latin")
        add(homoglyphs(base, rng), p.latin(rng), 1, "homoglyph")
        add(ocr(p.latin(rng), rng), base, 1, "ocr_error")
    elif c == "JP":
        kana = p.jp_family[1] + rng.choice(["", " ", "・"]) + p.jp_given[1]
        add(base, p.latin(rng), 1, "japanese_person_romaji")
        add(kana_variant(kana, rng), p.latin(rng), 1, "japanese_person_kana")
    else:
        latin = no_marks(base) if c == "VN" else base
        add(base, latin.upper(), 1, "diacritics_case")
        if p.middle:
            add(base, f"{p.given} {p.surname}", 1, "middle_name_dropped")
        words = latin.split()
        add(" ".join(words[::-1]), base, 1, "order_reversed")
        if c in ("PH", "ID", "NP"):
            add(katakana_name(f"{p.given} {p.surname}", rng), f"{p.given} {p.surname}", 1,
                "katakana_of_latin")  # fmt: skip
    add(keyboard(p.latin(rng), rng), base, 1, "keyboard_typo")
    add(double_letter(drop_vowel(p.latin(rng), rng), rng), base, 1, "two_errors")

    # Hard negatives: a brother or sister (same surname, and the same patronymic or middle
    # name where there is one, another given name); someone else sharing the given name.
    sibling = copy.copy(p)
    if c == "JP":
        sibling.jp_given = rng.choice([g for g in JP_GIVEN if g != p.jp_given])
        sibling.given = sibling.jp_given[2]
    else:
        pool = {
            "VN": VN_GIVEN, "PH": PH_GIVEN, "ID": ID_GIVEN, "NP": NP_GIVEN,
        }.get(c, CA_FEMALE if p.female else CA_MALE)  # fmt: skip
        sibling.given = rng.choice([g for g in pool if g != p.given])
    add(
        sibling.latin(rng) if rng.random() < 0.5 else sibling.written(), base, 0, "neg_same_surname"
    )
    for other in world:
        if other is p or other.country != c:
            continue
        if other.given == p.given and other.surname != p.surname:
            add(other.written() if rng.random() < 0.5 else other.latin(rng), base, 0,
                "neg_same_given_name")  # fmt: skip
            break
    return rows


# Companies -----------------------------------------------------------------------------------


def company_text(brand: str, business: str, country: str, form: str) -> str:
    if country in CYRILLIC_COUNTRIES and rng_flag(brand):
        return f"{form} «{brand} {business}»"
    if country == "VN" and form.startswith("Công"):
        return f"{form} {brand} {business}"
    if country == "ID" and form in ("PT", "CV"):
        return f"{form} {brand} {business}"
    return f"{brand} {business} {form}"


def rng_flag(text: str) -> bool:
    return sum(map(ord, text)) % 2 == 0


TAILS = ["Group", "International", "Service", "Holding", "Trade", "Plus", "Asia"]


def company_pairs(rng: random.Random, brand: str, country: str) -> list[Row]:
    rows: list[Row] = []
    business, other_business = rng.sample(BUSINESS_WORDS, 2)
    if rng.random() < 0.4:  # siblings often share a tail word too: "... Group"
        tail = rng.choice(TAILS)
        business, other_business = f"{business} {tail}", f"{other_business} {tail}"
    forms = COUNTRY_FORMS[country]
    form = rng.choice(forms)
    name = company_text(brand, business, country, form)

    def add(query: str, candidate: str, label: int, category: str, country2: str = country) -> None:
        rows.append((query, candidate, label, category, "organization", country, country2))

    other_form = rng.choice([f for f in forms if f != form] or forms)
    add(company_text(brand, business, country, other_form), name, 1, "org_legal_form_changed")
    add(no_marks(name).upper(), name, 1, "org_case_marks")
    add(keyboard(f"{brand} {business}", rng), name, 1, "org_typo")
    add(f"{brand.replace(' ', '')} {business}", name, 1, "org_spacing")
    # Sibling: the same distinctive word, another business, same country and often same form.
    sibling_form = form if rng.random() < 0.6 else other_form
    add(company_text(brand, other_business, country, sibling_form), name, 0, "neg_sibling_company")
    return rows


def jp_company_pairs(rng: random.Random, brand: tuple[str, str, str]) -> list[Row]:
    rows: list[Row] = []
    trade, other_trade = rng.sample(JP_TRADES, 2)
    form = rng.choice(JP_FORMS)
    kanji = form + brand[0] + trade[0] if rng.random() < 0.5 else brand[0] + trade[0] + form

    def add(query: str, candidate: str, label: int, category: str) -> None:
        rows.append((query, candidate, label, category, "organization", "JP", "JP"))

    romaji = f"{brand[2].capitalize()} {trade[2].replace(chr(39), '').capitalize()}"
    add(romaji + rng.choice([" Co., Ltd.", " K.K.", " Inc.", ""]), kanji, 1, "jp_company_romaji")
    add(kana_variant(brand[1] + trade[1], rng), kanji, 1, "jp_company_kana")
    add(brand[0] + trade[0] + rng.choice(JP_FORMS), kanji, 1, "jp_company_form")
    sibling = (
        (form + brand[0] + other_trade[0])
        if rng.random() < 0.5
        else (brand[0] + other_trade[0] + form)
    )
    add(sibling, kanji, 0, "neg_jp_sibling_company")
    add(f"{brand[2].capitalize()} {other_trade[2].replace(chr(39), '').capitalize()} Co., Ltd.",
        kanji, 0, "neg_jp_sibling_company")  # fmt: skip
    add(brand[1] + other_trade[0] + form, kanji, 0, "neg_jp_sibling_company")
    return rows


# The two parts ------------------------------------------------------------------------------

Row = tuple[str, str, int, str, str, str, str]
COUNTRIES = ["KZ", "UZ", "TJ", "KG", "JP", "VN", "PH", "ID", "NP"]


def build_part(rng: random.Random, people: int, brands: list[str], jp_brands: list) -> list[Row]:
    world = [Person(rng, rng.choice(COUNTRIES)) for _ in range(people)]
    rows: list[Row] = []
    for p in world:
        rows.extend(person_pairs(rng, p, world))
    for brand in brands:
        for country in rng.sample(sorted(COUNTRY_FORMS), 4):
            rows.extend(company_pairs(rng, brand, country))
            rows.extend(company_pairs(rng, brand, country))
    for brand in jp_brands:
        for _ in range(10):
            rows.extend(jp_company_pairs(rng, brand))
    return rows


def build(seed: int = SEED) -> tuple[list[Row], list[Row]]:
    """(development, held-out): brands are split between the parts, people are drawn apart."""
    rng = random.Random(seed)
    brands = BRAND_WORDS[:]
    rng.shuffle(brands)
    jp = JP_BRANDS[:]
    rng.shuffle(jp)
    cut, jp_cut = int(len(brands) * HELDOUT_SHARE), int(len(jp) * HELDOUT_SHARE)
    heldout = build_part(random.Random(seed + 1), 700, brands[:cut], jp[:jp_cut])
    development = build_part(random.Random(seed + 2), 700, brands[cut:], jp[jp_cut:])
    return development, heldout


Writer = Callable[[Path, list[Row]], None]


def write(path: Path, rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "query",
                "candidate",
                "label",
                "category",
                "kind",
                "query_country",
                "candidate_country",
            ]
        )
        out.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    development, heldout = build(args.seed)
    write(args.out_dir / "screening_eval2_heldout.csv", heldout)
    write(args.out_dir / "screening_eval2_dev.csv", development)
    print(f"development {len(development)} rows, held-out {len(heldout)} rows")


if __name__ == "__main__":
    main()
