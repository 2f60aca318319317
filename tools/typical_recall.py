#!/usr/bin/env python3
# typical_recall.py - how well data/typical_flows.csv predicts real
# outputs: for each documented exchange of is_cases.csv that names the
# giver's activity (from_nace) and a List of Waste code, is that code
# among the typical outputs of the giver's activity?
#   by code:        the case's code is a typical output code (a case that
#                   gives only a chapter or sub-chapter counts if a typical
#                   output lies under it);
#   by sub-chapter: some typical output shares the case code's first four
#                   digits (first two for a chapter-only case).
# A typical row applies when its NACE code covers the giver's activity
# (canonical codes: "16.1" covers "16.10"), or the case names a broader
# activity that covers the row's.
#   typical_recall.py [--cases FILE] [--typical FILE] [--min-subchapter R]
import argparse
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def covers(a, b):
    """true if NACE code a is b or one of b's ancestors (canonical codes)."""
    return b == a or (b.startswith(a) and len(b) > len(a))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(ROOT, "data", "is_cases.csv"))
    ap.add_argument("--typical", default=os.path.join(ROOT, "data", "typical_flows.csv"))
    ap.add_argument("--min-subchapter", type=float, default=0.0)
    a = ap.parse_args()
    typical = [r for r in csv.DictReader(open(a.typical, encoding="utf-8"))
               if r["direction"] == "offer" and r["code"] != "heat"]
    n = n_code = n_sub = n_no_activity = 0
    misses = []
    for c in csv.DictReader(open(a.cases, encoding="utf-8")):
        codes = [x.strip() for x in c["low_code"].split(";") if x.strip()]
        naces = [x.strip() for x in c["from_nace"].split(";") if x.strip()]
        if not codes or not naces:
            continue
        n += 1
        outs = {t["code"] for t in typical
                if any(covers(t["naf"], g) or covers(g, t["naf"]) for g in naces)}
        if not outs:
            n_no_activity += 1
        hit_code = any(o == k or (len(k) < 6 and o.startswith(k)) for k in codes for o in outs)
        hit_sub = any(o[:min(4, len(k))] == k[:4] for k in codes for o in outs)
        n_code += hit_code
        n_sub += hit_sub
        if not hit_sub:
            misses.append("%s (%s, %s)" % (c["id"], c["from_nace"], c["low_code"]))
    if n == 0:
        print("no case with an activity and a waste code", file=sys.stderr)
        return 1
    print("cases with the giver's activity and a waste code: %d" % n)
    print("recall by code:        %d/%d = %.2f" % (n_code, n, n_code / n))
    print("recall by sub-chapter: %d/%d = %.2f" % (n_sub, n, n_sub / n))
    print("cases whose activity has no typical output: %d" % n_no_activity)
    print("missed at sub-chapter level: " + ", ".join(misses))
    return 0 if n_sub / n >= a.min_subchapter else 1


if __name__ == "__main__":
    sys.exit(main())
