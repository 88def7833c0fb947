"""Performance budget: `python -m scripts.handbook perf [SITE]` (`make perf`).

Serves SITE with the shipped nginx configuration (deploy/nginx.conf: the .br and
.gz copies of `make build`, else gzip on the fly) and loads pages cold (empty
cache) in Chromium, counting what goes over the wire (Chromium accepts Brotli, so
pages and assets with a .br copy come as Brotli). Writes build/perf.json and prints:

- home page (both languages) and the heaviest page (of all pages loaded): bytes transferred
  (compressed bodies plus headers), requests, the share that is fonts;
- search on first use (the worker, lunr and the index load on the first query);
- a template page (the minutes), and the Word download on first use: the docx
  library and stcb-docx.js load on the click, never with the page;
- moving meetings: check, import (with the write to localStorage) and export of a
  file of 30 meetings with ≈100 KB of text each, close to the 5 MB import limit;
- a roll of 60 members (the cell's profile) on the minutes: the roll call, the checks,
  the printed document, and "Xem trước và in" (all three and check answers), in ms;
- search index size per language (raw, gzip and Brotli);
- download sizes: the offline ZIP, any PDF in SITE/downloads/ and the blank Word
  templates in SITE/downloads/bieu-mau/;
- the same home page of a bare Material site (same Vietnamese pages, plain
  theme, no custom CSS/JS/hooks, system fonts), and our ratio to it;
- the app (service worker, sw.js): the precache (files, bytes on disk and over
  the wire), the first visit (the page's own requests, then the worker's precache,
  which starts after the load event and is counted apart), and a repeat visit
  offline, which must make no network request at all.

Page requests are those of the page; the service worker's own fetches (the
precache) are never counted in a page's first load.

Targets (reported, never asserted in tests): home ≤ 120 KB and ≤ 12 requests,
offline ZIP ≤ 4 MB, precache ≤ 3 MB over the wire, a repeat visit offline 0
network requests. Timings are not measured here: see `make bench`.

Then Lighthouse on one page of each kind (scripts/handbook/lighthouse.py,
build/lighthouse.json); `--only weight` or `--only lighthouse` runs one part.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import brotli

from scripts.handbook.compress import brotli_quality
from scripts.handbook.paths import DOCS, ROOT, SITE
from scripts.handbook.service_worker import SW, precache_size

OUTPUT = ROOT / "build" / "perf.json"
CHROMIUM = "/usr/bin/chromium"
HOME_BYTES_MAX = 120 * 1024
HOME_REQUESTS_MAX = 12
ZIP_BYTES_MAX = 4 * 1024 * 1024  # = offline_zip.LIMIT (lecture decks inside)
PRECACHE_BYTES_MAX = 3 * 1024 * 1024
KB = 1024
CANDIDATES = 8  # pages loaded to find the heaviest
# A form page, and the scripts its Word download loads on first use.
TEMPLATE_PAGE = "bieu-mau/bien-ban-sinh-hoat-chi-bo/"
DOCX_SCRIPTS = ("assets/javascripts/vendor/docx/docx.min.js", "assets/javascripts/stcb-docx.js")


def cold_load(browser, url: str, query: str | None = None, docx: bool = False) -> dict:
    """Load *url* in a fresh context (empty cache); return what went over the wire.
    With *query*, then type it into the search box and count that separately; with
    *docx* (a template page), then load the Word scripts as the download button does
    and count them separately ("docx_on_first_use")."""
    # No service worker here: these are the classic cold loads (app_visits measures
    # the worker), and its precache would fetch the lazily loaded files early.
    # nginx serves HTTPS with a self-signed certificate made for the run.
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  service_workers="block", ignore_https_errors=True)
    page = context.new_page()
    requests: list = []
    context.on("requestfinished", lambda request: requests.append(request))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    result = _tally(requests)
    if query is not None:
        from scripts.handbook.search_eval import SearchBox

        before = len(requests)
        SearchBox(page, None).search(query)
        page.wait_for_load_state("networkidle")
        result["first_search"] = _tally(requests[before:])
    if docx:
        before = len(requests)
        page.evaluate("window.stcb.templates.loadDocx().then(() => true)")
        page.wait_for_load_state("networkidle")
        result["docx_on_first_use"] = _tally(requests[before:])
    context.close()
    return result


# Moving meetings: a file of IO_MEETINGS meetings with ≈100 KB of text each (near the
# 5 MB import limit), checked, imported (written to localStorage) and exported again.
IO_MEETINGS = 30
_IO = """(count) => {
  const M = window.stcb.meetings;
  const big = "Đồng chí Bí thư báo cáo kết quả thực hiện nghị quyết tháng 10. ".repeat(1600);
  const stamp = new Date().toISOString();
  const data = {format: M.FORMAT, version: M.FILE_VERSION, exported: stamp, meetings: []};
  for (let i = 0; i < count; i++) {
    data.meetings.push({id: "mperf" + i, name: "Họp " + i, created: stamp, updated: stamp,
                        shared: {place: "Phòng họp A1"},
                        forms: {"bien-ban-sinh-hoat-chi-bo": {item_report: big}}});
  }
  const text = JSON.stringify(data);
  let t = performance.now();
  const parsed = M.parseImport(text);
  const check = performance.now() - t;
  t = performance.now();
  const applied = M.applyImport(parsed.data, "replace");
  const apply = performance.now() - t;
  t = performance.now();
  const out = JSON.stringify(M.exportData([]), null, 2);
  const exported = performance.now() - t;
  return {meetings: count, file_bytes: new Blob([text]).size, saved: applied.ok && applied.saved,
          check_ms: Math.round(check), import_and_save_ms: Math.round(apply),
          export_ms: Math.round(exported), export_bytes: new Blob([out]).size};
}"""


def meetings_io(browser, url: str) -> dict:
    """Time the check, import and export of a large meetings file in a fresh page."""
    context = browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        return page.evaluate(_IO, IO_MEETINGS)
    finally:
        context.close()


# A roll of ROLL_MEMBERS in the cell's profile (issue 13: "a roll of 60 members stays
# fast"): 50 full, 6 probationary, 2 exempt, 1 exempt probationary, 1 attached. On the
# minutes: ROLL_ABSENT ticked absent and "Xong", "Nhất trí 100%", then timed: the checks
# and the document render (each the mean of ROLL_REPEAT runs), and one preview.
ROLL_MEMBERS = 60
ROLL_ABSENT = 6
ROLL_REPEAT = 20
_ROLL_PROFILE = """(n) => window.stcb.profile.update((p) => {
  p.cell_name = "Chi bộ Khoa Cơ khí"; p.superior_body = "Đảng bộ Trường Đại học Sư phạm Kỹ thuật";
  p.secretary = "Lê Văn Thắng";
  p.roll = Array.from({length: n}, (_, i) => ({name: "Đảng viên " + String(i + 1).padStart(2, "0"),
    kind: i < n - 10 ? "full" : i < n - 4 ? "probationary" : i < n - 2 ? "exempt"
        : i < n - 1 ? "exempt_probationary" : "attached"}));
})"""
_ROLL = """([absent, repeat]) => {
  const now = () => performance.now();
  const box = document.querySelector("[data-stcb-roll]");
  const members = box.querySelectorAll("[data-stcb-roll-member]");
  [...members].slice(0, absent).forEach((el) => { el.checked = true; });
  let t = now();
  box.querySelector("[data-stcb-roll-done]").click();
  const rollCall = now() - t;
  document.querySelector("[data-stcb-act=unanimous]").click();
  const def = JSON.parse(document.querySelector("[data-stcb-definition]").textContent);
  const M = window.stcb.meetings, T = window.stcb.templates;
  const values = {};
  def.sections.forEach((s) => s.fields.forEach((f) => {
    if (f.type !== "computed") values[f.id] = M.value(def.template, f.id, f.shared);
  }));
  t = now();
  let problems = [];
  for (let i = 0; i < repeat; i++) problems = T.validate(def, values);
  const checks = (now() - t) / repeat;
  const printed = Object.assign({}, values, T.count.derive(values));
  const blank = document.querySelector("[data-stcb-blank] [data-stcb-doc]");
  t = now();
  let doc = null;
  for (let i = 0; i < repeat; i++) doc = T.printDocument(blank.cloneNode(true), printed, def.dates);
  const render = (now() - t) / repeat;
  t = now();
  document.querySelector("[data-stcb-act=preview]").click();
  const preview = now() - t;
  const r = (ms) => Math.round(ms * 100) / 100;
  return {members: members.length, absent: absent, problems: problems.length,
          attendance: printed.attendance_summary, vote: printed.vote_result,
          printed_chars: doc.textContent.length, roll_call_ms: r(rollCall), checks_ms: r(checks),
          document_ms: r(render), preview_ms: r(preview)};
}"""


def roll_timing(browser, url: str) -> dict:
    """Time the roll call, the checks, the document and the preview of the minutes of a
    cell with a roll of ROLL_MEMBERS (a fresh page; the profile is written first)."""
    context = browser.new_context(ignore_https_errors=True)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate(_ROLL_PROFILE, ROLL_MEMBERS)
        page.reload(wait_until="load")
        page.locator("[data-stcb-roll]").wait_for(state="attached")
        return {"roll_members": ROLL_MEMBERS, **page.evaluate(_ROLL, [ROLL_ABSENT, ROLL_REPEAT])}
    finally:
        context.close()


def roll_report(roll: dict) -> str:
    return (f"minutes with a roll of {roll['roll_members']} members ({roll['members']} on the "
            f"roll call, {roll['absent']} ticked absent): roll call {roll['roll_call_ms']} ms, "
            f"checks {roll['checks_ms']} ms, document {roll['document_ms']} ms, preview "
            f"(checks, check answers and document) {roll['preview_ms']} ms")


def app_visits(browser, url: str) -> dict:
    """First visit of *url* (the page's requests, then the worker's precache), then a
    repeat visit offline in the same browser profile: what reached the network."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        own: list = []
        worker: list = []
        context.on("requestfinished", lambda request: (
            worker if request.service_worker else own).append(request))
        page.goto(url)
        page.wait_for_load_state("load")
        first = _tally(own)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null",
                               timeout=120_000)
        page.wait_for_load_state("networkidle")
        precache = _tally(worker)
        context.set_offline(True)
        network: list[str] = []
        context.on("response", lambda response: None if response.from_service_worker
                   or response.url.startswith(("data:", "blob:"))
                   else network.append(response.url))
        context.on("requestfailed", lambda request: network.append(request.url))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return {"first_visit": first,
                "precache_download": {"requests": precache["requests"],
                                      "bytes": precache["bytes"]},
                "repeat_visit_offline": {"network_requests": len(network), "urls": network}}
    finally:
        context.close()


