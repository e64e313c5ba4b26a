"""The public API: every name in tthc.__all__ resolves, lazily, to the object of its module."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import tthc


@pytest.mark.parametrize("name", tthc.__all__)
def test_every_public_name_resolves(name: str) -> None:
    value = getattr(tthc, name)
    assert value is not None
    if name in tthc._LAZY:
        assert value is getattr(importlib.import_module(tthc._LAZY[name]), name)


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        tthc.nope  # noqa: B018
    assert set(tthc.__all__) <= set(dir(tthc))


def test_import_is_lazy() -> None:
    code = "import sys, tthc; print(sorted(m for m in sys.modules if m.startswith(('tthc.', 'holidays', 'cattrs', 'numpy'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # tthc.classify is the alias of the former module path (no code loaded; see below)
    assert out.stdout.strip() == "['tthc.classify', 'tthc.errors']"


def test_classify_stays_the_function_after_its_module_is_imported() -> None:
    code = (
        "import tthc.outcomes, tthc.classify, tthc;"
        "from tthc.classify import Outcome, classify as f;"
        "print(callable(tthc.classify), type(tthc.classify).__name__, f is tthc.classify,"
        " Outcome is tthc.outcomes.Outcome)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "function", "True", "True"]


def test_the_former_module_path_forwards_to_outcomes() -> None:
    import tthc.outcomes

    alias = sys.modules["tthc.classify"]
    assert alias.Outcome is tthc.outcomes.Outcome
    assert alias.__all__ == tthc.outcomes.__all__


def test_no_module_shadows_a_public_name() -> None:
    # importing tthc.X sets the package attribute X to the module: a module named like a public
    # function (the former tthc.classify) would replace it
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(tthc.__path__)}
    assert "classification" in modules  # the check sees the modules
    assert modules & set(tthc.__all__) == set()


# tthc.outcomes.__all__ before issue 14 split it into classification, breaches and step_control.
FORMER_OUTCOMES = (
    "ONLINE_RECEPTION_BASIS", "ONLINE_RECEPTION_LIMIT", "Basis", "Classification", "Finding",
    "FindingKind", "Outcome", "StepReport", "classify", "findings", "process_control",
)  # fmt: skip


@pytest.mark.parametrize("name", FORMER_OUTCOMES)
def test_the_former_outcomes_names_stay_on_both_paths(name: str) -> None:
    import tthc.breaches
    import tthc.classification
    import tthc.outcomes
    import tthc.step_control

    value = getattr(tthc.outcomes, name)
    assert getattr(sys.modules["tthc.classify"], name) is value
    homes = (tthc.classification, tthc.breaches, tthc.step_control)
    assert any(getattr(m, name, None) is value for m in homes)
    assert name in tthc.outcomes.__all__
