"""Dutch numbers and plurals in the UI, and the language kept in the URL."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import PAGES, ROOT, open_page
from verhalen.ui import numbers
from verhalen.ui.compare_tables import display_frame


def test_numbers_in_dutch_and_english() -> None:
    assert numbers.number(0.2449, 2, "nl") == "0,24" and numbers.number(0.2449, 2, "en") == "0.24"
    assert numbers.number(1234.5, 1, "nl") == "1.234,5" and numbers.number(1234.5, 1, "en") == "1,234.5"
    assert numbers.number(math.nan, 2, "nl") == "–"
    assert numbers.percent(0.245, 1, "nl") == "24,5%" and numbers.percent(0.245, 0, "en") == "24%"
    assert numbers.p_value(0.4721, "nl") == "p = 0,472" and numbers.p_value(0.0004, "nl") == "p < 0,001"
    assert numbers.p_value(0.006, "en") == "p = 0.006"
    assert numbers.signed(2.25, 1, "nl") == "+2,2" and numbers.signed(-1.0, 1, "nl") == "-1,0"


def test_plural_forms() -> None:
    assert numbers.count(1, "story", "nl") == "1 verhaal" and numbers.count(2, "story", "nl") == "2 verhalen"
    assert numbers.count(0, "story", "nl") == "0 verhalen" and numbers.count(1, "memo", "nl") == "1 memo"
    assert (
        numbers.count(3, "memo", "nl") == "3 memo's"
        and numbers.count(1250, "fragment", "nl") == "1.250 fragmenten"
    )
    assert numbers.count(1, "story", "en") == "1 story" and numbers.count(2, "story", "en") == "2 stories"
    assert numbers.noun(2, "unknown", "nl") == "unknown"


def test_display_frame_writes_decimals_in_the_readers_notation() -> None:
    frame = pd.DataFrame({"naam": ["a", "b"], "n": [3.0, 12.0], "p": [0.2449, math.nan], "k": [1, 2]})
    shown = display_frame(frame)
    assert list(shown["n"]) == ["3", "12"]  # whole numbers: no decimals
    assert list(shown["p"]) == ["0,24", "–"]  # the default language is Dutch outside a session
    assert list(shown["k"]) == [1, 2] and list(shown["naam"]) == ["a", "b"]
    assert frame["p"].iloc[0] == 0.2449  # the original (downloaded) frame keeps its numbers


def _decimals(texts: list[str]) -> str:
    return " ".join(texts)


def test_vergelijken_in_dutch_has_decimal_commas_and_plurals(
    monkeypatch: pytest.MonkeyPatch, demo_url: str
) -> None:
    at = open_page(monkeypatch, demo_url, "vergelijken")
    stats = _decimals([m.value for m in at.markdown])
    assert re.search(r"p [=<] 0,\d{3}", stats) and not re.search(r"p [=<] 0\.\d", stats)
    scope = next(c.value for c in at.caption if "met een code" in c.value)
    assert re.match(r"\d+ verhalen, \d+(\.\d{3})? fragmenten, \d+ met een code\.", scope), scope
    expected = at.dataframe[1].value  # the expected counts and residuals, in the expander
    assert expected.map(lambda v: bool(re.fullmatch(r"-?\d+,\d\d", str(v)))).to_numpy().any()
    assert not expected.map(lambda v: bool(re.fullmatch(r"-?\d+\.\d+", str(v)))).to_numpy().any()
    at.selectbox(key="lang").set_value("en").run()
    stats = _decimals([m.value for m in at.markdown])
    assert re.search(r"p [=<] 0\.\d{3}", stats)
    assert any(re.match(r"\d+ stories, \d+ fragments", c.value) for c in at.caption)


def test_overeenstemming_kappa_with_decimal_comma(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "overeenstemming", coder="lead")
    table = at.dataframe[0].value
    kappas = [str(v) for v in table["Cohens κ"]]
    assert any(re.fullmatch(r"-?\d,\d\d", k) for k in kappas) and not any("." in k for k in kappas)
    assert all(re.fullmatch(r"\d+%|—", str(v)) for v in table["% overeenstemming"])
    at.selectbox(key="lang").set_value("en").run()
    kappas = [str(v) for v in at.dataframe[0].value["Cohen's κ"]]
    assert any(re.fullmatch(r"-?\d\.\d\d", k) for k in kappas)


def test_the_language_is_kept_in_the_url(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> None:
    at = open_page(monkeypatch, demo_url, "zoeken")
    assert "taal" not in at.query_params  # Dutch, the default: a clean URL
    at.selectbox(key="lang").set_value("en").run()
    assert at.query_params["taal"] == "en"
    reload = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)  # a new session: a reload
    reload.query_params["taal"] = "en"
    reload.switch_page(f"{PAGES}/zoeken.py")
    reload.run()
    assert not reload.exception
    assert reload.title[0].value == "Search" and reload.selectbox(key="lang").value == "en"
    reload.selectbox(key="lang").set_value("nl").run()
    assert reload.title[0].value == "Zoeken" and "taal" not in reload.query_params
    odd = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    odd.query_params["taal"] = "xx"  # unknown: Dutch
    odd.switch_page(f"{PAGES}/zoeken.py")
    odd.run()
    assert not odd.exception and odd.title[0].value == "Zoeken"
