"""The plain-language summary of a comparison (Dutch or English): the test that decides, the effect size
and the cells that stand out. Pure; the numbers come from compare.py."""

from __future__ import annotations

import math
from collections.abc import Mapping

from verhalen.analysis.compare import ALPHA, RESIDUAL_CUTOFF, ChiSquare, Lang, Table, fisher_exact_2x2

_TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "empty": "Te weinig gegevens om de {by} te vergelijken.",
        "test": "Het verschil tussen de {by} is {neg}statistisch significant{basis} ({stat}).",
        "neg": "niet ",
        "v": "Cramérs V",
        "cuts": "(Effectgrootte: Cohens drempels klein/middelgroot/groot gedeeld door √df*, "
        "df* = {df}: {cuts}.)",
        "cell": "{code} komt {where} {dir} voor dan verwacht (gecorrigeerd residu {z})",
        "more": "vaker",
        "less": "minder vaak",
        "nosig": "Afwijkingen per cel zijn daarom niet te interpreteren.",
        "nocell": "Geen enkele cel wijkt na Holm-correctie afzonderlijk significant af.",
        "rest": "Bij de andere combinaties wijkt het aandeel na Holm-correctie niet significant af van het "
        "aandeel in alle groepen samen.",
        "dropped": "Weggelaten (komt niet voor): {codes}.",
        "perm": "Permutatietoets over verhalen: {p}.",
        "small": "Let op: sommige verwachte aantallen zijn kleiner dan 5 (kleinste {e}); de χ²-benadering is "
        "dan onbetrouwbaar, gebruik de p-waarde van {alt}",
        "fisher": "Fishers exacte toets",
        "basis": " volgens {test} ({p})",
        "permalt": "de permutatietoets over verhalen",
        "clustered": "Fragmenten uit één verhaal hangen samen, dus het oordeel volgt de permutatietoets, die "
        "hele verhalen over de groepen husselt; de p-waarde van χ² gaat uit van losse fragmenten.",
    },
    "en": {
        "empty": "Too little data to compare the {by}.",
        "test": "The difference between the {by} is {neg}statistically significant{basis} ({stat}).",
        "neg": "not ",
        "v": "Cramér's V",
        "cuts": "(Effect size: Cohen's small/medium/large thresholds divided by √df*, df* = {df}: {cuts}.)",
        "cell": "{code} occurs {dir} than expected {where} (adjusted residual {z})",
        "more": "more often",
        "less": "less often",
        "nosig": "Deviations in single cells should therefore not be interpreted.",
        "nocell": "No single cell differs significantly after Holm's correction.",
        "rest": "In the other combinations the share does not differ significantly from the share in all "
        "groups together after Holm's correction.",
        "dropped": "Left out (no occurrences): {codes}.",
        "perm": "Permutation test over stories: {p}.",
        "small": "Caution: some expected counts are below 5 (smallest {e}); the χ² approximation is "
        "unreliable, use the p-value of {alt}",
        "fisher": "Fisher's exact test",
        "basis": " by {test} ({p})",
        "permalt": "the permutation test over stories",
        "clustered": "Fragments of one story hang together, so the verdict follows the permutation test, "
        "which shuffles whole stories over the groups; the χ² p-value treats fragments as independent.",
    },
}
_PLURAL = {
    "nl": {"ouder": "bij ouders", "vrijwilliger": "bij vrijwilligers", "professional": "bij professionals"},
    "en": {
        "ouder": "among parents",
        "vrijwilliger": "among volunteers",
        "professional": "among professionals",
    },
}
_SIZE = {
    "nl": ("een verwaarloosbaar effect", "een klein effect", "een middelgroot effect", "een groot effect"),
    "en": ("a negligible effect", "a small effect", "a medium effect", "a large effect"),
}
_COHEN_W = (0.1, 0.3, 0.5)


def _num(x: float, digits: int, lang: Lang) -> str:
    s = f"{x:.{digits}f}"
    return s.replace(".", ",") if lang == "nl" else s


def _p(p: float, lang: Lang) -> str:
    return "p < " + _num(0.001, 3, lang) if p < 0.001 else "p = " + _num(p, 3, lang)


def effect_size_label(v: float, df_star: int, lang: Lang = "nl") -> str:
    """Cohen's w thresholds 0.1/0.3/0.5 divided by sqrt(df*), df* = min(rows, cols) - 1."""
    cuts = [t / math.sqrt(max(df_star, 1)) for t in _COHEN_W]
    return _SIZE[lang][sum(v >= c for c in cuts)]


