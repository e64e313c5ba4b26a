"""The layers of docs/architecture.md: no module imports a module of a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tthc"

# (layer, modules) from docs/architecture.md; a package stands for all its modules.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("errors", ("errors",)),
    ("foundation", ("validators", "labelled", "law", "_strict_json", "collation")),
    (
        "calendar",
        (
            "_calendar_data",
            "days",
            "occasions",
            "sessions",
            "working_time",
            "_calendar_build",
            "calendar",
            "announcements",
        ),
    ),
    (
        "limits",
        (
            "timelimits",
            "_timelimit_lexicon",
            "_timelimit_tokens",
            "_timelimit_items",
            "_timelimit_grammar",
        ),
    ),
    ("models", ("services", "procedures", "events", "models", "catalogue")),
    (
        "rules",
        ("deadlines", "classification", "breaches", "step_control", "outcomes", "appointments"),
    ),
    ("engines and reports", ("batch", "reports", "synthetic", "strategies", "_hypothesis_plugin")),
    (
        "formats and CLI",
        ("formats", "serialization", "stats", "columnar", "dask", "cli", "__main__"),
    ),
)
LAYER_OF = {module: i for i, (_, modules) in enumerate(LAYERS) for module in modules}


def _top(name: str) -> str | None:
    """The first component under ``tthc`` of a dotted module name (None: not a tthc module)."""
    parts = name.split(".")
    return parts[1] if parts[0] == "tthc" and len(parts) > 1 else None


def _imports(path: Path) -> set[str]:
    """The tthc modules ``path`` imports, at any depth (lazy and TYPE_CHECKING imports too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(n for alias in node.names if (n := _top(alias.name)))
        elif isinstance(node, ast.ImportFrom) and node.module is not None and node.level == 0:
            if node.module == "tthc":
                found.update(alias.name for alias in node.names if alias.name in LAYER_OF)
            elif top := _top(node.module):
                found.add(top)
    return found


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.as_posix() == "__init__.py":
            continue  # the package re-exports the public API of every layer, lazily
        out.append((rel.parts[0].removesuffix(".py"), path))
    return out


def test_every_module_has_a_layer() -> None:
    assert {top for top, _ in _modules()} == set(LAYER_OF)


@pytest.mark.parametrize(("top", "path"), _modules(), ids=lambda v: str(v))
def test_no_import_goes_up_a_layer(top: str, path: Path) -> None:
    mine = LAYER_OF[top]
    upward = {
        f"tthc.{name} ({LAYERS[LAYER_OF[name]][0]})"
        for name in _imports(path)
        if LAYER_OF[name] > mine
    }
    assert upward == set(), f"{path.relative_to(SRC)} ({LAYERS[mine][0]}) imports {upward}"


def test_the_rules_come_in_order() -> None:
    # inside a layer the order is the table's: law reads only errors, validators, labelled; the
    # scalar deadlines never read outcomes
    assert _imports(SRC / "law.py") == {"errors", "labelled", "validators"}
    assert _imports(SRC / "validators.py") == {"errors"}
    assert "outcomes" not in _imports(SRC / "deadlines.py")


# The layers split by concept (issue 14): each module reads only those before it in the table.
# In the limits layer, timelimits loads the private grammar lazily (it is the grammar's entry
# point); the grammar's own modules come in the order of its passes.
IN_ORDER: dict[str, tuple[str, ...]] = {
    "calendar": dict(LAYERS)["calendar"],
    "models": dict(LAYERS)["models"],
    "rules": dict(LAYERS)["rules"],
    "the time-limit grammar": dict(LAYERS)["limits"][1:],
}


@pytest.mark.parametrize("group", sorted(IN_ORDER))
def test_a_split_layer_reads_only_the_modules_before_it(group: str) -> None:
    modules = IN_ORDER[group]
    for i, module in enumerate(modules):
        later = set(modules[i:])
        assert _imports(SRC / f"{module}.py") & later == set(), module


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text(
        "from tthc import batch\nimport tthc.formats.json\n"
        "def f():\n    from tthc.reports import form06\n"
    )
    assert _imports(bad) == {"batch", "formats", "reports"}
