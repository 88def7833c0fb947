"""Meeting templates: `<!-- stcb:template ID -->` and its companions.

    <!-- stcb:template ID -->     the fillable form, check-answers step, printable
                                  document (filled and blank) and the meeting workspace
    <!-- stcb:meeting -->         the meeting workspace with every shared field (index)
    <!-- stcb:template-list -->   the six templates with purpose and when to use them
    <!-- stcb:template-layout --> the layout values of data/layout.yml with their sources

Data: data/templates/<id>.yml, data/meeting.yml, data/layout.yml
(schemas in scripts/handbook/meeting_templates.py). Browser code:
docs/assets/javascripts/stcb-storage.js (every read and write of localStorage),
stcb-profile.js (the cell's profile), stcb-meetings.js (workspace store), its export/import
(stcb-meetings-schema.js, generated, and stcb-meetings-io.js), the stcb-tpl-*.js modules
(one concern each) and stcb-templates.js (mounts them), loaded in the order of ASSETS.
"""

from __future__ import annotations

import json
import weakref

from scripts.handbook import i18n, urls
from scripts.handbook import meeting_templates as mt
from scripts.handbook.markers import Marker, renderer

ASSETS = tuple(f"assets/javascripts/{name}.js" for name in (
    "stcb-storage", "stcb-profile", "stcb-meetings", "stcb-meetings-schema", "stcb-meetings-io",
    "stcb-tpl-text", "stcb-tpl-count", "stcb-tpl-checks", "stcb-tpl-document", "stcb-tpl-form",
    "stcb-tpl-review", "stcb-tpl-word", "stcb-tpl-bar", "stcb-tpl-roll", "stcb-templates"))
# The cell's profile page: the profile store (stcb-storage.js, stcb-profile.js) and the
# roll module (profile editor, attendance on the roll, defaults from the profile).
PROFILE_ASSETS = tuple(f"assets/javascripts/{name}.js" for name in (
    "stcb-storage", "stcb-tpl-text", "stcb-profile", "stcb-tpl-roll"))
# The fields of the profile page: (id, type); labels and hints in data/ui/templates.yml
# (tpl-profile-ID, tpl-profile-ID-hint). The roll is kept as [{name, kind}].
PROFILE_FIELDS = (("superior_body", "text"), ("cell_name", "text"), ("locality", "text"),
                  ("has_committee", "checkbox"), ("term_start", "date"),
                  ("secretary", "text"), ("deputy", "text"),
                  ("committee", "lines"), ("roll_full", "lines"),
                  ("roll_probationary", "lines"), ("roll_exempt", "lines"),
                  ("roll_exempt_probationary", "lines"), ("roll_attached", "lines"))
# The blank Word file of each template, written by `python -m scripts.handbook docx`
# (scripts/handbook/docx_files.py) after the build; one file serves both languages.
BLANK_DOCX = "downloads/bieu-mau/{id}.docx"
NBSP = "\u00a0"

# Dots printed for an empty placeholder, by filter, then by field type.
BLANK_BY_FILTER = {"day": "……", "month": "……", "year": "………", "hour": "……",
                   "minute": "……", "count": "……", "date": "……/……/………",
                   "time": "…… giờ ……", "upper": "……………………………"}
BLANK_BY_TYPE = {"number": "……", "date": "……/……/………", "time": "…… giờ ……"}
BLANK_TEXT = "……………………………"


def _load(marker: Marker):
    try:
        return mt.load_templates(), mt.load_meeting(), mt.load_layout()
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise marker.fail(f"meeting template data is invalid: {error}") from None


def _bi(value, lang):
    return getattr(value, lang) if value is not None else None


# Form ------------------------------------------------------------------------------

def _field_ctx(field: mt.Field, lang: str) -> dict:
    return {
        "id": field.id, "type": field.type, "label": field.label.model_dump()[lang],
        "hint": _bi(field.hint, lang), "required": field.required, "shared": field.shared,
        "options": [{"value": o.value, "label": getattr(o.label, lang)} for o in field.options],
        "columns": [_field_ctx(c, lang) for c in field.columns],
        "row_label": _bi(field.row_label, lang), "add_label": _bi(field.add_label, lang),
        "min_rows": field.min_rows, "blank": field.blank, "default": field.default,
        "compute": field.compute.model_dump() if field.compute else None,
    }


def _sections(template: mt.Template | None, meeting: mt.Meeting, lang: str) -> list[dict]:
    if template is None:
        sections = [(s.id, s.title, s.hint,
                     [f.model_copy(update={"shared": True}) for f in s.fields])
                    for s in meeting.sections]
    else:
        sections = [(s.id, s.title, s.hint, mt.resolve_section(s, meeting))
                    for s in template.sections]
    return [{"id": sid, "title": getattr(title, lang), "hint": _bi(hint, lang),
             "fields": [_field_ctx(f, lang) for f in fields]}
            for sid, title, hint, fields in sections]


