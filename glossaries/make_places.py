#!/usr/bin/env python3
"""Generate places-fr-en.csv: countries and cities whose French and English
names differ, from Unicode CLDR data.

Source: the CLDR "common" locale files, as installed by Debian's
`unicode-cldr-core` package (`apt-get install unicode-cldr-core`), under
/usr/share/unicode/cldr/common/main/ (fr.xml, en.xml, root.xml):

- countries: localeDisplayNames/territories, two-letter region codes
  (alt="short" and alt="variant" forms become variants);
- cities: dates/timeZoneNames/zone/exemplarCity. English exemplar cities
  absent from en.xml and root.xml are, by CLDR's rule, the last part of the
  time-zone id with underscores as spaces (Africa/Sao_Tome -> Sao Tome).

Only entries whose French and English names differ are kept. A French name
already taken (a city named like its country) keeps its first rendering;
variants that would collide with another entry's term are dropped, so that
`tralign glossary lint` finds nothing.

With `--defer-to GLOSSARY` (any number of times), a place that GLOSSARY
already names (its French or English term or a variant) is left out, so
that the shipped glossaries never give one place two renderings and
`tralign glossary lint glossaries/syria.csv glossaries/places-fr-en.csv`
finds nothing: the hand-checked glossary governs its own places.

Usage: python3 glossaries/make_places.py [CLDR_MAIN_DIR] [--defer-to GLOSSARY]... > glossaries/places-fr-en.csv
"""

import csv
import sys
import unicodedata
import xml.etree.ElementTree as ET

# Region codes that are not countries or territories.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


def key(name):
    """Case, accents and separators aside (as tralign's term_key)."""
    folded = unicodedata.normalize("NFD", name.casefold())
    return "".join(c for c in folded if c.isalnum() and not unicodedata.combining(c))


def clean(name):
    """Drops zero-width characters and surrounding blanks."""
    return "".join(c for c in name if unicodedata.category(c) != "Cf").strip()


def territories(root):
    """Region code -> (name, [short or variant forms])."""
    out = {}
    for t in root.iterfind("./localeDisplayNames/territories/territory"):
        code = t.get("type")
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        name, alt = clean(t.text or ""), t.get("alt")
        entry = out.setdefault(code, ["", []])
        if alt is None:
            entry[0] = name
        elif alt in ("short", "variant"):
            entry[1].append(name)
    return {c: (n, v) for c, (n, v) in out.items() if n}


def cities(root):
    """Zone id -> exemplar city."""
    return {
        z.get("type"): clean(z.findtext("exemplarCity"))
        for z in root.iterfind("./dates/timeZoneNames/zone")
        if z.findtext("exemplarCity") and z.findtext("exemplarCity").strip()
    }


def cldr_version(main_dir):
    """The CLDR version, from the DTD beside the locale files."""
    import re

    try:
        with open(f"{main_dir}/../dtd/ldml.dtd", encoding="utf-8") as f:
            found = re.search(r'cldrVersion CDATA #FIXED "([0-9.]+)"', f.read())
        return found.group(1) if found else "(unknown version)"
    except OSError:
        return "(unknown version)"


def deferred_keys(paths):
    """The keys of every term and variant of the glossaries in `paths`
    (tralign's CSV format: fr, en, kind, fr_variants, en_variants, ...)."""
    out = {"fr": set(), "en": set()}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows = csv.DictReader(l for l in f if not l.startswith("#"))
            for row in rows:
                for side in ("fr", "en"):
                    forms = [row[side]] + (row.get(side + "_variants") or "").split("|")
                    out[side].update(key(x) for x in forms if key(x))
    return out


def main():
    args = sys.argv[1:]
    defer = []
    while "--defer-to" in args:
        i = args.index("--defer-to")
        defer.append(args[i + 1])
        del args[i : i + 2]
    main_dir = args[0] if args else "/usr/share/unicode/cldr/common/main"
    taken = deferred_keys(defer)
    load = lambda name: ET.parse(f"{main_dir}/{name}.xml").getroot()
    fr, en, root = load("fr"), load("en"), load("root")
    version = cldr_version(main_dir)

    rows = []
    fr_t, en_t = territories(fr), territories(en)
    for code in sorted(fr_t):
        if code not in en_t:
            continue
        (fr_name, fr_var), (en_name, en_var) = fr_t[code], en_t[code]
        rows.append((fr_name, en_name, fr_var, en_var, f"country or territory, region code {code}",
                     f"Unicode CLDR {version}, localeDisplayNames/territories"))
    fr_c, en_c, root_c = cities(fr), cities(en), cities(root)
    for zone in sorted(fr_c):
        if zone.startswith("Etc/"):
            continue
        en_name = en_c.get(zone) or root_c.get(zone) or zone.split("/")[-1].replace("_", " ")
        rows.append((fr_c[zone], en_name, [], [], f"city, time zone {zone}",
                     f"Unicode CLDR {version}, timeZoneNames exemplarCity"))

    kept, fr_keys, en_keys = [], set(), set()
    for fr_name, en_name, fr_var, en_var, note, source in rows:
        if fr_name == en_name or key(fr_name) in fr_keys:
            continue
        if key(fr_name) in taken["fr"] or key(en_name) in taken["en"]:
            continue
        fr_keys.add(key(fr_name))
        en_keys.add(key(en_name))
        kept.append([fr_name, en_name, fr_var, en_var, note, source])
    # Variants: distinct, not another entry's term, not taken twice.
    seen_var = {"fr": set(), "en": set()}
    for row in kept:
        for side, col, terms in (("fr", 2, fr_keys), ("en", 3, en_keys)):
            own = key(row[0] if side == "fr" else row[1])
            good = []
            for v in row[col]:
                k = key(v)
                if not k or k == own or k in terms or k in seen_var[side]:
                    continue
                seen_var[side].add(k)
                good.append(v)
            row[col] = "|".join(good)

    out = sys.stdout
    out.write(
        "# Countries and cities whose French and English names differ.\n"
        f"# Generated by glossaries/make_places.py from Unicode CLDR {version} (fr.xml, en.xml, root.xml:\n"
        "# territories and time-zone exemplar cities), Debian package unicode-cldr-core.\n"
        "# Data: Copyright (c) 1991-2022 Unicode, Inc.; Unicode License Agreement - Data Files and\n"
        "# Software (Unicode-DFS-2016), text in glossaries/LICENSE-CLDR.txt. Do not edit: re-run the script.\n"
        + "".join(f"# Places named by {p.split('/')[-1]} are left to it (--defer-to).\n" for p in defer)
    )
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["fr", "en", "kind", "fr_variants", "en_variants", "note", "status", "source"])
    for fr_name, en_name, fr_var, en_var, note, source in kept:
        w.writerow([fr_name, en_name, "place", fr_var, en_var, note, "approved", source])
    print(f"{len(kept)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
