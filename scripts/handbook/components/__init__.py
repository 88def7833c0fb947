"""Marker renderers. Each module registers its kinds with @markers.renderer.

To add a marker kind, add a module here and import it below.
"""

from scripts.handbook.components import course, quiz, scenario  # noqa: F401
