"""Names and free text: no control characters, trimmed, within the field's length.

Characters are refused, never silently dropped: what the user typed is what is stored, or
the call fails. A name is one line; a free text may hold line breaks and tabs (a browser's
textarea sends CR LF). Lone surrogates (valid JSON, but not text) and the bidirectional
overrides that make a name read differently than it is stored are refused everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sized
from dataclasses import dataclass

from domain.validation.errors import InvalidText, TextRequired, TooLong, TooMany

_NEVER = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_FORBIDDEN_IN_TEXT = re.compile(f"[{_NEVER}]")
_FORBIDDEN_IN_LINE = re.compile(f"[{_NEVER}\t\n\r]")


@dataclass(frozen=True)
class Text:
    """A text field's rule: the name clients know it by, its length in characters, one line or more."""

    field: str
    max_length: int
    multiline: bool = False

    def check(self, value: str) -> str:
        """The trimmed text; refuses forbidden characters, blank and too long."""
        text = self._clean(value)
        if not text:
            raise TextRequired(self.field, "must not be empty")
        return text

    def check_optional(self, value: str | None) -> str | None:
        """Like `check`, but absent or blank is None (once sealed, blank would look like an answer)."""
        return None if value is None else self._clean(value) or None

    def _clean(self, value: str) -> str:
        forbidden = _FORBIDDEN_IN_TEXT if self.multiline else _FORBIDDEN_IN_LINE
        if forbidden.search(value):
            raise InvalidText(self.field, "contains a control or formatting character")
        text = value.strip()
        if len(text) > self.max_length:
            raise TooLong(self.field, f"at most {self.max_length} characters")
        return text


def check_count(items: Sized, field: str, most: int) -> None:
    """Refuses a list longer than its field allows."""
    if len(items) > most:
        raise TooMany(field, f"at most {most} items")


def check_room(items: Sized, field: str, most: int) -> None:
    """Refuses adding one more item to a list that holds its most already."""
    if len(items) >= most:
        raise TooMany(field, f"at most {most} items")
