"""How fast read_time_limit reads the national database's texts (issue 11: 10,000 texts < 1 s).

Run on demand (never as a test):  python benchmarks/bench_timelimits.py [--quick] [--corpus PATH]

Two workloads of 10,000 texts each, taken from the hand-labelled corpus texts in
``tests/data/time_limit_labels.tsv``:

- *catalogue*: drawn at random (fixed seed) with the weight each text has in the national
  database (``time-limits.tsv``'s occurrences, when ``--corpus`` points at it; uniform otherwise):
  what reading a real catalogue costs;
- *distinct*: the distinct texts in turn, long multi-stage prose as often as "5 Ngày làm việc":
  the worst case, since prose is what takes time.

Each workload is timed through ``read_time_limit`` (which keeps the last 4,096 distinct readings
in a bounded cache, so a repeated text is read once) and without the cache (every text read
afresh: the cost of texts never seen before).

Each figure is the best of several repeats, in CPU seconds of this process (``time.process_time``:
on a shared machine, wall time also counts the time other processes hold the cores); the ratio to
the 1 s target matters, not the absolute time.
"""

from __future__ import annotations

import argparse
import random
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from tthc._timelimit_grammar import read, read_uncached
from tthc.timelimits import TimeLimitReading, read_time_limit

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "time_limit_labels.tsv"
TARGET_SECONDS = 1.0
N = 10_000


def corpus_weights(path: Path) -> dict[str, int]:
    """Occurrences of each text in ``time-limits.tsv`` (empty when the file is absent)."""
    if not path.is_file():
        return {}
    weights: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        text, count, _sources = line.split("\t")
        weights[text] = int(count)
    return weights


def best_seconds(
    texts: list[str], repeat: int, reader: Callable[[str], TimeLimitReading] = read_time_limit
) -> float:
    """Best CPU time of reading every text of ``texts`` once, from an empty cache."""

    def run() -> None:
        read.cache_clear()
        for t in texts:
            reader(t)

    return min(timeit.repeat(run, number=1, repeat=repeat, timer=time.process_time))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (smoke run)")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpus" / "time-limits.tsv"
    )
    args = parser.parse_args(argv)
    repeat = 2 if args.quick else 5
    texts = [line.split("\t")[0] for line in LABELS.read_text(encoding="utf-8").splitlines()[1:]]
    weights = corpus_weights(args.corpus)
    rng = random.Random(11)
    catalogue = rng.choices(texts, weights=[weights.get(t, 1) for t in texts], k=N)
    distinct = [texts[i % len(texts)] for i in range(N)]
    read_time_limit(texts[0])  # compile the grammar's patterns outside the timings
    print(f"{len(texts)} distinct texts; weights from {args.corpus if weights else 'nowhere'}")
    print(f"{'workload':<20} {'10,000 texts':>14} {'per text':>10} {'target':>8} {'ratio':>7}")
    for name, sample, reader in (
        ("catalogue", catalogue, read_time_limit),
        ("distinct", distinct, read_time_limit),
        ("catalogue, no cache", catalogue, read_uncached),
        ("distinct, no cache", distinct, read_uncached),
    ):
        seconds = best_seconds(sample, repeat, reader)
        print(
            f"{name:<20} {seconds:>12.3f} s {1e6 * seconds / N:>7.1f} µs {TARGET_SECONDS:>6.1f} s "
            f"{seconds / TARGET_SECONDS:>6.2f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
