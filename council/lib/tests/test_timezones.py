from council.lib.timezones import place_zone


def test_it_knows_iana_names_and_falls_back_to_utc() -> None:
    assert str(place_zone("Asia/Almaty")) == "Asia/Almaty"
    assert str(place_zone("")) == "UTC"
    assert str(place_zone("Mars/Olympus")) == "UTC"
    assert str(place_zone("../etc/passwd")) == "UTC"
