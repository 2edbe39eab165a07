"""States named on the command line as people name them (ISO alpha-2 or alpha-3, English or Russian)."""

from __future__ import annotations

import pytest

from lawcmp.support.countries import code_of


@pytest.mark.parametrize(("given", "code"), [
    ("UZ", "UZ"), ("uz", "UZ"), ("UZB", "UZ"), ("kgz", "KG"), ("Kyrgyzstan", "KG"), ("Kyrgyz Republic", "KG"),
    ("  kazakhstan ", "KZ"), ("Узбекистан", "UZ"), ("Республика Узбекистан", "UZ"), ("Таджикистан", "TJ"),
    ("Russian Federation", "RU"), ("United Arab Emirates", "AE"), ("ISR", "IL"),
])
def test_a_state_is_found_by_code_or_name(given: str, code: str) -> None:
    assert code_of(given) == code


def test_a_name_of_no_state_is_left_for_the_caller_to_report() -> None:
    assert code_of("Atlantis") == "ATLANTIS"
    assert code_of("xx") == "XX"
