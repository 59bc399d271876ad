"""The hooks' architecture (issue 19): hooks/ holds the entry files mkdocs.yml lists, the
helpers live in one package per feature under hooks/guide/, and imports run one way."""

from __future__ import annotations

import ast
import re

from sitebuild import PROJECT

HOOKS = PROJECT / "hooks"
PARENT = "guide"
SHARED = "shared"
ALLOWED_EDGES = {
    "cards": {"guide.translation.stamps"},
    "planner": {"guide.cards.model", "guide.cards.render"},
    "translation": {"guide.languages.parity"},
}
"""Feature -> the modules of other features it may import (their named interfaces)."""


def listed_entry_files() -> list[str]:
    text = (PROJECT / "mkdocs.yml").read_text("utf-8")
    block = re.search(r"^hooks:\s*\n((?:[ \t]+-.*\n|[ \t]*#.*\n|[ \t]*\n)+)", text, re.MULTILINE).group(1)
    return re.findall(r"^\s+-\s*['\"]?hooks/(\w+)\.py['\"]?\s*$", block, re.MULTILINE)


def modules() -> dict[str, object]:
    """Every module of hooks/ by its import name: entry files and guide.*."""
    found = {path.stem: path for path in HOOKS.glob("*.py")}
    for path in (HOOKS / PARENT).rglob("*.py"):
        parts = path.relative_to(HOOKS).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path, known) -> set[str]:
    """The hooks' own modules that `name` imports (`from pkg import mod` counts as pkg.mod)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names}
    return {module for module in found if module in known}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def feature(module: str) -> str | None:
    """`cards` for guide.cards.model; None for an entry file or a module right in guide/."""
    parts = module.split(".")
    return parts[1] if parts[0] == PARENT and len(parts) > 2 else None


def is_entry(module: str) -> bool:
    return "." not in module and module != PARENT


def test_top_level_holds_exactly_the_entry_files():
    """hooks/*.py are exactly the hook files mkdocs.yml lists; everything else is in guide/."""
    top = sorted(path.stem for path in HOOKS.glob("*.py"))
    assert top == sorted(listed_entry_files())
    assert sorted(path.name for path in HOOKS.iterdir() if path.is_dir() and path.name != "__pycache__") == [PARENT]


def test_no_package_shares_a_name_with_an_entry_file():
    """MkDocs would load an entry file and a package of one name as the same module."""
    assert PARENT not in listed_entry_files()


def test_every_package_says_what_it_holds():
    """Each package's __init__.py has a one-line docstring and no code."""
    for init in (HOOKS / PARENT).rglob("__init__.py"):
        tree = ast.parse(init.read_text("utf-8"))
        docstring = ast.get_docstring(tree)
        assert docstring and "\n" not in docstring, init
        assert len(tree.body) == 1, f"{init} holds code"


def test_no_import_cycle():
    """No module imports itself through others, and neither does any feature."""
    edges = graph()
    features = {}
    for module, targets in edges.items():
        for target in targets:
            if feature(module) and feature(target) and feature(module) != feature(target):
                features.setdefault(feature(module), set()).add(feature(target))
    for name, nodes in (("module", edges), ("feature", features)):
        cycle = _cycle(nodes)
        assert cycle is None, f"{name} import cycle: {' -> '.join(cycle)}"


def test_entry_files_import_no_other_entry_file():
    """Entry files wire events; what they share lives in guide/."""
    for module, targets in graph().items():
        if is_entry(module):
            assert not {t for t in targets if is_entry(t)}, module


def test_features_import_shared_and_named_interfaces_only():
    """A feature imports its own modules, guide.shared and the other features' modules in ALLOWED_EDGES."""
    wrong = []
    for module, targets in graph().items():
        own = feature(module)
        if own is None:
            continue
        for target in targets:
            other = feature(target)
            allowed = other in (own, SHARED) if own != SHARED else other == SHARED
            if not allowed and target not in ALLOWED_EDGES.get(own, []):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_only_entry_files_import_the_build_adapters():
    """Modules right in guide/ (build_data) read data for the entry files; no feature imports them."""
    adapters = {m for m in modules() if m.startswith(PARENT + ".") and m.count(".") == 1 and feature(m) is None}
    adapters -= {f"{PARENT}.{name}" for name in _subpackages()}
    for module, targets in graph().items():
        if not is_entry(module) and module not in adapters:
            assert not targets & adapters, module


def test_allowed_edges_name_real_modules():
    """Every named interface exists, so the list stays true as modules move."""
    known = modules()
    assert [m for ms in ALLOWED_EDGES.values() for m in ms if m not in known] == []


def _subpackages() -> set[str]:
    return {path.name for path in (HOOKS / PARENT).iterdir() if (path / "__init__.py").is_file()}


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first node repeated at the end), or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return path[path.index(node):] + [node]
        if node in done:
            return None
        for child in sorted(edges.get(node, ())):
            cycle = visit(child, path + [node])
            if cycle:
                return cycle
        done.add(node)
        return None

    for start in sorted(edges):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None
