"""Screening quality: precision, recall and F1 on the labelled evaluation set.

    uv run python bench/screening_quality.py [--data FILE.csv] [--threshold 0.7]

Each pair of the set is scored as the index scores a candidate (`match.rate`, the kind of
the pair given); a pair is a hit when its score reaches the threshold. Printed: the figures
for the whole set and for each kind of variation, a threshold sweep, and the share of the
positive pairs that a search of an index holding every candidate of the set returns (so
the blocking of the index is measured too). The last line is one JSON object.

The set is built by tests/data/build_screening_eval.py; the matcher was tuned on the set
of seed 1, and the committed set (seed 2) is only reported on.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from sswbridge.screening import calibration, names
from sswbridge.screening.entries import Entry, Query
from sswbridge.screening.index import ScreeningIndex
from sswbridge.screening.match import Rating, rate
from sswbridge.screening.settings import DEFAULT_THRESHOLD

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "screening_eval.csv"
DEV = DATA.with_name("screening_eval2_dev.csv")
HELDOUT = DATA.with_name("screening_eval2_heldout.csv")


def best_rate(query: Query, query_text: str, entry: Entry, candidate: str) -> Rating:
    """The rating as the index gives it: the best of the query's forms against the entry's."""
    forms = names.forms(candidate)
    return max(
        (rate(query, form, entry, forms) for form in names.forms(query_text)),
        key=lambda r: r.score,
    )


def figures(rows: list[tuple[int, float]], threshold: float) -> dict[str, float | int]:
    tp = sum(1 for label, score in rows if label and score >= threshold)
    fp = sum(1 for label, score in rows if not label and score >= threshold)
    fn = sum(1 for label, score in rows if label and score < threshold)
    tn = sum(1 for label, score in rows if not label and score < threshold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(rows),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def score_pairs(path: Path) -> list[tuple[dict[str, str], float]]:
    """Each pair of the second set scored as the index scores a candidate, countries given."""
    with path.open(encoding="utf-8", newline="") as handle:
        pairs = list(csv.DictReader(handle))
    scored: list[tuple[dict[str, str], float]] = []
    for row in pairs:
        query = Query.of(row["query"], kind=row["kind"], country=row["query_country"])
        entry = Entry(
            "eval:1", (row["candidate"],), kind=row["kind"], country=row["candidate_country"]
        )
        result = best_rate(query, row["query"], entry, row["candidate"])
        scored.append((row, result.score))
    return scored


def report_part(
    title: str, scored: list[tuple[dict[str, str], float]], threshold: float
) -> dict[str, object]:
    """Per category: recall of the positives, the alert rate of each negative category;
    then precision and recall of the whole part."""
    overall = figures([(int(r["label"]), s) for r, s in scored], threshold)
    print(f"\n{title}: {overall['pairs']} pairs, threshold {threshold}")
    print(f"{'category':28} {'pairs':>6} {'recall':>8} {'alerts':>8}")
    by_category: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row, score in scored:
        by_category[row["category"]].append((int(row["label"]), score))
    per_category: dict[str, dict[str, float | int]] = {}
    for category in sorted(by_category, key=lambda c: (c.startswith("neg_"), c)):
        f = figures(by_category[category], threshold)
        if category.startswith("neg_"):
            alert_rate = round(f["fp"] / f["pairs"], 4)
            per_category[category] = {"pairs": f["pairs"], "alert_rate": alert_rate}
            print(f"{category:28} {f['pairs']:>6} {'':>8} {alert_rate:>8.2%}")
        else:
            per_category[category] = {"pairs": f["pairs"], "recall": f["recall"]}
            print(f"{category:28} {f['pairs']:>6} {f['recall']:>8.4f}")
    print(
        f"{'ALL':28} {overall['pairs']:>6}   precision {overall['precision']:.4f}"
        f"  recall {overall['recall']:.4f}  f1 {overall['f1']:.4f}"
    )
    return {**{k: overall[k] for k in ("pairs", "precision", "recall", "f1")}, **per_category}


def calibration_table(scored: list[tuple[dict[str, str], float]]) -> list[dict[str, object]]:
    """Candidates grouped by calibrated probability (tenths): how many, and the share that
    are true matches. On the held-out part, the two columns should agree."""
    groups: dict[int, list[int]] = defaultdict(list)
    for row, score in scored:
        groups[min(int(calibration.probability(score) * 10), 9)].append(int(row["label"]))
    table = []
    print(f"{'calibrated':>12} {'pairs':>6} {'true share':>11}")
    for tenth in sorted(groups):
        labels = groups[tenth]
        share = sum(labels) / len(labels)
        table.append({"bin": f"{tenth / 10:.1f}-{(tenth + 1) / 10:.1f}", "pairs": len(labels),
                      "true_share": round(share, 4)})  # fmt: skip
        print(f"{tenth / 10:>5.1f}-{(tenth + 1) / 10:<5.1f} {len(labels):>6} {share:>11.4f}")
    return table


def second_set(threshold: float) -> dict[str, object]:
    """The second set: development part (in-sample: the thresholds, weights and the
    calibration were chosen on it) and held-out part (reported only)."""
    out: dict[str, object] = {}
    for title, path in (("development (in-sample)", DEV), ("held-out", HELDOUT)):
        scored = score_pairs(path)
        part = report_part(f"Second set, {title}", scored, threshold)
        print(f"calibration on the {title} part:")
        part["calibration"] = calibration_table(scored)
        out["development" if path == DEV else "heldout"] = part
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Screening quality on the labelled set.")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--show-errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--second-only", action="store_true", help="only the second set")
    args = parser.parse_args()
    second = second_set(args.threshold)
    if args.second_only:
        sys.stdout.write(json.dumps({"second_set": second}, ensure_ascii=False) + "\n")
        return

    with args.data.open(encoding="utf-8", newline="") as handle:
        pairs = list(csv.DictReader(handle))
    started = time.perf_counter()
    scored: list[tuple[dict[str, str], float]] = []
    for row in pairs:
        query = Query.of(row["query"], kind=row["kind"])
        entry = Entry("eval:1", (row["candidate"],), kind=row["kind"])
        result = best_rate(query, row["query"], entry, row["candidate"])
        scored.append((row, result.score))
    elapsed = time.perf_counter() - started

    overall = figures([(int(r["label"]), s) for r, s in scored], args.threshold)
    by_kind: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row, score in scored:
        by_kind[row["variation"]].append((int(row["label"]), score))

    print(f"Evaluation set: {args.data} ({len(pairs)} pairs), threshold {args.threshold}")
    print(f"Scored in {elapsed:.2f} s ({len(pairs) / elapsed:,.0f} pairs/s)\n")
    print(f"{'variation':36} {'pairs':>6} {'prec':>7} {'recall':>7} {'f1':>7}   fp   fn")
    per_variation: dict[str, dict[str, float | int | None]] = {}
    for kind in sorted(by_kind):
        f = figures(by_kind[kind], args.threshold)
        if f["tp"] + f["fn"] == 0:  # hard negatives only: the share wrongly matched
            fp_rate = round(f["fp"] / f["pairs"], 4)
            per_variation[kind] = {"pairs": f["pairs"], "false_positive_rate": fp_rate}
            print(f"{kind:36} {f['pairs']:>6}  false positives {f['fp']} ({fp_rate:.2%})")
            continue
        per_variation[kind] = {m: f[m] for m in ("pairs", "precision", "recall", "f1")}
        print(
            f"{kind:36} {f['pairs']:>6} {f['precision']:>7.4f} {f['recall']:>7.4f} "
            f"{f['f1']:>7.4f} {f['fp']:>4} {f['fn']:>4}"
        )
    print(
        f"{'ALL':36} {overall['pairs']:>6} {overall['precision']:>7.4f} "
        f"{overall['recall']:>7.4f} {overall['f1']:>7.4f} {overall['fp']:>4} {overall['fn']:>4}\n"
    )
    print("threshold sweep (precision / recall):")
    sweep = {}
    for step in range(50, 100, 5):
        t = step / 100
        f = figures([(int(r["label"]), s) for r, s in scored], t)
        sweep[str(t)] = {"precision": f["precision"], "recall": f["recall"]}
        print(f"  {t:.2f}: {f['precision']:.4f} / {f['recall']:.4f}")

    # Retrieval: does a search of an index of all candidates return each positive pair?
    # Each distinct candidate text is one entry; the set repeats a person in many rows, so
    # all candidates at or above the threshold count, not only the first few.
    texts = {row["candidate"]: row["kind"] for row in pairs}
    index = ScreeningIndex(
        Entry(f"eval:{i}", (text,), kind=kind) for i, (text, kind) in enumerate(texts.items())
    )
    positives = [row for row in pairs if row["label"] == "1"]
    found = 0
    for row in positives:
        hits = index.search(
            Query.of(row["query"], kind=row["kind"]), threshold=args.threshold, limit=None
        )
        found += any(c.entry.names[0] == row["candidate"] for c in hits)
    retrieval = round(found / len(positives), 4) if positives else 1.0
    print(f"\nretrieval recall (an index of the {len(index)} distinct candidates): {retrieval:.4f}")

    if args.show_errors:
        errors = [(r, s) for r, s in scored if (r["label"] == "1") != (s >= args.threshold)]
        for r, s in errors[: args.show_errors]:
            print(f"  {r['variation']:24} {r['label']} {s:.3f}  {r['query']}  |  {r['candidate']}")

    result = {
        "data": str(args.data.name),
        "threshold": args.threshold,
        **{k: overall[k] for k in ("pairs", "precision", "recall", "f1")},
        "retrieval_recall": retrieval,
        "tuned_on": "seed 1 of tests/data/build_screening_eval.py",
        "per_variation": per_variation,
        "second_set": second,
    }
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
