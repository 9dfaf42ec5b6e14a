"""The import graph of tomtat: layered, data flowing one way, no circle.

Every ``import`` of a tomtat module counts, at module level or inside a function (a
function-level import may save start-up time; it may not dodge a circle), and so do imports
under ``if TYPE_CHECKING``. Each module sits in one layer of ``LAYERS``; a module may import
its own layer (no circle) and the layers below, never one above. A new module must be given
its layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS: list[tuple[str, ...]] = [
    # foundations: the data model, errors, date rules, syllables and sentences, the generic
    # parallel map (which imports nothing of the summarizer)
    ("tomtat.errors", "tomtat.i18n", "tomtat.models", "tomtat.dates", "tomtat.date_roles", "tomtat.parallel", "tomtat.text.words",
     "tomtat.text.sentences", "tomtat.text.segmented", "tomtat.evaluation.bootstrap",
     "tomtat.evaluation.corpora"),
    # text cleaning; ROUGE
    ("tomtat.text.normalize", "tomtat.text.language", "tomtat.text.captions", "tomtat.text.clutter", "tomtat.text.encodings",
     "tomtat.text", "tomtat.evaluation.rouge", "tomtat.evaluation.references", "tomtat.evaluation"),
    # ingest: the schema (a leaf), the readers, the article -> Document step above them, JSONL
    ("tomtat.ingest.model", "tomtat.ingest.codepoints"),
    ("tomtat.ingest.files", "tomtat.ingest.html", "tomtat.ingest.pdf", "tomtat.ingest.page_captions"),
    ("tomtat.ingest.article",),
    ("tomtat.ingest.jsonl",),
    ("tomtat.ingest",),
    # reading a cluster: sentences, features, scorers, selection, tags, dates of events, grouping
    ("tomtat.reading", "tomtat.pipeline", "tomtat.features", "tomtat.select", "tomtat.tagging", "tomtat.timeline",
     "tomtat.events", "tomtat.summarizers.base", "tomtat.summarizers.lead",
     "tomtat.summarizers.centroid", "tomtat.summarizers.learned", "tomtat.summarizers"),
    ("tomtat.entities", "tomtat.story"),
    ("tomtat.confidence", "tomtat.facts"),
    ("tomtat.options",),
    ("tomtat.render",),
    # the main path, then rows (summary and event rows), then what runs many rows
    ("tomtat.summarize",),
    ("tomtat.rows",),
    ("tomtat.batch", "tomtat.jobs", "tomtat.evaluation.run"),
    # the public facade: __init__ only re-exports
    ("tomtat",),
    # the applications
    ("tomtat.web.fetch", "tomtat.web.headers", "tomtat.web.app", "tomtat.web", "tomtat.cli_errors", "tomtat.cli", "tomtat.__main__"),
]


def module_files(src: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module under ``src``."""
    out = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def import_graph(src: Path, root: str = "tomtat") -> dict[str, dict[str, int]]:
    """module -> {imported module: first line}, over every import statement of the package
    (module level, in functions, under TYPE_CHECKING). ``from pkg import name`` points at the
    submodule ``pkg.name`` when there is one, else at ``pkg``."""
    modules = module_files(src)
    graph: dict[str, dict[str, int]] = {}
    for module, path in modules.items():
        if not (module == root or module.startswith(root + ".")):
            continue
        edges: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    package = _package_of(module, path).split(".")
                    package = package[: len(package) - node.level + 1]
                    base = ".".join(package + ([base] if base else []))
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.append(full if full in modules else base)
            for target in targets:
                while target and target not in modules:  # "tomtat.x.y" of a non-module y
                    target = target.rpartition(".")[0]
                if target and target != module and (target == root or target.startswith(root + ".")):
                    edges.setdefault(target, node.lineno)
        graph[module] = edges
    return graph


def find_cycle(graph: dict[str, dict[str, int]]) -> list[str] | None:
    """One circle of imports (``[a, b, ..., a]``), or None."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def upward_imports(graph: dict[str, dict[str, int]], layers: list[tuple[str, ...]]) -> list[str]:
    """``"a:line imports b (layer i above j)"`` for every import of a higher layer."""
    rank = {module: i for i, layer in enumerate(layers) for module in layer}
    return [
        f"{module}:{line} imports {target} (layer {rank[target]} above {rank[module]})"
        for module, edges in sorted(graph.items())
        for target, line in sorted(edges.items())
        if module in rank and target in rank and rank[target] > rank[module]
    ]


@pytest.fixture(scope="module")
def graph() -> dict[str, dict[str, int]]:
    return import_graph(SRC)


def test_every_module_has_one_layer(graph):
    placed = [module for layer in LAYERS for module in layer]
    assert len(placed) == len(set(placed)), "a module is in two layers"
    assert sorted(set(graph) - set(placed)) == [], "give these modules a layer in LAYERS"
    assert sorted(set(placed) - set(graph)) == [], "LAYERS names modules that do not exist"


def test_no_import_circle(graph):
    assert find_cycle(graph) is None


def test_no_module_imports_a_higher_layer(graph):
    assert upward_imports(graph, LAYERS) == []


def test_leaves_stay_leaves(graph):
    # the generic parallel map knows nothing of the summarizer; the schema nothing of the readers
    assert set(graph["tomtat.parallel"]) <= {"tomtat.errors"}
    assert set(graph["tomtat.ingest.model"]) <= {"tomtat.errors", "tomtat.models", "tomtat.dates"}
    assert set(graph["tomtat.dates"]) == set()
    assert "tomtat.story" not in graph["tomtat.render"]


def test_package_init_only_re_exports():
    tree = ast.parse((SRC / "tomtat" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Assign) and all(
            isinstance(t, ast.Name) and t.id in ("__all__", "__version__") for t in node.targets
        ):
            continue
        pytest.fail(f"tomtat/__init__.py line {node.lineno} does more than re-export")


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_checks_catch_a_circle_through_a_function_level_import(tmp_path: Path):
    src = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/low.py": "def f():\n    from pkg.high import g\n    return g\n",
        "pkg/high.py": "from pkg import low\n",
        "pkg/other.py": "from . import low\n",
    })
    graph = import_graph(src, "pkg")
    assert graph["pkg.low"] == {"pkg.high": 2}
    assert graph["pkg.other"] == {"pkg.low": 1}  # a relative import counts too
    assert find_cycle(graph) in (["pkg.high", "pkg.low", "pkg.high"], ["pkg.low", "pkg.high", "pkg.low"])
    layers = [("pkg", "pkg.low"), ("pkg.high", "pkg.other")]
    assert upward_imports(graph, layers) == ["pkg.low:2 imports pkg.high (layer 1 above 0)"]
