#!/usr/bin/env python3
"""gen_families.py - derives data/low_families.csv: one material family for
every 6-digit List of Waste entry, from the entry's wording (English label),
then its sub-chapter and chapter, then explicit overrides. The output is
data; review it, and add an override rather than editing the CSV by hand.

usage: tools/gen_families.py data/low.csv > data/low_families.csv
"""
import csv, re, sys

# The families, in the order of data/material_families.csv.
FAMILIES = ['organic', 'wood', 'paper', 'plastic', 'rubber', 'glass', 'ferrous', 'nonferrous',
            'metal_mixed', 'inert', 'soil', 'gypsum', 'ash_slag', 'sludge', 'solvent', 'oil',
            'acid_base', 'catalyst', 'textile', 'electrical', 'battery', 'chemical', 'asbestos',
            'healthcare', 'mixed']

# Wording, first match wins (checked on the lower-case English label).
WORDING = [
    (r'asbestos', 'asbestos'),
    (r'catalyst', 'catalyst'),
    (r'batter|accumulator', 'battery'),
    (r'electrical|electronic|fluorescent|transformers|capacitors|discarded equipment', 'electrical'),
    (r'tyres|rubber', 'rubber'),
    (r'solvent|halogenated|mother liquor|washing liquids|organic liquid', 'solvent'),
    (r'edible oil|fats', 'organic'),
    (r'sludge|filter cake', 'sludge'),
    (r'\boil|fuel|petrol|diesel|bilge|grease', 'oil'),
    (r'\bacid|\bbases\b|hydroxide|ammonia|alkal', 'acid_base'),
    (r'\bash|slag|dross|skimmings|flue-gas dust|boiler dust|clinker|bottom ash', 'ash_slag'),
    (r'plastic', 'plastic'),
    (r'glass', 'glass'),
    (r'wood|sawdust|bark|cork|timber', 'wood'),
    (r'paper|cardboard|fibre rejects|pulp', 'paper'),
    (r'textile|fibres|clothes|fabric|leather|fur\b|wool', 'textile'),
    (r'non-ferrous|copper|aluminium|lead|zinc|\btin\b|mercury|silver|bronze|brass|precious', 'nonferrous'),
    (r'iron|steel|ferrous', 'ferrous'),
    (r'metal', 'metal_mixed'),
    (r'gypsum', 'gypsum'),
    (r'soil|stones|dredging spoil|track ballast', 'soil'),
    (r'concrete|brick|tiles|ceramic|sand|gravel|clay|mineral|cement|lime|calcium|gangue|'
     r'tailings|dust|carbon|rock|kaolin|talc|shells|inert', 'inert'),
    (r'biodegradable|animal|food|vegetable|manure|slurry|fish|fruit|sugar|milk|compost|'
     r'digestate|kitchen|whey|yeast|tissue|carcass|feathers|blood|grain|spent|molasses|'
     r'beet|plant', 'organic'),
    (r'municipal|mixed', 'mixed'),
]

# Sub-chapter, then chapter defaults when the wording says nothing.
DEFAULTS = {
    '0101': 'inert', '0103': 'inert', '0104': 'inert', '0105': 'inert',
    '02': 'organic', '0301': 'wood', '0302': 'wood', '0303': 'paper', '0401': 'textile',
    '0402': 'textile', '05': 'oil', '0507': 'chemical', '06': 'chemical', '07': 'chemical',
    '08': 'chemical', '09': 'chemical', '10': 'ash_slag', '1011': 'glass', '1012': 'inert',
    '1013': 'inert', '11': 'acid_base', '12': 'metal_mixed', '13': 'oil', '14': 'solvent',
    '15': 'mixed', '16': 'mixed', '1605': 'chemical', '1609': 'chemical', '1610': 'chemical',
    '17': 'inert', '18': 'healthcare', '19': 'mixed', '20': 'mixed',
}

