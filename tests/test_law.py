"""tthc.law: the legal parameters, and the check that no other module restates one as a literal."""

from __future__ import annotations

import ast
from datetime import date, datetime, time
from pathlib import Path

import pytest

import tthc.law as law
from tthc import ArgumentTypeError, DateTypeError, InvalidValueError, RuleSet, rule_set_for
from tthc.law import Citation, months_later

SRC = Path(__file__).resolve().parents[1] / "src" / "tthc"

# The dates and numbers of tthc.law, as they would be written if restated elsewhere.
LEGAL_DATES = {(2018, 6, 21), (2025, 7, 1), (2011, 8, 1), (2022, 8, 1), (2026, 7, 1)}
LEGAL_TIMES = {(15, 0)}
LEGAL_NUMBERS = {
    law.SUPPLEMENT_REQUEST_WORKING_DAYS,
    law.ONLINE_ACCEPTANCE_WORKING_HOURS,
    law.SUPPLEMENT_WAIT_DAYS,
}
# Modules that apply the rules: a legal number there must come from tthc.law.
RULE_MODULES = ("deadlines.py", "outcomes.py", "batch", "stats.py", "reports")


def _in_a_rule_expression(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """A comparison (``days > 3``, ``waited > 8 * HOUR``) or ``timedelta(hours=8)``."""
    parent = parents.get(node)
    if isinstance(parent, ast.BinOp):
        parent = parents.get(parent)
    if isinstance(parent, ast.keyword):
        call = parents.get(parent)
        return isinstance(call, ast.Call) and getattr(call.func, "id", None) == "timedelta"
    return isinstance(parent, ast.Compare)


def legal_literals(source: str, *, rule_module: bool) -> list[str]:
    """The legal dates, times and (in rule modules) limits written as literals in ``source``."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    hits: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            args = tuple(a.value for a in node.args if isinstance(a, ast.Constant))
            if len(args) != len(node.args):
                continue
            if name == "date" and args in LEGAL_DATES:
                hits.append(f"line {node.lineno}: date{args}")
            if name == "time" and args in LEGAL_TIMES:
                hits.append(f"line {node.lineno}: time{args}")
        if (
            rule_module
            and isinstance(node, ast.Constant)
            and type(node.value) is int
            and node.value in LEGAL_NUMBERS
            and _in_a_rule_expression(node, parents)
        ):
            hits.append(f"line {node.lineno}: {node.value} in an expression")
    return sorted(hits, key=lambda h: int(h.split(":")[0].split()[1]))


def test_no_legal_literal_outside_the_law_module() -> None:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in ("law.py", "_calendar_data.py"):
            continue
        rule_module = rel.startswith(RULE_MODULES)
        hits = legal_literals(path.read_text(encoding="utf-8"), rule_module=rule_module)
        if hits:
            found[rel] = hits
    assert found == {}


def test_the_literal_check_finds_what_it_looks_for() -> None:
    snippet = (
        "from datetime import date, time, timedelta\n"
        "a = date(2025, 7, 1)\n"
        "b = time(15, 0)\n"
        "c = days > 3\n"
        "d = timedelta(hours=8)\n"
        "e = waited < 15\n"
        "f = date(2026, 7, 2); g = x[3]; h = len(y) * 3; i = cache(maxsize=8)\n"
        "j = waited > 8 * HOUR\n"
    )
    assert legal_literals(snippet, rule_module=True) == [
        "line 2: date(2025, 7, 1)",
        "line 3: time(15, 0)",
        "line 4: 3 in an expression",
        "line 5: 8 in an expression",
        "line 6: 15 in an expression",
        "line 8: 8 in an expression",
    ]
    assert legal_literals(snippet, rule_module=False) == [
        "line 2: date(2025, 7, 1)",
        "line 3: time(15, 0)",
    ]


def test_rule_sets_by_receipt_date() -> None:
    assert rule_set_for(law.ND61_2018_FROM) is RuleSet.ND_61_2018  # the first day counts
    assert rule_set_for(date(2025, 6, 30)) is RuleSet.ND_61_2018
    assert rule_set_for(law.ND118_2025_FROM) is RuleSet.ND_118_2025
    assert RuleSet.ND_61_2018.effective_until == date(2025, 6, 30)
    with pytest.raises(InvalidValueError, match="before NĐ 61/2018/NĐ-CP took effect"):
        rule_set_for(date(2018, 6, 20))
    with pytest.raises(ArgumentTypeError, match="expected a datetime.date, got the datetime"):
        rule_set_for(datetime(2025, 7, 1))
    assert DateTypeError is ArgumentTypeError


def test_rules_new_in_nd118_are_absent_from_nd61() -> None:
    for rule in ("online_acceptance", "digital_signature", "closing", "district_level"):
        assert RuleSet.ND_118_2025.has(rule)
        assert not RuleSet.ND_61_2018.has(rule)
    for rule in ("restart", "supplement_deadline", "supplement_once", "apology"):
        assert RuleSet.ND_61_2018.has(rule)
        assert RuleSet.ND_118_2025.has(rule)
    c = RuleSet.ND_118_2025.citation("supplement_once")
    assert isinstance(c, Citation)
    assert c.quote == "chỉ được yêu cầu sửa đổi, bổ sung một lần"
    assert c.confidence == "medium"
    assert RuleSet.ND_61_2018.citation("restart").confidence == "high"


def test_numbers_and_dates() -> None:
    assert law.SUPPLEMENT_REQUEST_WORKING_DAYS == 3
    assert law.ONLINE_ACCEPTANCE_WORKING_HOURS == 8
    assert law.SUPPLEMENT_WAIT_DAYS == 15
    assert law.APOLOGY_DAYS_BEFORE_DUE == 1
    assert time(15, 0) == law.SAME_DAY_CUTOFF
    assert date(2025, 7, 1) == law.TWO_TIER_LOCAL_GOVERNMENT_FROM


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        (date(2026, 5, 31), 1, date(2026, 6, 30)),  # clipped to the month's last day (Điều 148 k3)
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 3, date(2026, 4, 15)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2026, 8, 31), 12, date(2027, 8, 31)),
    ],
)
def test_months_later_clips_to_the_month_end(start: date, n: int, end: date) -> None:
    assert months_later(start, n) == end
