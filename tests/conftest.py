"""Shared test configuration: hypothesis profiles and the opt-in ``slow`` tests.

* Profile ``default`` (every run): a modest, derandomized number of examples, no deadline, no
  example database, so CI runs are reproducible and leave nothing in the tree.
* Fixture ``engine``: the scalar and the batch engine behind one interface (tests/engines.py);
  a rule test that takes it runs once per engine.
* Profile ``mutation``: the default with 20 examples, for the fast test selection of the batch
  engine's mutation run (scripts/mutation with ``MUTATION_TESTS``, docs/mutation.md).
* Profile ``slow``: many examples. It is loaded, and tests marked ``slow`` are run, only with
  ``pytest --run-slow`` or the environment variable ``TTHC_SLOW=1``; otherwise they are skipped.
  ``HYPOTHESIS_PROFILE=<name>`` picks a profile explicitly.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from engines import ENGINES, Engine

settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "mutation",
    parent=settings.get_profile("default"),
    max_examples=20,
)
settings.register_profile(
    "slow",
    max_examples=1000,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def slow_enabled(config: pytest.Config) -> bool:
    """Whether this run includes the slow tests (``--run-slow`` or ``TTHC_SLOW=1``)."""
    return bool(config.getoption("--run-slow")) or os.environ.get("TTHC_SLOW", "") == "1"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow",
        action="store_true",
        default=False,
        help="run the tests marked slow and use the 'slow' hypothesis profile (or TTHC_SLOW=1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    default = "slow" if slow_enabled(config) else "default"
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", default))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if slow_enabled(config):
        return
    skip = pytest.mark.skip(reason="slow test: run with --run-slow or TTHC_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(params=ENGINES, ids=[e.name for e in ENGINES], scope="session")
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each engine in turn: ``scalar`` (tthc.deadline / classify / findings) and ``batch``."""
    e: Engine = request.param
    return e