# Entries whose wording misleads the rules above.
OVERRIDES = {
    '010101': 'inert', '010102': 'inert', '010307': 'chemical', '010407': 'chemical',
    '020106': 'organic',   # animal faeces, urine and manure
    '030201': 'chemical', '030202': 'chemical', '030203': 'chemical', '030204': 'chemical',
    '030205': 'chemical', '030299': 'chemical', '040101': 'organic', '061301': 'chemical',
    '090110': 'electrical', '090111': 'electrical', '090112': 'electrical',
    '100104': 'ash_slag', '100113': 'ash_slag', '100125': 'ash_slag', '110116': 'chemical',
    '110504': 'chemical', '120112': 'oil', '120120': 'inert', '120121': 'inert',
    '140601': 'chemical', '180102': 'healthcare', '190806': 'chemical', '010505': 'oil',
    '020108': 'chemical',  # agrochemical waste containing hazardous substances
    '020109': 'chemical',
    '020110': 'ferrous',   # waste metal (agriculture), mostly steel
    '020104': 'plastic',   # waste plastics (except packaging)
    '020402': 'inert',     # off-specification calcium carbonate
    '030309': 'inert',     # lime mud waste
    '030305': 'sludge',    # de-inking sludges
    '040214': 'chemical',  # finishing wastes containing organic solvents
    '050116': 'chemical',  # sulphur-containing wastes from petroleum desulphurisation
    '060603': 'chemical',
    '100105': 'gypsum',    # calcium-based reaction wastes from flue-gas desulphurisation
    '100107': 'gypsum',
    '101206': 'gypsum',    # discarded moulds
    '101304': 'inert',     # wastes from calcination and hydration of lime
    '101306': 'inert',
    '101314': 'inert',     # waste concrete and concrete sludge
    '150101': 'paper', '150102': 'plastic', '150103': 'wood', '150104': 'metal_mixed',
    '150105': 'mixed', '150106': 'mixed', '150107': 'glass', '150109': 'textile',
    '150110': 'mixed', '150111': 'chemical', '150202': 'chemical', '150203': 'textile',
    '160103': 'rubber', '160104': 'ferrous', '160106': 'ferrous', '160107': 'oil',
    '160113': 'chemical', '160114': 'chemical', '160115': 'chemical', '160117': 'ferrous',
    '160118': 'nonferrous', '160119': 'plastic', '160120': 'glass', '160121': 'chemical',
    '160122': 'mixed', '160199': 'mixed', '160303': 'chemical', '160304': 'chemical',
    '160305': 'chemical', '160306': 'organic', '160307': 'nonferrous',
    '161001': 'chemical', '161002': 'chemical', '161003': 'chemical', '161004': 'chemical',
    '161101': 'inert', '161102': 'inert', '161103': 'inert', '161104': 'inert',
    '161105': 'inert', '161106': 'inert',
    '170201': 'wood', '170202': 'glass', '170203': 'plastic', '170204': 'wood',
    '170301': 'inert', '170302': 'inert', '170303': 'chemical',
    '170407': 'metal_mixed', '170409': 'metal_mixed', '170410': 'nonferrous', '170411': 'nonferrous',
    '170503': 'soil', '170504': 'soil', '170505': 'soil', '170506': 'soil',
    '170507': 'soil', '170508': 'soil',
    '170601': 'asbestos', '170603': 'inert', '170604': 'inert', '170605': 'asbestos',
    '170801': 'gypsum', '170802': 'gypsum', '170901': 'chemical', '170902': 'chemical',
    '170903': 'mixed', '170904': 'mixed',
    '190112': 'ash_slag', '190111': 'ash_slag', '190102': 'ferrous', '190117': 'ash_slag',
    '190118': 'ash_slag', '190119': 'inert',
    '190203': 'mixed', '190204': 'mixed', '190208': 'oil', '190209': 'chemical',
    '190210': 'mixed', '190211': 'chemical',
    '190501': 'organic', '190502': 'organic', '190503': 'organic', '190599': 'organic',
    '190603': 'organic', '190604': 'organic', '190605': 'organic', '190606': 'organic',
    '190801': 'mixed', '190802': 'inert', '190809': 'organic', '190810': 'oil',
    '190901': 'inert', '190904': 'inert', '190905': 'chemical',
    '191001': 'ferrous', '191002': 'nonferrous', '191003': 'mixed', '191004': 'mixed',
    '191005': 'chemical', '191006': 'chemical',
    '191101': 'chemical', '191102': 'acid_base', '191103': 'chemical', '191104': 'chemical',
    '191201': 'paper', '191202': 'ferrous', '191203': 'nonferrous', '191204': 'plastic',
    '191205': 'glass', '191206': 'wood', '191207': 'wood', '191208': 'textile',
    '191209': 'inert', '191210': 'mixed', '191211': 'mixed', '191212': 'mixed',
    '191301': 'soil', '191302': 'soil',
    '200101': 'paper', '200102': 'glass', '200108': 'organic', '200110': 'textile',
    '200111': 'textile', '200113': 'solvent', '200114': 'acid_base', '200115': 'acid_base',
    '200117': 'chemical', '200119': 'chemical', '200121': 'electrical', '200123': 'electrical',
    '200125': 'organic', '200126': 'oil', '200127': 'chemical', '200128': 'chemical',
    '200129': 'chemical', '200130': 'chemical', '200131': 'healthcare', '200132': 'healthcare',
    '200133': 'battery', '200134': 'battery', '200135': 'electrical', '200136': 'electrical',
    '200137': 'wood', '200138': 'wood', '200139': 'plastic', '200140': 'metal_mixed',
    '200141': 'mixed', '200199': 'mixed', '200201': 'organic', '200202': 'soil',
    '200203': 'mixed', '200301': 'mixed', '200302': 'organic', '200303': 'mixed',
    '200304': 'sludge', '200306': 'mixed', '200307': 'mixed', '200399': 'mixed',
}


def family(code, label):
    if code in OVERRIDES:
        return OVERRIDES[code]
    text = label.lower()
    # "other than those mentioned in" cites another code, not a material
    text = re.sub(r'other than those mentioned in.*', '', text)
    if not code.endswith('99'):
        for pattern, fam in WORDING:
            if re.search(pattern, text):
                return fam
    return DEFAULTS.get(code[:4]) or DEFAULTS[code[:2]]


def main():
    rows = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')) if r['level'] == '3']
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(['code', 'family'])
    for r in rows:
        fam = family(r['code'], r['label_en'])
        assert fam in FAMILIES, (r['code'], fam)
        w.writerow([r['code'], fam])


main()
