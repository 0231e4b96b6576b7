"""Print the app-to-app import graph of apps/ and its cycles.

    python scripts/import_graph.py            # edges, cycles, imports placed inside functions
    python scripts/import_graph.py --dot      # Graphviz source of the graph
    python scripts/import_graph.py --check    # exit 1 when the graph has a cycle (make lint)

An edge A -> B means some module of apps/A imports apps.B. Cycles are the
strongly connected components with more than one app (Tarjan's algorithm).
"""

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "apps"


def _imported_apps(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        names = [node.module]
    elif isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        return []
    return [name.split(".")[1] for name in names if name.startswith("apps.") and name.count(".") >= 1]


def _justified(path: Path, line: str) -> bool:
    """An AppConfig.ready() (models importable only then) or a line whose noqa names its reason."""
    return path.name == "apps.py" or "noqa: PLC0415" in line


def scan() -> tuple[dict[str, set[str]], list[tuple[str, int, str]]]:
    """Edges between apps, and the imports placed inside a function body."""
    edges: dict[str, set[str]] = defaultdict(set)
    nested: list[tuple[str, int, str]] = []
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        app = path.relative_to(ROOT).parts[0]
        if app.endswith(".py"):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source, filename=str(path))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        inside = {id(inner) for function in functions for inner in ast.walk(function) if inner is not function}
        for node in ast.walk(tree):
            for target in _imported_apps(node):
                if target == app:
                    continue
                edges[app].add(target)
                if id(node) in inside and not _justified(path, lines[node.lineno - 1]):
                    nested.append((str(path.relative_to(ROOT.parent)), node.lineno, target))
    return edges, nested


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(set(edges) | {t for targets in edges.values() for t in targets}):
        if node not in index:
            visit(node)
    return components


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dot", action="store_true", help="print Graphviz source instead")
    parser.add_argument("--check", action="store_true", help="exit with status 1 when there is a cycle")
    args = parser.parse_args()
    edges, nested = scan()
    if args.dot:
        print("digraph apps {")
        for source in sorted(edges):
            for target in sorted(edges[source]):
                print(f'  "{source}" -> "{target}";')
        print("}")
        return
    apps = sorted(set(edges) | {t for targets in edges.values() for t in targets})
    print(f"{len(apps)} apps, {sum(len(t) for t in edges.values())} app-to-app edges")
    found = cycles(edges)
    print(f"{len(found)} cycle(s)")
    for component in found:
        print(f"  {len(component)} apps: {' '.join(component)}")
    print(f"{len(nested)} import(s) of another app placed inside a function")
    for where, line, target in nested:
        print(f"  {where}:{line} -> {target}")
    if args.check and found:
        sys.exit(1)


if __name__ == "__main__":
    main()
