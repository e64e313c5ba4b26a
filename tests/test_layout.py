"""The edge packages keep the import order their docstrings state (no cycles, no upward import).

Each module of ``tthc.formats``, ``tthc.reports``, ``tthc.cli`` and ``tthc.columnar`` may import only the modules
listed before it in its package's order; the package ``__init__`` re-exports them all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tthc

SRC = Path(tthc.__file__).resolve().parent

ORDER: dict[str, tuple[str, ...]] = {
    "formats": (
        "_io",
        "csv_cells",
        "converter",
        "results",
        "json",
        "national",
        "catalogue_files",
        "frame_cells",
        "frames",
        "events_csv",
        "sync_record",
        "export_table",
        "spreadsheet",
        "dossiers",
    ),
    "reports": ("periods", "columns", "placement", "form06_table", "qd766", "inspection"),
    "cli": ("_common", "calendar", "due", "report", "audit", "catalogue"),
    "columnar": (
        "_common",
        "events",
        "frames",
        "classified",
        "parts",
        "file_report",
        "reading",
        "frame_files",
        "run",
        "report",
        "appointments",
    ),
}


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (at any depth of the file, lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("package", sorted(ORDER))
def test_every_module_of_the_package_is_in_its_order(package: str) -> None:
    modules = {p.stem for p in (SRC / package).glob("*.py")} - {"__init__"}
    assert modules == set(ORDER[package])


@pytest.mark.parametrize(
    ("package", "module"), [(p, m) for p, order in sorted(ORDER.items()) for m in order]
)
def test_a_module_imports_only_those_before_it(package: str, module: str) -> None:
    order = ORDER[package]
    allowed = set(order[: order.index(module)])
    prefix = f"tthc.{package}."
    inside = {
        name.removeprefix(prefix).split(".")[0]
        for name in _imports(SRC / package / f"{module}.py")
        if name.startswith(prefix)
    }
    # "from tthc.formats.json import dumps" also yields "json.dumps": keep module names only
    assert inside & set(order) <= allowed, f"tthc.{package}.{module} imports {sorted(inside)}"


@pytest.mark.parametrize("package", ["formats", "reports"])
def test_the_layers_below_do_not_import_the_edges(package: str) -> None:
    below = (
        "errors",
        "law",
        "calendar",
        "timelimits",
        "services",
        "procedures",
        "events",
        "models",
        "catalogue",
        "deadlines",
        "classification",
        "breaches",
        "step_control",
        "outcomes",
    )
    for name in below:
        path = SRC / f"{name}.py"
        if path.exists():
            assert not any(m.startswith(f"tthc.{package}") for m in _imports(path)), name
