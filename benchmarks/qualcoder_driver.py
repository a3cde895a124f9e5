"""Run QualCoder's own REFI-QDA import or export (``qualcoder/refi.py``) without a screen.

Used by bench_qualcoder.py. Only our own code is here: QualCoder is imported from the checkout named on
the command line, its tables come from its own files (the ``CREATE TABLE`` strings in the function that
makes a new project, read with ``ast``), and only what needs a screen or QualCoder's whole application is
replaced: message boxes (printed and recorded), the file dialogs (they return our paths), the line-endings
dialog of the export (left at its default), and a small stand-in for QualCoder's ``App`` object.

usage: python qualcoder_driver.py import SRC FILE.qdpx PROJECT.qda REPORT.json
       python qualcoder_driver.py export SRC PROJECT.qda OUTDIR CODER REPORT.json
SRC is the folder that holds the ``qualcoder`` package (``src/`` of a checkout). The interpreter needs
PyQt6; set QT_QPA_PLATFORM=offscreen. The export builds its zip under ``~/.qualcoder``.
"""

from __future__ import annotations

import ast
import builtins
import gettext
import json
import sqlite3
import sys
import types
from pathlib import Path
from typing import Any, ClassVar

PROJECT_MAKERS = ("new_project", "create_project")
FIRST_LOOKED_AT = ("__main__.py", "app.py")


def _create_statements(node: ast.AST) -> list[str]:
    return [
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and n.value.lstrip().upper().startswith("CREATE TABLE")
    ]


def _modules(src: Path) -> list[tuple[Path, ast.Module]]:
    package = src / "qualcoder"
    paths = [package / name for name in FIRST_LOOKED_AT if (package / name).is_file()]
    paths += sorted(p for p in package.rglob("*.py") if p not in paths)
    parsed = []
    for path in paths:
        try:
            parsed.append((path, ast.parse(path.read_text(encoding="utf-8"))))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
    return parsed


def schema(src: Path) -> tuple[list[str], str]:
    """QualCoder's ``CREATE TABLE`` statements and where they were found ('' when nowhere)."""
    for path, tree in _modules(src):
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in PROJECT_MAKERS:
                found = _create_statements(node)
                if found:
                    return found, f"{path.relative_to(src)}: {node.name}"
    return [], ""


def version(src: Path) -> str:
    """The ``qualcoder_version = "..."`` string of the checkout, '' when there is none."""
    for _path, tree in _modules(src)[:2]:
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                if "qualcoder_version" in names:
                    return str(node.value.value)
    return ""


MESSAGES: list[list[str]] = []


class Message:
    """Stands in for QualCoder's message box: records title and text, never waits."""

    def __init__(self, app: Any, title: str, text: str, icon: str | None = None) -> None:
        MESSAGES.append([str(title), str(text)])
        print(f"[QualCoder message] {title}: {text}", flush=True)

    def exec(self) -> int:
        return 0


class Log:
    """Stands in for the text box QualCoder writes its progress to."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def append(self, text: object) -> None:
        self.lines.append(str(text))


class HeadlessApp:
    """What refi.py asks of QualCoder's ``App``: connection, project path and name, settings, version and
    the current coder's text annotations (QualCoder exports only those)."""

    ai = None
    ai_models: ClassVar[list[Any]] = []

    def __init__(self, project: Path, coder: str, about: str) -> None:
        self.project_path = str(project)
        self.project_name = project.name
        self.version = about
        self.conn = sqlite3.connect(project / "data.qda")
        self.settings = {
            "codername": coder,
            "directory": str(project.parent),
            "ai_enable": "False",
            "fontsize": 10,
            "font": "Noto Sans",
        }

    def write_config_ini(self, settings: dict[str, Any], ai_models: list[Any]) -> None:
        """QualCoder saves its settings file here; a test run keeps none."""

    def get_annotations(self) -> list[dict[str, Any]]:
        keys = ("anid", "fid", "pos0", "pos1", "memo", "owner", "date")
        rows = self.conn.execute(
            "SELECT anid, fid, pos0, pos1, memo, owner, date FROM annotation WHERE owner = ?",
            (self.settings["codername"],),
        )
        return [dict(zip(keys, row, strict=True)) for row in rows]


def load_refi(src: Path) -> Any:
    """Import ``qualcoder.refi`` from the checkout; its message box becomes ours. When the checkout's
    helpers module cannot be imported here (it needs more of QualCoder's dependencies), ours stands in."""
    if not callable(getattr(builtins, "_", None)):
        builtins._ = gettext.gettext  # type: ignore[attr-defined]
    sys.path.insert(0, str(src))
    try:
        import qualcoder.helpers  # noqa: F401
    except Exception:
        stand_in = types.ModuleType("qualcoder.helpers")
        stand_in.Message = Message  # type: ignore[attr-defined]
        sys.modules["qualcoder.helpers"] = stand_in
    import qualcoder.refi as refi

    refi.Message = Message
    return refi


def new_project(src: Path, project: Path, about: str) -> None:
    statements, _where = schema(src)
    if not statements:
        raise SystemExit(f"no CREATE TABLE statements found in {src}/qualcoder")
    project.mkdir(parents=True)
    for folder in ("images", "audio", "video", "documents"):
        (project / folder).mkdir()
    with sqlite3.connect(project / "data.qda") as conn:
        for statement in statements:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO project (databaseversion, date, memo, about, bookmarkfile, bookmarkpos, codername) "
            "VALUES ('', datetime('now'), '', ?, 0, 0, 'default')",
            (about,),
        )
    conn.close()


def main(argv: list[str]) -> None:
    from PyQt6 import QtWidgets

    verb, src = argv[0], Path(argv[1]).resolve()
    qt = QtWidgets.QApplication([])
    refi = load_refi(src)
    about = f"{version(src) or 'QualCoder'} (headless, verhalen bench)"
    log = Log()
    if verb == "import":
        qdpx, project, report = str(Path(argv[2]).resolve()), Path(argv[3]), Path(argv[4])
        new_project(src, project, about)
        app = HeadlessApp(project, "default", about)
        QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (qdpx, True))
        refi.RefiImport(app, log, "qdpx")
    elif verb == "export":
        project, outdir, coder, report = Path(argv[2]), Path(argv[3]).resolve(), argv[4], Path(argv[5])
        outdir.mkdir(parents=True, exist_ok=True)
        app = HeadlessApp(project, coder, about)
        QtWidgets.QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(outdir))
        refi.RefiLineEndings.exec = lambda self: 0
        refi.RefiExport(app, log, "project")
    else:
        raise SystemExit(__doc__)
    app.conn.commit()
    app.conn.close()
    report.write_text(json.dumps({"messages": MESSAGES, "log": log.lines}, ensure_ascii=False), "utf-8")
    del qt


if __name__ == "__main__":
    main(sys.argv[1:])
