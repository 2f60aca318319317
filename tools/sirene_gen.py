#!/usr/bin/env python3
# sirene_gen.py - writes a synthetic SIRENE establishments file
# (StockEtablissement) with the register's header and column order, for
# tests and benchmarks: valid SIRETs (Luhn), the region's INSEE codes with
# Lambert-93 coordinates computed from the communes' WGS 84 points, NAF
# rev. 2 sub-classes from data/nace.csv, tranche codes, closed and
# non-public establishments, empty coordinates, rows of other regions and
# of older nomenclatures. Deterministic for a given --seed.
#
#   sirene_gen.py --rows N [--seed S] [--old-header] [--other-share F] OUT.csv
#
# --old-header writes the header of files before the Lambert columns
# were published. --other-share is the share of rows outside the region
# (communes of other departements), to filter a region out of a bigger file.
import argparse
import csv
import math
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEADER = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,"
    "trancheEffectifsEtablissement,anneeEffectifsEtablissement,"
    "activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,"
    "numeroVoieEtablissement,indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,"
    "indiceRepetitionDernierNumeroVoieEtablissement,typeVoieEtablissement,"
    "libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,"
    "codeCommuneEtablissement,codeCedexEtablissement,libelleCedexEtablissement,"
    "codePaysEtrangerEtablissement,libellePaysEtrangerEtablissement,"
    "identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,"
    "coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,"
    "numeroVoie2Etablissement,indiceRepetition2Etablissement,typeVoie2Etablissement,"
    "libelleVoie2Etablissement,codePostal2Etablissement,libelleCommune2Etablissement,"
    "libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,"
    "codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,"
    "codePaysEtranger2Etablissement,libellePaysEtranger2Etablissement,dateDebut,"
    "etatAdministratifEtablissement,enseigne1Etablissement,enseigne2Etablissement,"
    "enseigne3Etablissement,denominationUsuelleEtablissement,activitePrincipaleEtablissement,"
    "nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement"
).split(",")
OLD_DROP = {"identifiantAdresseEtablissement", "coordonneeLambertAbscisseEtablissement",
            "coordonneeLambertOrdonneeEtablissement",
            "activitePrincipaleRegistreMetiersEtablissement"}

BANDS = ["NN", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42", "51",
         "52", "53"]
BAND_WEIGHTS = [30, 20, 15, 10, 8, 6, 5, 2.5, 1.5, 0.4, 0.4, 0.2, 0.1, 0.05, 0.02, 0.01]
STREETS = [("RUE", "DES LILAS"), ("AV", "DE LA GARE"), ("BD", "DE L'INDUSTRIE"),
           ("ZA", "DU MOULIN"), ("RTE", "DE NANTES"), ("ALL", "DES ARTISANS"),
           ("IMP", "DU PORT"), ("CHE", "DES VIGNES")]
NAMES = ["ATELIER", "SCIERIE", "FONDERIE", "BOULANGERIE", "GARAGE", "TRANSPORTS", "METALLERIE",
         "LAITERIE", "PLASTURGIE", "MENUISERIE", "IMPRIMERIE", "CONSERVERIE", "CHAUDRONNERIE"]
# communes of other regions (Paris, Lyon, Bordeaux, Rennes, Lille, Ajaccio)
OTHER = [("75056", 48.8566, 2.3522, "75001"), ("69123", 45.7640, 4.8357, "69001"),
         ("33063", 44.8378, -0.5792, "33000"), ("35238", 48.1173, -1.6778, "35000"),
         ("59350", 50.6292, 3.0573, "59000"), ("2A004", 41.9192, 8.7386, "20000")]


def lambert93(lat, lon):
    """WGS 84 (taken as RGF93) -> Lambert-93 (EPSG:2154), metres: the
    Lambert conformal conic projection, 2 standard parallels, GRS80."""
    a = 6378137.0
    f = 1 / 298.257222101
    e = math.sqrt(2 * f - f * f)
    phi1, phi2, phi0 = map(math.radians, (49.0, 44.0, 46.5))
    lam0 = math.radians(3.0)
    x0, y0 = 700000.0, 6600000.0

    def m(phi):
        return math.cos(phi) / math.sqrt(1 - (e * math.sin(phi)) ** 2)

    def t(phi):
        s = e * math.sin(phi)
        return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (e / 2)

    n = (math.log(m(phi1)) - math.log(m(phi2))) / (math.log(t(phi1)) - math.log(t(phi2)))
    F = m(phi1) / (n * t(phi1) ** n)
    r0 = a * F * t(phi0) ** n
    phi, lam = math.radians(lat), math.radians(lon)
    r = a * F * t(phi) ** n
    theta = n * (lam - lam0)
    return x0 + r * math.sin(theta), y0 + r0 - r * math.cos(theta)


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix):
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError("no Luhn digit")


