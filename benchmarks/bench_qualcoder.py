"""verhalen's .qdpx through QualCoder's own REFI-QDA code, both ways.

``verhalen demo`` (VERHALEN_EMBEDDER=fake) in a temporary folder, with ``--rich`` also a copy with what
the demo lacks; ``verhalen export --format qdpx``; QualCoder's ``RefiImport`` in a subprocess with the
given interpreter (qualcoder_driver.py, offscreen) into tables made by QualCoder's own CREATE statements;
checks on QualCoder's database (texts, confirmed codings with coder, offsets and text at pos0:pos1, spans
of two coders, codes and parents, memos, story values on files, caseOrFile); QualCoder's ``RefiExport``,
``verhalen import-project`` into an empty database and a comparison with the original.

No QualCoder code is in this repository: ``--qualcoder`` names the folder holding its ``qualcoder``
package (``src/`` of a checkout). Writes benchmarks/results/qualcoder.json. Not in run_all.py.
Run: .venv/bin/python benchmarks/bench_qualcoder.py --qualcoder QC/src --python PYQT6_PYTHON [--rich]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
DRIVER = Path(__file__).resolve().parent / "qualcoder_driver.py"
VERHALEN = Path(sys.executable).parent / "verhalen"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(DRIVER.parent))

import qualcoder_driver  # noqa: E402

from verhalen.interchange.refi.common import STORY_FIELDS, variable_name  # noqa: E402

Result = tuple[Counter[str], list[str]]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qualcoder", type=Path, required=True, help="folder holding the qualcoder package")
    parser.add_argument("--python", default=sys.executable, help="interpreter with PyQt6 (default: this one)")
    parser.add_argument("--rich", action="store_true", help="also the enriched demo")
    parser.add_argument("--commit", default="", help="QualCoder commit, when SRC is no git checkout")
    args = parser.parse_args()
    if not (args.qualcoder / "qualcoder" / "refi.py").is_file():
        raise SystemExit(f"--qualcoder {args.qualcoder}: no qualcoder/refi.py there")
    if not shutil.which(args.python) or not output(args.python, "-c", "import PyQt6.QtWidgets; print(1)"):
        raise SystemExit(f"--python {args.python}: not an interpreter with PyQt6")
    if not qualcoder_driver.schema(args.qualcoder)[0]:
        raise SystemExit(f"--qualcoder {args.qualcoder}: no CREATE TABLE statements of a new project found")
    return args


def output(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else ""


def run(command: list[str], **env: str) -> None:
    result = subprocess.run(command, env=os.environ | env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def verhalen(*args: str) -> None:
    run([str(VERHALEN), *args], VERHALEN_EMBEDDER="fake")


def enrich(db: Path) -> None:
    """What the demo lacks: typed attributes (number, date, text with & < > ", a reserved name), coding
    memos (both coders of a span; a line break), fragment memos (on a coded fragment; two coders on an
    uncoded one), stories only import-project brings in (ingest normalises them): CRLF, emoji, U+FEFF."""
    con = sqlite3.connect(db)
    now = "2026-01-01 12:00:00.000000"
    one: Callable[..., Any] = lambda sql, *p: con.execute(sql, p).fetchone()  # noqa: E731
    a, b, c = (r[0] for r in con.execute("SELECT pk FROM stories ORDER BY pk LIMIT 3"))
    con.executemany(
        "INSERT INTO story_attributes (story_pk, name, value, type) VALUES (?, ?, ?, ?)",
        [(a, "leeftijd", "34", "number"), (a, "kinderen", '2 & <3> "kids"', "text"),
         (a, "startdatum", "2024-01-05", "date"), (a, "Rol", "moeder", "text"),
         (b, "leeftijd", "41.5", "number"), (b, "startdatum", "2023-12-31", "date"),
         (c, "kinderen", "geen", "text")],
    )  # fmt: skip
    both = one("SELECT fragment_id FROM codings GROUP BY fragment_id, code_id HAVING count(*) > 1 LIMIT 1")[0]
    con.execute("UPDATE codings SET memo = 'memo van ' || coder WHERE fragment_id = ?", (both,))
    single = con.execute(
        "SELECT fragment_id, min(coder) FROM codings WHERE status = 'confirmed' GROUP BY fragment_id "
        "HAVING count(*) = 1 ORDER BY fragment_id LIMIT 2"
    ).fetchall()
    con.execute("UPDATE codings SET memo = ? WHERE fragment_id = ?", ("regel een\nregel twee", single[0][0]))
    uncoded = one("SELECT min(id) FROM fragments WHERE id NOT IN (SELECT fragment_id FROM codings)")[0]
    coders = [r[0] for r in con.execute("SELECT DISTINCT coder FROM codings ORDER BY coder")]
    memos = [(single[1][0], single[1][1], "fragmentmemo op gecodeerd fragment")]
    memos += [(uncoded, coder, f"fragmentmemo van {coder}") for coder in coders[:2]]
    con.executemany(
        "INSERT INTO fragment_memos (fragment_id, coder, text, updated_at) VALUES (?, ?, ?, ?)",
        [(*m, now) for m in memos],
    )
    practice, role, code = one(
        "SELECT s.practice_id, s.role, c.code_id FROM stories s, codings c WHERE c.fragment_id = ?", both
    )
    texts = {
        "EXTRA-CRLF": ("Eerste regel.\r\nTweede regel met één accent.\r\nDerde regel.\r\n", "Tweede regel"),
        "EXTRA-EMOJI": ("Ze zei \U0001f600 hallo. Daarna \U0001f46a samen koken, fijn.", "\U0001f46a samen"),
        "EXTRA-BOM": ("\ufeffMet een BOM vooraan. De juf luisterde echt.", "De juf luisterde echt."),
    }
    for story_id, (text, part) in texts.items():
        pk = con.execute(
            "INSERT INTO stories (story_id, practice_id, role, title, text, date, interviewer, source_name, "
            "word_count, created_at) VALUES (?, ?, ?, '', ?, '2025-06-01', 'int-9', ?, 8, ?)",
            (story_id, practice, role, text, f"extra/{story_id}.txt", now),
        ).lastrowid
        start = text.index(part)
        fragment = con.execute(
            'INSERT INTO fragments (story_pk, start, "end", text, kind, speaker, codable) '
            "VALUES (?, ?, ?, ?, 'sentence', NULL, 1)",
            (pk, start, start + len(part), part),
        ).lastrowid
        con.executemany(
            "INSERT INTO codings (fragment_id, code_id, coder, status, memo, updated_at) "
            "VALUES (?, ?, ?, 'confirmed', '', ?)",
            [(fragment, code, coder, now) for coder in coders[:2]],
        )
    con.commit()
    con.close()


def load(db: Path) -> dict[str, Any]:
    """What the checks compare, from a verhalen database: stories, attributes, codes by name, codings by
    (story, start, end, code name, coder), fragment memos, practices."""
    con = sqlite3.connect(db)
    active = con.execute("SELECT version FROM codebooks WHERE active").fetchone()[0]
    rows = con.execute(
        "SELECT code_id, parent_id, name, colour, definition FROM codes WHERE codebook_version = ?", (active,)
    ).fetchall()
    name = {r[0]: r[2] for r in rows}
    fields = "story_id, practice_id, role, title, text, date, interviewer, source_name"
    join = "JOIN fragments f ON f.id = x.fragment_id JOIN stories s ON s.pk = f.story_pk"
    data: dict[str, Any] = {
        "stories": {r[0]: r[1:] for r in con.execute(f"SELECT {fields} FROM stories")},
        "attributes": {},
        "codes": {r[2]: (name.get(r[1]), r[3], r[4]) for r in rows},
        "codings": {
            (r[0], r[1], r[2], name.get(r[3], r[3]), r[4]): r[5:]
            for r in con.execute(
                f'SELECT s.story_id, f.start, f."end", x.code_id, x.coder, x.status, x.memo, f.text '
                f"FROM codings x {join}"
            )
        },
        "fragment_memos": sorted(
            con.execute(f'SELECT s.story_id, f.start, f."end", x.coder, x.text FROM fragment_memos x {join}')
        ),
        "practices": dict(con.execute("SELECT id, name FROM practices")),
    }
    for story, key, value, kind in con.execute(
        "SELECT s.story_id, a.name, a.value, a.type FROM story_attributes a "
        "JOIN stories s ON s.pk = a.story_pk"
    ):
        data["attributes"].setdefault(story, {})[key] = (value, kind)
    con.close()
    return data


def check_texts_and_codes(v: dict[str, Any], q: sqlite3.Connection) -> Result:
    counts, diffs = Counter[str](), list[str]()
    sources = {r[0]: r[1] for r in q.execute("SELECT name, fulltext FROM source")}
    counts["stories"], counts["sources"] = len(v["stories"]), len(sources)
    for story, row in v["stories"].items():
        if sources.get(story) == row[3]:
            counts["source text identical"] += 1
        else:
            diffs.append(f"story {story}: text differs in QualCoder: {str(sources.get(story))[:40]!r}")
    qcodes = {r[0]: r[1:] for r in q.execute("SELECT name, memo, color, supercid, cid FROM code_name")}
    by_cid = {r[3]: n for n, r in qcodes.items()}
    counts["codes"], counts["QualCoder codes"] = len(v["codes"]), len(qcodes)
    for code, (parent, colour, definition) in v["codes"].items():
        got = qcodes.get(code)
        if got is None:
            diffs.append(f"code {code}: missing in QualCoder")
            continue
        counts["code parent as in verhalen"] += by_cid.get(got[2]) == parent
        counts["code definition in memo"] += bool(definition) and definition in (got[0] or "")
        if got[1].upper() == colour.upper():
            counts["code colour identical"] += 1
        else:
            diffs.append(f"code {code}: colour {colour} -> {got[1]} (QualCoder's palette)")
    return counts, diffs


def check_codings(v: dict[str, Any], q: sqlite3.Connection) -> Result:
    counts, diffs = Counter[str](), list[str]()
    rows = q.execute(
        "SELECT s.name, t.pos0, t.pos1, n.name, t.owner, t.seltext, s.fulltext, t.memo FROM code_text t "
        "JOIN code_name n ON n.cid = t.cid JOIN source s ON s.id = t.fid"
    ).fetchall()
    qc = {r[:5]: r[5:] for r in rows}
    counts["QualCoder code_text rows"] = len(rows)
    counts["seltext == fulltext[pos0:pos1]"] = sum(r[6][r[1] : r[2]] == r[5] for r in rows)
    confirmed = {k: x for k, x in v["codings"].items() if x[0] == "confirmed"}
    counts["verhalen confirmed codings"] = len(confirmed)
    counts["verhalen codings not confirmed (not exported)"] = len(v["codings"]) - len(confirmed)
    for key, (_status, memo, text) in confirmed.items():
        got = qc.get(key)
        if got is None:
            diffs.append(f"coding {key}: not in QualCoder")
            continue
        counts["confirmed coding found (story, pos0, pos1, code, owner)"] += 1
        counts[f"  by {key[4]}"] += 1
        if got[1][key[1] : key[2]] == text:
            counts["text at pos0:pos1 identical"] += 1
        else:
            diffs.append(f"coding {key}: text at offsets {got[1][key[1] : key[2]]!r}, verhalen {text!r}")
        if memo:
            counts["coding memos"] += 1
            counts["coding memo as code_text.memo"] += got[2] == memo
    spans = Counter(k[:4] for k in qc)
    counts["(code, span) pairs with 2+ coders, QualCoder"] = sum(n > 1 for n in spans.values())
    twice = Counter(k[:4] for k in confirmed)
    counts["(code, span) pairs with 2+ coders, verhalen"] = sum(n > 1 for n in twice.values())
    return counts, diffs


def check_memos_and_values(v: dict[str, Any], q: sqlite3.Connection) -> Result:
    counts, diffs = Counter[str](), list[str]()
    where = "JOIN source s ON s.id = x.fid WHERE s.name = ? AND x.pos0 = ? AND x.pos1 = ? AND x.memo = ?"
    for story, start, end, coder, text in v["fragment_memos"]:
        key = (story, start, end, text)
        owners = [r[0] for r in q.execute(f"SELECT x.owner FROM annotation x {where}", key)]
        if coder in owners:
            counts["fragment memo as annotation with its coder"] += 1
        elif q.execute(f"SELECT 1 FROM code_text x {where}", key).fetchone():
            counts["fragment memo as code_text.memo"] += 1
        else:
            diffs.append(f"fragment memo {story} {start}-{end} by {coder}: not in QualCoder as such")
    kinds = dict(q.execute("SELECT name, caseOrFile FROM attribute_type"))
    counts.update(f"attribute_type caseOrFile={kind}" for kind in kinds.values())
    files: dict[str, dict[str, str]] = {}
    for key, value, story in q.execute(
        "SELECT a.name, a.value, s.name FROM attribute a JOIN source s ON s.id = a.id "
        "WHERE a.attr_type = 'file'"
    ):
        files.setdefault(story, {})[key] = value
    for story, row in v["stories"].items():
        want = dict(zip(STORY_FIELDS, (row[0], row[1], row[4], row[5], row[2], row[6]), strict=True))
        want |= {variable_name(k): value for k, (value, _kind) in v["attributes"].get(story, {}).items()}
        for key, value in want.items():
            if not value:
                continue
            counts["story values (non-empty)"] += 1
            if files.get(story, {}).get(key) == value:
                counts["value on QualCoder file"] += 1
                counts["  ... visible in Files (caseOrFile='file')"] += kinds.get(key) == "file"
            else:
                diffs.append(f"story {story}: {key}={value!r} arrived as {files.get(story, {}).get(key)!r}")
        practice = v["practices"].get(row[0])
        counts["practice set as file attribute"] += files.get(story, {}).get(practice) == practice
    for table in ("annotation", "cases", "case_text"):
        counts[f"QualCoder {table} rows"] = q.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return counts, diffs


def check_back(a: dict[str, Any], b: dict[str, Any]) -> Result:
    """The database rebuilt from QualCoder's export against the original."""
    counts, diffs = Counter[str](), list[str]()
    counts["stories back"] = len(b["stories"])
    names = ("practice", "role", "title", "text", "date", "interviewer", "source file")
    for story, row in a["stories"].items():
        got = b["stories"].get(story)
        if got is None:
            diffs.append(f"story {story}: missing after the return trip")
            continue
        for field, old, new in zip(names, row, got, strict=True):
            if (old or "") == (new or ""):
                counts[f"story {field} identical"] += 1
            else:
                diffs.append(f"story {story}: {field} {str(old)[:40]!r} -> {str(new)[:40]!r}")
        before, after = a["attributes"].get(story, {}), b["attributes"].get(story, {})
        for key, value in before.items():
            if after.get(key) == value:
                counts["attribute identical (value and type)"] += 1
            else:
                diffs.append(f"story {story}: attribute {key}={value} -> {after.get(key)}")
        counts["stories with extra attributes (practice sets)"] += bool(after.keys() - before)
    confirmed = {k: x for k, x in a["codings"].items() if x[0] == "confirmed"}
    counts["codings back"] = len(b["codings"])
    for key, (_status, memo, text) in confirmed.items():
        got = b["codings"].get(key)
        if got is None:
            diffs.append(f"coding {key}: lost on the return trip")
            continue
        counts["confirmed coding found (story, start, end, code, coder)"] += 1
        counts["fragment text identical"] += got[2] == text
        if got[1] == memo:
            counts["coding memo identical"] += 1
        else:
            diffs.append(f"coding {key}: memo {memo!r} -> {got[1]!r}")
    diffs += [f"coding {k}: only after the return trip" for k in set(b["codings"]) - set(confirmed)]
    for code, (parent, colour, definition) in a["codes"].items():
        got = b["codes"].get(code)
        if got is None:
            diffs.append(f"code {code}: lost on the return trip")
            continue
        counts["code parent identical"] += got[0] == parent
        counts["code colour identical"] += got[1].upper() == colour.upper()
        counts["code definition identical"] += got[2] == definition
    counts["fragment memos back"] = len(b["fragment_memos"])
    for memo in a["fragment_memos"]:
        if memo in b["fragment_memos"]:
            counts["fragment memo identical"] += 1
        else:
            diffs.append(f"fragment memo {memo[:4]}: lost on the return trip")
    return counts, diffs


def driver(args: argparse.Namespace, home: Path, *words: str) -> dict[str, Any]:
    report = home / "driver.json"
    command = [args.python, str(DRIVER), words[0], str(args.qualcoder.resolve()), *words[1:], str(report)]
    run(command, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    return dict(json.loads(report.read_text("utf-8")))


def variant(args: argparse.Namespace, db: Path, work: Path) -> dict[str, Any]:
    """One database there and back: export, QualCoder import, checks, QualCoder export, import-project."""
    started = time.perf_counter()
    home = work / "home"
    (home / ".qualcoder").mkdir(parents=True)
    ours = str(work / "verhalen.qdpx")
    verhalen("export", "--format", "qdpx", "--out", ours, "--database", f"sqlite:///{db}")
    imported = driver(args, home, "import", ours, str(work / "qc.qda"))
    original = load(db)
    q = sqlite3.connect(work / "qc.qda" / "data.qda")
    there: Counter[str] = Counter()
    diffs: list[str] = []
    for check in (check_texts_and_codes, check_codings, check_memos_and_values):
        counts, found = check(original, q)
        there.update(counts)
        diffs += [f"to QualCoder: {d}" for d in found]
    coder = Counter(r[0] for r in q.execute("SELECT owner FROM code_text")).most_common(1)[0][0]
    q.close()
    exported = driver(args, home, "export", str(work / "qc.qda"), str(work / "out"), coder)
    (qdpx,) = (work / "out").glob("*.qdpx")
    back_db = work / "back.db"
    verhalen("import-project", str(qdpx), "--database", f"sqlite:///{back_db}")
    back, found = check_back(original, load(back_db))
    return {
        "verhalen_to_qualcoder": dict(there),
        "qualcoder_to_verhalen": dict(back),
        "qualcoder_export_coder": coder,
        "differences": diffs + [f"back in verhalen: {d}" for d in found],
        "qualcoder_messages": [m[0] for m in imported["messages"] + exported["messages"]],
        "seconds": round(time.perf_counter() - started, 1),
    }


def checkout(args: argparse.Namespace) -> dict[str, str]:
    src = args.qualcoder.resolve()
    return {
        "folder": str(src),
        "commit": output("git", "-C", str(src), "rev-parse", "HEAD") or args.commit or "unknown (no git)",
        "version": qualcoder_driver.version(src) or "unknown",
        "refi_py_sha256": hashlib.sha256((src / "qualcoder" / "refi.py").read_bytes()).hexdigest(),
        "tables_from": qualcoder_driver.schema(src)[1],
        "pyqt6": output(args.python, "-c", "from PyQt6.QtCore import PYQT_VERSION_STR as v; print(v)"),
    }


def main() -> None:
    args = arguments()
    command = subprocess.list2cmdline(["benchmarks/bench_qualcoder.py", *sys.argv[1:]])
    out: dict[str, Any] = {"command": command, "qualcoder": checkout(args), "variants": {}}
    with tempfile.TemporaryDirectory(prefix="bench-qualcoder-") as tmp:
        demo = Path(tmp) / "demo.db"
        verhalen("demo", "--database", f"sqlite:///{demo}")
        databases = {"demo": demo}
        if args.rich:
            shutil.copyfile(demo, Path(tmp) / "rich.db")
            enrich(Path(tmp) / "rich.db")
            databases["rich"] = Path(tmp) / "rich.db"
        for name, db in databases.items():
            out["variants"][name] = found = variant(args, db, Path(tmp) / name)
            print(name, json.dumps(found["qualcoder_to_verhalen"], ensure_ascii=False), flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "qualcoder.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
