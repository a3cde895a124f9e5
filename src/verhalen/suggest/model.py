"""The engine's data: its settings, texts prepared for scoring, and a fitted model (frozen: a refit makes
a new one, so scoring never mixes two models)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from verhalen.suggest.calibrate import KernelRidge, Stacker
from verhalen.suggest.embeddings import Matrix
from verhalen.suggest.project import ProjectModel

Array = npt.NDArray[np.float64]
COMPONENTS: tuple[str, ...] = ("definition", "neighbours", "signals", "classifier")
INPUTS = {  # the stacker's inputs of each component
    "definition": ("def", "def_rel"),
    "neighbours": ("nn_pos",),
    "signals": ("sig", "sig_sem"),
    "classifier": ("clf",),
}


@dataclass(frozen=True)
class EngineConfig:
    """Engine settings. The defaults are the point benchmarks/bench_real_quotes.py --choose picked on the
    development part of the real-quote set by the rule in that script's docstring (README, "Suggestions")."""

    components: tuple[str, ...] = COMPONENTS
    neighbours: int = 2
    ridge_lambda: float = 1.0
    lexical_weight: float = 0.5
    char_grams: tuple[int, ...] = ()  # character n-gram sizes added to the stems on the lexical side
    kernel_power: float = 8.0  # sentence kernel ((1 + cos) / 2) ** p: 1 is linear in cos
    stacker_c: float = 1.0
    use_descriptions: bool = True
    centre: bool = False  # take the codebook's mean vector off every vector (see Engine.__init__)
    # A decision weighs decision_weight codebook examples, and more as decisions accumulate: with n decided
    # texts each weighs decision_weight * (1 + n / decision_growth) (growth 0: a fixed weight).
    decision_weight: float = 0.5
    decision_growth: float = 0.0
    # How decisions are learned: "joint" puts them among the codebook's training items (hybride-3);
    # "project" keeps the codebook model as it is and fits a model on the decisions alone on top of it
    # (suggest/project.py) with these features and this penalty.
    learner: str = "project"
    project_features: tuple[str, ...] = ("centroid",)
    project_penalty: float = 1.0
    # Weight of a decision feature before any evidence (project.py). bench_real_quotes --priors picked 0;
    # 1 is the smallest start at which one confirmation lifts a near-identical fragment (its docstring).
    project_prior: float = 1.0

    def weight_of_decisions(self, n: int) -> float:
        growth = n / self.decision_growth if self.decision_growth > 0 else 0.0
        return self.decision_weight * (1.0 + growth)


@dataclass(frozen=True)
class Prepared:
    """Texts with everything the scorer needs that does not change when the engine is refitted."""

    texts: tuple[str, ...]
    vectors: Matrix
    signals: tuple[tuple[tuple[str, ...], ...], ...]
    stems: sparse.csr_matrix = field(repr=False)

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def signal_counts(self) -> Array:
        counts = [[len(m) for m in row] for row in self.signals]
        return np.asarray(counts, dtype=np.float64).reshape(len(self.texts), -1)

    def subset(self, indices: Sequence[int]) -> Prepared:
        idx = list(indices)
        return Prepared(
            tuple(self.texts[i] for i in idx),
            self.vectors[idx],
            tuple(self.signals[i] for i in idx),
            self.stems[idx],
        )

    @staticmethod
    def concat(parts: Sequence[Prepared]) -> Prepared:
        return Prepared(
            tuple(t for p in parts for t in p.texts),
            np.vstack([p.vectors for p in parts]),
            tuple(s for p in parts for s in p.signals),
            sparse.csr_matrix(sparse.vstack([p.stems for p in parts])),
        )


@dataclass(frozen=True)
class FittedModel:
    """Everything scoring needs, made by :meth:`Engine.fit` in one piece and never changed afterwards.

    Scoring is a pure function of a model and the prepared texts, so a refit in one session can never
    pair another session's indices with the wrong texts: a caller that holds a model keeps using it.
    """

    real: Prepared  # examples, none-examples and decided texts (quotable, neighbours)
    labels: Array  # (n_real, k): 1 positive, 0 negative, NaN unknown
    vectors: Matrix  # real + pseudo documents, for the classifier
    lexical: sparse.csr_matrix
    idf: Array
    ridge: KernelRidge
    stacker: Stacker
    threshold: float  # codes at or above it are suggested
    loo_probabilities: Array  # leave-one-out probabilities of the real items (diagnostics)
    n_decisions: int = 0
    project: ProjectModel | None = None  # learner "project": the decisions' own model on top
    sources: Mapping[str, int] = field(default_factory=dict)  # decided text -> its first decided fragment