def _definition(template: mt.Template | None, meeting: mt.Meeting, layout: mt.Layout,
                sections: list[dict], lang: str) -> str:
    """The JSON the browser reads: fields, checks, date rules and interface strings."""
    checks = [{"id": c.id, "kind": c.kind, "left": c.left, "right": c.right, "days": c.days,
               "field": c.field, "rows": c.rows, "level": c.level,
               "message": getattr(c.message, lang)}
              for c in mt.applicable_checks(template, meeting)]
    strings = {k.removeprefix("tpl-"): v[lang] for k, v in i18n.strings().items()
               if k.startswith("tpl-")}
    payload = {"template": template.id if template else "", "lang": lang,
               "sections": sections, "checks": checks, "dates": mt.date_rules(layout),
               "ui": strings}
    if template is not None:
        # For the Word file (stcb-docx.js): the layout in Word's units, the title for
        # the file's properties, and the date that names the file: the meeting's date
        # (one meeting, one date in every file name), else the document's own.
        fields = mt.all_fields(template, meeting)
        date = "meeting_date" if "meeting_date" in fields else template.document.date
        # The number field takes the sequence only; minutes may have none (no "Số" line).
        payload["number"] = template.document.number
        payload["numberOptional"] = template.doc_type == "BB"
        # Where every template of the same type keeps its number, to offer the next one.
        payload["numbering"] = [
            {"template": t.id, "field": t.document.number,
             "shared": mt.all_fields(t, meeting)[t.document.number].shared}
            for t in mt.load_templates().values() if t.doc_type == template.doc_type]
        payload["docx"] = {"layout": mt.docx_layout(layout), "file": template.id,
                           "title": getattr(template.title, lang), "date": date}
    # "<" escaped so that no text can close the <script> element.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


# Printed document ---------------------------------------------------------------

class _Printer:
    """Turns the Vietnamese document spec into parts the partial renders."""

    def __init__(self, template: mt.Template, meeting: mt.Meeting, layout: mt.Layout):
        self.template, self.layout = template, layout
        self.fields = mt.all_fields(template, meeting)

    def parts(self, text: str, columns: dict | None = None, *, cell: bool = False) -> list:
        parsed = mt.parse_text(text.replace("{@issuer}", self.layout.v("number-issuer")))
        self._annotate(parsed, columns or {}, cell)
        return parsed

    def _annotate(self, parts, columns, cell):
        for part in parts:
            if part["t"] == "opt":
                self._annotate(part["parts"], columns, cell)
            elif part["t"] == "slot":
                part["blank"] = "" if cell else self._blank(part, columns)
                field = columns.get(part["field"]) or self.fields.get(part["field"])
                part["type"] = field.type if field else "row-number"
                part["col"] = part["field"] in columns or part["field"] == "n"

    def _blank(self, slot, columns) -> str:
        field = columns.get(slot["field"]) or self.fields.get(slot["field"])
        if field is None:
            return ""
        if field.blank is not None:
            return field.blank
        return (BLANK_BY_FILTER.get(slot["filter"]) or BLANK_BY_TYPE.get(field.type)
                or BLANK_TEXT)

    def header(self) -> dict:
        doc, v = self.template.document, self.layout.v
        number = (v("number-format").replace("{number}", "{" + doc.number + "}")
                  .replace("{type}", self.template.doc_type).replace("{issuer}", "{@issuer}"))
        number_parts = self.parts(number)
        for slot in mt.slots(number_parts):
            if slot["field"] == doc.number:
                slot["blank"] = v("number-blank").replace(" ", NBSP)
        place_date = (v("place-date-format").replace("{place}", "{locality}")
                      .replace("{day}", "{" + doc.date + "|day}")
                      .replace("{month}", "{" + doc.date + "|month}")
                      .replace("{year}", "{" + doc.date + "|year}"))
        return {
            "party": v("party-heading-text"),
            "superior": self.parts("{superior_body|upper}"),
            "issuer": self.parts("{cell_name|upper}"),
            "mark": v("issuing-body-mark"),
            "number": number_parts,
            "place_date": self.parts(place_date),
            "type_name": doc.type_name,
            "summary": self.parts(doc.summary),
        }

    def body(self) -> list[dict]:
        blocks = []
        counter = 0
        for block in self.template.document.body:
            kind = block.kind
            counter = 0 if kind == "heading" else counter
            item = {"kind": kind, "when": block.only_if, "style": block.style,
                    "lead": self.parts(block.lead) if block.lead else None}
            if kind in ("p", "heading"):
                item["parts"] = self.parts(getattr(block, kind))
                item["optional"] = all(p["t"] == "opt" for p in item["parts"])
            elif kind == "text":
                item["field"] = block.text
                item["style"] = block.style or "paragraphs"
                item["blank_lines"] = block.blank_lines
            else:
                name = block.rows or block.table
                group = self.fields[name]
                columns = {c.id: c for c in group.columns}
                item["field"] = name
                item["blank_rows"] = group.blank_rows
                if kind == "rows":
                    item["style"] = block.style or "inline"
                    item["item"] = self.parts(block.item, columns)
                else:
                    item["columns"] = [{"header": c.header, "width": c.width,
                                        "cell": self.parts(c.cell, columns, cell=True)}
                                       for c in block.columns]
            for part in (item.get("lead") or []) + item.get("parts", []):
                if part["t"] == "num":
                    counter += 1
                    part["v"] = str(counter)
            blocks.append(item)
        return blocks

    def signature(self) -> dict:
        doc, v = self.template.document, self.layout.v
        if doc.signature == "cell":
            return {"kind": "cell", "authority": v("signature-authority"),
                    "title": self.parts("{signer_title}"),
                    "name": self._name("signer_name")}
        return {"kind": "minutes",
                "left": {"title": v("minutes-signature-left"),
                         "name": self._name(doc.signers.left)},
                "right": {"title": v("minutes-signature-right"),
                          "name": self._name(doc.signers.right)}}

    def _name(self, field: str) -> list:
        parts = self.parts("{" + field + "}")
        parts[0]["blank"] = ""  # the name is written by hand under the signature
        return parts

    def document(self) -> dict:
        doc = self.template.document
        return {"header": self.header(), "body": self.body(), "signature": self.signature(),
                "recipients": doc.recipients,
                "recipients_label": self.layout.v("recipients-label")}


