"""A quoted example under "Waarom?" names the fragment that was decided, by id: a sentence that occurs in
two stories points to the story where it was coded, not to the first story that happens to hold it."""

from __future__ import annotations

from verhalen.app.workbench import Workbench
from verhalen.domain import Story
from verhalen.store.convert import rationale, rationale_json

SHARED = "We drinken samen koffie en praten over de week met de kinderen."
OTHER = "Op maandag brengt de juf ons de kleurplaten en we tekenen samen aan tafel."


def test_the_quoted_decision_points_to_the_coded_fragment(bench: Workbench) -> None:
    bench.ensure_practices()
    bench.import_story(Story("A-EERST", "beijum", "ouder", f"{SHARED} {OTHER}"))
    bench.import_story(Story("B-LATER", "veendam", "ouder", f"{OTHER} {SHARED}"))
    coded = next(f for f in bench.repo.fragments("B-LATER") if f.text == SHARED)
    bench.decide(coded.id, "groepsgevoel", "a", "confirmed")
    model = bench.engine().model
    assert model.sources == {SHARED: coded.id}

    engine = bench.engine()
    (row,) = engine.score(engine.prepare([SHARED]))
    quoted = [s for s in row if SHARED in s.rationale.examples]
    assert quoted, "the confirmed sentence is quoted for its code"
    why = quoted[0].rationale
    fragment = why.example_fragments[why.examples.index(SHARED)]
    assert fragment == coded.id
    assert bench.repo.stories_of_fragments([fragment]) == {coded.id: "B-LATER"}
    assert bench.repo.stories_of_texts([SHARED]) == {SHARED: "A-EERST"}  # what matching by text gave
    assert all(i == 0 for e, i in zip(why.examples, why.example_fragments, strict=True) if e != SHARED)


def test_the_ids_survive_storage() -> None:
    from verhalen.domain import Rationale

    stored = Rationale(examples=("a", "b"), example_fragments=(0, 7))
    assert rationale(rationale_json(stored)).example_fragments == (0, 7)
    assert rationale('{"examples": ["a"]}').example_fragments == ()  # rows stored before the ids
