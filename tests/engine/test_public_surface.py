"""The engine's public surface (``viewer.engine.__all__``) and its import graph."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from viewer import engine

ENGINE = Path(engine.__file__).parent


def test_every_public_name_resolves_to_its_home_module():
    for name in engine.__all__:
        value = getattr(engine, name)
        home = importlib.import_module(f"viewer.engine.{engine._HOME[name]}")
        assert value is getattr(home, name)
        assert name in home.__all__, f"{name} is not in {home.__name__}.__all__"


def test_every_module_declares_what_it_exports():
    for path in ENGINE.glob("*.py"):
        name = "viewer.engine" if path.stem == "__init__" else f"viewer.engine.{path.stem}"
        module = importlib.import_module(name)
        assert isinstance(module.__all__, list), path.name
        assert all(hasattr(module, n) for n in module.__all__), path.name


def _runtime_imports(path: Path) -> set[str]:
    """The engine modules ``path`` imports when it is loaded: module level, outside
    ``if TYPE_CHECKING:`` blocks, and inside functions (a cycle hidden there is still one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.ImportFrom) or node.level != 1:
            continue
        if node.module:
            found.add(node.module.split(".")[0])
        else:
            found |= {a.name for a in node.names}
    return found - {"__init__"}


def test_the_engine_imports_without_cycles():
    graph = {p.stem: _runtime_imports(p) for p in ENGINE.glob("*.py") if p.stem != "__init__"}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        if state.get(module) == 1:
            raise AssertionError("import cycle: " + " -> ".join([*path, module]))
        if state.get(module) == 2:
            return
        state[module] = 1
        for other in sorted(graph.get(module, ())):
            visit(other, [*path, module])
        state[module] = 2

    for module in sorted(graph):
        visit(module, [])


def test_the_data_model_loads_without_the_aligner():
    code = (
        "import sys, viewer.engine.model, viewer.engine.progress, viewer.engine; "
        "print(sorted(m for m in ('scipy', 'viewer.engine.align', 'viewer.engine.embed') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ENGINE.parent.parent, timeout=60, check=False)
    assert out.stdout.strip() == "[]", out.stderr
