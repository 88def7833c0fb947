"""Every rule module, imported once so its rules register (see load_rules)."""

from scripts.handbook.check import checklists  # noqa: F401  (checklist completeness)
