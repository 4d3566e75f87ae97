"""Distances on the Earth's surface: great-circle (haversine) distance, in Python and as a
database expression, and the bounding box that lets an index on latitude and longitude
narrow a radius search before the exact distance is computed."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Expression, F, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

# Mean radius (IUGG); the sphere is off the ellipsoid by at most 0.5 %.
EARTH_RADIUS_KM = 6371.0088


def distance_km(latitude1: float, longitude1: float, latitude2: float, longitude2: float) -> float:
    """Great-circle distance between two points given in degrees."""
    phi1, phi2 = math.radians(latitude1), math.radians(latitude2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(longitude2 - longitude1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class BoundingBox:
    """Every point within the radius lies inside: latitude range and one longitude range, or
    two when the box crosses the 180th meridian (Chukotka)."""

    min_latitude: float
    max_latitude: float
    longitude_ranges: tuple[tuple[float, float], ...]

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.min_latitude <= latitude <= self.max_latitude and any(
            low <= longitude <= high for low, high in self.longitude_ranges
        )


def bounding_box(latitude: float, longitude: float, radius_km: float) -> BoundingBox:
    angle = radius_km / EARTH_RADIUS_KM
    phi = math.radians(latitude)
    min_phi, max_phi = phi - angle, phi + angle
    if min_phi <= -math.pi / 2 or max_phi >= math.pi / 2:
        # A pole is inside the circle: every longitude is.
        return BoundingBox(
            math.degrees(max(min_phi, -math.pi / 2)),
            math.degrees(min(max_phi, math.pi / 2)),
            ((-180.0, 180.0),),
        )
    # The widest point of the circle is not on its centre's parallel but nearer the pole.
    d_lambda = math.degrees(math.asin(min(1.0, math.sin(angle) / math.cos(phi))))
    west, east = longitude - d_lambda, longitude + d_lambda
    if west < -180:
        ranges: tuple[tuple[float, float], ...] = ((west + 360, 180.0), (-180.0, east))
    elif east > 180:
        ranges = ((west, 180.0), (-180.0, east - 360))
    else:
        ranges = ((west, east),)
    return BoundingBox(math.degrees(min_phi), math.degrees(max_phi), ranges)


def distance_km_expression(
    latitude_field: str, longitude_field: str, latitude: float, longitude: float
) -> Expression:
    """`distance_km` as a database expression (NULL where the row has no coordinates)."""
    phi1 = Radians(Value(float(latitude)))
    phi2 = Radians(F(latitude_field))
    half_d_phi = (phi2 - phi1) / Value(2.0)
    half_d_lambda = (Radians(F(longitude_field)) - Radians(Value(float(longitude)))) / Value(2.0)
    a = Power(Sin(half_d_phi), 2) + Cos(phi1) * Cos(phi2) * Power(Sin(half_d_lambda), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(Least(Value(1.0), a)))  # type: ignore[return-value]
