"""Read CAMEO/Phoenix (TABARI-format) actor dictionaries into registry entries.

Format, as in the Phoenix/PETRARCH dictionaries::

    MWAI_KIBAKI_  # comment
    +MWAI_EMILIO_KIBAKI_          (a synonym)
        [KENELI 480101-000101]    (a role with its dates, YYMMDD or YYYYMMDD)
        [KENGOV >021230]          (from that date on; '<' = until)
    K._ANNAN_   [IGOUNO 970101-061231] [ELI]   # roles may sit on the name's line

Codes become a PLOVER country (ISO alpha-3, or UNO/EUR/IGO/NGO for international bodies)
and the first sector code that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..extract.registry import RegistryEntry
from .codes import sectors

_ROLE = re.compile(r"\[([~A-Z]+)(?:\s+([<>]?\d{6,8})(?:-(\d{6,8}))?)?\s*\]")


def _date(raw: str | None, end: bool = False) -> str | None:
    if not raw:
        return None
    digits = raw.lstrip("<>")
    if len(digits) == 6:
        year = int(digits[:2])
        year += 1900 if year > 30 else 2000
        digits = f"{year}{digits[2:]}"
    if digits[4:8] in ("0000",):
        digits = digits[:4] + ("1231" if end else "0101")
    try:
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    except IndexError:
        return None


def _code(code: str) -> tuple[str | None, str | None]:
    code = code.lstrip("~")
    known = sectors()
    if code.startswith("IGO"):
        rest = code[3:]
        country = "UNO" if "UNO" in rest else "EUR" if rest.startswith("EUR") else "IGO"
        return country, None
    if code.startswith(("NGO", "MNC", "IMG")):
        return code[:3], None
    country = code[:3] if len(code) >= 3 else None
    rest = code[3:]
    sector = next((rest[i:i + 3] for i in range(0, len(rest), 3) if rest[i:i + 3] in known), None)
    if not country or country in known:  # a bare agent code like ~COP
        return None, country if country in known else sector
    return country, sector


def read_actor_dictionary(path: str | Path) -> Iterator[RegistryEntry]:
    """Yield one registry entry per (name or synonym, role) in a TABARI actor dictionary."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read actor dictionary: {exc.strerror}") from None
    names: list[str] = []
    roles: list[tuple[str, str | None, str | None]] = []

    def flush() -> Iterator[RegistryEntry]:
        for name in names:
            for code, start, end in roles:
                country, sector = _code(code)
                if country is None:
                    continue
                yield RegistryEntry(name, country, sector, None, "dictionary", start, end)

    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0].isspace() or line.lstrip().startswith("["):
            found = _ROLE.findall(line)
        elif line.startswith("+"):
            names.append(_name(line[1:]))
            found = _ROLE.findall(line)
        else:
            yield from flush()
            names, roles = [_name(line)], []
            found = _ROLE.findall(line)
        for code, when, until in found:
            if when.startswith(">"):
                roles.append((code, _date(when), None))
            elif when.startswith("<"):
                roles.append((code, None, _date(when, end=True)))
            else:
                roles.append((code, _date(when), _date(until, end=True)))
    yield from flush()


def _name(raw: str) -> str:
    token = raw.split("[", 1)[0].strip()
    return " ".join(part for part in token.replace("_", " ").split()).title()
