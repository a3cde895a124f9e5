"""Install-time warm-up: build deduce's lookup cache and load the spaCy pipeline once.

Run by ``make`` after installing, so that no click in the app waits a minute for a cache.
"""

from __future__ import annotations

import time


def main() -> None:
    started = time.perf_counter()
    from verhalen.privacy import warm_up

    deduce_seconds = warm_up()
    from verhalen.segment import nlp

    nlp()
    print(f"warm-up: deduce {deduce_seconds:.1f} s, totaal {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
