"""Marker renderers. Each module registers its kinds with @markers.renderer.

To add a marker kind, add a module here and import it below.
"""

import scripts.handbook.components.checklist  # noqa: F401  (registers "checklist", "checklist-index")
import scripts.handbook.components.cite  # noqa: F401  (registers "cite")
import scripts.handbook.components.course  # noqa: F401  (registers "course-*")
import scripts.handbook.components.decision_guide  # noqa: F401  (registers "decision-guide")
import scripts.handbook.components.deck  # noqa: F401  (registers "deck-links", "present")
import scripts.handbook.components.documents  # noqa: F401  (registers "documents", "docs")
import scripts.handbook.components.glossary  # noqa: F401  (registers "glossary")
import scripts.handbook.components.progress  # noqa: F401  (registers "progress")
import scripts.handbook.components.quiz  # noqa: F401  (registers "quiz", "quiz-key")
import scripts.handbook.components.scenario  # noqa: F401  (registers "scenario")
import scripts.handbook.components.source  # noqa: F401  (registers "source-*")
import scripts.handbook.components.template  # noqa: F401  (registers "template", "meeting-*")
import scripts.handbook.components.trainer  # noqa: F401  (registers "lesson-plan", "lesson-plans")
import scripts.handbook.components.work_rules  # noqa: F401  (registers "work-rules")
