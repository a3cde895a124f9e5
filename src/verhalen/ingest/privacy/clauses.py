"""Where a word stands in its clause: the subject of the verb after it, or before an apposition; and
Dutch compounds, which no word list holds. Helpers of ``names``, on its tokens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from verhalen.ingest.privacy.lexicon import Lexicon, fold, words

if TYPE_CHECKING:
    from verhalen.ingest.privacy.names import Token

SUBJECT_PRONOUNS = words("ik jij je hij zij ze wij we jullie u men")
INVERTED = SUBJECT_PRONOUNS | {"het"}  # after a verb: the subject, so the word before the verb was none
RELATIVES = words("die wie")
DETERMINERS = words("de het een haar zijn mijn onze hun jullie uw die")


def next_in_sentence(words: Sequence[Token], k: int) -> Token | None:
    """The word at ``k`` when it is in the same sentence as the one before it."""
    return words[k] if k < len(words) and not words[k].opens_sentence else None


def gap(text: str, words: Sequence[Token], k: int) -> str:
    """What stands between the word at ``k - 1`` and the one at ``k``, stripped ('', ',')."""
    return text[words[k - 1].end : words[k].start].strip()


def verb_with_subject(text: str, words: Sequence[Token], j: int, lex: Lexicon) -> bool:
    """The word at ``j`` is a finite verb right after the run, and the run is its subject: no comma
    between them and no subject pronoun after the verb ('Wallah, zegt ze'), nor 'het', which may
    be one ('Inshallah komt het goed'; so 'X heeft het druk' is missed)."""
    verb, then = next_in_sentence(words, j), next_in_sentence(words, j + 1)
    return (
        verb is not None
        and not verb.capitalised
        and gap(text, words, j) == ""
        and lex.is_finite_verb(verb.text)
        and (then is None or then.key not in INVERTED)
    )


def apposition(text: str, words: Sequence[Token], j: int, cues: frozenset[str]) -> bool:
    """'X, die ...', 'X, haar man, ...', 'X, de moeder van ...': a comma, then a relative pronoun or a
    word of ``cues`` (after a determiner and at most one more word)."""
    first = next_in_sentence(words, j)
    if first is None or gap(text, words, j) != ",":
        return False
    if first.key in RELATIVES:
        return True
    following = [w for w in (next_in_sentence(words, j + 1), next_in_sentence(words, j + 2)) if w is not None]
    return first.key in DETERMINERS and any(w.key in cues for w in following[:2])


def compound(lex: Lexicon, word: str) -> bool:
    """Two Dutch words written as one, perhaps with a linking s, e or en ('Taalcafé', 'Oudergroep',
    'Inburgeringscursus'): Dutch compounds are missing from every word list."""
    key = fold(word)
    for i in range(3, len(key) - 3):
        left, right = key[:i], key[i:]
        if not lex.is_dutch(right):
            continue
        stems = (left, left[:-1] if left[-1] in "se" else "", left[:-2] if left.endswith("en") else "")
        if any(len(stem) >= 3 and lex.is_dutch(stem) for stem in stems):
            return True
    return False
