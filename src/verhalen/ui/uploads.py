"""Streamlit's file uploader in the page's language.

``st.file_uploader`` (1.67) has no parameters for its own texts: the button ("Upload"), the line under it
("10MB per file • TXT, DOCX") and the drop zone while a file is dragged over it ("Drag and drop files
here") are English. CSS on its ``data-testid`` elements replaces them: ``uploader_style`` once per page
(button and drop zone, the same for every uploader; ``ui/shell.py``), ``file_uploader`` per uploader (its
limit and file types, scoped by the ``st-key-…`` class Streamlit gives a keyed widget). Every uploader in
``ui/`` goes through ``file_uploader`` (``tests/test_uploads.py`` checks). The text is hidden by
``font-size: 0`` and written again by ``::after`` at the size Streamlit uses there (0.875rem), so the
layout stays Streamlit's own; if a later Streamlit renames these elements, its English texts show again,
nothing breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import streamlit as st

from verhalen.ui.i18n import t

ZONE = '[data-testid="stFileUploaderDropzone"]'
SIZE = "0.875rem"  # Streamlit's small font size: the button, the line under it and the drop text


def css_string(text: str) -> str:
    """A CSS string literal; anything but letters, digits and a few marks is a hex escape."""
    keep = " .,;:•()-"
    return '"' + "".join(c if c.isalnum() or c in keep else f"\\{ord(c):x} " for c in text) + '"'


def _replace(selector: str, text: str) -> str:
    return (
        f"{selector} {{ font-size: 0 !important; }}\n"
        f"{selector}::after {{ content: {css_string(text)}; font-size: {SIZE}; }}\n"
    )


def uploader_style() -> str:
    """The button and the drop text of every uploader, in the page's language (one or more files)."""
    rules = []
    for many, suffix in ((True, "many"), (False, "one")):
        zone = f"{ZONE}:has(> input[multiple])" if many else f"{ZONE}:not(:has(> input[multiple]))"
        rules.append(
            _replace(f'{zone} button[data-testid="stBaseButton-secondary"] p', t(f"upload_button_{suffix}"))
        )
        drop = f"{zone} > div:not([data-testid]):not(:has([data-testid])) > span"  # only while dragging
        rules.append(_replace(drop, t(f"upload_drop_{suffix}")))
    return "<style>\n" + "".join(rules) + "</style>"


def widget_class(key: str) -> str:
    """The class Streamlit's frontend gives a widget with this key."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def instructions(mb: int, types: Sequence[str]) -> str:
    """The line under the button: the limit, then the file types as Streamlit lists them."""
    shown = ", ".join(kind.lstrip(".").upper() for kind in types)
    return t("upload_limit", mb=mb) + (f" • {shown}" if shown else "")


def limit_style(key: str, mb: int, types: Sequence[str]) -> str:
    selector = f'.{widget_class(key)} [data-testid="stFileUploaderDropzoneInstructions"] span'
    return "<style>\n" + _replace(selector, instructions(mb, types)) + "</style>"


def file_uploader(
    label: str, *, type: Sequence[str], key: str, max_upload_size: int | None = None, **kwargs: Any
) -> Any:
    """``st.file_uploader`` with its limit line in the page's language (``uploader_style`` does the rest)."""
    found = st.file_uploader(label, type=list(type), key=key, max_upload_size=max_upload_size, **kwargs)
    mb = max_upload_size or int(st.get_option("server.maxUploadSize"))
    st.html(limit_style(key, mb, type))
    return found
