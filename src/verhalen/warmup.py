"""Install-time warm-up: build deduce's lookup cache and the names lexicon, load the spaCy pipeline once.

Run by ``make`` after installing, so that no click in the app waits a minute for a cache.
"""

from __future__ import annotations

import time


def main() -> None:
    started = time.perf_counter()
    from verhalen.ingest.privacy import deduce_scan, lexicon

    deduce_scan.model()
    deduce_seconds = time.perf_counter() - started
    lexicon.get_lexicon()
    names_seconds = time.perf_counter() - started - deduce_seconds
    from verhalen.ingest.segment import nlp

    nlp()
    print(
        f"warm-up: deduce {deduce_seconds:.1f} s, namenlijst {names_seconds:.1f} s, "
        f"totaal {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
