"""Thema's (BERTopic on the stored vectors) on the demo project, with the real default embedder (USE).

Measures, in one fresh process: importing BERTopic, the first and the second ``explore.project_themes()`` call
(default settings: minimum theme size 20, number of themes automatic), the number of themes, the share of
fragments without a theme and the largest theme; the same for one practice; and, as the reference the choice
in topics.py was made against, BERTopic's default UMAP + HDBSCAN on the same vectors with three seeds.

Writes benchmarks/results/topics.json.
Run: .venv/bin/python benchmarks/bench_topics.py

--database URL: a large project instead (e.g. the 15,443 fragments of bench_browser_coding.py --keep DIR):
the first ``project_themes()`` call with the Ward tree's distances from scipy's ``pdist`` (as before session
11) and from ``themes.euclidean_condensed`` (matrix products), each on a cold tree cache, whether both give
the same themes, and a second call with another minimum size (the tree kept). Writes
benchmarks/results/topics_large.json.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
SEEDS = (0, 1, 2)


def _timed(action: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    value = action()
    return value, round(time.perf_counter() - started, 3)


def _summary(result: Any) -> dict[str, Any]:
    model = result.model
    sizes = [theme.size for theme in model.themes]
    return {
        "fragments": len(model.assignment),
        "themes": len(model.themes),
        "outlier_share": round(model.outlier_share, 3),
        "largest_theme_share": round(max(sizes) / len(model.assignment), 3),
        "new_beside_codebook": sum(o.new for o in result.overlaps),
        "labels": [theme.label for theme in model.themes],
    }


def _umap_reference(texts: list[str], vectors: np.ndarray) -> dict[str, Any]:
    """BERTopic's default clustering (UMAP 5-d cosine + HDBSCAN, min cluster size 10) per seed."""
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.metrics import adjusted_rand_score
    from umap import UMAP

    runs = []
    for seed in SEEDS:
        umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
        model = BERTopic(embedding_model=None, umap_model=umap, hdbscan_model=HDBSCAN(min_cluster_size=10))
        (topics, _), seconds = _timed(lambda m=model: m.fit_transform(texts, embeddings=vectors))
        runs.append((np.asarray(topics), seconds))
    found = [labels for labels, _ in runs]
    return {
        "seconds": [seconds for _, seconds in runs],
        "themes": [len(set(labels) - {-1}) for labels in found],
        "outlier_share": [round(float(np.mean(labels == -1)), 3) for labels in found],
        "largest_theme_share": [
            round(float(np.bincount(labels[labels >= 0]).max()) / len(labels), 3) for labels in found
        ],
        "adjusted_rand_seed0_seed1": round(float(adjusted_rand_score(found[0], found[1])), 3),
    }


def main() -> None:
    os.environ.setdefault("VERHALEN_EMBEDDER", "use-multilingual-v3")
    from verhalen.app.demo import build_demo
    from verhalen.app.explore import project_themes
    from verhalen.app.workbench import Workbench
    from verhalen.config import load_settings

    with tempfile.TemporaryDirectory() as tmp:
        bench = Workbench(load_settings(f"sqlite:///{Path(tmp) / 'bench.db'}"))
        build_demo(bench)
        _, import_s = _timed(lambda: __import__("bertopic"))
        first, first_s = _timed(lambda: project_themes(bench))
        second, second_s = _timed(lambda: project_themes(bench))
        assert first.model == second.model, "the same project gave different themes"
        practice, practice_s = _timed(lambda: project_themes(bench, practice="veendam"))
        fragments = bench.repo.fragments(codable_only=True)
        vectors = bench.stored_vectors([f.id for f in fragments])
        matrix = np.stack([vectors[f.id] for f in fragments])
        reference = _umap_reference([f.text for f in fragments], matrix)
        bench.repo.engine.dispose()
    results = {
        "embedder": os.environ["VERHALEN_EMBEDDER"],
        "method": first.model.method,
        "min_size": first.model.min_size,
        "import_bertopic_s": import_s,
        "first_call_s": first_s,
        "second_call_s": second_s,
        "all": _summary(first),
        "veendam_s": practice_s,
        "veendam": _summary(practice),
        "umap_hdbscan_reference": reference,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "topics.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(json.dumps(results, indent=2, ensure_ascii=False))


def large(url: str) -> None:
    os.environ.setdefault("VERHALEN_EMBEDDER", "use-multilingual-v3")
    from scipy.spatial.distance import pdist

    from verhalen.analysis import themes
    from verhalen.app.explore import project_themes
    from verhalen.app.workbench import Workbench
    from verhalen.config import load_settings

    bench = Workbench(load_settings(url))
    __import__("bertopic")
    blas = themes.euclidean_condensed
    themes.euclidean_condensed = lambda vectors, block=0: pdist(np.asarray(vectors, dtype=np.float64))
    themes._trees.clear()
    before, before_s = _timed(lambda: project_themes(bench))
    themes.euclidean_condensed = blas
    themes._trees.clear()
    after, after_s = _timed(lambda: project_themes(bench))
    _, other_s = _timed(lambda: project_themes(bench, min_size=10))
    results = {
        "database": url,
        "embedder": os.environ["VERHALEN_EMBEDDER"],
        "fragments": len(after.model.assignment),
        "first_call_pdist_s": before_s,
        "first_call_s": after_s,
        "same_themes": bool(np.array_equal(before.model.assignment, after.model.assignment))
        and [t.label for t in before.model.themes] == [t.label for t in after.model.themes],
        "themes": len(after.model.themes),
        "second_call_min_size_10_s": other_s,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "topics_large.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    import sys

    if "--database" in sys.argv:
        large(sys.argv[sys.argv.index("--database") + 1])
    else:
        main()
