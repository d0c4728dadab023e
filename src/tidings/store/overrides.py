"""Read the user's actor overrides (YAML) into registry entries.

    - name: Antony Blinken
      aliases: [Tony Blinken, Secretary Blinken]
      country: USA
      sector: GOV
      title: Secretary of State
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..extract.registry import RegistryEntry
from ..ontology import sectors


def read_overrides(path: str | Path) -> list[RegistryEntry]:
    """Return one user entry per name and alias; errors name the file and the entry."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of actors (- name: …)")
    out = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise InputError(f"{path}: entry {number}: needs a 'name'")
        country = item.get("country")
        sector = item.get("sector")
        if country is not None and (not isinstance(country, str) or len(country) != 3):
            raise InputError(f"{path}: entry {number} ({item['name']}): country must be a "
                             "3-letter code such as USA or UNO")
        if sector is not None and sector not in sectors():
            raise InputError(f"{path}: entry {number} ({item['name']}): unknown sector "
                             f"{sector!r}")
        aliases = item.get("aliases") or []
        for name in [item["name"], *aliases]:
            out.append(RegistryEntry(str(name), country.upper() if country else None, sector,
                                     item.get("title"), "user"))
    return out
