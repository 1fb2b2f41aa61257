"""PDFs of the disclosure app (fpdf2), in any of the framework's scripts.

Text is set in Noto Sans (Latin and Cyrillic, with Kyrgyz ң ө ү), falling back glyph by glyph
to Noto Sans CJK JP; both are committed as gzip'd subsets in `fonts/` (see its README), so no
system font is needed. A watermark, when given, is drawn on every page.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR = Path(__file__).parent / "fonts"
FONTS = {
    "sans": "NotoSans-Regular-subset.ttf.gz",
    "cjk": "NotoSansCJKjp-Regular-subset.ttf.gz",
}


def _font_file(name: str) -> Path:
    """The font unpacked once into the temporary directory (named by its content's hash)."""
    packed = FONT_DIR / FONTS[name]
    digest = hashlib.sha256(packed.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"sswbridge-font-{name}-{digest}.ttf"
    if not target.exists():
        data = gzip.decompress(packed.read_bytes())
        fd, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(partial).replace(target)
    return target


@dataclass
class Section:
    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)


class _Document(FPDF):
    def __init__(self, watermark: str = "") -> None:
        super().__init__(format="A4")
        self.watermark = watermark
        self.add_font("sans", fname=str(_font_file("sans")))
        self.add_font("cjk", fname=str(_font_file("cjk")))
        self.set_font("sans", size=10)
        self.set_fallback_fonts(["cjk"], exact_match=False)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_margins(18, 22, 18)

    def header(self) -> None:
        if not self.watermark:
            return
        self.set_font("sans", size=self._fit(8, 174))
        self.set_text_color(150, 0, 0)
        self.set_xy(18, 8)
        self.cell(174, 5, self.watermark, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        with self.rotation(55, x=105, y=150):
            self.set_font("sans", size=self._fit(22, 200))
            self.set_text_color(215, 215, 215)
            self.set_xy(5, 145)
            self.cell(200, 12, self.watermark, align="C")
        self.set_text_color(0, 0, 0)
        self.set_font("sans", size=10)
        self.set_xy(18, 22)

    def _fit(self, size: float, width: float) -> float:
        """The font size at most `size` at which the watermark fits in `width` mm."""
        self.set_font("sans", size=size)
        needed = self.get_string_width(self.watermark)
        return size if needed <= width else max(5.0, size * width / needed)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("sans", size=8)
        self.set_text_color(100, 100, 100)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def render(title: str, sections: list[Section], *, watermark: str = "") -> bytes:
    """A document: a title, then each section's heading and its (label, value) rows."""
    pdf = _Document(watermark)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("sans", size=15)
    pdf.multi_cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    for section in sections:
        pdf.set_font("sans", size=12)
        pdf.multi_cell(0, 7, section.heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for label, value in section.rows:
            pdf.set_font("sans", size=8)
            pdf.set_text_color(80, 80, 80)
            pdf.multi_cell(0, 4.5, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
            pdf.set_font("sans", size=10)
            pdf.multi_cell(0, 5.5, value or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        pdf.ln(3)
    out: Any = pdf.output()
    return bytes(out)
