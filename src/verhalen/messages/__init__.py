"""One catalogue for the messages the core gives users, in Dutch and English, with plural forms.

A core error names a key and its parameters (``ValidationError("code_unknown", code=x)``); ``str()`` of it
is the Dutch text (the CLI prints that), the UI asks ``error.text(lang)``. A plural entry is a pair
(one, other) chosen by the parameter ``n``. Errors raised with a plain sentence still work: they are
Dutch only, and are moved into this table as they are touched.

A parameter that is itself a message (a :class:`Message`, a :class:`Joined` list of them or a coded error:
anything with a ``text(lang)`` method) is rendered in the language of the sentence around it, so a
wrapped error ("'x.txt': ...") is English inside English. Other parameters (file names, library or
operating-system texts) are filled in as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from verhalen.messages.core import CORE, Plural, Text
from verhalen.messages.importing import IMPORTING
from verhalen.messages.reading import READING
from verhalen.messages.working import WORKING

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "Count",
    "Joined",
    "Message",
    "Plural",
    "Text",
    "in_language",
    "is_key",
    "render",
]

LANGUAGES = ("nl", "en")

PARTS: tuple[Mapping[str, Mapping[str, Text]], ...] = (CORE, READING, IMPORTING, WORKING)
CATALOGUE: Mapping[str, Mapping[str, Text]] = {key: texts for part in PARTS for key, texts in part.items()}


def render(key: str, lang: str = "nl", **params: object) -> str:
    """The text of ``key`` in ``lang`` (Dutch when the language is unknown), filled with ``params``;
    a plural entry picks its form by ``n``."""
    texts = CATALOGUE[key]
    text = texts.get(lang, texts["nl"])
    if isinstance(text, tuple):
        text = text[0] if params.get("n") == 1 else text[1]
    return text.format(**{name: _in(value, lang) for name, value in params.items()})


def _in(value: object, lang: str) -> object:
    """A parameter that is a message itself (``text(lang)``) in ``lang``; any other one as it is."""
    text = getattr(value, "text", None)
    return text(lang) if callable(text) else value


def in_language(value: object, lang: str) -> str:
    """What a user reads of ``value`` in ``lang``: a message or coded error in that language, anything else
    as ``str()`` has it."""
    return str(_in(value, lang))


class Count:
    """A whole number in a message, grouped in thousands as the sentence's language writes it
    (20.001 in Dutch, 20,001 in English)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def text(self, lang: str = "nl") -> str:
        grouped = f"{self.n:,}"
        return grouped if lang == "en" else grouped.replace(",", ".")

    def __str__(self) -> str:
        return self.text("nl")


class Message:
    """A catalogue text that is part of another one (a row's problem, a clause): rendered in the language
    of the sentence it goes into; ``str()`` is the Dutch text."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def text(self, lang: str = "nl") -> str:
        return render(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text("nl")


class Joined:
    """Messages (or plain strings) joined by ``separator``, each in the language asked for."""

    def __init__(self, parts: Sequence[object], separator: str = " ") -> None:
        self.parts = tuple(parts)
        self.separator = separator

    def text(self, lang: str = "nl") -> str:
        return self.separator.join(str(_in(part, lang)) for part in self.parts)

    def __str__(self) -> str:
        return self.text("nl")


def is_key(message: str) -> bool:
    return message in CATALOGUE
