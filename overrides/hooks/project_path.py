"""Make the project's `scripts` package importable by the hooks listed after this one.

MkDocs restores sys.path after loading each hook, so we import the top-level
package while the project root is on the path; later imports of its submodules
resolve through the package itself. It must be listed first under `hooks:`.
"""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
sys.path.insert(0, ROOT)
import scripts  # noqa: E402,F401  (cached in sys.modules for the other hooks)
