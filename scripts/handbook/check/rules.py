"""Every rule module, imported once so its rules register (see load_rules)."""

from scripts.handbook.check import templates  # noqa: E402,F401  (meeting templates)
