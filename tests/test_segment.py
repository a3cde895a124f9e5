"""Segmentation: offsets are exact, transcripts become turns, the blank fallback works offline."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verhalen.ingest.segment import blank_pipeline, is_transcript, segment, split_points

TRANSCRIPT = """I: Hoe kwam je bij de groep terecht?
R: Nou, via de juf van mijn zoon. Ik dacht eerst dat het niks voor mij was.
Interviewer: En nu?
Moeder: Ik ga elke week, echt waar.
[naam]: Ik ook trouwens, al twee jaar."""


def test_fallback_pipeline_is_blank_dutch_with_lookup_lemmas() -> None:
    nlp = blank_pipeline()
    assert nlp.lang == "nl"
    assert "sentencizer" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names
    doc = nlp("Wij liepen samen naar huis. Het was fijn.")
    assert [s.text for s in doc.sents] == ["Wij liepen samen naar huis.", "Het was fijn."]
    assert doc[1].lemma_ == "lopen"  # from spacy-lookups-data, no download


def test_sentences_with_exact_offsets() -> None:
    text = (
        "Ik kwam er via het consultatiebureau. Ja. Het was fijn om andere moeders te zien!\n\nDaarna koffie."
    )
    fragments = segment("s", text)
    assert [f.text for f in fragments] == [
        "Ik kwam er via het consultatiebureau.",
        "Ja. Het was fijn om andere moeders te zien!",
        "Daarna koffie.",
    ]
    assert all(text[f.start : f.end] == f.text for f in fragments)


def test_transcript_turns_have_speakers_and_interviewer_is_not_codable() -> None:
    assert is_transcript(TRANSCRIPT)
    fragments = segment("t", TRANSCRIPT)
    assert [f.speaker for f in fragments] == ["I", "R", "Interviewer", "Moeder", "[naam]"]
    assert [f.codable for f in fragments] == [False, True, False, True, True]
    assert fragments[1].text.startswith("Nou, via de juf")
    assert all(f.kind == "turn" for f in fragments)


def test_long_turn_is_split_into_sentences_keeping_the_speaker() -> None:
    long_turn = "R: " + " ".join(f"Dit is zin nummer {i} over de groep." for i in range(20))
    text = "I: Vertel eens.\n" + long_turn
    fragments = segment("t", text)
    assert len(fragments) == 21
    assert {f.speaker for f in fragments[1:]} == {"R"}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_every_fragment_is_its_span_of_the_story(text: str) -> None:
    fragments = segment("p", text)
    for f in fragments:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
    starts = [f.start for f in fragments]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(fragments))


# ---------------------------------------------------------------- placeholders are atoms

PLACEHOLDER = re.compile(r"\[[A-Z]+-\d+\]")


def test_placeholder_after_a_full_stop_opens_the_next_sentence() -> None:
    text = "Ik zorg eerst goed voor mezelf. [PERSOON-1] is op school en ik heb even tijd. (Zij lacht) dan."
    fragments = segment("p", text)
    assert [f.text for f in fragments] == [
        "Ik zorg eerst goed voor mezelf.",
        "[PERSOON-1] is op school en ik heb even tijd.",
        "(Zij lacht) dan.",
    ]


_WORDS = st.sampled_from(["ik", "zij", "de", "groep", "was", "fijn", "Daarna", "koffie", "juf", "Nou"])
_PLACEHOLDERS = st.builds(
    lambda label, n: f"[{label}-{n}]",
    st.sampled_from(["PERSOON", "LOCATIE", "INSTELLING", "DATUM", "TELEFOON", "ID"]),
    st.integers(min_value=1, max_value=12),
)
_PUNCT = st.sampled_from([". ", "! ", "? ", "... ", ": ", ", ", " ", "\n", "\n\n", ". (", '. "', ".", "!"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.one_of(_WORDS, _PLACEHOLDERS), _PUNCT), min_size=1, max_size=40))
def test_no_placeholder_is_ever_split(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + punct for word, punct in pieces)
    fragments = segment("p", text)
    for match in PLACEHOLDER.finditer(text):
        inside = [f for f in fragments if f.start < match.end() and match.start() < f.end]
        assert all(f.start <= match.start() and match.end() <= f.end for f in inside), (match, text)
        # in running text every placeholder is in a fragment (in a transcript it may be a speaker label)
        assert inside or is_transcript(text), (match, text)
    for fragment in fragments:
        assert text[fragment.start : fragment.end] == fragment.text
        for point in split_points(text, fragment):
            assert not any(m.start() < point < m.end() for m in PLACEHOLDER.finditer(text))
