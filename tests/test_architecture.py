"""The package's shape, checked: layers that import only downwards, no cycles, small modules.

Every import counts, those inside functions too (a lazy import is still a dependency);
only imports under `if TYPE_CHECKING:` are left out, since they never run. The layers,
lowest first, are the subpackages of `lawcmp` (docs/architecture.md says what each holds);
the front door — `lawcmp/__init__.py`, `__main__.py` and the notebook modules
`lawcmp.sweep` and `lawcmp.shelf` — stands above them all.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lawcmp"
LAYERS = ("model", "support", "law", "lang", "load", "engine", "reports", "render", "site", "lsp", "serve", "cli")
FRONT_DOOR = len(LAYERS)
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else FRONT_DOOR


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: in any function or class, not under TYPE_CHECKING."""
    found: list[ast.Import | ast.ImportFrom] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for stmt in child.orelse:
                    walk(stmt)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            walk(child)

    walk(tree)
    return found


def targets(module: str, node: ast.Import | ast.ImportFrom) -> list[tuple[str, str | None]]:
    """(module imported, name taken from it or None) for each name of an import statement."""
    known = modules()
    if isinstance(node, ast.Import):
        return [(a.name, None) for a in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if modules()[module].name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([node.module] if node.module else [])])
    out: list[tuple[str, str | None]] = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        out.append((sub, None) if sub in known else (base, alias.name))
    return out


@cache
def imports() -> dict[str, list[tuple[str, str | None, int]]]:
    """For each module of the package: (lawcmp module imported, name taken, line)."""
    out: dict[str, list[tuple[str, str | None, int]]] = {}
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out[module] = [(target, name, node.lineno) for node in import_nodes(tree)
                       for target, name in targets(module, node)
                       if target == "lawcmp" or target.startswith("lawcmp.")]
    return out


def test_every_subpackage_is_a_layer_and_every_module_is_in_one() -> None:
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert subpackages == set(LAYERS)
    loose = {m for m in modules() if layer(m) == FRONT_DOOR}
    assert loose == {"lawcmp", "lawcmp.__main__", "lawcmp.sweep", "lawcmp.shelf"}


def test_imports_go_down_the_layers_only() -> None:
    upward = [
        f"{modules()[m].relative_to(PACKAGE.parent)}:{line}: {m} ({LAYERS[layer(m)] if layer(m) < FRONT_DOOR else 'front door'}) "
        f"imports {t} ({LAYERS[layer(t)] if layer(t) < FRONT_DOOR else 'front door'})"
        for m, found in imports().items() for t, _, line in found
        if t in modules() and layer(t) > layer(m)
    ]
    assert upward == []


def test_no_module_imports_in_a_cycle() -> None:
    graph = {m: {t for t, _, _ in found if t in modules() and t != m} for m, found in imports().items()}
    # A package's __init__ importing its own modules is how a package is entered, not a cycle.
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append([*stack[stack.index(t):], t])
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert cycles == []


def private_imports(files: list[Path], root: Path) -> list[str]:
    found = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in import_nodes(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lawcmp"):
                found += [f"{path.relative_to(root)}:{node.lineno}: {node.module}.{a.name}"
                          for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_nothing_imports_another_modules_private_name() -> None:
    root = PACKAGE.parent
    files = [*PACKAGE.rglob("*.py"), *(root / "tests").rglob("*.py"), *(root / "benchmarks").rglob("*.py")]
    assert private_imports(files, root) == []


@pytest.mark.parametrize("module", sorted(modules()))
def test_no_module_is_over_500_lines(module: str) -> None:
    lines = modules()[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it by what its parts do"


def test_the_checker_sees_a_lazy_upward_import_and_ignores_a_type_checking_one() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from lawcmp.cli import app\n"
        "def f():\n    from lawcmp.render import write\n    return write\n"
    )
    found = [t for node in import_nodes(tree) for t, _ in targets("lawcmp.model.statute", node)]
    assert found == ["typing", "lawcmp.render.write"]


def closure(module: str) -> set[str]:
    """`module` and every lawcmp module it imports, directly or not."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        m = todo.pop()
        if m in seen or m not in modules():
            continue
        seen.add(m)
        todo += [t for t, _, _ in imports()[m]]
    return seen


@pytest.mark.parametrize(("entry", "reader"), [("lawcmp.load.cache", "lawcmp.lang.syntax"),
                                               ("lawcmp.load.catalog", "lawcmp.lang.rulebuild")])
def test_a_cache_key_names_every_module_of_the_languages_and_models_that_decide_the_entry(entry: str, reader: str) -> None:
    """A parsed file or catalog is cached under the digest of the code that made it: a module of
    the grammar's builders or of the models left out of that list would serve stale entries."""
    import importlib

    listed = {"lawcmp." + name.removesuffix(".py").replace("/", ".") for name in importlib.import_module(entry).CODE_MODULES}
    deciding = {m for m in closure(reader) if m.split(".")[1] in ("lang", "model")}
    assert deciding - listed == set()
