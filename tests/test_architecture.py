"""The house: layers import only downwards, the domain imports no Streamlit/plotly, pages only lay out."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "scorecard"

#: Layer of each part of the package; a module may import only parts of a lower or equal rank
#: (equal only inside the same part).
RANK = {
    "messages": 0, "io.numbers": 0.3, "display": 0.5, "model": 0.7,
    "io": 1,
    "method": 2,
    "store": 3,
    "charts": 4,
    "reports": 5,
    "ui": 6,
    "cli": 7, "__main__": 8,
}
NO_UI_LIBS = ("io", "io.numbers", "method", "store", "model", "messages", "display")


def _part(mod: str) -> str | None:
    parts = mod.split(".")
    if parts[0] != "scorecard" or len(parts) < 2:
        return None
    if parts[1:3] == ["io", "numbers"]:
        return "io.numbers"  # a leaf (numbers and periods as typed): the model checks periods with it
    return parts[1]


def _modules() -> list[tuple[Path, str]]:
    out = []
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(ROOT).with_suffix("")
        out.append((p, ".".join(rel.parts)))
    return out


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: use absolute imports (from scorecard.x import ...)")
    return names


@pytest.mark.parametrize(("path", "module"), _modules(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_layers_import_only_downwards(path: Path, module: str) -> None:
    here = _part(module)
    if here is None or here not in RANK:
        return
    for name in _imports(path):
        there = _part(name)
        if there is None or there not in RANK or there == here:
            continue
        assert RANK[there] < RANK[here], f"{module} imports {name}: {there} is not below {here}"


@pytest.mark.parametrize(("path", "module"), _modules(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_domain_imports_no_streamlit_or_plotly(path: Path, module: str) -> None:
    if _part(module) not in NO_UI_LIBS:
        return
    for name in _imports(path):
        top = name.split(".")[0]
        assert top not in ("streamlit", "plotly"), f"{module} imports {name}"


def test_only_ui_imports_streamlit() -> None:
    for path, module in _modules():
        if _part(module) == "ui":
            continue
        assert not any(n.split(".")[0] == "streamlit" for n in _imports(path)), module


def test_reader_and_writer_do_not_import_each_other() -> None:
    assert not any("scorecard.io.writer" in n for n in _imports(PKG / "io" / "reader.py"))
    assert not any("scorecard.io.reader" in n for n in _imports(PKG / "io" / "writer.py"))


def test_no_flat_module_left_beside_the_layers() -> None:
    flat = {p.stem for p in PKG.glob("*.py")}
    assert flat <= {"__init__", "__main__", "model", "messages", "display"}, flat


def test_cli_is_a_package_of_small_modules() -> None:
    """``scorecard/cli/``: one module per group of commands, each readable in one sitting."""
    assert not (PKG / "cli.py").exists()
    modules = sorted((PKG / "cli").glob("*.py"))
    assert {p.stem for p in modules} >= {"__init__", "common"}, modules
    for p in modules:
        n = len(p.read_text().splitlines())
        assert n <= 200, f"scorecard/cli/{p.name} has {n} lines; split the group or move shared code to common.py"


def test_cli_is_the_top_layer() -> None:
    """Nothing in the package imports the command line but ``python -m scorecard`` (``__main__``)."""
    importers = {module for path, module in _modules()
                 if _part(module) not in ("cli", None)
                 and any(n == "scorecard.cli" or n.startswith("scorecard.cli.") for n in _imports(path))}
    assert importers == {"scorecard.__main__"}, importers


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_only_lay_out(page: Path) -> None:
    n = len(page.read_text().splitlines())
    assert n <= 200, f"{page.name} has {n} lines; move widgets and view code into scorecard/ui/"


def test_legacy_names_still_work() -> None:
    import scorecard.ahp
    from scorecard.workbook import read_path

    import scorecard.method.ahp

    assert scorecard.ahp is scorecard.method.ahp
    assert scorecard.ahp.__spec__.name == "scorecard.method.ahp"
    assert callable(read_path)


def test_legacy_cli_names_still_work() -> None:
    """What ``scorecard/cli.py`` offered before it became a package is still importable from ``scorecard.cli``."""
    import scorecard.cli as cli
    from scorecard.cli import main

    assert issubclass(cli.CliError, Exception)
    names = ("build_parser", "cascade_json", "cascade_text", "check_kpis_text", "score_json", "score_text")
    assert callable(main) and all(callable(getattr(cli, n)) for n in names)
