"""How fast read_time_limit reads the national database's texts (issue 11: 10,000 texts < 1 s).

Run on demand (never as a test):  python benchmarks/bench_timelimits.py [--quick] [--corpus PATH]

Two workloads of 10,000 texts each, taken from the hand-labelled corpus texts in
``tests/data/time_limit_labels.tsv``:

- *catalogue*: drawn at random (fixed seed) with the weight each text has in the national
  database (``time-limits.tsv``'s occurrences, when ``--corpus`` points at it; uniform otherwise):
  what reading a real catalogue costs;
- *distinct*: the distinct texts in turn, long multi-stage prose as often as "5 Ngày làm việc":
  the worst case, since prose is what takes time.

Each figure is the best of several repeats; the ratio to the 1 s target matters, not the
absolute time, since the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import random
import timeit
from pathlib import Path

from tthc.timelimits import read_time_limit

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


def best_seconds(texts: list[str], repeat: int) -> float:
    """Best wall time of reading every text of ``texts`` once."""
    return min(timeit.repeat(lambda: [read_time_limit(t) for t in texts], number=1, repeat=repeat))


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
    print(f"{'workload':<12} {'10,000 texts':>14} {'per text':>10} {'target':>8} {'ratio':>7}")
    for name, sample in (("catalogue", catalogue), ("distinct", distinct)):
        seconds = best_seconds(sample, repeat)
        print(
            f"{name:<12} {seconds:>12.3f} s {1e6 * seconds / N:>7.1f} µs {TARGET_SECONDS:>6.1f} s "
            f"{seconds / TARGET_SECONDS:>6.2f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
