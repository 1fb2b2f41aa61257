"""Business words: the words of a company name that say what it does.

Two companies that share their distinctive word ("Jibek Jolu") but not what they do
("Logistics" / "Education Center") are usually siblings of one group, not one company
under another name. `match.rate` lowers the score when each side has a business word the
other lacks, and the explanation says so. The list is generic (English, Russian, Kyrgyz,
Kazakh, Uzbek, Japanese, Vietnamese, Indonesian words of trade), compared as skeletons.
"""

from __future__ import annotations

from functools import lru_cache

from sswbridge.screening import names

_WORDS = """
agency agro agriculture airline auto bank build builders building café capital catering
center centre chemical cleaning clinic construction consult consulting design development
distribution education electric electronics energy engineering estate export farm finance
fishery food foods garment group health holding holdings hotel import industries industry
insurance invest investment it labor labour leasing logistics machinery management
manpower manufacturing marine market media medical metal mining motors oil pharma
pharmaceutical plastics print printing property realty recruitment recruiting resources
restaurant retail school security service services shipping software staffing steel
supply systems technology tech telecom textile textiles tour tours trade trading training
transport travel
агро банк групп инвест консалтинг логистик логистика маркет медикал недвижимость
плюс презент сервис строй стройка строительство тех торг торговля транс транспорт тревел
тур туризм фарм фуд холдинг энерго курулуш соода билим кызмат
kensetsu un'yu butsuryu shokuhin denki fudousan kaigo nouen suisan kougyou jinzai sangyou
shouji boueki tsuushin kikaku hoken unsou seizou
xaydiem xaydung vantai thucpham duoc
konstruksi logistik makmur farmasi perdagangan
"""
_JAPANESE = (
    "建設 運輸 物流 食品 電機 不動産 介護 農園 水産 工業 人材 産業 "
    "商事 貿易 通信 企画 保険 運送 製造"
)


@lru_cache(maxsize=1)
def skeletons() -> frozenset[str]:
    found: set[str] = set()
    for text in (*_WORDS.split(), *_JAPANESE.split()):
        found.update(names.form(text).tokens)
    return frozenset(found)


def is_business(skeleton: str) -> bool:
    return skeleton in skeletons()
