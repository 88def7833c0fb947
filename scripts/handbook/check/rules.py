"""Every rule module, imported once so its rules register (see load_rules)."""

from scripts.handbook.check import course  # noqa: F401,E402  (training course data)
