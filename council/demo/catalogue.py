"""The places and organisations of the demo, keyed on natural codes and fixed names.

Names and programmes come from the two news items the product started from: the Association of
Volunteer Centres and the National Volunteer Network of Kazakhstan signed the council agreement
at the Forum of Youth Leaders of Russia and Kazakhstan in Omsk; the Ministry of Information and
Social Development of Kazakhstan extended its partnership agreement with UN Volunteers. The other
organisations are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from council.demo.datafiles import table
from council.orgs.models import OrganisationStatus


@dataclass(frozen=True)
class CountrySpec:
    code: str
    code3: str
    numeric: str
    name_ru: str
    name_kk: str
    name_en: str


@dataclass(frozen=True)
class RegionSpec:
    code: str  # ISO 3166-2
    country: str
    name_ru: str
    name_kk: str
    name_en: str


@dataclass(frozen=True)
class CitySpec:
    key: str
    geonames_id: int
    country: str
    region: str
    name_ru: str
    name_kk: str
    name_en: str
    latitude: float
    longitude: float
    population: int
    timezone: str


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    kind: str
    country: str
    city: str
    name_ru: str
    name_kk: str
    name_en: str
    description_ru: str
    description_kk: str
    description_en: str
    status: str = OrganisationStatus.VERIFIED
    parent: str | None = None
    website: str = ""
    email: str = ""


# The rows: council/demo/data/catalogue.json.
COUNTRIES = table("catalogue", "COUNTRIES", CountrySpec)
REGIONS = table("catalogue", "REGIONS", RegionSpec)
CITIES = table("catalogue", "CITIES", CitySpec)
ORGANISATIONS = table("catalogue", "ORGANISATIONS", OrganisationSpec)
