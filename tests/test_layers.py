"""The layers of DESIGN.md as rules the code obeys: every import of every module, hidden ones too.

An import inside a function, under `TYPE_CHECKING` or in a `try` counts like one at the top: it
is still an arrow between layers, and a loop that only fails at run time is still a loop.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("counter_app", "ui", "main.py", "benchmarks", "tools", "tests")

# Who never imports what, and why. A rule holds for every module whose dotted name is the
# importer or starts with it followed by a dot; the imported side is matched the same way.
FORBIDDEN: tuple[tuple[str, str, str], ...] = (
    ("counter_app", "PySide6", "the core runs without Qt: commands, kiosks, tests"),
    ("counter_app", "ui", "the core never calls back into the window"),
    ("counter_app", "main", "settings come down from the composition root, not up"),
    ("counter_app", "matplotlib.backends.backend_qtagg", "the Qt canvas is the window's"),
    ("counter_app", "matplotlib.backends.backend_qt", "the Qt canvas is the window's"),
    ("counter_app", "matplotlib.pyplot", "charts are figures of their own, no global state"),
    ("ui", "matplotlib.pyplot", "charts are figures of their own, no global state"),
    ("counter_app.card", "counter_app.virtual_card", "the host side works with any card"),
    ("counter_app.card", "counter_app.card_service", "the reader choice sits above the card layer"),
    ("counter_app.card", "counter_app.records", "reading a card needs no register"),
    ("counter_app.card", "counter_app.workflows", "workflows use the card layer, not back"),
    ("counter_app.card", "counter_app.printing", "printing is a sibling, not a need"),
    ("counter_app.card", "counter_app.commands", "commands are above every layer"),
    ("counter_app.records", "counter_app.card", "the register knows no card protocol"),
    ("counter_app.records", "counter_app.virtual_card", "the register knows no card"),
    ("counter_app.records", "counter_app.card_service", "the register knows no reader"),
    ("counter_app.records", "counter_app.workflows", "workflows use the register, not back"),
    ("counter_app.records", "counter_app.printing", "printing is a sibling"),
    ("counter_app.records", "counter_app.commands", "commands are above every layer"),
    ("counter_app.printing", "counter_app.workflows", "workflows use printing, not back"),
    ("counter_app.printing", "counter_app.virtual_card", "printing knows no simulated card"),
    ("counter_app.printing", "counter_app.card_service", "printing knows no reader"),
    ("counter_app.printing", "counter_app.commands", "commands are above every layer"),
    ("counter_app.virtual_card", "counter_app.records", "the card OS knows no register"),
    ("counter_app.virtual_card", "counter_app.workflows", "the card OS knows no counter"),
    ("counter_app.virtual_card", "counter_app.printing", "the card OS prints nothing"),
    ("counter_app.virtual_card", "counter_app.card_service", "the reader choice is above it"),
    ("counter_app.virtual_card", "counter_app.commands", "commands are above every layer"),
    ("counter_app.card_service", "counter_app.records", "choosing a reader needs no register"),
    ("counter_app.card_service", "counter_app.workflows", "workflows choose no reader"),
    ("counter_app.face_scan", "counter_app.workflows", "workflows compare faces, not back"),
    ("counter_app.face_scan", "counter_app.commands", "commands are above every layer"),
    ("counter_app.face_scan", "counter_app.records", "comparing a face needs no register"),
    ("counter_app.face_scan", "counter_app.virtual_card", "a scan knows no simulated card"),
    ("counter_app.face_scan", "counter_app.card_service", "a scan knows no reader"),
    ("counter_app.card", "counter_app.face_scan", "the card layer reads chips, not scans"),
    ("counter_app.printing", "counter_app.face_scan", "printing prints, the scan compares"),
    ("counter_app.records", "counter_app.face_scan", "the register knows no scan"),
    ("counter_app.workflows", "counter_app.commands", "commands call workflows, not back"),
    ("counter_app.library", "counter_app.card", "the library system knows no card"),
    ("counter_app.library", "counter_app.virtual_card", "the library system knows no card"),
    ("counter_app.library", "counter_app.card_service", "the library system knows no reader"),
    ("counter_app.library", "counter_app.records", "the library system keeps its own records"),
    ("counter_app.library", "counter_app.workflows", "workflows use the library, not back"),
    ("counter_app.library", "counter_app.printing", "the library desk prints nothing here"),
    ("counter_app.library", "counter_app.commands", "commands are above every layer"),
    ("counter_app.workflows", "counter_app.virtual_card", "workflows run on any card"),
    ("counter_app.trust_store", "counter_app.records", "trusting a certificate needs no register"),
    ("counter_app.trust_store", "counter_app.workflows", "workflows read the trust store"),
    ("counter_app.trust_store", "counter_app.commands", "commands are above every layer"),
    ("counter_app.trust_store", "counter_app.card_service", "the trust store knows no reader"),
    ("counter_app.trust_store", "counter_app.virtual_card", "it knows no simulated card"),
    ("counter_app.card", "counter_app.trust_store", "the card layer is given its trust"),
    ("counter_app.printing", "counter_app.trust_store", "printing is given its trust"),
    ("counter_app.training_keys", "counter_app.records", "training keys need no register"),
    ("counter_app.training_keys", "counter_app.workflows", "workflows use the training keys"),
    ("counter_app.training_keys", "counter_app.commands", "commands are above every layer"),
    ("counter_app.training_keys", "counter_app.card_service", "the keys know no reader"),
    ("counter_app.training_keys", "counter_app.virtual_card", "the keys know no simulated card"),
    ("counter_app.keystore", "counter_app.card", "the card layer signs with the key store"),
    ("counter_app.keystore", "counter_app.records", "the key store is below the register"),
    ("counter_app.keystore", "counter_app.printing", "printing signs seals with the key store"),
    ("counter_app.keystore", "counter_app.workflows", "workflows use the key store, not back"),
    ("counter_app.keystore", "counter_app.commands", "commands are above every layer"),
    ("counter_app.keystore", "counter_app.virtual_card", "the key store knows no simulated card"),
    ("counter_app.keystore", "counter_app.card_service", "the key store knows no reader"),
    ("counter_app.keystore", "counter_app.face_scan", "the key store knows no scan"),
    ("counter_app.keystore", "counter_app.library", "the key store knows no library system"),
    ("counter_app.keystore", "counter_app.training", "training is decided above it"),
    ("counter_app", "benchmarks", "nothing depends on the benchmarks"),
    ("counter_app", "tests", "nothing depends on the tests"),
    ("counter_app", "tools", "nothing depends on the tools"),
    ("ui", "benchmarks", "nothing depends on the benchmarks"),
    ("ui", "tests", "nothing depends on the tests"),
    ("main", "benchmarks", "nothing depends on the benchmarks"),
    ("main", "tests", "nothing depends on the tests"),
    ("benchmarks", "tests", "benchmarks stand on their own"),
    ("tools", "tests", "tools stand on their own"),
)

# The simulated card OS may use only the card layer's pure protocol helpers: commands and status
# words, TLV, the profile (AIDs, files), the SCP03 computations of both ends, and the connection
# and reader interfaces that its in-process reader implements.
VIRTUAL_CARD_MAY_USE_OF_CARD = frozenset(
    {
        "counter_app.card",  # the package itself (no code of its own)
        "counter_app.card.apdu",
        "counter_app.card.tlv",
        "counter_app.card.profile",
        "counter_app.card.real_profile",  # the real card's constants, for the second profile
        "counter_app.card.scp03",
        "counter_app.card.connection",
        "counter_app.card.readers",
    }
)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.importer} -> {self.imported}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def python_files() -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        path = ROOT / name
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def imports_of(path: Path) -> list[Import]:
    """Every import in the file, at any depth, with relative imports made absolute."""
    source = path.read_text(encoding="utf-8")
    name = module_name(path)
    return [
        Import(name, target, path, line)
        for target, line in imports_in(source, name, is_package=path.name == "__init__.py")
    ]


def imports_in(source: str, name: str, *, is_package: bool = False) -> list[tuple[str, int]]:
    """(imported module, line) for every import statement anywhere in `source`."""
    package = name if is_package else name.rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from pkg import module` imports pkg.module when it is one.
            targets = [base] + [
                f"{base}.{alias.name}" for alias in node.names if _is_module(f"{base}.{alias.name}")
            ]
        else:
            continue
        found.extend((target, node.lineno) for target in targets)
    return found


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


ALL_IMPORTS = [imp for path in python_files() for imp in imports_of(path)]


@pytest.mark.parametrize(("importer", "imported", "why"), FORBIDDEN)
def test_no_forbidden_arrow(importer: str, imported: str, why: str) -> None:
    broken = [
        str(imp)
        for imp in ALL_IMPORTS
        if within(imp.importer, importer) and within(imp.imported, imported)
    ]
    assert broken == [], f"{importer} must not import {imported} ({why})"


def test_the_card_os_uses_only_the_pure_helpers_of_the_card_layer() -> None:
    broken = [
        str(imp)
        for imp in ALL_IMPORTS
        if within(imp.importer, "counter_app.virtual_card")
        and within(imp.imported, "counter_app.card")
        and imp.imported not in VIRTUAL_CARD_MAY_USE_OF_CARD
    ]
    assert broken == []


def test_no_test_module_imports_another_test_module() -> None:
    is_test_module = re.compile(r"(^|\.)test_[^.]*$")
    broken = [
        str(imp)
        for imp in ALL_IMPORTS
        if within(imp.importer, "tests") and is_test_module.search(imp.imported)
    ]
    assert broken == []


def test_no_pytest_plugins_lists() -> None:
    listed = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("*.py")
        if re.search(r"^pytest_plugins\s*=", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert listed == []


SETTINGS_READS = re.compile(r"\bos\.environ\b|\bos\.getenv\b|\bgetenv\(|\bdata_dir\(")


def test_only_the_composition_root_reads_the_environment_and_the_data_directory() -> None:
    """Settings are read once in main.py and handed down as one configuration object."""
    readers = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in python_files()
        if within(module_name(path), "counter_app") or within(module_name(path), "ui")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SETTINGS_READS.search(line.split("#", 1)[0])
    ]
    assert readers == []


def test_the_rules_see_hidden_and_relative_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from counter_app.records import Register\n"
        "def later() -> None:\n"
        "    import counter_app.virtual_card.card\n"
        "from . import apdu\n"
        "from .sessions import base\n"
    )
    found = {target for target, _ in imports_in(source, "counter_app.card.reading")}
    assert {
        "counter_app.records",
        "counter_app.virtual_card.card",
        "counter_app.card.apdu",
        "counter_app.card.sessions.base",
    } <= found


def test_no_import_cycles_in_the_core() -> None:
    """No module of the core reaches itself again through its imports (hidden ones included)."""
    graph: dict[str, set[str]] = {}
    for imp in ALL_IMPORTS:
        if (
            within(imp.importer, "counter_app")
            and within(imp.imported, "counter_app")
            and imp.imported != imp.importer
            and _is_module(imp.imported)
        ):
            graph.setdefault(imp.importer, set()).add(imp.imported)
    cycles = [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]
    assert cycles == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for root in list(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components
