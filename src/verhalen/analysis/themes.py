"""Emergent themes beside the codebook: BERTopic on the stored fragment embeddings.

:func:`find_themes` gets the fragment texts and their stored vectors (float32, unit rows) and returns frozen
:class:`Theme` objects. BERTopic never embeds anything itself: ``embedding_model=None`` and the vectors go to
``fit_transform(docs, embeddings=...)``, so no model is loaded or downloaded (no representation model needs
an embedder either). BERTopic is imported inside the function; the import takes 4–5 s once per process
(it pulls in torch, sentence-transformers and umap).

The parts, chosen by measuring on the demo project (571 codable fragments, USE vectors, 2 cores; the figures
are reproduced by ``benchmarks/bench_topics.py``):

- dimensionality reduction: none (``BaseDimensionalityReduction``). BERTopic's default UMAP + HDBSCAN took
  10–11 s on its first call (numba JIT) and 1.0 s after that; seeds 0, 1 and 2 gave 8, 12 and 10 themes
  (adjusted Rand index 0.42 between seeds 0 and 1), 20–29 % of the fragments without a theme, and with two
  of the seeds one theme of a third of all fragments.
- clustering: Ward linkage (scipy) on the unit vectors, cut into themes, in BERTopic's ``hdbscan_model``
  slot: about 0.05 s, no random step, themes of similar size. Silhouette and agreement with the suggested
  factor were as good as UMAP + HDBSCAN's at the same number of themes. HDBSCAN without UMAP (scikit-learn,
  on PCA-10) left 88 % of the fragments without a theme; k-means needed a seed and 1–3 s.
- number of themes ("automatisch"): the finest cut of the Ward tree (at most ``MAX_AUTO_THEMES``) at which
  at most ``AUTO_OUTLIER_SHARE`` of the fragments fall in groups smaller than the minimum theme size. Groups
  smaller than that minimum are "geen thema" (-1), also when the researcher asks for a number of themes.
- keywords: BERTopic's c-TF-IDF with ``reduce_frequent_words`` over word stems (features.stem, so
  "moeder"/"moeders" and "leren"/"geleerd" count as one) used in at least two fragments, each shown as the
  word most often used for it (Dutch spaCy stop words, transcript fillers, light verbs and privacy
  placeholders removed; on the demo this turned "geleerd, hoef, jaar" into "nederlands, geleerd,
  belangrijk" and "moeders, moeder, gaan" into "moeders, ziekenhuis, verhuizen"). KeyBERT-style
  keywords with the USE embedder took 1.5 s more and were vaguer ("thuis, uur, speelt"); word pairs joined
  words that were not next to each other once the stop words were out.

Because no step is random, ``seed`` does not change the themes; it is kept in the result so that a run's
parameters are complete. Representative fragments rank by similarity to their theme's mean vector plus
``KEYWORD_WEIGHT`` times the share of the theme's keywords they use: the nearest to the mean alone were
often short, general sentences ("Dat hoor ik vaak."). Ward needs the n × n distances: fine for some
thousands of fragments (2,000 → 16 MB), not for hundreds of thousands.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from verhalen.domain import VerhalenError
from verhalen.ingest.privacy import LABELS

MIN_FRAGMENTS = 20
DEFAULT_MIN_SIZE = 20
MAX_AUTO_THEMES = 30
AUTO_OUTLIER_SHARE = 0.02
KEYWORDS = 10
REPRESENTATIVES = 5
KEYWORD_WEIGHT = 0.5  # representative quotes: keywords used, next to closeness to the mean
OUTLIER = -1
METHOD = "bertopic: ward on stored embeddings + c-TF-IDF"
_FILLER_WORDS = (  # transcript fillers and empty talk that spaCy's stop word list misses
    "ja nee nou eh ehm uh uhm hm hmm mm oké okee ok haha hè hé hoor zeg gewoon echt heel hele wel toch "
    "eigenlijk best even beetje soort ofzo enzo natuurlijk inderdaad precies weet denk vind snap klinkt "
    "ding dingen "
    # light verbs, counts and time words that describe no theme
    "gaan ga gaat ging gingen kom komt komen kwam kwamen zie ziet zien zag doe doet doen deed deden gedaan "
    "maak maakt maken laat laten hoef hoeft hoeven ken kent kennen zit zitten blijf blijft blijven sta staat "
    "krijg krijgt krijgen weten merk merkt jaar jaren keer paar soms ineens niks iedereen nodig per "
    "twee drie "
    "vier vijf zes zeven acht negen tien"
)
FILLERS = frozenset(_FILLER_WORDS.split())
_TOKEN = r"(?u)\b[^\W\d_]{3,}\b"
_STEM_TOKEN = r"(?u)\S+"  # the stemmed docs are already split into words
_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(label.upper() for label in LABELS) + r")-\d+\]", re.IGNORECASE)
Matrix = npt.NDArray[np.float32]


class TopicsError(VerhalenError):
    """Themes cannot be found for this selection (too few fragments, unusable parameters)."""


@dataclass(frozen=True)
class Theme:
    id: int  # 0 is the largest theme
    label: str  # the first keywords; empty when the theme has none
    keywords: tuple[str, ...]
    size: int
    fragment_ids: tuple[int, ...]
    representative_ids: tuple[int, ...]  # the most telling fragments first (see _representatives)


@dataclass(frozen=True)
class ThemeModel:
    """Themes of one run; ``assignment[i]`` is the theme of ``fragment_ids[i]`` (-1: geen thema)."""

    themes: tuple[Theme, ...]
    fragment_ids: tuple[int, ...]
    assignment: tuple[int, ...]
    min_size: int
    n_themes: int | None
    seed: int
    method: str = METHOD

    def theme_of(self) -> dict[int, int]:
        return dict(zip(self.fragment_ids, self.assignment, strict=True))

    @property
    def outlier_share(self) -> float:
        return self.assignment.count(OUTLIER) / len(self.assignment) if self.assignment else 0.0


def preload() -> None:
    """Import BERTopic (4–5 s: torch, umap) ahead of the first search, e.g. in a thread when a page opens."""
    import bertopic  # noqa: F401


def stop_words() -> frozenset[str]:
    """Dutch stop words (spaCy's list, no model needed) and fillers, as the vectorizer sees them."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    pattern = re.compile(_TOKEN)
    return frozenset(w for w in {*STOP_WORDS, *FILLERS} if pattern.fullmatch(w))


def clean(text: str) -> str:
    """The text as the keyword step sees it: accents composed (NFC, so 'coördinator' stays one word) and
    privacy placeholders such as ``[PERSOON-1]`` removed."""
    return _PLACEHOLDER.sub(" ", unicodedata.normalize("NFC", text))


def stemmed(docs: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """The docs as stems without stop words (so 'moeder' and 'moeders', 'leren' and 'geleerd' are one
    keyword), and per stem the word most often used for it, to show instead of the stem."""
    from verhalen.suggest.features import stem

    skip = stop_words()
    seen: dict[str, Counter[str]] = {}
    out = []
    for doc in docs:
        stems = []
        for word in re.findall(_TOKEN, doc.lower()):
            if word in skip:
                continue
            root = stem(word)
            seen.setdefault(root, Counter())[word] += 1
            stems.append(root)
        out.append(" ".join(stems))
    shown = {root: min(words.items(), key=lambda kv: (-kv[1], kv[0]))[0] for root, words in seen.items()}
    return out, shown


def vocabulary(docs: Sequence[str]) -> list[str]:
    """Words (no stop words) used in at least two fragments; every word when none is.

    BERTopic fits its vectorizer on one joined document per theme, where a ``min_df`` would drop the words
    only one theme uses (its most telling ones); this keeps those but leaves out words said only once.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    for min_df in (2, 1):
        counter = CountVectorizer(token_pattern=_STEM_TOKEN, min_df=min_df)
        try:
            counter.fit(docs)
        except ValueError:  # scikit-learn: no word left
            continue
        return sorted(str(word) for word in counter.vocabulary_)
    raise TopicsError("themes_no_words")


def _labels_at(tree: npt.NDArray[np.float64], k: int, min_size: int) -> npt.NDArray[np.int64]:
    """The Ward tree cut into ``k`` groups; groups smaller than ``min_size`` become -1."""
    from scipy.cluster.hierarchy import fcluster

    labels = np.asarray(fcluster(tree, k, criterion="maxclust"), dtype=np.int64)
    sizes = np.bincount(labels)
    return np.where(sizes[labels] >= min_size, labels, OUTLIER)


TREES_KEPT = 4  # Ward trees kept per process (15,000 fragments: 0.5 MB each, 15 s to build on 2 cores)
_trees: OrderedDict[str, npt.NDArray[np.float64]] = OrderedDict()
_trees_lock = threading.Lock()


DISTANCE_BLOCK = 1024  # rows per matrix product in euclidean_condensed (1,024 x 15,000: 120 MB)


def euclidean_condensed(vectors: Matrix, block: int = DISTANCE_BLOCK) -> npt.NDArray[np.float64]:
    """``scipy.spatial.distance.pdist(vectors)`` (Euclidean, condensed), from matrix products: |a - b|² =
    |a|² + |b|² - 2 a·b, a block of rows at a time. pdist compares the rows pair by pair (15,443 x 512: 35 s
    here); the products run in BLAS (about 4 s). Equal up to rounding (a difference of squares: about 1e-7
    absolute where pdist says 0)."""
    rows = np.asarray(vectors, dtype=np.float64)
    n = len(rows)
    norms = np.einsum("ij,ij->i", rows, rows)
    out = np.empty(n * (n - 1) // 2)
    for start in range(0, n, block):
        stop = min(n, start + block)
        squared = norms[start:stop, None] + norms[None, start:] - 2.0 * (rows[start:stop] @ rows[start:].T)
        distances = np.sqrt(np.maximum(squared, 0.0))
        for i in range(start, stop):  # row i's distances to the rows after it, in pdist's order
            first = n * i - i * (i + 1) // 2
            out[first : first + n - i - 1] = distances[i - start, i + 1 - start :]
    return out


def ward_tree(vectors: Matrix) -> npt.NDArray[np.float64]:
    """The Ward tree over ``vectors``, kept for the same vectors (by a digest of their bytes): it depends on
    nothing else, so another minimum size or number of themes, or a search again after some decisions,
    cuts the tree already built instead of building it again (n × n distances: the bulk of a search on a
    large project)."""
    from scipy.cluster.hierarchy import linkage

    rows = np.ascontiguousarray(vectors)
    key = f"{rows.dtype}{rows.shape}:{hashlib.blake2b(rows.tobytes(), digest_size=16).hexdigest()}"
    with _trees_lock:
        if key in _trees:
            _trees.move_to_end(key)
            return _trees[key]
    tree = np.asarray(linkage(euclidean_condensed(rows), method="ward"), dtype=np.float64)
    tree.setflags(write=False)
    with _trees_lock:
        _trees[key] = tree
        while len(_trees) > TREES_KEPT:
            _trees.popitem(last=False)
    return tree


def cut(vectors: Matrix, min_size: int, n_themes: int | None) -> npt.NDArray[np.int64]:
    """Group labels (-1 = no theme) of the Ward tree over ``vectors``; ``n_themes=None`` chooses the cut."""
    tree = ward_tree(vectors)
    if n_themes is not None:
        return _labels_at(tree, n_themes, min_size)
    n = len(vectors)
    best = _labels_at(tree, 2, min_size)
    for k in range(3, min(MAX_AUTO_THEMES, n // min_size) + 1):
        labels = _labels_at(tree, k, min_size)
        if np.count_nonzero(labels == OUTLIER) <= AUTO_OUTLIER_SHARE * n:
            best = labels
    return best


class WardClusters:
    """BERTopic's ``hdbscan_model`` slot: ``fit`` sets ``labels_`` from :func:`cut`."""

    def __init__(self, min_size: int, n_themes: int | None) -> None:
        self.min_size = min_size
        self.n_themes = n_themes
        self.labels_: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)

    def fit(self, X: Matrix, y: Any = None) -> WardClusters:
        self.labels_ = cut(X, self.min_size, self.n_themes)
        if np.all(self.labels_ == OUTLIER):
            raise TopicsError("themes_none_found")
        return self


def _check(n: int, dim_ok: bool, min_size: int, n_themes: int | None) -> None:
    if not dim_ok:
        raise TopicsError("themes_vectors_mismatch")
    if min_size < 2:
        raise TopicsError("themes_min_size")
    if n_themes is not None and n_themes < 2:
        raise TopicsError("themes_min_count")
    need = max(MIN_FRAGMENTS, 2 * min_size)
    if n < need:
        raise TopicsError("themes_too_few_fragments", n=n, need=need, min_size=min_size)


def _fit(docs: list[str], vectors: Matrix, clusters: WardClusters) -> tuple[list[int], Any]:
    from bertopic import BERTopic
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(vocabulary=vocabulary(docs), token_pattern=_STEM_TOKEN)
    model = BERTopic(
        embedding_model=None,  # the vectors are given: BERTopic must never load or download a model
        language="multilingual",  # "english" would strip every non-ASCII letter ("één" -> "n") from the words
        umap_model=BaseDimensionalityReduction(),
        hdbscan_model=clusters,
        vectorizer_model=vectorizer,
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        top_n_words=KEYWORDS,
        calculate_probabilities=False,
    )
    topics, _ = model.fit_transform(docs, embeddings=vectors)
    return [int(x) for x in topics], model


def _keywords(model: Any, topic: int) -> tuple[str, ...]:
    """The theme's keyword stems, best first."""
    words = model.get_topic(topic) or []
    return tuple(str(word) for word, score in words if word and float(score) > 0)[:KEYWORDS]


def _representatives(
    vectors: Matrix, rows: npt.NDArray[np.int64], docs: Sequence[str], keywords: Sequence[str]
) -> npt.NDArray[np.int64]:
    """Rows of the theme's most telling fragments: near its mean vector and using its keywords."""
    similarity = vectors[rows] @ vectors[rows].mean(axis=0)
    wanted = set(keywords)
    hits = np.array([len(wanted & set(docs[r].split())) for r in rows], dtype=float)
    score = similarity / max(float(similarity.max()), 1e-9) + KEYWORD_WEIGHT * hits / max(hits.max(), 1.0)
    order = np.lexsort((rows, -score))[:REPRESENTATIVES]  # best first, ties by position
    return rows[order]


def find_themes(
    texts: Sequence[str],
    vectors: npt.ArrayLike,
    fragment_ids: Sequence[int] | None = None,
    *,
    min_size: int = DEFAULT_MIN_SIZE,
    n_themes: int | None = None,
    seed: int = 0,
) -> ThemeModel:
    """Themes of ``texts`` from their stored ``vectors`` (one unit row per text); see the module docstring."""
    matrix = np.asarray(vectors, dtype=np.float32)
    ids = list(range(len(texts))) if fragment_ids is None else [int(i) for i in fragment_ids]
    dim_ok = matrix.ndim == 2 and len(matrix) == len(texts) == len(ids)
    _check(len(texts), dim_ok, min_size, n_themes)
    docs, shown = stemmed([clean(text) for text in texts])
    clusters = WardClusters(min_size, n_themes)
    topics, model = _fit(docs, matrix, clusters)
    assignment = np.asarray(topics, dtype=np.int64)
    themes = []
    for topic in sorted(set(topics) - {OUTLIER}):
        rows = np.flatnonzero(assignment == topic)
        stems = _keywords(model, topic)
        words = tuple(shown.get(root, root) for root in stems)
        members = tuple(ids[i] for i in rows)
        best = _representatives(matrix, rows, docs, stems)
        themes.append(
            Theme(topic, ", ".join(words[:3]), words, len(rows), members, tuple(ids[r] for r in best))
        )
    return ThemeModel(tuple(themes), tuple(ids), tuple(topics), min_size, n_themes, seed)
