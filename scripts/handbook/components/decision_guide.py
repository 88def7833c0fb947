"""`<!-- stcb:decision-guide -->`: duty (b), who decides, as an inline SVG.

Source paragraph b-6. The diagram is laid out here (boxes in two columns,
arrows between them) and drawn by overrides/partials/stcb/decision-guide.html
with the page's strings from data/ui/handbook.yml. It needs no request, takes
its colours from the theme (currentColor and Material's CSS variables, so it
reads in dark mode) and is followed by its text equivalent: an ordered list the
SVG points at with aria-describedby.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts.handbook.markers import Marker, renderer

WIDTH = 420
LEFT = (8, 184)     # x, width of the main column
RIGHT = (254, 158)  # x, width of the side column
LINE = 15           # line height (font size 12.5)
PAD = 12            # vertical padding inside a box
GAP = 18            # between boxes joined by a plain arrow


@dataclass
class Box:
    key: str
    kind: str  # start | question | step | outcome
    lines: list[str]
    x: float = 0
    y: float = 0
    w: float = 0
    texts: list[dict] = field(default_factory=list)

    @property
    def h(self) -> float:
        return PAD * 2 + LINE * len(self.lines) + (8 if self.kind == "question" else 0)

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def place(self, column: tuple[int, int], y: float) -> Box:
        self.x, self.w = column
        self.y = y
        top = self.cy - LINE * (len(self.lines) - 1) / 2
        self.texts = [{"x": self.cx, "y": top + i * LINE, "text": text,
                       "strong": self.kind == "outcome" and i == 0}
                      for i, text in enumerate(self.lines)]
        return self

    @property
    def hexagon(self) -> str:
        cut = 14
        points = [(self.x + cut, self.y), (self.x + self.w - cut, self.y),
                  (self.x + self.w, self.cy), (self.x + self.w - cut, self.bottom),
                  (self.x + cut, self.bottom), (self.x, self.cy)]
        return " ".join(f"{x:g},{y:g}" for x, y in points)


def layout(t) -> dict:
    def box(key, kind):
        return Box(key, kind, t(f"dg-box-{key}").split("|"))

    start, q1, discuss, q2, normal = (box("start", "start"), box("q1", "question"),
                                      box("discuss", "step"), box("q2", "question"),
                                      box("normal", "outcome"))
    urgent, report_up, report_cell = (box("urgent", "outcome"), box("report-up", "step"),
                                      box("report-cell", "step"))
    disagree = box("disagree", "outcome")

    start.place(LEFT, 8)
    q1.place(LEFT, start.bottom + GAP + 4)
    urgent.place(RIGHT, q1.cy - urgent.h / 2)
    report_up.place(RIGHT, urgent.bottom + GAP)
    report_cell.place(RIGHT, report_up.bottom + GAP)
    # The "no agreement" box sits in the side column under the emergency chain,
    # level with the second question.
    q2_cy = max(report_cell.bottom + GAP + disagree.h / 2,
                q1.bottom + 44 + discuss.h + GAP + q2.h / 2)
    q2.place(LEFT, q2_cy - q2.h / 2)
    discuss.place(LEFT, q2.y - GAP - discuss.h)
    disagree.place(RIGHT, q2.cy - disagree.h / 2)
    normal.place(LEFT, q2.bottom + 30)

    yes, no = t("dg-yes"), t("dg-no")
    arrows = [
        {"d": f"M{start.cx:g},{start.bottom:g} V{q1.y:g}"},
        {"d": f"M{q1.x + q1.w:g},{q1.cy:g} H{urgent.x:g}", "label": yes,
         "lx": (q1.x + q1.w + urgent.x) / 2, "ly": q1.cy - 6},
        {"d": f"M{q1.cx:g},{q1.bottom:g} V{discuss.y:g}", "label": no,
         "lx": q1.cx + 8, "ly": (q1.bottom + discuss.y) / 2 + 4, "anchor": "start"},
        {"d": f"M{urgent.cx:g},{urgent.bottom:g} V{report_up.y:g}"},
        {"d": f"M{report_up.cx:g},{report_up.bottom:g} V{report_cell.y:g}"},
        {"d": f"M{discuss.cx:g},{discuss.bottom:g} V{q2.y:g}"},
        {"d": f"M{q2.x + q2.w:g},{q2.cy:g} H{disagree.x:g}", "label": no,
         "lx": (q2.x + q2.w + disagree.x) / 2, "ly": q2.cy - 6},
        {"d": f"M{q2.cx:g},{q2.bottom:g} V{normal.y:g}", "label": yes,
         "lx": q2.cx + 8, "ly": (q2.bottom + normal.y) / 2 + 4, "anchor": "start"},
    ]
    boxes = [start, q1, discuss, q2, normal, urgent, report_up, report_cell, disagree]
    height = max(b.bottom for b in boxes) + 8
    return {"boxes": boxes, "arrows": arrows, "width": WIDTH, "height": height}


@renderer("decision-guide")
def render(marker: Marker) -> str:
    if marker.args:
        raise marker.fail("decision-guide takes no arguments — write <!-- stcb:decision-guide -->")
    from scripts.handbook import i18n

    return marker.render("decision-guide.html", **layout(i18n.translator(marker.lang)))
