"""REFI-QDA export and import: XSD validity, offsets, round trip, determinism, tolerance, errors."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

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
from verhalen.interchange.refi.common import xml_text  # XML 1.0 cannot carry \x0c in memos and values

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
            text = archive.read(member).decode("utf-8-sig")  # as every reader: a BOM is no text
            story = next(s for s in snapshot.stories if s.id == source.get("name"))
            assert text == story.text  # the text as it is, CRLF kept
            for sel in source.iterfind("q:PlainTextSelection", NS):
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert text[start:end] == by_span[(story.id, start, end)]
                checked += 1
    assert checked == 6  # per coder, fragments with a confirmed coding or a memo; not the uncoded ones
    archive = zipfile.ZipFile(io.BytesIO(data))
    raw = archive.read(f"sources/{_source_guid(data, 'S1')}.txt")
    # S1 starts with U+FEFF itself: a BOM in front keeps it for readers that drop one; no other BOM
    assert raw.startswith("\ufeff\ufeffIk".encode()) and b"\r\n" in raw and "😀".encode() in raw
    assert archive.read(f"sources/{_source_guid(data, 'S2')}.txt") == S2.encode("utf-8")


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


def test_a_span_that_starts_inside_a_crlf_is_not_taken_for_a_shifted_one() -> None:
    """Found by the property test above: a span starting on the LF of a CRLF starts with white space, as a
    selection shifted by a CRLF counted as one does; its name keeps one leading space, so it is read as
    written."""
    text = "0\r\n0000"
    snapshot = ProjectSnapshot(
        practices=(Practice("P", "Praktijk"),),
        stories=(Story("V1", "P", "ouder", text),),
        fragments=(Fragment("V1", 0, 2, 6, text[2:6], id=7),),
        codings=(Coding(7, "leren", "anna", "confirmed"),),
        codebook=sample_codebook(),
    )
    imported, _ = read_qdpx(io.BytesIO(export(snapshot)))
    (fragment,) = imported.fragments
    assert (fragment.start, fragment.end, fragment.text) == (2, 6, "\n000")


# -- what peers read and write (issue 15) -------------------------------------------------------------

USER = {name: f"{{{guid.upper()}}}" for name, guid in (("anna", "a" * 8), ("bram", "b" * 8))}


def _user_guid(snapshot_data: bytes, name: str) -> str:
    user = qde(snapshot_data).find(f"q:Users/q:User[@name='{name}']", NS)
    return str(user.get("guid"))


def test_one_selection_per_coder_with_user_and_time() -> None:
    data = export(sample_snapshot())
    source = qde(data).find(".//q:TextSource[@name='S1']", NS)
    start, end = _span("S1", S1, "\ufeffIk ben moeder 😀 van twee.")
    spans = [
        sel
        for sel in source.iterfind("q:PlainTextSelection", NS)
        if (int(sel.get("startPosition")), int(sel.get("endPosition"))) == (start, end)
    ]
    anna, bram = _user_guid(data, "anna"), _user_guid(data, "bram")
    assert [s.get("creatingUser") for s in spans] == [anna, bram]
    assert [s.get("creationDateTime") for s in spans] == [T0.isoformat(), T1.isoformat()]
    for selection in spans:  # every coding in a selection is of its coder
        users = {c.get("creatingUser") for c in selection.iterfind("q:Coding", NS)}
        assert users == {selection.get("creatingUser")}
    # the one coding memo of anna is also the selection's description, as QualCoder reads memos
    assert spans[0].findtext("q:Description", namespaces=NS) == "mooi voorbeeld"
    assert spans[1].find("q:Description", NS) is None
    assert len({s.get("guid") for s in qde(data).iter(f"{{{NS['q']}}}PlainTextSelection")}) == 6


def _project(
    sources: str, notes: str = "", variables: str = "", cases: str = "", origin: str = "Peer"
) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Peer" origin="{origin}">
  <Users><User guid="{USER["anna"]}" name="anna"/><User guid="{USER["bram"]}" name="bram"/></Users>
  <CodeBook><Codes>
    <Code guid="{{C0DE0000-0000-4000-8000-000000000001}}" name="Netwerk" isCodable="true"/>
    <Code guid="{{C0DE0000-0000-4000-8000-000000000002}}" name="Leren" isCodable="true"/>
  </Codes></CodeBook>
  {variables}{cases}<Sources>{sources}</Sources>{notes}
</Project>"""


CODE_1, CODE_2 = "{C0DE0000-0000-4000-8000-000000000001}", "{C0DE0000-0000-4000-8000-000000000002}"
TEXT = "Regel een over de buren.\r\nRegel twee: we leren samen.\r\nRegel drie over niets."


