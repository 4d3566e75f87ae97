from council.lib.codes import CODE_ALPHABET, normalise_code, short_code


def test_codes_avoid_letters_that_look_alike() -> None:
    code = short_code()
    assert len(code) == 8
    assert set(code) <= set(CODE_ALPHABET)
    assert not set("01ILO") & set(CODE_ALPHABET)


def test_typed_codes_are_normalised() -> None:
    assert normalise_code(" ab3d-ef 7h ") == "AB3DEF7H"
