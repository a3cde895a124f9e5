"""Byte-identical exports of the demo project; QDPX into an empty project and back; QDC as a new version."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import types
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from verhalen.app.exporting import FORMATS, export
from verhalen.app.project_import import (
    activate_codebook,
    diff_codebooks,
    import_qdpx,
    propose_codebook,
    story_fragments,
)
from verhalen.app.workbench import Workbench
from verhalen.codebook import FACTOR_IDS
from verhalen.domain import Attribute, Code, Codebook, Practice, ProjectSnapshot, Story, VerhalenError
from verhalen.interchange import write_qdc
from verhalen.interchange.tables import last_change

XSD = Path(__file__).parents[1].parent / "shared" / "refi-qda" / "Project-mrt2019.xsd"
EXTRA = (
    "Ik kom al een jaar bij de groep. De koffie is altijd klaar!\n\n"
    "Mijn buurvrouw past soms op = fijn. Daar leer ik veel van."
)


@contextmanager
def clock(year: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pretend the wall clock shows ``year`` (for openpyxl's properties and zip entry times)."""
    moment = dt.datetime(year, 6, 1, 12, 0, tzinfo=dt.UTC)

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Frozen:  # type: ignore[override]
            return cls.fromtimestamp(moment.timestamp(), tz)

    with monkeypatch.context() as patch:
        patch.setattr(
            "openpyxl.writer.excel.datetime", types.SimpleNamespace(datetime=Frozen, timezone=dt.UTC)
        )
        patch.setattr(time, "time", moment.timestamp)
        yield


def exported(snapshot: ProjectSnapshot, fmt: str, level: str = "fragment") -> bytes:
    out = io.BytesIO()
    export(snapshot, fmt, out, level=level)  # type: ignore[arg-type]
    return out.getvalue()