def _select(part: str, body: str, text: str = TEXT, crlf_as_one: bool = False, **attrs: str) -> str:
    start = text.index(part)
    if crlf_as_one:
        start -= text[:start].count("\r\n")
    extra = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return (
        f'<PlainTextSelection guid="{{5E1E0000-0000-4000-8000-{start:012d}}}" startPosition="{start}" '
        f'endPosition="{start + len(part)}"{extra}>{body}</PlainTextSelection>'
    )


def _coding(code: str, user: str | None = None, time: str | None = None, note: str | None = None) -> str:
    attrs = (f' creatingUser="{USER[user]}"' if user else "") + (
        f' creationDateTime="{time}"' if time else ""
    )
    ref = f'<NoteRef targetGUID="{note}"/>' if note else ""
    return f'<Coding guid="{{{uuid4()}}}"{attrs}><CodeRef targetGUID="{code}"/>{ref}</Coding>'


def _text_source(body: str, file_guid: str = "F11E0000-0000-4000-8000-000000000001", name: str = "V1") -> str:
    return f'<TextSource guid="{{{file_guid}}}" name="{name}" plainTextPath="internal://{file_guid}.txt">{body}</TextSource>'


def test_a_selection_holding_several_coders_reads_back() -> None:
    body = (
        _select(
            "Regel een over de buren.",
            _coding(CODE_1, "anna", "2024-01-02T03:04:05Z")
            + _coding(CODE_1, "bram", "2024-01-03T00:00:00Z")
            + _coding(CODE_2),  # no user, no time of its own: those of the selection
            creatingUser=USER["bram"],
            creationDateTime="2024-01-04T00:00:00Z",
        )
        + _select(  # QualCoder: one coding, its memo in the selection's description
            "we leren samen",
            "<Description>Zo leren ze.</Description>" + _coding(CODE_2, "anna"),
            creatingUser=USER["anna"],
            creationDateTime="2024-01-05T00:00:00Z",
        )
        + _select(  # as in the standard's example: only who changed it last
            "Regel drie", _coding(CODE_1), modifyingUser=USER["anna"], modifiedDateTime="2024-01-06T00:00:00Z"
        )
    )
    files = {
        "project.qde": _project(_text_source(body)),
        "sources/F11E0000-0000-4000-8000-000000000001.txt": TEXT,
    }
    snapshot, warnings = read_qdpx(_zip(files))
    assert warnings == [
        "1 verhaal zonder praktijk-variabele: praktijk 'geimporteerd' gebruikt.",
        "1 verhaal zonder geldige rol-variabele: rol 'ouder' gebruikt.",
    ]
    got = {(c.code, c.coder, c.time, c.memo) for c in snapshot.codings}
    assert got == {
        ("netwerk", "anna", datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), ""),
        ("netwerk", "bram", datetime(2024, 1, 3, tzinfo=UTC), ""),
        ("leren", "bram", datetime(2024, 1, 4, tzinfo=UTC), ""),
        ("leren", "anna", datetime(2024, 1, 5, tzinfo=UTC), "Zo leren ze."),
        ("netwerk", "anna", datetime(2024, 1, 6, tzinfo=UTC), ""),
    }


def test_bom_in_source_and_note_files_is_not_text() -> None:
    """Each selection would point one character early if the BOM were read as the first character."""
    note_guid = "0A7E0000-0000-4000-8000-000000000001"
    notes = (
        f'<Notes><Note guid="{{{note_guid}}}" name="memo" plainTextPath="internal://{note_guid}.txt" '
        f'creatingUser="{USER["anna"]}"/></Notes>'
    )
    body = _select("de buren", _coding(CODE_1, "anna", note=f"{{{note_guid}}}"))
    files = {
        "project.qde": "\ufeff" + _project(_text_source(body), notes),  # QualCoder once wrote a BOM here too
        "Sources/F11E0000-0000-4000-8000-000000000001.txt": "\ufeff" + TEXT,
        f"Sources/{note_guid}.txt": "\ufeffBuren helpen.",
    }
    snapshot, _ = read_qdpx(_zip({k: v.encode("utf-8") for k, v in files.items()}))
    (story,) = snapshot.stories
    assert story.text == TEXT
    (fragment,) = snapshot.fragments
    assert fragment.text == "de buren"
    ((code, coder),) = [(c.code, c.coder) for c in snapshot.codings]
    (note,) = snapshot.memos
    assert (code, coder, note.text, note.code) == ("netwerk", "anna", "Buren helpen.", "netwerk")


