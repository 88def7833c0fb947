"""The blank Word file of every meeting template: `python -m scripts.handbook docx [SITE]`.

Serves the built SITE on 127.0.0.1, opens each template page in Debian's
Chromium and builds the blank document with the site's own code,
`stcb.docx.build` (docs/assets/javascripts/stcb-docx.js, docx library vendored
in docs/assets/javascripts/vendor/docx/) on the page's blank `.stcb-doc`, the
same builder the "Download as Word" button uses for a filled one. Writes
SITE/downloads/bieu-mau/<template-id>.docx, which both language pages link to
(the document is Vietnamese on both). Nothing is fetched from another host.
"""

from __future__ import annotations

import base64
from pathlib import Path

from scripts.handbook.browser import local_page, open_built

# Where the files go, under the site (the template pages link here).
FOLDER = "downloads/bieu-mau"

# Loads the Word scripts as the button does and builds the page's blank copy, or a
# copy filled with *values* by the page's own printDocument; returns base64.
_BUILD = """async (values) => {
  const root = document.querySelector('[data-stcb-form-root]');
  const def = JSON.parse(root.querySelector('[data-stcb-definition]').textContent);
  let doc = root.querySelector('[data-stcb-blank] [data-stcb-doc]');
  if (values) doc = window.stcb.templates.printDocument(doc.cloneNode(true), values, def.dates);
  const api = await window.stcb.templates.loadDocx();
  const blob = await api.build(doc, {layout: def.docx.layout, title: def.docx.title});
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}"""


def build_in_page(page, values: dict | None = None) -> bytes:
    """The .docx of the template page open in *page*: blank, or filled with *values*."""
    return base64.b64decode(page.evaluate(_BUILD, values))


def write_blank_files(site_dir: Path) -> list[Path]:
    """Write the blank .docx of every template into *site_dir*; return the files."""
    from scripts.handbook.meeting_templates import load_templates

    written = []
    with local_page(site_dir) as (page, base):
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for template_id in load_templates():
            open_built(page, base, f"bieu-mau/{template_id}/")
            data = build_in_page(page)
            if errors:
                raise RuntimeError(f"bieu-mau/{template_id}/: {errors[0]}")
            out = site_dir / FOLDER / f"{template_id}.docx"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
            written.append(out)
    return written


def main(site_dir: Path) -> int:
    if not (site_dir / "index.html").exists():
        print(f"{site_dir}/index.html is missing — build the site first (mkdocs build)")
        return 2
    for path in write_blank_files(site_dir):
        print(f"{path.relative_to(site_dir).as_posix()}: {path.stat().st_size // 1024} KB")
    return 0
