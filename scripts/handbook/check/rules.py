"""Every rule module, imported once so its rules register (see load_rules)."""

from scripts.handbook.check import source  # noqa: F401  (source-*, cite-exists, glossary, terminology)
