"""The map stays true: which package may import which, and no cycle between packages or between nlp's rooms."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "ingest", "nlp", "graph", "queries", "newsgraph", "app_pages")

# What each top-level package may import of the others (README, "How it works").
ALLOWED = {
    "core": set(),
    "ingest": {"core"},
    "nlp": {"core"},
    "graph": {"core"},
    "queries": {"core", "graph"},
    "newsgraph": {"core", "ingest", "nlp", "graph", "queries"},
    "app_pages": {"core", "ingest", "nlp", "graph", "queries", "newsgraph"},
}
# The rooms of nlp and what each may import of the others (nlp/__init__.py).
NLP_ROOMS = {
    "keys": set(),
    "naming": {"keys"},
    "lexicon": {"keys"},
    "entities": {"keys", "naming", "lexicon"},
    "statements": {"keys", "naming", "lexicon"},
    "relations": {"keys", "lexicon", "entities"},
    "runtime": {"keys", "naming", "lexicon", "entities", "statements", "relations"},
}


def _imports() -> dict[str, set[str]]:
    """Module name → the modules it imports (absolute imports of the project's own packages)."""
    found: dict[str, set[str]] = defaultdict(set)
    files = [REPO / "app.py", *(f for package in PACKAGES for f in (REPO / package).rglob("*.py"))]
    for path in files:
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            found[module].update(n for n in names if n.split(".")[0] in PACKAGES)
    return found


IMPORTS = _imports()


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_imports_only_what_the_map_allows(package):
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in IMPORTS.items()
        if module.split(".")[0] == package
        for name in names
        if name.split(".")[0] not in ALLOWED[package] | {package}
    )
    assert not wrong, wrong


def test_no_cycle_between_packages():
    edges = {
        (module.split(".")[0], name.split(".")[0])
        for module, names in IMPORTS.items()
        for name in names
        if module.split(".")[0] in PACKAGES and module.split(".")[0] != name.split(".")[0]
    }
    assert not _cycle(edges), _cycle(edges)


def test_nlp_rooms_import_only_the_rooms_below_them():
    wrong = []
    for module, names in IMPORTS.items():
        parts = module.split(".")
        if parts[0] != "nlp" or len(parts) < 2 or parts[1] == "__init__":
            continue
        room = parts[1]
        for name in names:
            target = name.split(".")
            inside_nlp = target[0] == "nlp" and len(target) > 1 and target[1] in NLP_ROOMS
            if inside_nlp and target[1] != room and target[1] not in NLP_ROOMS[room]:
                wrong.append(f"{module} imports {name}")
    assert not wrong, wrong


def test_the_check_sees_a_cycle_when_there_is_one():
    assert _cycle({("a", "b"), ("b", "c"), ("c", "a")})
    assert not _cycle({("a", "b"), ("b", "c"), ("a", "c")})


def _cycle(edges: set[tuple[str, str]]) -> list[str]:
    """One cycle as a list of nodes, or [] when the graph is acyclic."""
    after: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        after[source].add(target)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(after[node]):
            if state.get(nxt) == 1:
                return [*path, node, nxt]
            if nxt not in state:
                found = visit(nxt, [*path, node])
                if found:
                    return found
        state[node] = 2
        return []

    for start in sorted(after):
        if start not in state:
            found = visit(start, [])
            if found:
                return found
    return []
