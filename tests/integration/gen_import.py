#!/usr/bin/env python3
# gen_import.py - writes an organisations file and a large flows file for
# the import tests: gen_import.py ORGS.csv FLOWS.csv N_ORGS N_FLOWS [SEED]
import random, sys

def luhn_ok(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0

def siret(rng):
    while True:
        base = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(12))
        if base.startswith("356000000"):
            continue
        for d in range(10):
            if luhn_ok(base + str(d)):
                return base + str(d)

def main():
    orgs_path, flows_path, n_orgs, n_flows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 42)
    communes = ["44109", "49007", "72181", "53130", "85191", "44184", "44003", "49099"]
    codes = ["150101", "15 01 02", "030105", "17 01 07", "200108", "120101", "heat", "meeting_room"]
    units = {"heat": "MWh", "meeting_room": "h"}
    sirets, seen = [], set()
    with open(orgs_path, "w") as f:
        f.write("siret,name,naf,commune_insee\n")
        while len(sirets) < n_orgs:
            s = siret(rng)
            if s in seen:
                continue
            seen.add(s)
            sirets.append(s)
            f.write(f"{s},Entreprise {len(sirets)},25.11Z,{rng.choice(communes)}\n")
    with open(flows_path, "w") as f:
        f.write("siret,direction,code,quantity,unit,description\n")
        for i in range(n_flows):
            c = rng.choice(codes)
            f.write(f"{rng.choice(sirets)},{rng.choice(['offer', 'need'])},{c},"
                    f"{rng.randint(1, 5000)},{units.get(c, 't')},flux {i}\n")

main()