def test_a_note_on_a_span_of_the_source_is_a_memo_on_that_fragment() -> None:
    """QualCoder exports a memo on (uncoded) text as a Note holding a PlainTextSelection, with a NoteRef on
    the TextSource; it is not a note on the whole source. A note without a span still is (and is skipped)."""
    on_span, on_source = "0A7E0000-0000-4000-8000-000000000002", "0A7E0000-0000-4000-8000-000000000003"
    start = TEXT.index("Regel drie")
    notes = (
        f'<Notes><Note guid="{{{on_span}}}" creatingUser="{USER["bram"]}" '
        'creationDateTime="2024-02-01T10:00:00Z">\n'
        "<PlainTextContent>Niets te coderen hier.</PlainTextContent>\n"
        f'<PlainTextSelection guid="{{{uuid4()}}}" startPosition="{start}" '
        f'endPosition="{start + 10}" />\n</Note>'
        f'<Note guid="{{{on_source}}}" name="over alles" creatingUser="{USER["anna"]}">'
        "<PlainTextContent>Over het hele verhaal.</PlainTextContent></Note></Notes>"
    )
    refs = f'<NoteRef targetGUID="{{{on_span}}}" /><NoteRef targetGUID="{{{on_source}}}" />'
    body = _select("de buren", _coding(CODE_1, "anna")) + refs
    files = {
        "project.qde": _project(_text_source(body), notes),
        "sources/F11E0000-0000-4000-8000-000000000001.txt": TEXT,
    }
    snapshot, warnings = read_qdpx(_zip(files))
    texts = {f.id: f.text for f in snapshot.fragments}
    assert sorted(texts.values()) == ["Regel drie", "de buren"]
    (memo,) = snapshot.memos
    assert (texts[memo.fragment_id], memo.coder, memo.text, memo.code, memo.time) == (
        "Regel drie",
        "bram",
        "Niets te coderen hier.",
        None,
        datetime(2024, 2, 1, 10, tzinfo=UTC),
    )
    assert "1 notitie bij een hele bron of het project overgeslagen." in warnings


def test_crlf_is_kept_and_offsets_count_code_points() -> None:
    """REFI-QDA 10.2: offsets count code points of the file, so CRLF is two; the text stays as it is."""
    body = _select("we leren samen", _coding(CODE_2, "anna"), name="we leren samen") + _select(
        "Regel drie", _coding(CODE_1, "bram"), name="Regel drie"
    )
    files = {
        "project.qde": _project(_text_source(body)),
        "sources/F11E0000-0000-4000-8000-000000000001.txt": TEXT,
    }
    snapshot, warnings = read_qdpx(_zip(files))
    assert snapshot.stories[0].text == TEXT and "\r\n" in TEXT
    assert [f.text for f in snapshot.fragments] == ["we leren samen", "Regel drie"]
    assert not any("CRLF" in w for w in warnings)


def test_crlf_counted_as_one_is_detected_by_the_selection_names() -> None:
    """ATLAS.ti (and QualCoder on Windows) count a CRLF as one; the names show it, offsets are converted."""
    named = _select(
        "we leren samen", _coding(CODE_2, "anna"), crlf_as_one=True, name="we leren samen"
    ) + _select("Regel drie over niets.", _coding(CODE_1, "bram"), crlf_as_one=True, name="Regel drie over…")
    files = {
        "project.qde": _project(_text_source(named)),
        "sources/F11E0000-0000-4000-8000-000000000001.txt": TEXT,
    }
    snapshot, warnings = read_qdpx(_zip(files))
    assert snapshot.stories[0].text == TEXT
    assert [f.text for f in snapshot.fragments] == ["we leren samen", "Regel drie over niets."]
    assert any("als één teken" in w for w in warnings)
    # without names there is nothing to tell by: the standard's reading (code points of the file)
    unnamed = re.sub(r' name="[^"]*"', "", files["project.qde"].replace('name="V1"', 'naam="V1"'))
    snapshot, warnings = read_qdpx(_zip(files | {"project.qde": unnamed.replace('naam="V1"', 'name="V1"')}))
    assert [f.text for f in snapshot.fragments] == [" we leren same", "\r\nRegel drie over niet"]
    assert not any("als één teken" in w for w in warnings)


def _values(root: Any, holder: Any) -> dict[str, tuple[str, str]]:
    """Variable name -> (value element, value) of the ``VariableValue`` children of ``holder``."""
    names = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", NS)}
    return {
        names[v.find("q:VariableRef", NS).get("targetGUID")]: (etree.QName(v[1]).localname, v[1].text)
        for v in holder.iterfind("q:VariableValue", NS)
    }


