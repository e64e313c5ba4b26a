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
