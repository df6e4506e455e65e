"""Readers' notes: remarks about how a file was read, worded from the catalogue.

A :class:`Note` is a ``str`` whose value is the stable English text (what programs and
logs have always seen), and which keeps its catalogue key and values so that whoever
shows it to a person words it in that person's language with :meth:`Note.text`.
"""

from __future__ import annotations

from typing import Any

from stdschema.messages import Lang, t

__all__ = ["Note", "note_text"]


class Note(str):
    """A reader's note: ``note.<key>`` of the catalogue with its values."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, **values: Any) -> Note:
        self = super().__new__(cls, t(f"note.{key}", "en", **values))
        self.key = key
        self.values = values
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:
        # Pickled (worker processes) as its key and values, not as its English text.
        return (self.key,), self.values

    def text(self, lang: Lang | None = None) -> str:
        """The note in ``lang`` (the default language when None)."""
        return t(f"note.{self.key}", lang, **self.values)


def note_text(note: str, lang: Lang | None = None) -> str:
    """``note`` in ``lang`` when it is a :class:`Note`; any other text as it is."""
    return note.text(lang) if isinstance(note, Note) else note
