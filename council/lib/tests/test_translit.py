from council.lib.translit import fold, search_key, to_latin


def test_russian_uses_icao_9303() -> None:
    assert to_latin("Щукин Юрий") == "Shchukin Iurii"


def test_kazakh_letters_use_the_2021_alphabet() -> None:
    assert to_latin("Жұмабаева Әйгерім") == "Zhūmabaeva Äigerım"


def test_latin_passes_unchanged() -> None:
    assert to_latin("Aigerim") == "Aigerim"


def test_fold_drops_diacritics_and_case() -> None:
    assert fold("Äigerım") == "aigerim"


def test_search_key_holds_both_scripts() -> None:
    key = search_key("Айгерим", "Жұмабаева")
    assert fold("Айгерим") in key
    assert "aigerim" in key
    assert "zhumabaeva" in key