def test_every_format_is_byte_identical_whatever_the_clock(
    demo_bench: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = [(fmt, "fragment") for fmt in FORMATS] + [("matrix", "story")]
    for fmt, level in runs:
        with clock(2031, monkeypatch):
            first = exported(demo_bench.snapshot(), fmt, level)
        with clock(2044, monkeypatch):
            second = exported(demo_bench.snapshot(), fmt, level)
        assert first == second, fmt
    with zipfile.ZipFile(io.BytesIO(exported(demo_bench.snapshot(), "xlsx"))) as xlsx:
        core = xlsx.read("docProps/core.xml").decode()
        stamp = last_change(demo_bench.snapshot())
        assert stamp is not None
        assert f">{stamp:%Y-%m-%dT%H:%M:%S}Z</dcterms:modified>" in core
        assert {info.date_time[:3] for info in xlsx.infolist()} == {(stamp.year, stamp.month, stamp.day)}
        assert xlsx.namelist() == sorted(xlsx.namelist())


# -- QDPX: demo project -> file -> empty project -> file ----------------------------------------------


def enrich(wb: Workbench) -> None:
    """What the demo lacks: inductive codes (nested), a story with attributes, memos and coding memos."""
    wb.add_inductive_code("eigen-thema", "Eigen thema", "onderzoeker-a")
    wb.add_inductive_code("eigen-thema.buren", "Buren", "onderzoeker-a", parent="eigen-thema")
    attributes = (Attribute("leeftijd", "34", "number"), Attribute("wijk", "Noord"))
    story = Story("EXTRA-01", "beijum", "ouder", EXTRA, "Extra", "2025-01-02", "Sanne", attributes, "x.txt")
    wb.import_story(story, "onderzoeker-a")
    first, second, *_ = wb.repo.fragments("EXTRA-01")
    wb.decide(first.id, "eigen-thema.buren", "onderzoeker-a", "confirmed", memo="=buren!", refresh=False)
    wb.decide(first.id, "netwerk", "onderzoeker-b", "confirmed", refresh=False)
    wb.decide(second.id, "leren", "onderzoeker-b", "rejected", refresh=False)
    wb.set_memo(first.id, "onderzoeker-b", "Memo bij een gecodeerd fragment.\nTwee regels.")
    wb.set_memo(second.id, "onderzoeker-a", "Memo bij een fragment zonder codering.")


def structure(snapshot: ProjectSnapshot) -> dict[str, Any]:
    spans = {f.id: (f.story_id, f.start, f.end) for f in snapshot.fragments}
    return {
        "codes": [
            (c.id, c.name, c.parent, c.colour, c.definition, c.signals, c.examples, c.inductive)
            for c in snapshot.codebook.codes
        ],
        "practices": sorted((p.id, p.name) for p in snapshot.practices),
        "stories": [replace(s, attributes=tuple(sorted(s.attributes, key=str))) for s in snapshot.stories],
        "codings": sorted(
            (*spans[c.fragment_id], c.code, c.coder, c.memo)
            for c in snapshot.codings
            if c.status == "confirmed"
        ),
        "memos": sorted((*spans[m.fragment_id], m.coder, m.text) for m in snapshot.memos),
    }


def test_qdpx_round_trip_through_an_empty_project(demo_bench: Workbench, bench: Workbench) -> None:
    enrich(demo_bench)
    original = demo_bench.snapshot()
    data = exported(original, "qdpx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = etree.fromstring(archive.read("project.qde"))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(document), schema.error_log

    summary = import_qdpx(bench, io.BytesIO(data), "importeur")
    assert summary.warnings == ()
    assert (summary.stories, summary.codes_added) == (37, ("eigen-thema", "eigen-thema.buren"))
    imported = bench.snapshot()
    assert full_structure(imported) == full_structure(original)  # times of codings and memos too
    assert bench.codebook().version == summary.codebook_version != original.codebook.version
    assert [f.text for f in imported.fragments] == [f.text for f in original.fragments]
    assert bench.repo.suggestions(), "suggestions were computed for the imported fragments"

    # the same file again, but for the times of the codings (now) and the codebook version: "1.0" is
    # taken by the codebook file's version, and the demo added inductive codes to it
    again = exported(imported, "qdpx")
    version = f"codeboekversie: {summary.codebook_version}".encode()
    again = qde(again).replace(version, f"codeboekversie: {original.codebook.version}".encode())
    undated = [re.sub(rb' creationDateTime="[^"]*"', b"", d) for d in (qde(data), again)]
    assert undated[0] == undated[1]


def qde(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("project.qde")


def test_import_refuses_a_project_with_stories(demo_bench: Workbench) -> None:
    data = exported(demo_bench.snapshot(), "qdpx")
    with pytest.raises(VerhalenError, match="leeg project"):
        import_qdpx(demo_bench, io.BytesIO(data), "importeur")


# -- QDPX from another program ---------------------------------------------------------------------------

TRANSCRIPT = (
    "Gesprek 3, maart.\n\nI: Hoe gaat het?\nR: Goed. Ik werk hard en de buren helpen mij.\n"
    "I: En verder?\nR: Verder niks bijzonders, eigenlijk niet. Ik ga elke week."
)


def _selection(part: str, codes: list[str], note: str = "") -> str:
    start = TRANSCRIPT.index(part)
    codings = "".join(
        f'<Coding guid="c-{part[:3]}-{code}" creatingUser="u1"><CodeRef targetGUID="{code}"/>'
        + (f'<NoteRef targetGUID="n-{code}"/>' if note else "")
        + "</Coding>"
        for code in codes
    )
    return (
        f'<PlainTextSelection guid="s-{start}" startPosition="{start}" endPosition="{start + len(part)}">'
        f"{codings}</PlainTextSelection>"
    )


def foreign_project() -> io.BytesIO:
    """Nested folders, a code whose name clashes with a working factor, overlapping selections, a note."""
    selections = (
        _selection("Ik werk hard", ["werk"])
        + _selection("werk hard en de buren helpen mij", ["steun"], note="Buren!")
        + _selection("de buren", ["netwerk"])
        + _selection("Ik ga elke week", ["werk"])
    )
    document = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Ander" origin="NVivo">
  <Users><User guid="u1" name="Sam"/></Users>
  <CodeBook><Codes>
    <Code guid="thema" name="Thema's" isCodable="false">
      <Code guid="werk" name="Werk" isCodable="true" color="#fc0"><Description>Over werk</Description></Code>
    </Code>
    <Code guid="steun" name="Steun" isCodable="true"/>
    <Code guid="netwerk" name="Netwerk" isCodable="true"/>
  </Codes></CodeBook>
  <Sources><TextSource guid="b1" name="Interview 3"><PlainTextContent>{TRANSCRIPT}</PlainTextContent>
    {selections}</TextSource></Sources>
  <Notes><Note guid="n-steun" creatingUser="u1"><PlainTextContent>Buren!</PlainTextContent></Note></Notes>
</Project>"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("Ander.qde", document)
    out.seek(0)
    return out


def test_foreign_project_keeps_the_working_factors(bench: Workbench) -> None:
    summary = import_qdpx(bench, foreign_project(), "importeur")
    assert any("overlappende" in w for w in summary.warnings)
    assert any("geimporteerd" in w for w in summary.warnings)
    book = bench.codebook()
    assert {c.id for c in book.factors} >= set(FACTOR_IDS)
    assert summary.codes_added == ("thema-s", "werk", "steun")
    assert book.get("werk").parent == "thema-s" and book.get("werk").inductive
    netwerk = book.get("netwerk")  # the same id: the file's name, verhalen's definition and colour
    assert (netwerk.name, netwerk.parent, netwerk.inductive) == ("Netwerk", None, False)
    assert netwerk.definition and netwerk.colour != "#777777"

    fragments = {(f.start, f.end): f for f in bench.repo.fragments()}
    joined = TRANSCRIPT.index("Ik werk hard")
    key = (joined, joined + len("Ik werk hard en de buren helpen mij"))
    codings = {(c.code, c.coder, c.memo) for c in bench.repo.codings() if c.fragment_id == fragments[key].id}
    assert codings == {("werk", "Sam", ""), ("steun", "Sam", "Buren!"), ("netwerk", "Sam", "")}
    assert fragments[(0, len("Gesprek 3, maart."))].codable
    assert not next(f for f in fragments.values() if f.text == "Hoe gaat het?").codable
    assert "Goed." in {f.text for f in fragments.values()}
    assert "Verder niks bijzonders, eigenlijk niet." in {f.text for f in fragments.values()}


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_fragments_cover_the_story_without_overlap(data: st.DataObject) -> None:
    words = st.sampled_from(["Ik", "ga", "naar", "de", "groep.", "Fijn!", "koffie,", "\n\n", "\n", "  "])
    text = "".join(data.draw(st.lists(words.map(lambda w: w + " "), min_size=1, max_size=40)))
    bounds = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted)
    spans = [(s, e) for s, e in data.draw(st.lists(bounds, max_size=6)) if s < e]
    fragments = story_fragments(Story("s", "p", "ouder", text), spans)
    covered = [0] * len(text)
    for fragment in fragments:
        assert fragment.text == text[fragment.start : fragment.end]
        inside = all(any(s <= i < e for s, e in spans) for i in range(fragment.start, fragment.end))
        assert fragment.text.strip() or inside  # only a blank selection is a blank fragment
        for i in range(fragment.start, fragment.end):
            covered[i] += 1
    assert all(n <= 1 for n in covered), "fragments overlap"
    assert all(covered[i] or text[i].isspace() for i in range(len(text))), "text left out"
    for start, end in spans:
        assert any(f.start <= start and end <= f.end for f in fragments), "a selection was split"
    assert [f.index for f in fragments] == list(range(len(fragments)))
    assert [f.start for f in fragments] == sorted(f.start for f in fragments)


# -- QDC: a proposal for a new codebook version ------------------------------------------------------------


def qdc(book: Codebook) -> io.BytesIO:
    out = io.BytesIO()
    write_qdc(book, out)
    out.seek(0)
    return out


def test_qdc_proposal_diff_and_activation(bench: Workbench) -> None:
    active = bench.codebook()
    edited = replace(active.get("netwerk"), definition="Nieuwe definitie.", colour="#123456")
    codes = [
        edited if c.id == "netwerk" else c for c in active.codes if active.factor_of(c.id) != "ontspannen"
    ]
    codes += [Code("eigen", "Eigen code"), Code("leren.spel", "Spel", parent="leren")]
    proposal = propose_codebook(qdc(replace(active, codes=tuple(codes))), active)
    assert proposal.version.startswith(f"{active.version}-qdc-")
    assert proposal.version == propose_codebook(qdc(replace(active, codes=tuple(codes))), active).version

    diff = diff_codebooks(active, proposal)
    assert sorted(c.id for c in diff.added) == ["eigen", "leren.spel"]
    assert all(c.inductive for c in diff.added)
    assert [(old.id, new.definition, new.colour) for old, new in diff.changed] == [
        ("netwerk", "Nieuwe definitie.", "#123456")
    ]
    assert [c.id for c in diff.missing] == [
        c.id for c in active.codes if active.factor_of(c.id) == "ontspannen"
    ]

    saved = activate_codebook(bench, proposal, "onderzoeker-a")
    book = bench.codebook()
    assert book.version == saved.version == proposal.version
    assert {"ontspannen", "eigen", "leren.spel"} <= {c.id for c in book.codes}
    assert book.get("netwerk").definition == "Nieuwe definitie."
    assert activate_codebook(bench, proposal).version == proposal.version  # nothing new: no new version
    assert diff_codebooks(book, proposal).empty


# -- a .qdpx as other programs write it (issue 15) ------------------------------------------------------

CRLF_TEXT = "Moeder: Het gaat goed.\r\nWe koken samen op dinsdag.\r\nDe buurvrouw helpt met de was."
ATLAS_TEXT = "Op maandag\r\nkomt de groep.\r\nIk leer veel van de andere ouders daar."


def small_project(wb: Workbench) -> None:
    """Two coders on one fragment, coding and fragment memos, attributes, CRLF texts, named practices."""
    wb.add_inductive_code("eigen", "Eigen thema", "anna")
    wb.repo.ensure_practice(Practice("beijum", "Buurtgezinnen Beijum"))
    wb.repo.ensure_practice(Practice("leeg", "Praktijk zonder verhalen"))
    stories = (
        Story(
            "CRLF-1",
            "beijum",
            "ouder",
            CRLF_TEXT,
            "Eén",
            "2025-01-02",
            "Sanne",
            (Attribute("wijk", "Noord"),),
        ),
        Story(
            "CRLF-2",
            "beijum",
            "vrijwilliger",
            ATLAS_TEXT,
            attributes=(Attribute("leeftijd", "41", "number"),),
        ),
        Story("LF-1", "beijum", "professional", EXTRA, source_name="x.txt"),
    )
    for story in stories:
        wb.import_story(story, "anna")
    for story_id, (code_a, code_b) in {"CRLF-1": ("netwerk", "eigen"), "CRLF-2": ("leren", "leren")}.items():
        first, second, *_ = wb.repo.fragments(story_id)
        wb.decide(second.id, code_a, "anna", "confirmed", memo="Mooi.\nTwee regels", refresh=False)
        wb.decide(second.id, code_b, "bram", "confirmed", refresh=False)
        wb.decide(first.id, "structuur", "bram", "rejected", refresh=False)
        wb.set_memo(second.id, "bram", f"Memo van bram bij {story_id}.")
    third = wb.repo.fragments("LF-1")[1]
    wb.decide(third.id, "groepsgevoel", "bram", "confirmed", refresh=False)
    wb.set_memo(third.id, "anna", "Alleen een memo.")


def _braced(*parts: str) -> str:
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_OID, "/".join(parts))).upper() + "}"


