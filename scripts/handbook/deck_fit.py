"""How much room text takes on a slide: word wrap measured with the font itself.

The lecture slides are written in Arial. PowerPoint has Arial; LibreOffice on Linux
uses Liberation Sans, which has the same advance widths (metric-compatible), so the
widths measured here with Pillow on Liberation Sans (fontconfig's match for Arial)
are those of every office suite. A paragraph wraps at word boundaries like an
office suite does; its height is lines × LINE × size plus its space before (the
slides set exactly that line spacing, so no renderer's "single spacing" differs).

deck.py packs slides with `height()` and the tests measure the written files with
the same function against each placeholder's own box (`box()`), so a slide whose
text does not fit its placeholder is caught in the .pptx, whatever wrote it.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

EMU_PER_PT = 12700
LINE = 1.2  # line height as a multiple of the font size (single spacing)
SCALE = 10  # measure at 10× the size for sub-point precision
FALLBACK = {False: "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
            True: "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"}


class FontMissing(RuntimeError):
    pass


@lru_cache(maxsize=2)
def font_file(bold: bool) -> str:
    """The TTF that stands for Arial here (fontconfig), with Vietnamese glyphs."""
    if shutil.which("fc-match"):
        style = "Arial:bold" if bold else "Arial"
        found = subprocess.run(["fc-match", "-f", "%{file}", style], capture_output=True,
                               text=True).stdout.strip()
        if found and "liberation" in found.lower() and "liberation2" not in found:
            found = ""  # Liberation 1.x has no Vietnamese letters with two marks (ộ, ử)
        if found and Path(found).exists():
            return found
    if Path(FALLBACK[bold]).exists():
        return FALLBACK[bold]
    raise FontMissing("no Arial-compatible font with Vietnamese glyphs — install Debian's "
                      "fonts-liberation2 (apt-get install fonts-liberation2)")


@lru_cache(maxsize=64)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_file(bold), round(size * SCALE))


def width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of *text* in points."""
    return _font(size, bold).getlength(text) / SCALE


@dataclass(frozen=True)
class Piece:
    text: str
    size: float
    bold: bool = False


def lines(pieces: list[Piece], room: float) -> int:
    """Lines a paragraph of runs takes in *room* points of width (greedy word wrap;
    a run boundary counts as a space, as the slides put one there)."""
    count, used = 1, 0.0
    for piece in pieces:
        space = width(" ", piece.size, piece.bold)
        for word in piece.text.split():
            w = width(word, piece.size, piece.bold)
            if used and used + space + w > room:
                count += 1
                used = w
            else:
                used += (space if used else 0.0) + w
            while used > room:  # a word longer than the line breaks anywhere
                count += 1
                used -= room
    return count


def para_height(pieces: list[Piece], room: float, before: float) -> float:
    size = max((p.size for p in pieces), default=0)
    return before + lines(pieces, room) * LINE * size


@dataclass(frozen=True)
class Box:
    """A placeholder's text area in points: width for text, height for lines."""
    width: float
    height: float


def box(shape) -> Box:
    """The text area of a python-pptx shape (its insets taken off)."""
    frame = shape.text_frame
    left = (frame.margin_left or 0) / EMU_PER_PT
    right = (frame.margin_right or 0) / EMU_PER_PT
    top = (frame.margin_top or 0) / EMU_PER_PT
    bottom = (frame.margin_bottom or 0) / EMU_PER_PT
    return Box(shape.width / EMU_PER_PT - left - right, shape.height / EMU_PER_PT - top - bottom)
