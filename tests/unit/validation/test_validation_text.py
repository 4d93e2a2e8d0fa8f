"""Names and free text: refused characters, trimming, required and longest lengths, list sizes."""

from __future__ import annotations

import pytest

from domain.validation import InputRefused, Text, check_count, check_room

NAME = Text("name", 10)
NOTE = Text("note", 30, multiline=True)


def code_of(rule: Text, value: str) -> str:
    with pytest.raises(InputRefused) as refused:
        rule.check(value)
    assert refused.value.field == rule.field
    assert refused.value.extensions == {"code": refused.value.code, "field": rule.field}
    return refused.value.code


def test_a_text_is_stored_trimmed() -> None:
    assert NAME.check("  Noor  ") == "Noor"
    assert NOTE.check("\n regel een\r\n\tregel twee \n") == "regel een\r\n\tregel twee"


FORBIDDEN_EVERYWHERE = {
    "NUL": "No\x00or",
    "escape": "No\x1b[31mor",
    "delete": "No\x7for",
    "a C1 control": "No\x85or",
    "a lone surrogate": "No\ud800or",
    "a right-to-left override": "No\u202eor",
    "a line separator": "No\u2028or",
    "a non-character": "No\uffffor",
}


@pytest.mark.parametrize("value", FORBIDDEN_EVERYWHERE.values(), ids=FORBIDDEN_EVERYWHERE.keys())
def test_control_and_formatting_characters_are_refused_in_any_text(value: str) -> None:
    assert code_of(NAME, value) == "INVALID_TEXT"
    assert code_of(NOTE, value) == "INVALID_TEXT"


@pytest.mark.parametrize("value", ["Noor\n", "No\tor", "No\ror"])
def test_a_name_is_one_line_even_at_its_end(value: str) -> None:
    assert code_of(NAME, value) == "INVALID_TEXT"


def test_letters_of_any_script_and_emoji_are_text() -> None:
    assert NAME.check("Zoë Ça 李") == "Zoë Ça 李"
    assert NOTE.check("😀" * 10) == "😀" * 10


@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_a_required_text_may_not_be_blank(value: str) -> None:
    assert code_of(NOTE, value) == "TEXT_REQUIRED"


def test_an_optional_text_that_is_absent_or_blank_is_none() -> None:
    assert NOTE.check_optional(None) is None
    assert NOTE.check_optional("  \n ") is None
    assert NOTE.check_optional(" ja ") == "ja"


def test_a_text_longer_than_its_field_allows_is_too_long_after_trimming() -> None:
    assert NAME.check(" " + "x" * 10 + " ") == "x" * 10
    assert code_of(NAME, "x" * 11) == "TOO_LONG"
    assert code_of(NOTE, "😀" * 31) == "TOO_LONG"


def test_a_list_longer_than_its_field_allows_is_too_many() -> None:
    check_count([1, 2], "items", 2)
    with pytest.raises(InputRefused) as refused:
        check_count([1, 2, 3], "items", 2)
    assert refused.value.code == "TOO_MANY"


def test_a_list_at_its_most_has_no_room_for_one_more() -> None:
    check_room([1], "items", 2)
    with pytest.raises(InputRefused) as refused:
        check_room([1, 2], "items", 2)
    assert refused.value.code == "TOO_MANY"
