"""REFI-QDA export and import: XSD validity, offsets, round trip, determinism, tolerance, errors."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from verhalen.domain import (
    Attribute,
    Code,
    Codebook,
    Coding,
    Fragment,
    IngestError,
    Memo,
    Practice,
    ProjectSnapshot,
    Story,
    Suggestion,
)
from verhalen.interchange import read_qdc, read_qdpx, write_qdc, write_qdpx
from verhalen.interchange.refi_common import xml_text  # XML 1.0 cannot carry \x0c in memos and values

REFI = Path(__file__).parents[1].parent / "shared" / "refi-qda"
NS = {"q": "urn:QDA-XML:project:1.0"}
T0 = datetime(2024, 3, 1, 10, 30, tzinfo=UTC)
T1 = datetime(2024, 3, 2, 9, 15, 5, 123456)

S1 = "\ufeffIk ben moeder 😀 van twee.\r\nDe groep hielp mij echt.\r\nWe leren van elkaar."
S2 = "Als vrijwilliger 👩\u200d👩\u200d👧 help ik ouders.\nIk luister & <vraag> door."
S3 = "Geen codes hier, alleen tekst."


def _span(story: str, text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _fragment(fid: int, story: str, text: str, part: str, index: int, codable: bool = True) -> Fragment:
    start, end = _span(story, text, part)
    return Fragment(story, index, start, end, text[start:end], id=fid, codable=codable)


def sample_codebook() -> Codebook:
    codes = (
        Code(
            "netwerk",
            "Steunend netwerk & sociale contacten",
            short="Netwerk",
            colour="#009E73",
            definition="Over steun van anderen.\nOok buren.",
            when_to_use="Als iemand hulp krijgt: praktisch of emotioneel.",
            when_not_to_use="Niet voor de groep zelf.",
            signals=("hulp", "oppas"),
            examples=("Mijn buurvrouw paste op.", "Regel 1\r\nregel 2 \\n letterlijk"),
        ),
        Code(
            "netwerk.praktisch",
            "Praktische hulp",
            colour="#33BB99",
            definition="Concrete hulp.",
            parent="netwerk",
        ),
        Code("groepsgevoel", "Dynamiek & groepsgevoel", colour="#E69F00", definition=""),
        Code("leren", "Leren van elkaar", colour="#56B4E9", definition="[verhalen]\nid: nep", inductive=True),
    )
    return Codebook("1.2", "Werkzame factoren", codes, none_examples=("Het regende.",), source="handreiking")


def sample_snapshot() -> ProjectSnapshot:
    """Emoji, CRLF, a leading BOM character, a nested code, memos, two coders, every attribute type."""
    attrs1 = (
        Attribute("leeftijd", "34", "number"),
        Attribute("intake", "2023-05-01", "date"),
        Attribute("wijk", "=Noord", "text"),
        Attribute("rol", "moeder", "text"),
    )
    attrs2 = (Attribute("leeftijd", "41.5", "number"), Attribute("wijk", "Zuid"))
    stories = (
        Story(
            "S1", "BEI", "ouder", S1, title="Eerste", date="2023-06-01", interviewer="I1", attributes=attrs1
        ),
        Story("S2", "HOO", "vrijwilliger", S2, attributes=attrs2, source_name="s2.docx"),
        Story("S3", "HOO", "professional", S3),
    )
    fragments = (
        _fragment(1, "S1", S1, "\ufeffIk ben moeder 😀 van twee.", 0),
        _fragment(2, "S1", S1, "De groep hielp mij echt.", 1),
        _fragment(5, "S1", S1, "We leren van elkaar.", 2),
        _fragment(3, "S2", S2, "Als vrijwilliger 👩\u200d👩\u200d👧 help ik ouders.", 0),
        _fragment(4, "S2", S2, "Ik luister & <vraag> door.", 1),
        _fragment(6, "S3", S3, S3, 0, codable=False),
    )
    codings = (
        Coding(1, "netwerk.praktisch", "anna", "confirmed", T0, "mooi voorbeeld"),
        Coding(1, "netwerk.praktisch", "bram", "confirmed", T1),
        Coding(2, "groepsgevoel", "anna", "confirmed", T0),
        Coding(2, "leren", "bram", "rejected", T1, "toch niet"),
        Coding(3, "leren", "bram", "confirmed"),
        Coding(3, "onbekend", "bram", "confirmed"),
    )
    memos = (
        Memo(4, "anna", "Let op: toon.\r\nTweede regel", time=T0),
        Memo(2, "bram", "memo op code", code="groepsgevoel", time=T1),
        Memo(2, "bram", "memo op afgewezen code", code="leren"),
    )
    return ProjectSnapshot(
        practices=(
            Practice("BEI", "Buurtgezinnen"),
            Practice("HOO", "Home-Start"),
            Practice("VEE", "Veenendaal"),
        ),
        stories=stories,
        fragments=fragments,
        codings=codings,
        codebook=sample_codebook(),
        suggestions=(
            Suggestion(1, "netwerk.praktisch", 0.83421, suggester="s1"),
            Suggestion(2, "leren", 0.4),
        ),
        memos=memos,
        suggester_version="s1",
    )


def export(snapshot: ProjectSnapshot, **kwargs: Any) -> bytes:
    out = io.BytesIO()
    write_qdpx(snapshot, out, **kwargs)
    return out.getvalue()


def qde(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("project.qde"))


def schema(name: str) -> etree.XMLSchema:
    path = REFI / name
    assert path.exists(), f"REFI-QDA schema missing: {path}"
    return etree.XMLSchema(etree.parse(str(path)))


# -- structures to compare ---------------------------------------------------------------------


def code_structure(book: Codebook) -> dict[str, tuple[Any, ...]]:
    return {
        c.id: (
            *(c.name, c.parent, c.colour, c.definition, c.short, c.when_to_use, c.when_not_to_use),
            *(c.signals, c.examples, c.inductive),
        )
        for c in book.codes
    }


def story_structure(snapshot: ProjectSnapshot) -> dict[str, tuple[Any, ...]]:
    return {
        s.id: (
            *(s.practice, s.role, s.text, s.title, s.date, s.interviewer, s.source_name),
            tuple(sorted((a.name, a.value, a.type) for a in s.attributes)),
        )
        for s in snapshot.stories
    }


def _spans(snapshot: ProjectSnapshot) -> dict[int, tuple[str, int, int]]:
    return {f.id: (f.story_id, f.start, f.end) for f in snapshot.fragments}


def coding_structure(snapshot: ProjectSnapshot) -> set[tuple[Any, ...]]:
    spans, known = _spans(snapshot), {c.id for c in snapshot.codebook.codes}
    return {
        (*spans[c.fragment_id], c.code, c.coder, c.time, c.memo)
        for c in snapshot.codings
        if c.status == "confirmed" and c.code in known
    }


def memo_structure(snapshot: ProjectSnapshot) -> set[tuple[Any, ...]]:
    spans = _spans(snapshot)
    return {(*spans[m.fragment_id], m.coder, m.text, m.code, m.time) for m in snapshot.memos}


# -- export --------------------------------------------------------------------------------------


def test_project_and_codebook_validate_against_the_xsds() -> None:
    data = export(sample_snapshot())
    project = schema("Project-mrt2019.xsd")
    assert project.validate(qde(data)), project.error_log
    assert project.validate(qde(export(sample_snapshot(), all_fragments=True))), project.error_log
    out = io.BytesIO()
    write_qdc(sample_codebook(), out)
    codebook = schema("Codebook.xsd")
    assert codebook.validate(etree.fromstring(out.getvalue())), codebook.error_log


def test_internal_paths_exist_and_selections_match_fragment_text() -> None:
    snapshot = sample_snapshot()
    data = export(snapshot)
    by_span = {(f.story_id, f.start, f.end): f.text for f in snapshot.fragments}
    checked = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for source in qde(data).iterfind(".//q:TextSource", NS):
            path = source.get("plainTextPath")
            assert path.startswith("internal://")
            member = "sources/" + path.removeprefix("internal://")
            assert member in names
            text = archive.read(member).decode("utf-8")
            story = next(s for s in snapshot.stories if s.id == source.get("name"))
            assert text == story.text  # no BOM added or removed, CRLF kept
            for sel in source.iterfind("q:PlainTextSelection", NS):
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert text[start:end] == by_span[(story.id, start, end)]
                checked += 1
    assert checked == 4  # fragments with a confirmed coding or a memo; not the uncoded ones
    raw = zipfile.ZipFile(io.BytesIO(data)).read(f"sources/{_source_guid(data, 'S1')}.txt")
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw and "😀".encode() in raw


def _source_guid(data: bytes, story: str) -> str:
    source = qde(data).find(f".//q:TextSource[@name='{story}']", NS)
    return str(source.get("guid"))


def test_codebook_nesting_colours_and_confirmed_codings_only() -> None:
    root = qde(export(sample_snapshot()))
    top = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    assert [c.get("name") for c in top] == [
        "Steunend netwerk & sociale contacten",
        "Dynamiek & groepsgevoel",
        "Leren van elkaar",
    ]
    assert [c.get("name") for c in top[0].findall("q:Code", NS)] == ["Praktische hulp"]
    assert top[0].get("color") == "#009E73"
    refs = root.findall(".//q:PlainTextSelection/q:Coding/q:CodeRef", NS)
    assert len(refs) == 4  # 2× netwerk.praktisch, groepsgevoel, leren; not the rejected, not the unknown
    assert {u.get("name") for u in root.findall("q:Users/q:User", NS)} == {"anna", "bram"}
    types = {v.get("name"): v.get("typeOfVariable") for v in root.findall("q:Variables/q:Variable", NS)}
    assert types["leeftijd"] == "Float" and types["intake"] == "Date" and types["wijk"] == "Text"
    assert types["praktijk"] == "Text" and types["kenmerk:rol"] == "Text"
    sets = root.findall("q:Sets/q:Set", NS)
    assert [s.get("name") for s in sets] == ["Buurtgezinnen", "Home-Start", "Veenendaal"]
    assert len(sets[1].findall("q:MemberSource", NS)) == 2


def test_export_is_deterministic_whatever_the_order_of_the_snapshot() -> None:
    snapshot = sample_snapshot()
    shuffled = replace(
        snapshot,
        stories=snapshot.stories[::-1],
        fragments=snapshot.fragments[::-1],
        codings=snapshot.codings[::-1],
        memos=snapshot.memos[::-1],
        practices=snapshot.practices[::-1],
    )
    first = export(snapshot)
    assert export(snapshot) == first
    assert export(shuffled) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "project.qde"


# -- import ---------------------------------------------------------------------------------------


def test_round_trip_keeps_everything_and_is_byte_identical() -> None:
    original = sample_snapshot()
    first = export(original)
    imported, warnings = read_qdpx(io.BytesIO(first))
    assert warnings == []
    assert code_structure(imported.codebook) == code_structure(original.codebook)
    assert (imported.codebook.version, imported.codebook.name) == ("1.2", "Werkzame factoren")
    assert imported.codebook.none_examples == ("Het regende.",)
    assert story_structure(imported) == story_structure(original)
    assert {(p.id, p.name) for p in imported.practices} == {(p.id, p.name) for p in original.practices}
    exported = {_spans(original)[i] for i in (1, 2, 3, 4)}
    assert set(_spans(imported).values()) == exported
    for fragment in imported.fragments:
        story = next(s for s in imported.stories if s.id == fragment.story_id)
        assert fragment.text == story.text[fragment.start : fragment.end]
    assert coding_structure(imported) == coding_structure(original)
    assert memo_structure(imported) == memo_structure(original)
    assert export(imported) == first


def test_qdc_round_trip() -> None:
    out = io.BytesIO()
    write_qdc(sample_codebook(), out)
    book = read_qdc(io.BytesIO(out.getvalue()), version="2.0")
    assert book.version == "2.0"
    assert code_structure(book) == code_structure(sample_codebook())
    again = io.BytesIO()
    write_qdc(book, again)
    assert again.getvalue() == out.getvalue()


def _braced(match: re.Match[str]) -> str:
    return "{" + match.group(0).upper() + "}"


_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _as_other_program(data: bytes) -> bytes:
    """Sources/ folder, upper-case file names, braced upper-case GUIDs, Export.QDE, CRLF in the XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "project.qde":
                xml = _GUID.sub(_braced, body.decode("utf-8")).replace("\n", "\r\n")
                dst.writestr("Export.QDE", xml.encode("utf-8"))
            else:
                stem = info.filename.removeprefix("sources/").removesuffix(".txt")
                dst.writestr(f"Sources/{stem.upper()}.TXT", body)
    return out.getvalue()