def make_siret(rng, siren=None):
    if siren is None:
        siren = luhn_complete("%08d" % rng.randrange(10000000, 99999999))
        if siren.startswith("356000000"):  # La Poste follows another rule
            siren = luhn_complete("%08d" % rng.randrange(10000000, 35599999))
    siret = luhn_complete(siren + "%04d" % rng.randrange(0, 10000))
    return siren, siret


def load_communes():
    with open(os.path.join(ROOT, "data", "communes_pdl.csv"), encoding="utf-8") as f:
        return [(r["insee_code"], float(r["latitude"]), float(r["longitude"]), r["postal_code"],
                 r["name"]) for r in csv.DictReader(f)]


def load_naf():
    with open(os.path.join(ROOT, "data", "nace.csv"), encoding="utf-8") as f:
        return [r["code"] for r in csv.DictReader(f) if r["level"] == "5"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--old-header", action="store_true")
    ap.add_argument("--other-share", type=float, default=0.0)
    ap.add_argument("out")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    communes = load_communes()
    nafs = load_naf()
    header = [c for c in HEADER if not (a.old_header and c in OLD_DROP)]
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    siren, n_left = None, 0
    for _ in range(a.rows):
        # several establishments per unit now and then
        if n_left == 0:
            siren, n_left = None, rng.choice([1, 1, 1, 1, 2, 3])
        siren, siret = make_siret(rng, siren)
        n_left -= 1
        if rng.random() < a.other_share:
            insee, lat, lon, postal = rng.choice(OTHER)
            commune_name = "AUTRE"
        else:
            insee, lat, lon, postal, commune_name = rng.choice(communes)
        # spread around the commune's point (about 3 km)
        lat += rng.gauss(0, 0.02)
        lon += rng.gauss(0, 0.03)
        x, y = lambert93(lat, lon)
        is_public = rng.random() >= 0.05
        is_active = rng.random() >= 0.35
        nomenclature = "NAFRev2" if rng.random() >= 0.03 else rng.choice(["NAFRev1", "NAF1993"])
        naf = rng.choice(nafs) if nomenclature == "NAFRev2" else "52.1D"
        has_xy = is_public and rng.random() >= 0.08
        street = rng.choice(STREETS)
        name = "%s %s" % (rng.choice(NAMES), commune_name.upper()) if rng.random() < 0.6 else ""
        sign = "%s DU %d" % (rng.choice(NAMES), rng.randrange(1, 99)) if not name else ""
        row = {c: "" for c in header}
        row.update({
            "siren": siren, "nic": siret[9:], "siret": siret,
            "statutDiffusionEtablissement": "O" if is_public else "P",
            "dateCreationEtablissement": "%d-%02d-01" % (rng.randrange(1970, 2024),
                                                         rng.randrange(1, 13)),
            "trancheEffectifsEtablissement": rng.choices(BANDS, BAND_WEIGHTS)[0],
            "anneeEffectifsEtablissement": "2022",
            "dateDernierTraitementEtablissement": "2024-03-01T12:00:00",
            "etablissementSiege": "true" if rng.random() < 0.7 else "false",
            "nombrePeriodesEtablissement": str(rng.randrange(1, 5)),
            "numeroVoieEtablissement": str(rng.randrange(1, 200)) if is_public else "[ND]",
            "typeVoieEtablissement": street[0] if is_public else "[ND]",
            "libelleVoieEtablissement": street[1] if is_public else "[ND]",
            "codePostalEtablissement": postal if is_public else "[ND]",
            "libelleCommuneEtablissement": commune_name.upper(),
            "codeCommuneEtablissement": insee,
            "coordonneeLambertAbscisseEtablissement": "%.1f" % x if has_xy else
            ("[ND]" if not is_public else ""),
            "coordonneeLambertOrdonneeEtablissement": "%.1f" % y if has_xy else
            ("[ND]" if not is_public else ""),
            "dateDebut": "2020-01-01",
            "etatAdministratifEtablissement": "A" if is_active else "F",
            "enseigne1Etablissement": sign if is_public else "[ND]",
            "denominationUsuelleEtablissement": name if is_public else "[ND]",
            "activitePrincipaleEtablissement": naf,
            "nomenclatureActivitePrincipaleEtablissement": nomenclature,
            "caractereEmployeurEtablissement": rng.choice(["O", "N"]),
        })
        w.writerow([row[c] for c in header])
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
