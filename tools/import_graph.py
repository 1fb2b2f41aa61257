"""The import graph between the apps of sswbridge: edges, cycles and the largest modules.

    uv run python tools/import_graph.py

An edge is "app A imports app B" (any module of A, at any level, importing any module of
B); top-level modules (settings, urls, cli, ...) are not apps. A cycle is a strongly
connected group of apps. Built with grimp, the graph library under import-linter. Imports
under `if TYPE_CHECKING:` are counted apart: they name a type for the checker and do not
run, and the contracts in .importlinter leave them out (`exclude_type_checking_imports`).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import grimp

PACKAGE = "sswbridge"
ROOT = Path(__file__).resolve().parent.parent / "src" / PACKAGE


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or not (ROOT / parts[1]).is_dir():
        return None
    return parts[1]


def edges(*, type_checking: bool = True) -> set[tuple[str, str]]:
    graph = grimp.build_graph(
        PACKAGE,
        include_external_packages=False,
        exclude_type_checking_imports=not type_checking,
        cache_dir=None,  # a cache can outlive a moved module and show stale edges
    )
    found: set[tuple[str, str]] = set()
    for module in graph.modules:
        source = app_of(module)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = app_of(imported)
            if target is not None and target != source:
                found.add((source, target))
    return found


def cycles(found: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected groups of more than one app (Tarjan)."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for a, b in found:
        adjacent[a].add(b)
    nodes = sorted({a for a, _b in found} | {b for _a, b in found})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    sys.setrecursionlimit(10_000)

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in adjacent[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in nodes:
        if v not in index:
            visit(v)
    return groups


def largest_modules(count: int = 5) -> list[tuple[int, str]]:
    sizes = [
        (sum(1 for _ in path.open(encoding="utf-8")), str(path.relative_to(ROOT)))
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts
    ]
    return sorted(sizes, reverse=True)[:count]


def main() -> None:
    for title, found in (
        ("every import", edges()),
        ("imports that run (without TYPE_CHECKING)", edges(type_checking=False)),
    ):
        groups = cycles(found)
        print(f"{title}:")
        print(f"  apps: {len({a for a, _b in found} | {b for _a, b in found})}")
        print(f"  app-to-app import edges: {len(found)}")
        print(f"  cycles: {len(groups)}")
        for group in groups:
            print(f"    {len(group)} apps: {', '.join(group)}")
    print("largest modules:")
    for lines, path in largest_modules():
        print(f"  {lines:5d} {path}")


if __name__ == "__main__":
    main()
