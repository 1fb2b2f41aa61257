"""Screening speed: 100,000 watch-list entries, 10,000 queries, one run.

    uv run python bench/screening.py [--entries 100000] [--queries 10000] [--workers 2]

The data is synthetic, made from the name lists and spelling rules of the evaluation set
(tests/data/build_screening_eval.py) plus generated syllable surnames and brands, so the
100,000 names are mostly distinct: Kyrgyz and Russian people in Cyrillic and Latin, Kyrgyz
organizations with legal forms, Japanese companies in kanji, kana and romaji. Half of the
queries are variants of watch-list entries (another script or convention, a typo, another
word order or legal form), half are names not on the list.

Printed: index build time (in one process, and cold in a fresh process with --workers
processes analysing the names, as `sswbridge screen --workers` builds it); the index saved
and loaded in its persisted form (plain JSON, as `screening/store.py` writes it for the live
index); the batch (total time, queries per
second) in one process and in --workers processes; the latency of single interactive
queries (p50, p95, p99); the whole `sswbridge screen --watchlist` command on the same
files, from process start to the results file; peak memory (resident set size); and the
baseline: a plain rapidfuzz `process.extract` scan with `WRatio` over the same 100,000
names. The baseline's setup (its list of names) and its cost per query (on
--baseline-sample queries) are timed apart, and its total for all the queries is setup +
queries x cost per query, set against ours: index build + batch. Also the share of the
variant queries whose entry comes back in the top 5, for both. Ends with one JSON line.
Timings on a shared machine vary from run to run: take the median of several runs.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from sswbridge.screening import batch
from sswbridge.screening.entries import ORGANIZATION, PERSON, Entry, Query
from sswbridge.screening.index import ScreeningIndex, without_gc

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "build_screening_eval", ROOT / "tests" / "data" / "build_screening_eval.py"
)
assert _spec is not None and _spec.loader is not None
ev: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)

SYLLABLES = [
    "ак",
    "ал",
    "ас",
    "ба",
    "бек",
    "бо",
    "да",
    "жа",
    "жо",
    "жу",
    "ка",
    "кал",
    "ке",
    "ко",
    "ку",
    "кы",
    "ма",
    "мам",
    "мо",
    "му",
    "на",
    "ну",
    "ор",
    "ос",
    "са",
    "сы",
    "та",
    "то",
    "ту",
    "ты",
    "ур",
    "үс",
    "өм",
    "эр",
    "эс",
    "ыс",
    "ча",
    "чо",
    "ша",
    "шы",
    "ай",
    "ар",
    "ба",
    "ды",
    "зак",
    "кул",
    "мат",
    "мур",
    "нур",
    "тай",
    "бай",
]


def syllable_word(rng: random.Random, low: int = 2, high: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


def person(rng: random.Random) -> tuple[str, str]:
    female = rng.random() < 0.45
    given = rng.choice(ev.FEMALE if female else ev.MALE)
    surname = syllable_word(rng) + rng.choice(["ов", "ев", "баев", "беков"])
    if female:
        surname += "а"
    parts = [surname, given] if rng.random() < 0.6 else [given, surname]
    if rng.random() < 0.2:
        parts.append(ev.patronymic(rng.choice(["Нурлан", "Бакыт", "Азамат", "Марат"]), female))
    name = " ".join(parts)
    return (ev.latin(name, rng) if rng.random() < 0.4 else name), PERSON


def organization(rng: random.Random) -> tuple[str, str]:
    brand = syllable_word(rng, 1, 3) if rng.random() < 0.7 else rng.choice(ev.BRANDS)
    name = f"{brand} {rng.choice(ev.ACTIVITIES)}"
    if rng.random() < 0.3:
        name += " " + rng.choice(ev.ACTIVITIES)
    if rng.random() < 0.4:
        name = ev.latin(name, rng)
        return ev.with_form(name, rng.choice(["LLC", "Ltd.", "JSC"]), rng, cyrillic=False), (
            ORGANIZATION
        )
    return ev.with_form(name, rng.choice(["ОсОО", "ЖЧК", "ООО", "АО"]), rng, cyrillic=True), (
        ORGANIZATION
    )


def japanese(rng: random.Random) -> tuple[str, str]:
    kanji, kana, hep = ev.jp_company(rng)
    if rng.random() < 0.3:
        kanji = rng.choice(ev.JP_FAMILY)[0] + kanji
    form = rng.choice(["株式会社", "(株)", "有限会社", "合同会社", ""])
    return rng.choice([ev.jp_form(kanji, form, rng) if form else kanji, kana, hep]), ORGANIZATION


def watchlist(rng: random.Random, n: int) -> list[Entry]:
    makers = [person] * 6 + [organization] * 3 + [japanese]
    entries = []
    for i in range(n):
        name, kind = rng.choice(makers)(rng)
        entries.append(Entry(id=f"w{i}", names=(name,), kind=kind))
    return entries


def variant(name: str, rng: random.Random) -> str:
    how = rng.choice(["latin", "typo", "order", "form", "typo2"])
    if how == "latin" and any("\u0400" <= c <= "\u04ff" for c in name):
        return ev.latin(name, rng)
    if how == "order" and " " in name:
        words = name.split()
        rng.shuffle(words)
        return " ".join(words)
    if how == "form":
        return name + " LLC"
    if how == "typo2":
        return ev.typo(ev.typo(name, rng), rng)
    return ev.typo(name, rng)


def queries_for(entries: list[Entry], rng: random.Random, n: int) -> list[tuple[Query, str]]:
    out: list[tuple[Query, str]] = []
    for i in range(n):
        if i % 2 == 0:
            entry = rng.choice(entries)
            name = variant(entry.names[0], rng)
            out.append((Query(name=name, kind=entry.kind, id=f"q{i}"), entry.id))
        else:
            name, kind = rng.choice([person, organization, japanese])(rng)
            out.append((Query(name=name, kind=kind, id=f"q{i}"), ""))
    return out


def screen_command(
    entries: list[Entry], queries: list[tuple[Query, str]], workers: int
) -> tuple[float, float]:
    """Seconds for `sswbridge screen --watchlist` on these entries and queries, from the
    start of its process to its results file, and the CPU seconds of all its processes."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for name, rows in (
            ("watchlist.csv", ((e.id, e.names[0], e.kind, e.country) for e in entries)),
            ("queries.csv", ((q.id, q.name, q.kind, q.country) for q, _e in queries)),
        ):
            with (base / name).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)  # the names exactly, as the command reads them
                writer.writerow(batch.INPUT_HEADER)
                writer.writerows(rows)
        # As an installed copy runs: with its modules' bytecode compiled (here in a folder
        # of the bench's own, by a first run on one name, when the environment writes none).
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(base / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        with (base / "one.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([batch.INPUT_HEADER, ("1", "Ak Jol", "", "")])

        def command(watchlist: str, queries: str) -> None:
            subprocess.run(
                [
                    str(Path(sys.executable).with_name("sswbridge")),
                    "screen",
                    "--watchlist",
                    str(base / watchlist),
                    "--queries",
                    str(base / queries),
                    "--out",
                    str(base / "results.csv"),
                    "--workers",
                    str(workers),
                    "--threshold",
                    "0.7",
                    "--limit",
                    "5",
                ],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        command("one.csv", "one.csv")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        command("watchlist.csv", "queries.csv")
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        return wall, cpu


def build_in_fresh_process(entries: int, seed: int, workers: int) -> float:
    """Seconds to build the index of the same entries with `workers` processes, in a new
    interpreter (cold caches, as a `screen` command starts)."""
    script = (
        "import importlib.util, random, sys, time\n"
        f"spec = importlib.util.spec_from_file_location('bench', {str(Path(__file__))!r})\n"
        "bench = importlib.util.module_from_spec(spec); spec.loader.exec_module(bench)\n"
        f"entries = bench.watchlist(random.Random({seed}), {entries})\n"
        "started = time.perf_counter()\n"
        f"bench.ScreeningIndex(entries, workers={workers})\n"
        "print(time.perf_counter() - started)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(done.stdout.strip().splitlines()[-1])


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description="Screening speed benchmark.")
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline-sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs", flush=True)

    entries = watchlist(rng, args.entries)
    queries = queries_for(entries, rng, args.queries)
    print(f"{len(entries):,} watch-list entries, {len(queries):,} queries", flush=True)

    # In one process first (its word caches then warm the second build, which is therefore
    # made in a fresh process below: the figure is a cold build, as `screen` makes it).
    started, cpu = time.perf_counter(), time.process_time()
    index = ScreeningIndex(entries)
    build_1, build_1_cpu = time.perf_counter() - started, time.process_time() - cpu
    build = build_in_fresh_process(args.entries, args.seed, args.workers)
    print(
        f"index built in {build:.1f} s with {args.workers} processes (as `screen --workers` "
        f"builds it), {build_1:.1f} s in 1 process ({build_1_cpu:.1f} s of CPU); "
        f"peak memory {peak_mb():.0f} MB",
        flush=True,
    )

    started = time.perf_counter()
    saved = json.dumps(index.export(), ensure_ascii=False, separators=(",", ":")).encode()
    save = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    with without_gc():  # as store.read does
        rows = json.loads(saved)
    reloaded = ScreeningIndex.restore(rows)
    load, load_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert len(reloaded) == len(index)
    del reloaded
    print(
        f"persisted form: {len(saved) / 1e6:.0f} MB, saved in {save:.1f} s, "
        f"loaded in {load:.1f} s ({load_cpu:.1f} s of CPU)",
        flush=True,
    )

    # One process; each query timed, as an interactive query would be.
    latencies: list[float] = []
    found = 0
    started, cpu = time.perf_counter(), time.process_time()
    for query, expected in queries:
        t0 = time.perf_counter()
        hits = index.search(query, threshold=0.7, limit=5)
        latencies.append(time.perf_counter() - t0)
        if expected and any(c.entry.id == expected for c in hits):
            found += 1
    single, single_cpu = time.perf_counter() - started, time.process_time() - cpu
    variants = sum(1 for _q, expected in queries if expected)
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(0.95 * len(latencies))] * 1000
    p99 = latencies[int(0.99 * len(latencies))] * 1000
    print(
        f"batch, 1 process: {single:.1f} s ({single_cpu:.1f} s of CPU), "
        f"{len(queries) / single:,.0f} queries/s; "
        f"latency p50 {p50:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms",
        flush=True,
    )

    started = time.perf_counter()
    rows = list(
        batch.run((q for q, _e in queries), index, threshold=0.7, limit=5, workers=args.workers)
    )
    parallel = time.perf_counter() - started
    total = build + parallel
    print(
        f"batch, {args.workers} processes: {parallel:.1f} s, "
        f"{len(queries) / parallel:,.0f} queries/s, {len(rows):,} result rows; "
        f"with the index build {total:.1f} s",
        flush=True,
    )

    command, command_cpu = screen_command(entries, queries, args.workers)
    print(
        f"sswbridge screen --watchlist ({len(entries):,} entries, {len(queries):,} queries, "
        f"--workers {args.workers}): {command:.1f} s from process start to results file "
        f"({command_cpu:.1f} s of CPU in all its processes)",
        flush=True,
    )

    # Baseline: process.extract with WRatio over the same names. Its setup (the list of
    # names to scan) and its cost per query are timed apart, on a sample of the queries.
    started = time.perf_counter()
    names = [entry.names[0] for entry in entries]
    baseline_setup = time.perf_counter() - started
    sample = rng.sample(queries, min(args.baseline_sample, len(queries)))
    base_found = base_variants = 0
    started = time.perf_counter()
    for query, expected in sample:
        hits = process.extract(query.name, names, scorer=fuzz.WRatio, limit=5)
        if expected:
            base_variants += 1
            base_found += any(entries[at].id == expected for _n, _s, at in hits)
    per_query = (time.perf_counter() - started) / len(sample)
    baseline_total = baseline_setup + per_query * len(queries)
    # The same sample through the index with no threshold, as the baseline has none.
    same_sample = sum(
        any(c.entry.id == expected for c in index.search(query, threshold=0.0, limit=5))
        for query, expected in sample
        if expected
    )
    print(
        f"baseline (process.extract, WRatio, {len(names):,} names): setup "
        f"{baseline_setup:.2f} s, {per_query * 1000:.0f} ms a query (on {len(sample)}), so "
        f"{baseline_total:,.0f} s for all {len(queries):,} queries",
        flush=True,
    )
    speedup = baseline_total / total
    speedup_single = baseline_total / (build_1 + single)
    print(
        f"speed-up, setup and {len(queries):,} queries each: {speedup:.0f}x "
        f"({args.workers} processes, {total:.1f} s), {speedup_single:.0f}x "
        f"(1 process, {build_1 + single:.1f} s); the whole command: "
        f"{baseline_total / command:.0f}x"
    )
    print(
        f"variant queries whose entry is in the top 5: screening {found / variants:.3f} "
        f"(all, threshold 0.7); on the baseline's sample of {base_variants}, no threshold: "
        f"screening {same_sample / max(base_variants, 1):.3f}, "
        f"baseline {base_found / max(base_variants, 1):.3f}"
    )
    print(f"peak memory (resident): {peak_mb():.0f} MB")
    result = {
        "entries": len(entries),
        "queries": len(queries),
        "index_build_s": round(build, 2),
        "index_build_workers": args.workers,
        "index_build_1_process_s": round(build_1, 2),
        "index_build_1_process_cpu_s": round(build_1_cpu, 2),
        "batch_1_process_s": round(single, 2),
        "batch_1_process_cpu_s": round(single_cpu, 2),
        "batch_1_process_qps": round(len(queries) / single, 1),
        "workers": args.workers,
        "batch_s": round(parallel, 2),
        "batch_qps": round(len(queries) / parallel, 1),
        "batch_with_build_s": round(total, 2),
        "latency_p50_ms": round(p50, 3),
        "latency_p95_ms": round(p95, 3),
        "latency_p99_ms": round(p99, 3),
        "persisted_mb": round(len(saved) / 1e6, 1),
        "persisted_save_s": round(save, 2),
        "persisted_load_s": round(load, 2),
        "persisted_load_cpu_s": round(load_cpu, 2),
        "screen_command_s": round(command, 2),
        "screen_command_cpu_s": round(command_cpu, 2),
        "baseline_sample": len(sample),
        "baseline_setup_s": round(baseline_setup, 3),
        "baseline_per_query_ms": round(per_query * 1000, 2),
        "baseline_total_s": round(baseline_total, 1),
        "speedup": round(speedup, 1),
        "speedup_1_process": round(speedup_single, 1),
        "speedup_command": round(baseline_total / command, 1),
        "top5_recall": round(found / variants, 4),
        "sample_top5_recall_no_threshold": round(same_sample / max(base_variants, 1), 4),
        "baseline_top5_recall": round(base_found / max(base_variants, 1), 4),
        "peak_rss_mb": round(peak_mb(), 1),
    }
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
