"""Offline build (the ZIP): load the iframe-worker shim from the site itself.

Material's `offline` plugin (enabled only for the ZIP build, see mkdocs.yml)
adds https://unpkg.com/iframe-worker/shim to `extra.polyfills`: search needs it
under file://, where browsers refuse Web Workers. We replace that URL with our
own shim (docs/assets/javascripts/stcb-worker-shim.js: the same idea without an
inline script, which the pages' Content-Security-Policy refuses), so the offline
site loads nothing from the network. The served site does not load it at all.

The offline copy carries the small downloads (scripts/handbook/offline_zip.py,
PACKED); its other download links (the ZIP itself, the whole-book PDFs) point at
the website, where the newest files are.
"""


from mkdocs.plugins import event_priority

from scripts.handbook.offline_zip import DOWNLOAD_HREF, packed
from scripts.handbook.site_config import offline_enabled

SHIM = "assets/javascripts/stcb-worker-shim.js"


@event_priority(-50)  # after Material's offline plugin has added the CDN URL
def on_config(config):
    polyfills = config.extra.get("polyfills") or []
    if any("iframe-worker" in str(url) for url in polyfills):
        config.extra["polyfills"] = [
            SHIM if "iframe-worker" in str(url) else url for url in polyfills]
    return config


def on_post_page(output, page, config):
    if not offline_enabled(config):
        return output
    website = config.site_url.rstrip("/")

    def relink(match):
        if packed("downloads/" + match["path"]):
            return match.group(0)  # in the package: the relative link stays
        return f'href="{website}/downloads/{match["path"]}{match["rest"]}"'

    return DOWNLOAD_HREF.sub(relink, output)