def _cells(result: ChiSquare, lang: Lang, names: Mapping[str, str]) -> list[str]:
    cells = [
        (abs(z), r, c, z)
        for r, row in zip(result.rows, result.residuals, strict=True)
        for c, z in zip(result.cols, row, strict=True)
        if abs(z) > RESIDUAL_CUTOFF
    ]
    t = _TEXT[lang]
    return [
        t["cell"].format(
            code=names.get(code, code),
            where=_PLURAL[lang].get(group, "in " + group[:1].upper() + group[1:]),
            dir=t["more"] if z > 0 else t["less"],
            z=_num(z, 1, lang),
        )
        for _, code, group, z in sorted(cells, reverse=True)
    ]


def describe(
    result: ChiSquare,
    table: Table,
    by_label: str,
    lang: Lang = "nl",
    permutation_p: float | None = None,
    clustered: bool = False,
    names: Mapping[str, str] | None = None,
) -> str:
    """A few sentences a researcher can paste: the test, the effect size, the cells that stand out, caveats.

    ``result.residuals`` holds the residual of each cell that stands out (0 elsewhere); cells are only named
    when the overall test is significant; ``names`` gives a code's name in the page's language (else its id).
    ``clustered``: the units are fragments of stories, so the
    permutation test over whole stories (``permutation_p``) decides,
    not the χ² that takes them as independent.
    """
    t = _TEXT[lang]
    if math.isnan(result.chi2):
        return t["empty"].format(by=by_label)
    deciding, test = _deciding_p(result, table, permutation_p, clustered)
    sig = deciding < ALPHA
    basis = "" if test == "chi2" else t["basis"].format(test=t[test], p=_p(deciding, lang))
    df_star = min(len(result.rows), len(result.cols)) - 1
    stat = (
        f"χ²({result.dof}) = {_num(result.chi2, 1, lang)}; {_p(result.p, lang)}; "
        f"{t['v']} = {_num(result.cramers_v, 2, lang)}, {effect_size_label(result.cramers_v, df_star, lang)}"
    )
    cuts = "/".join(_num(w / math.sqrt(max(df_star, 1)), 2, lang) for w in _COHEN_W)
    parts = [
        t["test"].format(by=by_label, neg="" if sig else t["neg"], stat=stat, basis=basis),
        t["cuts"].format(df=df_star, cuts=cuts),
        *_cell_sentences(result, sig, lang, names or {}),
    ]
    if result.dropped_rows:
        named = names or {}
        parts.append(t["dropped"].format(codes=", ".join(named.get(r, r) for r in result.dropped_rows)))
    if test == "permalt" and clustered:
        parts.append(t["clustered"])
    elif result.small_expected:
        parts.append(_small_warning(result, table, lang, permutation_p))
    elif permutation_p is not None:
        parts.append(t["perm"].format(p=_p(permutation_p, lang)))
    return " ".join(parts)


def _deciding_p(
    result: ChiSquare, table: Table, permutation_p: float | None, clustered: bool = False
) -> tuple[float, str]:
    """The p-value of the verdict and its test: the permutation test over stories for fragments of stories;
    else χ², or Fisher (2×2) or the permutation test when expected counts are small."""
    known = permutation_p is not None and not math.isnan(permutation_p)
    if clustered and known and permutation_p is not None:
        return permutation_p, "permalt"
    if not result.small_expected:
        return result.p, "chi2"
    if len(table.rows) == len(table.cols) == len(result.rows) == len(result.cols) == 2:
        return fisher_exact_2x2(table).p, "fisher"
    if permutation_p is not None and not math.isnan(permutation_p):
        return permutation_p, "permalt"
    return result.p, "chi2"


def _cell_sentences(result: ChiSquare, sig: bool, lang: Lang, names: Mapping[str, str]) -> list[str]:
    t = _TEXT[lang]
    cells = _cells(result, lang, names)
    if not sig:
        return [t["nosig"]]
    if not cells:
        return [t["nocell"]]
    first = cells[0][:1].upper() + cells[0][1:]
    return ["; ".join([first, *cells[1:]]) + ".", t["rest"]]


def _small_warning(result: ChiSquare, table: Table, lang: Lang, permutation_p: float | None) -> str:
    t = _TEXT[lang]
    fisher = len(table.rows) == 2 and len(table.cols) == 2 and len(result.rows) == len(result.cols) == 2
    text = t["small"].format(e=_num(result.min_expected, 1, lang), alt=t["fisher" if fisher else "permalt"])
    if fisher:
        text += f" ({_p(fisher_exact_2x2(table).p, lang)})"
    elif permutation_p is not None:
        text += f" ({_p(permutation_p, lang)})"
    return text + "."
