"""Heading anchors that fold Vietnamese: "Mục đích" → #muc-dich (not #muc-ich)."""

from scripts.handbook.slug import slugify


def on_config(config):
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    return config
