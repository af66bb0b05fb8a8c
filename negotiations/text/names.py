"""Name forms that data packages already know: country names in many languages (pycountry's
translations of ISO 3166, and the territory names of Babel's CLDR locales, which carry the short
common names: Велика Британія, Соединенные Штаты, Watykan) and Latin spellings of Cyrillic
names (anyascii, cyrtranslit-style romanisation), so the knowledge base lists a name once and
the reading finds its other forms.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from anyascii import anyascii
from babel import Locale, UnknownLocaleError


@cache
def _translation(lang: str):
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None


@cache
def _territories(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}


@cache
def country_names(iso_code: str, languages: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The country's names (official, common and short) in each language pycountry translates,
    and its CLDR name in each language Babel knows."""
    if not iso_code:
        return ()
    country = pycountry.countries.get(alpha_3=iso_code.upper())
    if country is None:
        return ()
    english = {
        getattr(country, attr)
        for attr in ("name", "common_name", "official_name")
        if getattr(country, attr, None)
    }
    names = set(english)
    for lang in languages:
        translation = _translation(lang)
        if translation is None:
            continue
        for value in english:
            translated = translation.gettext(value)
            if translated:
                names.add(translated)
    for lang in languages:
        territory = _territories(lang).get(country.alpha_2)
        if territory:
            names.add(territory)
    return tuple(sorted(names))


def latin_forms(name: str) -> tuple[str, ...]:
    """Latin spellings of a name written in another script (Андрій Єрмак -> Andrii Iermak)."""
    if name.isascii():
        return ()
    latin = anyascii(name).replace("'", "")
    return (latin,) if latin and latin != name else ()
