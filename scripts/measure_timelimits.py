"""How much of the national database's time-limit texts tthc reads (issue 11).

Usage: python scripts/measure_timelimits.py [CORPUS_DIR] [--show KIND]

Prints, for ``time-limits.tsv`` (weighted by occurrences and by distinct text) and for the texts
of ``descriptions.txt`` that begin with a limit, the share read as one limit, read with
alternatives, not stated, and needing review. ``--show needs_review`` (or ``limit``, ``alternatives``,
``not_stated``) lists the texts of that kind with their reading.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from tthc.timelimits import ReadingKind, TimeLimitReading, read_time_limit

KINDS = tuple(k.value for k in ReadingKind)
_BEGINS_WITH_LIMIT = re.compile(
    r"^(?:[-+•*]\s*)?(?:thời hạn giải quyết:?\s*)?(?:(?:trong thời hạn|không quá|tối đa|trong vòng"
    r"|chậm nhất)\s+)*(?:[0-9]{1,4}(?:[.,][0-9]+)?(?:\s*\([^()]*\))?\s+(?:ngày|giờ|tháng)"
    r"|(?:ngay\s+)?trong\s+ngày)"
)


def begins_with_limit(text: str) -> bool:
    """Whether a description begins with an amount of time (the texts measured there)."""
    return bool(_BEGINS_WITH_LIMIT.match(unicodedata.normalize("NFC", text).strip().lower()))


def table(title: str, counts: Counter[str]) -> str:
    total = sum(counts.values())
    cells = "  ".join(f"{k} {counts[k]:>6} ({100 * counts[k] / total:5.1f} %)" for k in KINDS)
    return f"{title:<34} {total:>6}  {cells}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpus", type=Path)
    parser.add_argument("--show", choices=KINDS)
    args = parser.parse_args(argv)
    by_occurrence: Counter[str] = Counter()
    bare = Counter[str]()  # bare numbers: the unit was lost by the crawler
    by_text: Counter[str] = Counter()
    rows = (args.corpus / "time-limits.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in rows:
        text, count, _sources = line.split("\t")
        reading = read_time_limit(text)
        k = reading.kind.value
        by_occurrence[k] += int(count)
        if re.fullmatch(r"[0-9]+(?:-[0-9]+)?", text.strip()) and text.strip("0 "):
            bare[k] += int(count)
        by_text[k] += 1
        if args.show == k:
            print(f"{count:>5} | {text[:200]}\n      -> {_describe(reading)}")
    descriptions: Counter[str] = Counter()
    for text in (args.corpus / "descriptions.txt").read_text(encoding="utf-8").splitlines():
        if begins_with_limit(text):
            descriptions[read_time_limit(text).kind.value] += 1
    print(table("time-limits.tsv, by occurrence", by_occurrence))
    print(table("time-limits.tsv, by distinct text", by_text))
    print(table("descriptions.txt, begin with a limit", descriptions))
    ok = by_occurrence["needs_review"] / sum(by_occurrence.values())
    print(f"not needing review, by occurrence: {100 * (1 - ok):.1f} %")
    rest = sum(by_occurrence.values()) - sum(bare.values())
    left = by_occurrence["needs_review"] - bare["needs_review"]
    print(
        f"bare numbers (unit lost): {sum(bare.values())} occurrences; without them, "
        f"{100 * (1 - left / rest):.1f} % of {rest} occurrences do not need review"
    )
    return 0


def _describe(r: TimeLimitReading) -> str:
    alts = "; ".join(f"{a.condition!r}: {a.limit}" for a in r.alternatives)
    return f"{r.limit} | {alts} | {r.reason}"


if __name__ == "__main__":
    sys.exit(main())
