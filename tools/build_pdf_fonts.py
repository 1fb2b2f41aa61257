"""Rebuild the fonts of src/sswbridge/disclosure/fonts/ (see the README there).

    uv run python tools/build_pdf_fonts.py NOTO_SANS_VARIABLE.ttf NOTO_SANS_CJK.ttc

NOTO_SANS_VARIABLE.ttf: `NotoSans[wdth,wght].ttf` from the PyPI package fontpkg-noto-sans;
NOTO_SANS_CJK.ttc: `NotoSansCJK-Regular.ttc` from Debian's fonts-noto-cjk (face 0 is JP).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "src/sswbridge/disclosure/fonts"
COMMON = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2000, 0x2070))


def _subset(font: TTFont, unicodes: set[int]) -> None:
    options = subset.Options()
    options.name_IDs = ["*"]
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def _jis_x_0208() -> set[int]:
    chars = set()
    for high in range(0xA1, 0xF5):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([high, low]).decode("euc_jp")))
            except UnicodeDecodeError:
                pass
    return chars


def _to_truetype(font: TTFont) -> None:
    """CFF outlines to quadratic TrueType ones (text extraction is clean with glyf)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion, maxp.maxZones, maxp.maxComponentDepth = 0x00010000, 1, 0
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\x00\x01\x00\x00"


def _save(font: TTFont, name: str) -> None:
    raw = OUT / name.removesuffix(".gz")
    font.save(raw)
    (OUT / name).write_bytes(gzip.compress(raw.read_bytes(), 9, mtime=0))
    raw.unlink()


def main(sans_path: str, cjk_path: str) -> None:
    sans = instancer.instantiateVariableFont(TTFont(sans_path), {"wght": 400, "wdth": 100})
    extra = {0x2116, 0x20AC, 0x2122, 0x2192}
    _subset(sans, COMMON | set(range(0xA0, 0x250)) | set(range(0x400, 0x530)) | extra)
    _save(sans, "NotoSans-Regular-subset.ttf.gz")
    cjk = TTCollection(cjk_path).fonts[0]
    kana_and_forms = set(range(0x3000, 0x3100)) | set(range(0xFF00, 0xFFF0))
    _subset(cjk, COMMON | kana_and_forms | _jis_x_0208())
    _to_truetype(cjk)
    _save(cjk, "NotoSansCJKjp-Regular-subset.ttf.gz")


if __name__ == "__main__":
    main(*sys.argv[1:3])