def test_tolerant_import_of_a_hand_modified_zip() -> None:
    original = sample_snapshot()
    first = export(original)
    imported, warnings = read_qdpx(io.BytesIO(_as_other_program(first)))
    assert warnings == []
    assert story_structure(imported) == story_structure(original)
    assert code_structure(imported.codebook) == code_structure(original.codebook)
    assert coding_structure(imported) == coding_structure(original)
    assert memo_structure(imported) == memo_structure(original)
    assert export(imported) == first


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Ander programma" origin="QualCoder 3.5">
  <Users><User guid="{AD68FBE7-E1EE-4A82-A279-23CC698C89EB}" name="Sam"/></Users>
  <CodeBook><Codes>
    <Code guid="{5215CC69-B628-4E02-AFB9-9BEEAEE55808}" name="Thema's" isCodable="false">
      <Code guid="D7AA29DA-519B-4946-9B90-253B6DB8FD0A" name="Économie" isCodable="true" color="#fc0">
        <Description>Alles over werk</Description>
      </Code>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="69A4332D-5B31-4915-B520-5275CFC21B40" name="Interview 1.docx">
      <PlainTextContent>Ik werk hard. Het is zwaar.</PlainTextContent>
      <PlainTextSelection guid="4191294A-E287-4510-95B0-69BCE4638E56" startPosition="0" endPosition="12">
        <Coding guid="445A6AEC-1400-4502-919D-0867832FF211"
                creatingUser="ad68fbe7-e1ee-4a82-a279-23cc698c89eb" creationDateTime="2018-03-27T19:29:27Z">
          <CodeRef targetGUID="{d7aa29da-519b-4946-9b90-253b6db8fd0a}"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
    <PictureSource guid="02255470-09E6-400B-9E20-97D71FBEC65D" path="internal://x.jpg"/>
  </Sources>