def test_story_values_are_on_the_text_source_only_and_cases_just_refer_to_it() -> None:
    """QualCoder turns every variable a named case carries into a case variable and then shows none of the
    source's values on its files; so values go on the TextSource only, and a case per story only refers."""
    data = export(sample_snapshot())
    root = qde(data)
    assert schema("Project-mrt2019.xsd").validate(root)
    sources = {s.get("name"): s for s in root.iterfind("q:Sources/q:TextSource", NS)}
    assert {n: _values(root, s) for n, s in sources.items()} == {
        "S1": {
            "praktijk": ("TextValue", "BEI"),
            "rol": ("TextValue", "ouder"),
            "datum": ("DateValue", "2023-06-01"),
            "interviewer": ("TextValue", "I1"),
            "titel": ("TextValue", "Eerste"),
            "intake": ("DateValue", "2023-05-01"),
            "kenmerk:rol": ("TextValue", "moeder"),
            "leeftijd": ("FloatValue", "34"),
            "wijk": ("TextValue", "=Noord"),
        },
        "S2": {
            "praktijk": ("TextValue", "HOO"),
            "rol": ("TextValue", "vrijwilliger"),
            "bronbestand": ("TextValue", "s2.docx"),
            "leeftijd": ("FloatValue", "41.5"),
            "wijk": ("TextValue", "Zuid"),
        },
        "S3": {"praktijk": ("TextValue", "HOO"), "rol": ("TextValue", "professional")},
    }
    cases = root.findall("q:Cases/q:Case", NS)
    assert [c.get("name") for c in cases] == ["S1", "S2", "S3"]
    for case in cases:
        assert case.find("q:VariableValue", NS) is None
        (ref,) = case.iterfind("q:SourceRef", NS)
        assert ref.get("targetGUID") == sources[case.get("name")].get("guid")
    imported, warnings = read_qdpx(io.BytesIO(data))
    assert warnings == []
    assert story_structure(imported) == story_structure(sample_snapshot())


def _moved_to_cases(data: bytes, keep_on_sources: bool = False) -> io.BytesIO:
    """The export as older verhalen versions (and programs that keep values on cases) wrote it: every
    source's values also, or only, on its case."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    root = etree.fromstring(files["project.qde"])
    sources = {s.get("guid"): s for s in root.iterfind("q:Sources/q:TextSource", NS)}
    for case in root.iterfind("q:Cases/q:Case", NS):
        source = sources[case.find("q:SourceRef", NS).get("targetGUID")]
        for at, value in enumerate(source.findall("q:VariableValue", NS)):
            case.insert(at, copy.deepcopy(value))
            if not keep_on_sources:
                source.remove(value)
    files["project.qde"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return _zip(files)


def test_values_only_on_cases_still_read_back() -> None:
    """Older exports, NVivo-style: the values on a named case with a SourceRef, none on the source."""
    moved = _moved_to_cases(export(sample_snapshot()))
    root = etree.fromstring(zipfile.ZipFile(moved).read("project.qde"))
    assert root.find(".//q:TextSource/q:VariableValue", NS) is None
    assert len(root.findall(".//q:Case/q:VariableValue", NS)) == 16
    assert schema("Project-mrt2019.xsd").validate(root)
    moved.seek(0)
    imported, warnings = read_qdpx(moved)
    assert warnings == []
    assert story_structure(imported) == story_structure(sample_snapshot())


def test_the_source_value_wins_over_a_different_value_on_its_case() -> None:
    data = export(sample_snapshot())
    both = _moved_to_cases(data, keep_on_sources=True)
    with zipfile.ZipFile(both) as archive:
        files: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    qde_text = files["project.qde"]
    assert isinstance(qde_text, bytes)
    # the first <TextValue>BEI</TextValue> is S1's case (cases come before sources): a stale value there
    files["project.qde"] = qde_text.replace(b"<TextValue>BEI</TextValue>", b"<TextValue>OUD</TextValue>", 1)
    assert files["project.qde"].count(b"OUD") == 1
    imported, _ = read_qdpx(_zip(files))
    assert story_structure(imported) == story_structure(sample_snapshot())
    # without the source's values the case's value is taken
    with zipfile.ZipFile(_moved_to_cases(data)) as archive:
        only = {n: archive.read(n) for n in archive.namelist()}
    only["project.qde"] = only["project.qde"].replace(
        b"<TextValue>BEI</TextValue>", b"<TextValue>OUD</TextValue>"
    )
    imported, _ = read_qdpx(_zip(only))
    assert {s.id: s.practice for s in imported.stories}["S1"] == "OUD"


def test_a_peer_without_cases_gives_every_attribute() -> None:
    """A peer that writes values only on the sources and no cases (QualCoder, MAXQDA)."""
    data = export(sample_snapshot())
    without_cases = re.sub(rb"<Cases>.*</Cases>", b"", etree.tostring(qde(data)).replace(b"\n", b""))
    assert b"<Case " not in without_cases
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()} | {"project.qde": without_cases}
    imported, warnings = read_qdpx(_zip(files))
    assert warnings == []
    assert story_structure(imported) == story_structure(sample_snapshot())


def test_qdc_with_bom_and_crlf() -> None:
    out = io.BytesIO()
    write_qdc(sample_codebook(), out)
    peer = b"\xef\xbb\xbf" + out.getvalue().replace(b"\n", b"\r\n")
    assert code_structure(read_qdc(io.BytesIO(peer))) == code_structure(sample_codebook())
