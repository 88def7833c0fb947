"""Links to other websites get rel="noopener noreferrer": the page they open
cannot reach back into this one (window.opener) nor learn from the Referer
header which page of the handbook linked to it (the pages also say
<meta name="referrer" content="no-referrer">; this holds for old browsers and
for a link opened from a copied page). Links to the site itself are left
alone. The validator's privacy rule checks that every external link has both.
"""

import re
from urllib.parse import urlsplit

SCRIPT = re.compile(r"(<script\b.*?</script>)", re.DOTALL | re.IGNORECASE)
ANCHOR = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
HREF = re.compile(r"""\shref\s*=\s*(["'])((?:https?:)?//[^"']*)\1""", re.IGNORECASE)
REL = re.compile(r"""\srel\s*=\s*(["'])([^"']*)\1""", re.IGNORECASE)


def on_post_page(output, page, config):
    return add_noopener(output, config.site_url)


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return add_noopener(output_content, config.site_url)


def add_noopener(html, site_url=None):
    own = urlsplit(site_url or "").netloc.lower()
    # Inline scripts may hold "<a " in strings: leave them untouched.
    parts = SCRIPT.split(html)
    for index in range(0, len(parts), 2):
        parts[index] = ANCHOR.sub(lambda m: _tag(m.group(0), own), parts[index])
    return "".join(parts)


RELS = ("noopener", "noreferrer")


def _tag(tag, own):
    href = HREF.search(tag)
    if not href or urlsplit(href.group(2)).netloc.lower() == own:
        return tag
    rel = REL.search(tag)
    if rel is None:
        return tag[:-1].rstrip("/").rstrip() + f' rel="{" ".join(RELS)}">'
    values = rel.group(2).split()
    missing = [v for v in RELS if v not in (value.lower() for value in values)]
    if not missing:
        return tag
    quote = rel.group(1)
    new = f" rel={quote}{' '.join([*values, *missing])}{quote}"
    return tag[: rel.start()] + new + tag[rel.end():]
