"""Every rule module, imported once so its rules register (see load_rules)."""

from scripts.handbook.check import (  # noqa: F401  (importing registers the rules)
    checklists,
    course,
    deck,
    documents,
    links,
    navigation,
    parity,
    privacy,
    source,
    templates,
    terms,
    text,
)