# Renderers -------------------------------------------------------------------------

@renderer("template")
def render_template(marker: Marker) -> str:
    templates, meeting, layout = _load(marker)
    if len(marker.args) != 1:
        raise marker.fail("write <!-- stcb:template ID --> with one template id")
    template_id = marker.args[0]
    if template_id not in templates:
        raise marker.fail(f"unknown template '{template_id}' — use one of: "
                          f"{', '.join(templates)}")
    template = templates[template_id]
    problems = mt.reference_problems(template, meeting)
    if problems:
        where, message = problems[0]
        place = ".".join(str(key) for key in where)
        raise marker.fail(f"data/templates/{template_id}.yml ({place}): {message} — "
                          "run `python -m scripts.handbook check` for the line")
    marker.assets.update(ASSETS)
    lang = marker.lang
    sections = _sections(template, meeting, lang)
    return _render(
        marker, "template.html", template=template, sections=sections,
        doc=_Printer(template, meeting, layout).document(),
        definition=_definition(template, meeting, layout, sections, lang),
        sources=[{"id": s, "href": marker.href("tra-cuu/van-ban-nguon", s)}
                 for s in template.source],
        layout_href=marker.href("bieu-mau/index", "trinh-bay"),
        profile_href=marker.href("bieu-mau/ho-so-chi-bo"),
        blank_docx_href=urls.file_ref(BLANK_DOCX.format(id=template.id)),
        title=getattr(template.title, lang),
    )


@renderer("meeting")
def render_meeting(marker: Marker) -> str:
    _, meeting, layout = _load(marker)
    marker.assets.update(ASSETS)
    sections = _sections(None, meeting, marker.lang)
    return _render(marker, "meeting.html", sections=sections,
                   definition=_definition(None, meeting, layout, sections, marker.lang))


@renderer("profile")
def render_profile(marker: Marker) -> str:
    marker.assets.update(PROFILE_ASSETS)
    t = i18n.translator(marker.lang)
    strings = i18n.strings()
    fields = [{"id": fid, "type": kind, "label": t(f"tpl-profile-{fid}"),
               "hint": t(f"tpl-profile-{fid}-hint") if f"tpl-profile-{fid}-hint" in strings
               else None} for fid, kind in PROFILE_FIELDS]
    return _render(marker, "profile.html", fields=fields)


@renderer("template-list")
def render_list(marker: Marker) -> str:
    templates, _, _ = _load(marker)
    return _render(marker, "template-list.html",
                   templates=[{"t": t, "href": marker.href(f"bieu-mau/{t.id}"),
                               "docx": urls.file_ref(BLANK_DOCX.format(id=t.id))}
                              for t in templates.values()])


@renderer("template-layout")
def render_layout(marker: Marker) -> str:
    _, _, layout = _load(marker)
    return _render(marker, "template-layout.html", layout=layout)


# One autoescaping overlay per environment: a new overlay per call compiled the
# partials again each time (its own template cache).
_ESCAPING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _render(marker: Marker, name: str, **context) -> str:
    """Like marker.render, but every value is HTML-escaped (autoescape on)."""
    env = _ESCAPING.get(marker.env)
    if env is None:
        env = _ESCAPING[marker.env] = marker.env.overlay(autoescape=True)
    template = env.get_template(f"partials/stcb/{name}")
    return _tidy(template.render(lang=marker.lang, t=i18n.translator(marker.lang), **context))


def _tidy(html: str) -> str:
    """One raw-HTML block for Markdown: no blank lines, no leading indentation."""
    lines = (line.strip() for line in html.splitlines())
    return "\n" + "\n".join(line for line in lines if line) + "\n"