def _stamp(time: dt.datetime | None) -> str:
    assert time is not None
    return time.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def peer_qdpx(snapshot: ProjectSnapshot, atlas: set[str]) -> bytes:
    """The project as a peer writes it: a ``Sources/`` folder, braced upper-case GUIDs, a BOM in every text
    file, variables only on the sources (no cases), one selection holding the codings of all coders, memos
    as note files; the stories in ``atlas`` with offsets that count a CRLF as one (and names to tell)."""
    from lxml.builder import ElementMaker

    from verhalen.interchange.refi.common import PRACTICE_SET, PROJECT_MARKER, code_description

    q = ElementMaker(namespace="urn:QDA-XML:project:1.0", nsmap={None: "urn:QDA-XML:project:1.0"})
    files: dict[str, bytes] = {}

    def note(key: str, coder: str, text: str, time: dt.datetime | None) -> Any:
        guid = _braced("note", key)
        files[f"Sources/{guid.strip('{}')}.txt"] = b"\xef\xbb\xbf" + text.encode("utf-8")
        attrs = {"guid": guid, "name": text[:20], "creatingUser": _braced("user", coder)}
        return q.Note(
            plainTextPath=f"internal://{guid.strip('{}')}.txt", creationDateTime=_stamp(time), **attrs
        )

    book = snapshot.codebook
    coders = sorted({c.coder for c in snapshot.codings} | {m.coder for m in snapshot.memos})

    def codes(parent: str | None) -> list[Any]:
        return [
            q.Code(
                q.Description(code_description(c)),
                *codes(c.id),
                guid=_braced("code", c.id),
                name=c.name,
                isCodable="true",
                color=c.colour,
            )
            for c in book.codes
            if c.parent == parent
        ]

    kinds = {"number": "Float", "date": "Date", "text": "Text"}
    variables: dict[str, str] = {
        n: "Text" for n in ("praktijk", "rol", "datum", "interviewer", "titel", "bronbestand")
    }
    for story in snapshot.stories:
        variables |= {a.name: kinds[a.type] for a in story.attributes}
    notes: list[Any] = []
    sources = []
    by_fragment = {f.id: f for f in snapshot.fragments}
    known = {c.id for c in book.codes}
    for story in snapshot.stories:
        text = story.text
        one = story.id in atlas

        def pos(i: int, text: str = text, one: bool = one) -> str:
            return str(i - text[:i].count("\r\n") if one else i)

        selections = []
        for fragment in (f for f in snapshot.fragments if f.story_id == story.id):
            codings = [
                c
                for c in snapshot.codings
                if c.fragment_id == fragment.id and c.status == "confirmed" and c.code in known
            ]
            memos = [m for m in snapshot.memos if m.fragment_id == fragment.id]
            if not codings and not memos:
                continue
            children = []
            for c in codings:
                refs = (
                    [q.NoteRef(targetGUID=_braced("note", f"{c.fragment_id}/{c.code}/{c.coder}"))]
                    if c.memo
                    else []
                )
                if c.memo:
                    notes.append(note(f"{c.fragment_id}/{c.code}/{c.coder}", c.coder, c.memo, c.time))
                user = _braced("user", c.coder)
                children.append(
                    q.Coding(
                        q.CodeRef(targetGUID=_braced("code", c.code)),
                        *refs,
                        guid=_braced("coding", f"{c.fragment_id}/{c.code}/{c.coder}"),
                        creatingUser=user,
                        creationDateTime=_stamp(c.time),
                    )
                )
            for m in memos:
                notes.append(note(f"{m.fragment_id}/{m.coder}", m.coder, m.text, m.time))
                children.append(q.NoteRef(targetGUID=_braced("note", f"{m.fragment_id}/{m.coder}")))
            first = (codings or memos)[0].coder
            selections.append(
                q.PlainTextSelection(
                    *children,
                    guid=_braced("selection", str(fragment.id)),
                    name=fragment.text[:25] + "…",
                    startPosition=pos(fragment.start),
                    endPosition=pos(fragment.end),
                    creatingUser=_braced("user", first),
                )
            )
        fields = {
            "praktijk": story.practice,
            "rol": story.role,
            "datum": story.date or "",
            "interviewer": story.interviewer or "",
            "titel": story.title,
            "bronbestand": story.source_name,
        } | {a.name: a.value for a in story.attributes}
        values = [
            q.VariableValue(
                q.VariableRef(targetGUID=_braced("var", name)), getattr(q, f"{variables[name]}Value")(value)
            )
            for name, value in fields.items()
            if value
        ]
        guid = _braced("source", story.id)
        files[f"Sources/{guid.strip('{}')}.txt"] = b"\xef\xbb\xbf" + text.encode("utf-8")
        sources.append(
            q.TextSource(
                *selections,
                *values,
                guid=guid,
                name=story.id,
                plainTextPath=f"internal://{guid.strip('{}')}.txt",
            )
        )
    assert by_fragment
    project = q.Project(
        q.Users(*(q.User(guid=_braced("user", c), name=c) for c in coders)),
        q.CodeBook(q.Codes(*codes(None))),
        q.Variables(
            *(q.Variable(guid=_braced("var", n), name=n, typeOfVariable=k) for n, k in variables.items())
        ),
        q.Sources(*sources),
        q.Notes(*notes),
        q.Sets(
            *(
                q.Set(
                    q.Description(PRACTICE_SET + p.id),
                    *(
                        q.MemberSource(targetGUID=_braced("source", s.id))
                        for s in snapshot.stories
                        if s.practice == p.id
                    ),
                    guid=_braced("set", p.id),
                    name=p.name,
                )
                for p in snapshot.practices
            )
        ),
        q.Description(f"{PROJECT_MARKER}\ncodeboek: {book.name}\ncodeboekversie: {book.version}"),
        name="Peer",
        origin="Peer 1.0",
    )
    xml = etree.tostring(project, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("Project.qde", b"\xef\xbb\xbf" + xml.replace(b"\n", b"\r\n"))
        for name, body in files.items():
            archive.writestr(name, body)
    return out.getvalue()


def full_structure(snapshot: ProjectSnapshot) -> dict[str, Any]:
    """``structure`` plus coding and memo times, and the codes' colours and whole definitions."""
    spans = {f.id: (f.story_id, f.start, f.end) for f in snapshot.fragments}
    return structure(snapshot) | {
        "codings": sorted(
            (*spans[c.fragment_id], c.code, c.coder, c.memo, c.time)
            for c in snapshot.codings
            if c.status == "confirmed"
        ),
        "memos": sorted((*spans[m.fragment_id], m.coder, m.text, m.time) for m in snapshot.memos),
    }


def fresh(tmp_path: Path, name: str) -> Workbench:
    from tests.conftest import make_settings

    folder = tmp_path / name
    folder.mkdir()
    return Workbench(make_settings(f"sqlite:///{folder / 'verhalen.db'}", folder))


def test_a_peer_written_qdpx_imports_like_our_own(bench: Workbench, tmp_path: Path) -> None:
    small_project(bench)
    original = bench.snapshot()
    ours, peer = fresh(tmp_path, "ours"), fresh(tmp_path, "peer")
    summary = import_qdpx(ours, io.BytesIO(exported(original, "qdpx")), "importeur")
    assert summary.warnings == ()
    expected = full_structure(original)
    assert full_structure(ours.snapshot()) == expected
    assert [s.text for s in ours.snapshot().stories] == [s.text for s in original.stories]  # CRLF and all

    data = peer_qdpx(original, atlas={"CRLF-2"})
    summary = import_qdpx(peer, io.BytesIO(data), "importeur")
    assert summary.warnings == (
        "1 bron met CRLF-regeleinden waarin de selecties een regeleinde als één teken tellen "
        "(zoals ATLAS.ti): posities omgerekend naar de tekst zoals hij is.",
    )
    assert full_structure(peer.snapshot()) == expected
    assert peer.codebook().version == ours.codebook().version


def test_a_failed_import_stores_nothing(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import make_settings

    bench = Workbench(make_settings(db_url, tmp_path))
    data = foreign_project().getvalue()
    versions = bench.repo.codebook_versions()

    def fail(*args: Any) -> None:
        raise VerhalenError("schijf vol")

    monkeypatch.setattr(bench.repo, "log", fail)  # the last step: after the codebook, stories and codings
    with pytest.raises(VerhalenError, match="schijf vol"):
        import_qdpx(bench, io.BytesIO(data), "importeur")
    counts = bench.repo.counts()
    assert (counts["stories"], counts["fragments"], counts["codings"]) == (0, 0, 0)
    assert bench.repo.codebook_versions() == versions
    assert bench.repo.practices() == []
    monkeypatch.undo()
    assert import_qdpx(bench, io.BytesIO(data), "importeur").stories == 1  # and then it can be done
