"""The statute language's words in Russian, and in English as written."""

from __future__ import annotations

from lawcmp.lang.vocabulary import load_vocabulary
from lawcmp.reports.standard import element_in
from lawcmp.reports.terms import basis_in, clause_in, term_in, terms_in


def test_every_term_has_a_russian_name() -> None:
    vocabulary = load_vocabulary()
    assert all(term.ru for term in vocabulary.terms.values())
    assert vocabulary.label("harboring", "ru") == "укрывательство"  # a synonym by its term's name


def test_russian_names_terms_kinds_and_fields_and_keeps_ids() -> None:
    assert term_in("forced-labour", "ru") == "принудительный труд"
    reason = "KG/CC-2021/non-punishment (version 2022-03) provides non-punishment; crim.acts"
    assert terms_in(reason, "ru") == ("KG/CC-2021/non-punishment (version 2022-03) предусматривает "
                                      "неприменение наказания к потерпевшим; crim.acts")
    assert terms_in("purposes: sexual-exploitation", "ru") == "цели: сексуальная эксплуатация"
    assert clause_in("practice mandates hotlines", "ru") == "на практике предписывает телефоны доверия"
    assert basis_in("Protocol 3(a); CoE 10; seed 003", "ru") == "Протокол 3(a); Конвенция СЕ 10; исходный документ 003"
    assert element_in("prison 4..7", "ru") == "лишение свободы 4–7 лет"


def test_english_is_as_written() -> None:
    assert terms_in("offence trafficking: purposes: forced-labour", "en") == "offence trafficking: purposes: forced-labour"
    assert basis_in("Protocol 3(a)", "en") == "Protocol 3(a)"
    assert element_in("prison 4..7", "en") == "prison 4..7"