</Project>
"""


def _zip(files: Mapping[str, str | bytes]) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    out.seek(0)
    return out


def test_import_of_a_foreign_project_without_variables_or_sets() -> None:
    snapshot, warnings = read_qdpx(_zip({"Ander.qde": FOREIGN}))
    (story,) = snapshot.stories
    assert (story.id, story.practice, story.role) == ("Interview 1.docx", "geimporteerd", "ouder")
    assert any("geimporteerd" in w for w in warnings) and any("'ouder'" in w for w in warnings)
    assert any("geen platte tekst" in w for w in warnings)
    folder, economy = snapshot.codebook.codes
    assert (economy.parent, economy.colour, economy.definition) == (folder.id, "#ffcc00", "Alles over werk")
    (fragment,) = snapshot.fragments
    assert fragment.text == "Ik werk hard"
    (coding,) = snapshot.codings
    assert (coding.code, coding.coder, coding.status) == (economy.id, "Sam", "confirmed")
    assert coding.time == datetime(2018, 3, 27, 19, 29, 27, tzinfo=UTC)
    assert [p.id for p in snapshot.practices] == ["geimporteerd"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"sources/a.txt": "tekst"}, "geen REFI-QDA-project"),
        ({"project.qde": "<Project><Sources>"}, "geen geldige XML"),
        ({"project.qde": FOREIGN.replace('endPosition="12"', 'endPosition="99"')}, "valt buiten bron"),
        ({"project.qde": FOREIGN.replace("<PlainTextContent>", '<PlainTextContent a="1">')}, ""),
    ],
)
def test_clear_errors(files: Mapping[str, str], message: str) -> None:
    if not message:  # sanity: the last case is valid
        read_qdpx(_zip(files))
        return
    with pytest.raises(IngestError, match=message):
        read_qdpx(_zip(files))


def test_not_a_zip_and_missing_source_file() -> None:
    with pytest.raises(IngestError, match="geen geldig zip"):
        read_qdpx(io.BytesIO(b"dit is geen zip"))
    data = export(sample_snapshot())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        only_qde = _zip({"project.qde": archive.read("project.qde")})
    with pytest.raises(IngestError, match="ontbreekt"):
        read_qdpx(only_qde)


def test_qdc_without_codes_is_an_error() -> None:
    with pytest.raises(IngestError, match="geen codes"):
        read_qdc(io.BytesIO(b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'))


def test_empty_project_is_still_valid() -> None:
    empty = ProjectSnapshot((), (), (), (), Codebook("0", "leeg", ()))
    assert schema("Project-mrt2019.xsd").validate(qde(export(empty)))
    snapshot, warnings = read_qdpx(io.BytesIO(export(empty)))
    assert (snapshot.stories, snapshot.codebook.codes, warnings) == ((), (), [])


PIECE = st.characters(blacklist_categories=["Cs"]) | st.sampled_from(["\r\n", "😀", "\ufeff", "\x0c", "&<"])
STORY_TEXT = st.lists(PIECE, min_size=1, max_size=40).map("".join)


@settings(max_examples=40, deadline=None)
@given(STORY_TEXT, st.data())
def test_any_text_and_span_survive_the_round_trip(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    snapshot = ProjectSnapshot(
        practices=(Practice("P", "Praktijk"),),
        stories=(Story("V1", "P", "ouder", text, attributes=(Attribute("x", xml_text(text[:20])),)),),
        fragments=(Fragment("V1", 0, start, end, text[start:end], id=7),),
        codings=(Coding(7, "leren", "anna", "confirmed", memo=xml_text(text[-5:])),),
        codebook=sample_codebook(),
    )
    first = export(snapshot)
    imported, _ = read_qdpx(io.BytesIO(first))
    (story,) = imported.stories
    (fragment,) = imported.fragments
    assert story.text == text
    assert (fragment.start, fragment.end, fragment.text) == (start, end, text[start:end])
    assert export(imported) == first
