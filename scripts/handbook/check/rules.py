"""Every rule module, imported once so its rules register (see load_rules)."""
