"""The Content-Security-Policy and referrer policy as <meta> in every page.

Hosts that send no headers of ours (GitHub Pages, the offline copy opened from
file://) still get the policy: no script but the site's own and Material's
inline ones (by hash), no request to another host, no form submission
(form-action 'none'), no Referer. The policy is the one deploy/nginx.conf sends
(scripts/handbook/deploy.py computes both from the built site's inline scripts;
tests/e2e/test_nginx.py proves they agree) minus what a <meta> cannot carry:
browsers ignore frame-ancestors and the report directives there, so framing
protection needs the header (nginx: frame-ancestors and X-Frame-Options).

It runs after every hook that edits pages (search_fold.py at -200, the 404 pages
too) and goes right after <meta charset>, before any script it governs.
"""

from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.handbook.deploy import meta_tags, policy

CHARSET = '<meta charset="utf-8">'


@event_priority(-300)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site = Path(config.site_dir)
    tags = meta_tags(policy(site))
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if CHARSET not in text or 'http-equiv="Content-Security-Policy"' in text:
            continue
        html.write_text(text.replace(CHARSET, CHARSET + tags, 1), encoding="utf-8")