def _tally(requests: list) -> dict:
    total = fonts = count = 0
    files = []
    for request in requests:
        if request.url.startswith("data:"):
            continue
        sizes = request.sizes()
        body = sizes["responseBodySize"]
        response = request.response()
        # Chromium reports 0 (HTTP/1.1) or a wrong figure (HTTP/2) for worker scripts:
        # their size is asked of the server itself.
        if response is not None and response.status == 200 and (
                body <= 0 or "/workers/" in request.url):
            body = _compressed_size(request.url)
        size = body + sizes["responseHeadersSize"]
        if size <= 0:
            continue  # served from the memory cache: nothing transferred
        count += 1
        total += size
        if request.url.endswith(".woff2"):
            fonts += size
        files.append({"url": request.url.split("/", 3)[-1], "bytes": size})
    return {"bytes": total, "requests": count, "font_bytes": fonts, "files": files}


def _compressed_size(url: str) -> int:
    """Body bytes of *url* as the server sends them to Chromium (Brotli, else gzip)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
    # Only the local nginx of the run is measured; its certificate is made for the run.
    context = ssl._create_unverified_context() if url.startswith("https://127.0.0.1") else None
    with urllib.request.urlopen(request, context=context) as response:
        return len(response.read())


def page_paths(site: Path) -> list[str]:
    """URL paths of every page of the built site ("", "bat-dau/", "en/", ...)."""
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.split("/", 1)[0] in ("assets", "search", "downloads"):
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths


_LOCAL_REF = re.compile(r'<(?:script|img)\b[^>]*\bsrc="(?!https?:|data:|/)([^"]+)"')


def static_weight(site: Path, path: str) -> int:
    """HTML bytes plus the files its <script>/<img> tags load: a cheap first ranking."""
    html_file = site / path / "index.html"
    html = html_file.read_text(encoding="utf-8")
    total = len(html.encode("utf-8"))
    for ref in set(_LOCAL_REF.findall(html)):
        target = (html_file.parent / ref.split("?")[0]).resolve()
        if target.is_file():
            total += target.stat().st_size
    return total


def index_sizes(site: Path) -> dict:
    sizes = {}
    for lang, folder in (("vi", site / "search"), ("en", site / "en" / "search")):
        full = folder / "search_index.full.json"
        stub = folder / "search_index.json"
        if not full.exists():
            continue
        data = full.read_bytes()
        sizes[lang] = {"documents": len(json.loads(data)["docs"]), "bytes": len(data),
                       "gzip_bytes": len(gzip.compress(data, 6)),
                       # As `compress` writes it (the file nginx sends to Chromium).
                       "br_bytes": len(brotli.compress(
                           data, quality=brotli_quality(full.relative_to(site).as_posix()))),
                       "stub_bytes": stub.stat().st_size}
    return sizes


def download_sizes(site: Path) -> dict:
    downloads = site / "downloads"
    found = sorted(downloads.rglob("*")) if downloads.exists() else []
    return {p.relative_to(downloads).as_posix(): p.stat().st_size for p in found
            if p.suffix in (".zip", ".pdf", ".docx")}


def build_bare(target: Path) -> Path:
    """A bare Material site with the same Vietnamese pages: plain theme, search,
    the same Markdown extensions, no custom CSS/JS/hooks, system fonts."""
    docs = target / "docs"
    for md in DOCS.rglob("*.md"):
        if md.name.endswith(".en.md"):
            continue
        dest = docs / md.relative_to(DOCS)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(md, dest)
    config = {
        "site_name": "Sổ tay Bí thư chi bộ", "site_url": "https://example.org/",
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ["abbr", "admonition", "attr_list", "def_list", "footnotes",
                                "md_in_html", "tables", {"toc": {"permalink": True}},
                                "pymdownx.details", "pymdownx.superfences"],
    }
    (target / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    site = target / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
                            cwd=target, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"bare Material build failed:\n{result.stderr}")
    return site


def measure(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    from scripts.handbook import nginx

    with tempfile.TemporaryDirectory(prefix="stcb-bare-") as tmp, sync_playwright() as pw:
        bare_site = build_bare(Path(tmp))
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                           "--disable-background-networking"])
        try:
            with nginx.run(site) as base:
                pages = {
                    "home_vi": {"path": "/", **cold_load(browser, base + "/", "nghi quyet")},
                    "home_en": {"path": "/en/", **cold_load(browser, base + "/en/")},
                    "template": {"path": f"/{TEMPLATE_PAGE}",
                                 **cold_load(browser, f"{base}/{TEMPLATE_PAGE}", docx=True)},
                }
                # The heaviest page: the CANDIDATES heaviest by a static estimate,
                # loaded cold; the most bytes transferred wins.
                ranked = sorted(page_paths(site), key=lambda p: static_weight(site, p))
                loads = {path: cold_load(browser, f"{base}/{path}")
                         for path in ranked[-CANDIDATES:]}
                heavy = max(loads, key=lambda path: loads[path]["bytes"])
                pages["heaviest"] = {"path": f"/{heavy}", **loads[heavy]}
                io = meetings_io(browser, f"{base}/{TEMPLATE_PAGE}")
                roll = roll_timing(browser, f"{base}/{TEMPLATE_PAGE}")
                app = app_visits(browser, base + "/") if (site / SW).exists() else None
            with nginx.run(bare_site) as base:
                bare = {"path": "/", **cold_load(browser, base + "/")}
        finally:
            browser.close()
    home = pages["home_vi"]
    downloads = download_sizes(site)
    zip_bytes = next((size for name, size in downloads.items() if name.endswith(".zip")), None)
    precache = precache_size(site) if app else None
    return {
        "site": str(site),
        "pages": pages,
        "app": app and {"precache": precache, **app},
        "search_index": index_sizes(site),
        "meetings_io": io,
        "roll": roll,
        "downloads": downloads,
        "bare_material_home": bare,
        "ratio_to_bare_material": {
            "bytes": round(home["bytes"] / bare["bytes"], 2),
            "bytes_without_fonts": round((home["bytes"] - home["font_bytes"])
                                         / (bare["bytes"] - bare["font_bytes"]), 2),
            "requests": round(home["requests"] / bare["requests"], 2),
        },
        "budget": {
            "home_bytes_max": HOME_BYTES_MAX, "home_requests_max": HOME_REQUESTS_MAX,
            "zip_bytes_max": ZIP_BYTES_MAX,
            "home_bytes_ok": all(pages[k]["bytes"] <= HOME_BYTES_MAX
                                 for k in ("home_vi", "home_en")),
            "home_requests_ok": all(pages[k]["requests"] <= HOME_REQUESTS_MAX
                                    for k in ("home_vi", "home_en")),
            "zip_ok": zip_bytes is not None and zip_bytes <= ZIP_BYTES_MAX,
            "precache_bytes_max": PRECACHE_BYTES_MAX,
            "precache_ok": bool(app) and precache["gzip_bytes"] <= PRECACHE_BYTES_MAX,
            "repeat_visit_offline_ok": bool(app)
            and app["repeat_visit_offline"]["network_requests"] == 0,
        },
    }


def _kb(n: int) -> str:
    return f"{n / KB:.1f} KB"


def report(result: dict) -> list[str]:
    lines = []
    for name, page in result["pages"].items():
        lines.append(f"{name:9} {page['path']:<40} {_kb(page['bytes']):>9} in {page['requests']:2} "
                     f"requests (fonts {_kb(page['font_bytes'])})")
        if "first_search" in page:
            s = page["first_search"]
            lines.append(f"{'':9} first search: {_kb(s['bytes'])} in {s['requests']} requests")
        if "docx_on_first_use" in page:
            s = page["docx_on_first_use"]
            lines.append(f"{'':9} first Word download (loaded on the click, not with the page): "
                         f"{_kb(s['bytes'])} in {s['requests']} requests")
    io = result["meetings_io"]
    size = io["file_bytes"] / KB / KB
    lines.append(f"meetings file of {io['meetings']} meetings, {size:.2f} MB: "
                 f"check {io['check_ms']} ms, import and save {io['import_and_save_ms']} ms"
                 f"{'' if io['saved'] else ' (NOT saved)'}, export {io['export_ms']} ms "
                 f"({io['export_bytes'] / KB / KB:.2f} MB)")
    lines.append(roll_report(result["roll"]))
    bare = result["bare_material_home"]
    ratio = result["ratio_to_bare_material"]
    lines.append(f"bare Material home: {_kb(bare['bytes'])} in {bare['requests']} requests; "
                 f"ours/bare: {ratio['bytes']}× bytes ({ratio['bytes_without_fonts']}× without "
                 f"fonts), {ratio['requests']}× requests")
    for lang, size in result["search_index"].items():
        lines.append(f"search index {lang}: {size['documents']} documents, {_kb(size['bytes'])} "
                     f"({_kb(size['gzip_bytes'])} gzip, {_kb(size['br_bytes'])} Brotli), "
                     f"stub {size['stub_bytes']} B")
    for name, size in result["downloads"].items():
        lines.append(f"download {name}: {size / KB / KB:.2f} MB" if size >= KB * KB
                     else f"download {name}: {_kb(size)}")
    app = result["app"]
    if app is None:
        lines.append(f"app: no {SW} in the site — run `python -m scripts.handbook sw`")
    else:
        pre = app["precache"]
        lines.append(f"app precache: {pre['files']} files, {pre['bytes'] / KB / KB:.2f} MB on "
                     f"disk, {pre['gzip_bytes'] / KB / KB:.2f} MB over the wire")
        lines.append(f"app first visit: {app['first_visit']['requests']} page requests "
                     f"({_kb(app['first_visit']['bytes'])}), then the worker's precache "
                     f"after load: {app['precache_download']['requests']} requests "
                     f"({_kb(app['precache_download']['bytes'])})")
        lines.append("app repeat visit offline: "
                     f"{app['repeat_visit_offline']['network_requests']} network requests")
    budget = result["budget"]
    lines.append("budget: home ≤ {} and ≤ {} requests: {}; ZIP ≤ {} MB: {}".format(
        _kb(budget["home_bytes_max"]), budget["home_requests_max"],
        "met" if budget["home_bytes_ok"] and budget["home_requests_ok"] else "MISSED",
        budget["zip_bytes_max"] // KB // KB, "met" if budget["zip_ok"] else "MISSED"))
    lines.append("budget: precache ≤ {} MB over the wire: {}; repeat visit offline with 0 "
                 "network requests: {}".format(
                     budget["precache_bytes_max"] // KB // KB,
                     "met" if budget["precache_ok"] else "MISSED",
                     "met" if budget["repeat_visit_offline_ok"] else "MISSED"))
    return lines


def main(site: Path = SITE, output: Path = OUTPUT, only: str | None = None,
         runs: int = 3) -> int:
    """Page weights (build/perf.json), then Lighthouse on each kind of page
    (scripts/handbook/lighthouse.py, build/lighthouse.json); *only* one of them."""
    if not (site / "index.html").exists():
        print(f"{site}/index.html is missing — build the site first (make build)")
        return 2
    if only != "lighthouse":
        result = measure(site)
        print("\n".join(report(result)))
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
        print(f"written to {output}")
    if only != "weight":
        from scripts.handbook import lighthouse

        return lighthouse.main(site, runs=runs)
    return 0
