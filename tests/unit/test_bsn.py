"""The BSN elfproef: nine ASCII digits whose weighted sum is a multiple of eleven."""

from __future__ import annotations

import pytest
from tests.random_refs import random_bsn

from domain.multisignaal.bsn import InvalidBsn, check_bsn

# Weights 9, 8, 7, 6, 5, 4, 3, 2 for the first eight digits and -1 for the last, by hand:
#   111222333: 9+8+7 + 12+10+8 + 9+6 - 3 = 66  = 6 x 11
#   123456782: 9+16+21+24+25+24+21+16 - 2 = 154 = 14 x 11
#   999999990: 9 x (9+8+7+6+5+4+3+2) - 0 = 396 = 36 x 11
VALID = ["111222333", "123456782", "999999990"]


@pytest.mark.parametrize("bsn", VALID)
def test_a_bsn_that_passes_the_elfproef_is_accepted_as_it_is(bsn: str) -> None:
    assert check_bsn(bsn) == bsn


def test_random_test_bsns_pass_the_elfproef() -> None:
    for _ in range(50):
        bsn = random_bsn()
        assert check_bsn(bsn) == bsn


@pytest.mark.parametrize(
    "bsn",
    [
        pytest.param("12345678", id="8 digits"),
        pytest.param("1234567820", id="10 digits"),
        pytest.param("", id="empty"),
        pytest.param("12345678a", id="a letter"),
        pytest.param("abcdefghi", id="letters only"),
        pytest.param(" 23456782", id="a leading space"),
        pytest.param("12345678-", id="a dash"),
        # 123456782 again, in digits Python's isdigit() accepts but int() reads as 1..9.
        pytest.param("١٢٣٤٥٦٧٨٢", id="arabic-indic digits"),
        pytest.param("１２３４５６７８２", id="fullwidth digits"),
        pytest.param("12345678²", id="a superscript two"),
        # 123456789: 154 - 2 + 2 - 9 = 147 = 13 x 11 + 4.
        pytest.param("123456789", id="fails the proof"),
        pytest.param("111222334", id="off by one in the check digit"),
        # The weighted sum of nine zeros is 0, a multiple of 11; it is still no BSN.
        pytest.param("000000000", id="all zeros"),
    ],
)
def test_anything_else_is_refused_with_invalid_bsn(bsn: str) -> None:
    with pytest.raises(InvalidBsn) as refused:
        check_bsn(bsn)
    assert refused.value.code == "INVALID_BSN"
