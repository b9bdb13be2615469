"""Issue 11's promise, checked on the source: no eval, exec or pickle of configuration text.

Configuration (policy documents, CSV cells, YAML files) is read as data only. The one
``compile`` in the library is the eligibility compiler's, whose generated source holds only
generated identifiers (``tests/eligibility/test_compile.py`` checks that).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "safetycore"
FILES = sorted(SRC.rglob("*.py"))
FORBIDDEN_CALLS = {"eval", "exec", "__import__"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "marshal", "shelve", "cloudpickle"}
COMPILE_ALLOWED = {SRC / "eligibility" / "_compile.py"}


def _calls(tree: ast.AST) -> list[tuple[str, int]]:
    """The built-ins called by bare name (``compile(...)``, not ``re.compile(...)``)."""
    return [
        (node.func.id, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_source_tree_is_found() -> None:
    assert len(FILES) > 50


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_eval_exec_or_pickle(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = _calls(tree)
    assert [c for c in calls if c[0] in FORBIDDEN_CALLS] == []
    if path not in COMPILE_ALLOWED:
        assert [c for c in calls if c[0] == "compile"] == []
    assert _imports(tree) & FORBIDDEN_MODULES == set()


def test_yaml_is_read_with_a_safe_loader() -> None:
    """Every ``yaml.load`` passes ``Loader=``, and the command line's loader is a SafeLoader."""
    yaml = pytest.importorskip("yaml")
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"load", "load_all", "unsafe_load", "full_load"}
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "yaml"
            ):
                assert node.func.attr == "load", f"{path}:{node.lineno}"
                assert [k for k in node.keywords if k.arg == "Loader"], f"{path}:{node.lineno}"
    from safetycore._cli import files

    assert issubclass(files._yaml_loader(yaml), yaml.SafeLoader)
