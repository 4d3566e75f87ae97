import pytest

from council.lib.geo import bounding_box, distance_km

ALMATY = (43.2220, 76.8512)
ASTANA = (51.1694, 71.4491)
MOSCOW = (55.7558, 37.6173)
ST_PETERSBURG = (59.9343, 30.3351)


def test_almaty_to_astana_is_about_970_km() -> None:
    assert distance_km(*ALMATY, *ASTANA) == pytest.approx(970, abs=5)


def test_moscow_to_st_petersburg_is_about_634_km() -> None:
    assert distance_km(*MOSCOW, *ST_PETERSBURG) == pytest.approx(634, abs=3)


def test_the_distance_is_symmetric_and_zero_at_the_same_point() -> None:
    assert distance_km(*MOSCOW, *ALMATY) == pytest.approx(distance_km(*ALMATY, *MOSCOW))
    assert distance_km(*ASTANA, *ASTANA) == 0


def test_the_distance_crosses_the_180th_meridian() -> None:
    # Two points on the equator one degree apart across the date line: 111 km, not 40 000.
    assert distance_km(0, 179.5, 0, -179.5) == pytest.approx(111.2, abs=0.5)


def test_the_box_holds_every_point_of_the_circle() -> None:
    box = bounding_box(*ASTANA, 1000)
    assert box.contains(*ALMATY)
    assert not bounding_box(*ASTANA, 800).contains(*ALMATY)
    # The widest point of a circle lies poleward of its centre and reaches further east than
    # 1000 km along the centre's parallel (85.80°E): a box cut there would miss this point.
    north_east = (52.07, 85.85)
    assert distance_km(*ASTANA, *north_east) < 1000
    assert box.contains(*north_east)


def test_the_box_splits_at_the_180th_meridian() -> None:
    box = bounding_box(65.0, 179.5, 100)  # Chukotka
    assert len(box.longitude_ranges) == 2
    assert box.contains(65.0, -179.0)
    assert box.contains(65.0, 179.0)
    assert not box.contains(65.0, 0.0)


def test_a_pole_inside_the_circle_opens_every_longitude() -> None:
    box = bounding_box(89.5, 10.0, 100)
    assert box.longitude_ranges == ((-180.0, 180.0),)
    assert box.max_latitude == 90.0
