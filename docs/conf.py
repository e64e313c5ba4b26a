"""Sphinx configuration of the tthc documentation (MyST Markdown pages, API from docstrings).

Build:  sphinx-build -W --keep-going -q -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The package is normally installed (pip install -e '.[test]'); this keeps a bare checkout working.
sys.path.insert(0, str(ROOT / "src"))

project = "tthc"
author = "tthc developers"
copyright = "tthc developers"

try:
    from tthc import __version__ as release
except ImportError:  # pragma: no cover - the package should be importable
    release = "0.0.0"
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# MyST: ``{role}`` and fenced ``{directive}`` syntax, plus definition lists for the glossary.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: docstrings are plain reST with doctest examples; type hints go into the description.
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}

# No intersphinx: builds run offline. References to Python's own types therefore stay plain text.
nitpicky = False

html_theme = "alabaster"
html_title = f"tthc {release}"
html_static_path: list[str] = []
