"""programmes/ is pure Python: no web framework, database, forms or reports, and no clock."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "programmes"

FORBIDDEN = {
    "flask",
    "sqlalchemy",
    "wtforms",
    "flask_login",
    "flask_wtf",
    "alembic",
    "weasyprint",
    "casework",
    "forms",
    "reports",
}

SOURCES = sorted(PACKAGE.rglob("*.py"))


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                yield argument.value


def test_the_package_has_source_files():
    assert len(SOURCES) >= 10


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_forbidden_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    bad = [name for name in imported_modules(tree) if name.split(".")[0] in FORBIDDEN]
    assert not bad, f"{path.name} imports {', '.join(bad)}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_rules_never_read_the_clock(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("today", "now", "utcnow"):
            value = node.value
            owner = getattr(value, "id", None) or getattr(value, "attr", None)
            assert owner not in ("date", "datetime"), f"{path.name} line {node.lineno} reads the clock"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_public_function_and_class_has_a_docstring(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            assert ast.get_docstring(node), f"{path.name}: {node.name} has no docstring"


def test_the_forbidden_import_check_catches_an_import():
    tree = ast.parse("import flask\nfrom sqlalchemy.orm import Session\nfrom casework.db import db\n")
    assert [name for name in imported_modules(tree) if name.split(".")[0] in FORBIDDEN] == [
        "flask",
        "sqlalchemy.orm",
        "casework.db",
    ]
