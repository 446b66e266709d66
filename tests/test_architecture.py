"""The package map of docs/architecture.md holds: imports run one way, and no module imports itself
back through others (imports inside functions count)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "negotiate"

LAYERS: list[set[str]] = [
    {"__main__"},
    {"cli"},
    {"cli_params"},
    {"__init__"},
    {"report"},
    {"plot"},
    {"analysis", "studies"},
    {"negotiation"},
    {"strategic", "cooperative", "voting", "bargaining"},
    {"io", "robust"},
    {"model"},
    {"exact", "options", "_version", "display"},
    {"limits", "progress"},
    {"errors"},
]
"""The one-way order: a package imports only itself and the layers below; the four fields of one
layer import nothing of each other."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every module of the package and the project modules it imports, anywhere in its body."""
    graph: dict[str, set[str]] = {}
    modules = {_module_name(path) for path in PACKAGE.rglob("*.py")}
    for path in PACKAGE.rglob("*.py"):
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            targets |= {name for name in names if name in modules}
        graph[_module_name(path)] = targets - {_module_name(path)}
    return graph


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(top: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if top in layer)


def test_every_package_has_a_layer():
    """Each top-level module or package of negotiate/ is placed in the order."""
    tops = {_top(module) for module in _imports()}
    placed = set().union(*LAYERS)
    assert tops <= placed, f"not in the package map: {sorted(tops - placed)}"


def test_imports_run_one_way():
    """No module imports from its own layer's other packages or from a layer above."""
    wrong = []
    for module, targets in _imports().items():
        for target in targets:
            source, goal = _top(module), _top(target)
            if source == goal or (source == "__init__" and goal == "__init__"):
                continue
            if _layer(goal) <= _layer(source):
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports against the order:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles():
    """The module import graph (function-level imports included) is acyclic."""
    graph = _imports()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_start_up_imports_no_numerical_library():
    """``negotiate --version`` and ``--help`` load neither numpy, scipy nor sympy."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from negotiate.cli import main\n"
        "try:\n"
        "    main([{flag!r}], standalone_mode=False)\n"
        "finally:\n"
        "    print(sorted(m for m in ('numpy', 'scipy', 'sympy') if m in sys.modules))\n"
    )
    for flag in ("--version", "--help"):
        run = subprocess.run(
            [sys.executable, "-c", probe.format(flag=flag)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert run.stdout.strip().splitlines()[-1] == "[]", (flag, run.stdout)


MAX_MODULE_LINES = 600
MAX_COMPLEXITY = 20


def test_modules_are_short_and_functions_simple():
    """No module over 600 lines, no function or method of cyclomatic complexity over 20 (radon)."""
    from radon.complexity import cc_visit
    from radon.visitors import Class

    long, complex_ = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = _module_name(path)
        if len(text.splitlines()) > MAX_MODULE_LINES:
            long.append(f"{name}: {len(text.splitlines())} lines")
        for block in cc_visit(text):
            functions = block.methods if isinstance(block, Class) else [block]
            complex_ += [
                f"{name}.{f.name}: {f.complexity}"
                for f in functions
                if f.complexity > MAX_COMPLEXITY
            ]
    assert not long, "modules over 600 lines:\n" + "\n".join(long)
    assert not complex_, "functions over complexity 20:\n" + "\n".join(complex_)
