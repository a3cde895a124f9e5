"""Every text the UI asks for exists in Dutch and in English, with the same placeholders."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from verhalen.ui.i18n import LANGS, TEXTS

UI = Path(__file__).resolve().parents[1] / "src" / "verhalen" / "ui"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _keys_used() -> tuple[set[str], set[str]]:
    """Literal keys of ``t("...")`` calls in ui/, and the constant prefixes of ``t(f"...{x}")`` calls."""
    literal: set[str] = set()
    prefixes: set[str] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"):
                continue
            if not node.args:
                continue
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                literal.add(key.value)
            elif isinstance(key, ast.JoinedStr) and isinstance(key.values[0], ast.Constant):
                prefixes.add(str(key.values[0].value))
    return literal, prefixes


def test_every_text_has_every_language_with_the_same_placeholders() -> None:
    for key, texts in TEXTS.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert _fields(texts["nl"]) == _fields(texts["en"]), key


def test_every_key_the_ui_uses_exists() -> None:
    literal, prefixes = _keys_used()
    assert len(literal) > 100  # the scan found the page code
    assert not sorted(literal - set(TEXTS))
    for prefix in prefixes:  # t(f"order_{o}"): some texts carry the prefix
        assert any(key.startswith(prefix) for key in TEXTS), prefix
