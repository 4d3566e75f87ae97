from council.lib.stemming import Key, document_keys, kazakh_stem, query_keys, words


def _matches(query: str, document: str) -> bool:
    """Every query word has a key that equals, or for a prefix key starts, a document key."""
    tokens = document.split()
    return all(
        any(
            token.startswith(key.text) if key.prefix else token == key.text
            for key in term
            for token in tokens
        )
        for term in query_keys(query)
    )


def test_russian_inflections_meet_with_and_without_yo() -> None:
    document = document_keys("Волонтёр уборки пляжа", "ru")
    assert _matches("волонтёрами", document)
    assert _matches("волонтерами", document)
    assert _matches("уборка", document)


def test_english_plurals_meet_the_singular() -> None:
    document = document_keys("Volunteer translator", "en")
    assert _matches("volunteers", document)
    assert _matches("translators", document)
    assert not _matches("teachers", document)


def test_kazakh_inflections_meet_their_root() -> None:
    document = document_keys("Ерікті мұғалім", "kk")
    assert _matches("еріктілерге", document)
    assert _matches("еріктілер", document)
    assert _matches("мұғалімдерге", document)
    # Typed on a Russian keyboard, without the Kazakh letters.
    assert _matches("ериктилерге", document)


def test_kazakh_endings_are_cut_layer_by_layer() -> None:
    assert kazakh_stem("еріктілерге") == "ерикти"  # plural + dative
    assert kazakh_stem("жастарымыздың") == "жас"  # plural + possessive + genitive
    assert kazakh_stem("мектебі") == "мектеп"  # possessive, then б → п
    assert kazakh_stem("су") == "су"  # too short to cut


def test_kazakh_place_names_meet_in_any_case() -> None:
    assert _matches("Алматыда", document_keys("Алматы", "kk"))
    assert _matches("Астанаға", document_keys("Астана", "kk"))


def test_plain_cyrillic_in_a_query_tries_russian_and_kazakh() -> None:
    keys = query_keys("волонтерлерге")[0]
    assert Key("волонт", prefix=True) in keys
    assert _matches("волонтерлерге", document_keys("Волонтёр", "ru"))


def test_stop_words_and_punctuation_are_dropped() -> None:
    assert words("Помощь в школе, and the «дети»!") == ["помощь", "школе", "дети"]
    assert query_keys("и the және") == []
    assert query_keys("'\" & | :* ( )") == []


def test_keys_hold_only_letters_and_digits() -> None:
    for term in query_keys("covid-19 O'Neil волонтёр's"):
        for key in term:
            assert key.text.isalnum()
