#!/usr/bin/env python3
"""gen_routes.py - writes data/valorisation_rules.csv: the curated rules
already in the file (R001..R086, kept as they are, with their operation and
how common they are added) followed by the route knowledge base below.

A route names a family of outputs (a List of Waste entry, sub-chapter,
chapter, or a material family "fam:NAME" of data/low_families.csv), the
recovery operation (Annex II of Directive 2008/98/EC), the receiving
activities (NACE classes or groups) and its sources. Routes describe where
wastes of that kind go in practice; none is written for a single documented
exchange. Frequency: common (standard practice of the sector), usual (well
established, not everywhere), rare (documented, niche).

usage: tools/gen_routes.py data/valorisation_rules.csv > new.csv
"""
import csv, sys

S = {
    'CLM': "EU BREF Production of Cement, Lime and Magnesium Oxide (JRC, 2013)",
    'CEMB': "CEMBUREAU, 'Co-processing of waste in cement kilns' (position papers)",
    'IS': "EU BREF Iron and Steel Production (JRC, 2013)",
    'NFM': "EU BREF Non-Ferrous Metals Industries (JRC, 2017)",
    'PP': "EU BREF Production of Pulp, Paper and Board (JRC, 2015)",
    'FDM': "EU BREF Food, Drink and Milk Industries (JRC, 2019)",
    'WT': "EU BREF Waste Treatment (JRC, 2018)",
    'WI': "EU BREF Waste Incineration (JRC, 2019)",
    'LCP': "EU BREF Large Combustion Plants (JRC, 2017)",
    'WBP': "EU BREF Wood-based Panels Production (JRC, 2016)",
    'CER': "EU BREF Ceramic Manufacturing Industry (JRC, 2007)",
    'GLS': "EU BREF Manufacture of Glass (JRC, 2012)",
    'LVOC': "EU BREF Large Volume Organic Chemical Industry (JRC, 2017)",
    'LVIC': "EU BREF Large Volume Inorganic Chemicals - Ammonia, Acids and Fertilisers (JRC, 2007)",
    'SIC': "EU BREF Speciality Inorganic Chemicals (JRC, 2007)",
    'SF': "EU BREF Smitheries and Foundries Industry (JRC, 2005)",
    'STM': "EU BREF Surface Treatment of Metals and Plastics (JRC, 2006)",
    'REF': "EU BREF Refining of Mineral Oil and Gas (JRC, 2015)",
    'TAN': "EU BREF Tanning of Hides and Skins (JRC, 2013)",
    'TEX': "EU BREF Textiles Industry (JRC, 2023)",
    'SA': "EU BREF Slaughterhouses, Animal By-products and Edible Co-products (JRC, 2023)",
    'IRPP': "EU BREF Intensive Rearing of Poultry or Pigs (JRC, 2017)",
    'ENE': "EU BREF Energy Efficiency (JRC, 2009)",
    'OFC': "EU BREF Manufacture of Organic Fine Chemicals (JRC, 2006)",
    'POL': "EU BREF Production of Polymers (JRC, 2007)",
    'CWW': "EU BREF Common Waste Water and Waste Gas Treatment in the Chemical Sector (JRC, 2016)",
    'STS': "EU BREF Surface Treatment using Organic Solvents (JRC, 2020)",
    'MWEI': "EU BREF Management of Waste from Extractive Industries (JRC, 2018)",
    'FMP': "EU BREF Ferrous Metals Processing Industry (JRC, 2022)",
    'EOW333': "Council Regulation (EU) No 333/2011, end-of-waste criteria for iron, steel and aluminium scrap",
    'EOW1179': "Commission Regulation (EU) No 1179/2012, end-of-waste criteria for glass cullet",
    'EOW715': "Commission Regulation (EU) No 715/2013, end-of-waste criteria for copper scrap",
    'FRWOOD': "Arrêté du 29 juillet 2014, sortie du statut de déchet des broyats d'emballages en bois pour un usage comme combustible",
    'FRCSR': "Arrêté du 23 mai 2016 relatif à la préparation des combustibles solides de récupération (ICPE 2971)",
    'FRSOIL': "Arrêté du 4 juin 2021, sortie du statut de déchet des terres excavées et sédiments préparés pour le génie civil ou l'aménagement",
    'FRDIG': "Arrêté du 13 juin 2017 approuvant le cahier des charges DigAgri (digestats de méthanisation agricole)",
    'FRMIOM': "Arrêté du 18 novembre 2011 relatif au recyclage en technique routière des mâchefers d'incinération de déchets non dangereux",
    'FRSPREAD': "Arrêté du 8 janvier 1998 (épandage des boues de stations d'épuration urbaines)",
    'FRSPREADI': "Arrêté du 2 février 1998, articles 36 à 42 (épandage des déchets et effluents industriels)",
    'NFU44051': "Norme NF U 44-051 (amendements organiques, composts)",
    'NFU44095': "Norme NF U 44-095 (composts contenant des matières d'intérêt agronomique issues du traitement des eaux)",
    'NFU44001': "Norme NF U 44-001 (amendements minéraux basiques)",
    'NFU42001': "Norme NF U 42-001 (engrais minéraux)",
    'FERT': "Regulation (EU) 2019/1009 on EU fertilising products (component material categories)",
    'ABP': "Regulation (EC) No 1069/2009 on animal by-products and Regulation (EU) No 142/2011",
    'FEED': "Commission Regulation (EU) No 68/2013, Catalogue of feed materials",
    'REDII': "Directive (EU) 2018/2001 (RED II), Annex IX feedstocks for advanced biofuels",
    'WFD': "Directive 2008/98/EC (waste framework), Annex II recovery operations",
    'ELV': "Directive 2000/53/EC on end-of-life vehicles",
    'WEEE': "Directive 2012/19/EU on waste electrical and electronic equipment",
    'BATT': "Directive 2006/66/EC and Regulation (EU) 2023/1542 on batteries",
    'ICPE2710': "Nomenclature des ICPE, rubriques 2710-2719 (collecte, transit, tri et regroupement de déchets)",
    'ICPE2712': "Nomenclature des ICPE, rubrique 2712 (entreposage, dépollution, démontage des véhicules hors d'usage)",
    'ICPE2713': "Nomenclature des ICPE, rubrique 2713 (transit, tri de métaux ou déchets de métaux)",
    'ICPE2714': "Nomenclature des ICPE, rubrique 2714 (transit, tri de papiers, plastiques, caoutchouc, textiles, bois)",
    'ICPE2515': "Nomenclature des ICPE, rubriques 2515 et 2517 (concassage, criblage et transit de produits minéraux et de déchets inertes)",
    'ICPE2770': "Nomenclature des ICPE, rubriques 2770 et 2790 (traitement thermique et traitement de déchets dangereux)",
    'ICPE2718': "Nomenclature des ICPE, rubrique 2718 (transit, regroupement ou tri de déchets dangereux)",
    'IEDCO': "Directive 2010/75/EU (IED), chapter IV and Annex VI: co-incineration of waste, including hazardous waste, in cement kilns and combustion plants",
    'ICPE2771': "Nomenclature des ICPE, rubrique 2771 (traitement thermique de déchets non dangereux)",
    'ICPE2780': "Nomenclature des ICPE, rubrique 2780 (compostage)",
    'ICPE2781': "Nomenclature des ICPE, rubrique 2781 (méthanisation)",
    'ICPE2791': "Nomenclature des ICPE, rubrique 2791 (traitement de déchets non dangereux)",
    'ICPE2792': "Nomenclature des ICPE, rubrique 2792 (déchets contenant des PCB)",
    'ICPE2795': "Nomenclature des ICPE, rubrique 2795 (lavage de contenants de transport de matières alimentaires ou dangereuses)",
    'ADEMEDEC': "ADEME, 'Déchets chiffres-clés' (2023 edition)",
    'ADEMEMET': "ADEME, 'Méthanisation' technical notes; ATEE Club Biogaz",
    'ADEMECOMP': "ADEME, compostage des biodéchets (technical notes)",
    'ADEMEBOUE': "ADEME, 'Les boues d'épuration municipales et leur utilisation en agriculture' (guide)",
    'ADEMEHEAT': "ADEME, 'La chaleur fatale' (2017 edition)",
    'ADEMEBOIS': "ADEME, 'Évaluation du gisement de déchets bois et de son potentiel de valorisation' (2015)",
    'ADEMECSR': "ADEME, 'Combustibles solides de récupération (CSR)', state of the art and market studies (2017)",
    'ADEMEBTP': "ADEME, 'Déchets du bâtiment et des travaux publics', sector study and recovery rates",
    'ADEMEIAA': "RESEDA, 'Gisements et valorisations des coproduits des industries agroalimentaires' (2017)",
    'CEREMA': "SETRA/Cerema guide 'Acceptabilité de matériaux alternatifs en technique routière' (2011) and its application guides",
    'UNPG': "UNPG (Union nationale des producteurs de granulats), recycled aggregates and quarry backfilling",
    'FEDEREC': "FEDEREC (Fédération des entreprises du recyclage), 'Le marché du recyclage' annual report",
    'COPACEL': "Copacel (French paper industry), annual statistical report on recovered paper use",
    'PLAST': "Plastics Europe, 'The Circular Economy for Plastics' (2022), mechanical and chemical recycling",
    'ALIAPUR': "Aliapur (French end-of-life tyre scheme), annual reports on tyre recovery routes",
    'EUROSLAG': "Euroslag, position papers on the use of ferrous slag",
    'ECOBA': "ECOBA (European Coal Combustion Products Association), statistics on the use of CCPs",
    'SNIP': "Syndicat national des industries du plâtre, recyclage des déchets de plâtre (engagement volontaire, 2008)",
    'ECOSYS': "ecosystem (French WEEE and lamps compliance scheme), treatment and recycling reports",
    'REFASH': "Refashion (ex Eco TLC), textile recycling reports",
    'CYCLEVIA': "Cyclevia (French used-oil regeneration and collection), annual reports; Code de l'environnement art. R543-3 to R543-15 (huiles usagées)",
    'COMIFER': "COMIFER, guides on calcium-magnesium and sulphur fertilisation",
    'ANSES': "ANSES, opinions on the agricultural use of fertilising materials",
    'ICPE3310': "Nomenclature des ICPE, rubrique 2520 (fabrication de ciment, chaux, plâtre) and IED rubrique 3310",
    'EUCEM': "EN 197-1 (cement composition: fly ash, slag, silica fume, limestone) and EN 450-1 (fly ash for concrete)",
    'EN13242': "EN 13242 and EN 12620 (aggregates, including recycled and manufactured aggregates)",
    'SLUDGE86': "Directive 86/278/EEC on sewage sludge used in agriculture",
    'CO2': "ADEME, 'Méthanisation' technical notes on biogenic CO2 recovery; EU BREF Energy Efficiency (JRC, 2009)",
    'WATER': "Arrêté du 14 décembre 2023 (réutilisation des eaux usées traitées et eaux industrielles); EU Regulation 2020/741 on water reuse",
    'ICPE4801': "Nomenclature des ICPE, rubrique 2910 (combustion) and 2971 (CSR)",
    'PHOS': "Regulation (EU) 2019/1009, CMC 12-14 (precipitated phosphate salts, ash-based materials, pyrolysis materials)",
    'VHU': "Indra / ADEME, 'Rapport annuel de l'observatoire des véhicules hors d'usage'",
}

# (outputs, receivers, operation, frequency, hazardous_ok, use_fr, sources[, purchase, virgin, inputs])
ROUTES = []


def R(outputs, receivers, op, freq, haz, use, srcs, purchase='', virgin='', inputs=''):
    ROUTES.append((outputs, receivers, op, freq, haz, use, srcs, purchase, virgin, inputs))


# ---------------------------------------------------------------- family level
F = 'fam:'
R(F+'organic', '38.21', 'R3', 'common', 0, 'voie générique : compostage ou méthanisation des matières organiques', 'ICPE2780 ICPE2781 ADEMECOMP')
R(F+'organic', '35.21', 'R3', 'usual', 0, 'voie générique : méthanisation (biogaz)', 'ADEMEMET ICPE2781')
R(F+'organic', '01.1;01.2', 'R10', 'usual', 0, 'voie générique : retour au sol après hygiénisation', 'FERT FRSPREADI')
R(F+'organic', '10.91;01.4', 'R3', 'rare', 0, 'voie générique : alimentation animale si la matière le permet', 'FEED ADEMEIAA')
R(F+'wood', '35.11;35.30', 'R1', 'common', 0, 'voie générique : combustible biomasse en chaufferie', 'LCP ADEMEBOIS FRWOOD')
R(F+'wood', '16.21', 'R3', 'usual', 0, 'voie générique : panneaux de particules', 'WBP ADEMEBOIS')
R(F+'wood', '38.32;38.21', 'R3', 'usual', 0, 'voie générique : tri et broyage du bois', 'ICPE2714 ADEMEBOIS')
R(F+'paper', '17.11;17.12', 'R3', 'common', 0, 'voie générique : recyclage en papeterie', 'PP COPACEL')
R(F+'paper', '38.32', 'R3', 'common', 0, 'voie générique : tri et mise en balles', 'ICPE2714 COPACEL')
R(F+'plastic', '38.32', 'R3', 'common', 0, 'voie générique : tri et régénération des plastiques', 'PLAST ICPE2714')
R(F+'plastic', '22.2', 'R3', 'usual', 0, 'voie générique : plasturgie (matière recyclée)', 'PLAST POL')
R(F+'plastic', '23.51;35.11', 'R1', 'usual', 0, 'voie générique : combustible de substitution (CSR)', 'FRCSR CEMB')
R(F+'rubber', '38.32;22.19', 'R3', 'common', 0, 'voie générique : granulation du caoutchouc', 'ALIAPUR')
R(F+'rubber', '23.51', 'R1', 'usual', 0, 'voie générique : combustible en cimenterie', 'ALIAPUR CEMB')
R(F+'glass', '23.1', 'R5', 'common', 0, 'voie générique : calcin pour verrerie', 'GLS EOW1179')
R(F+'glass', '38.32', 'R5', 'usual', 0, 'voie générique : traitement du verre (calcin)', 'EOW1179 FEDEREC')
R(F+'ferrous', '24.10;24.51;24.52', 'R4', 'common', 0, 'voie générique : ferrailles pour aciérie et fonderie', 'IS SF EOW333')
R(F+'ferrous', '38.32;46.77', 'R4', 'common', 0, 'voie générique : négoce et préparation des ferrailles', 'ICPE2713 FEDEREC EOW333')
R(F+'nonferrous', '24.4;24.53;24.54', 'R4', 'common', 0, 'voie générique : affinage des métaux non ferreux', 'NFM EOW715')
R(F+'nonferrous', '38.32;46.77', 'R4', 'common', 1, 'voie générique : préparation des métaux non ferreux', 'ICPE2713 FEDEREC')
R(F+'metal_mixed', '38.32;46.77', 'R4', 'common', 1, 'voie générique : tri et préparation des métaux', 'ICPE2713 FEDEREC')
R(F+'metal_mixed', '24.10;24.4', 'R4', 'usual', 0, 'voie générique : métallurgie de recyclage', 'IS NFM')
R(F+'inert', '42;43.1;41', 'R5', 'common', 0, 'voie générique : granulats recyclés pour travaux publics', 'CEREMA EN13242 ADEMEBTP')
R(F+'inert', '38.32;08.12', 'R5', 'usual', 0, 'voie générique : concassage et recyclage des inertes', 'ICPE2515 UNPG')
R(F+'inert', '23.51;23.6', 'R5', 'usual', 0, 'voie générique : matière première minérale (ciment, béton)', 'CLM EUCEM')
R(F+'soil', '43.12;42.99;08.12', 'R5', 'common', 0, 'voie générique : remblai, réaménagement de carrière', 'FRSOIL UNPG')
R(F+'soil', '38.22;38.32', 'R5', 'usual', 1, 'voie générique : dépollution des terres (biocentre)', 'WT ICPE2770')
R(F+'gypsum', '23.62;23.52', 'R5', 'common', 0, 'voie générique : recyclage du gypse en plâtrerie', 'SNIP CLM')
R(F+'gypsum', '23.51', 'R5', 'usual', 0, 'voie générique : régulateur de prise du ciment', 'CLM EUCEM')
R(F+'gypsum', '01.1;20.15', 'R10', 'usual', 0, 'voie générique : gypse agricole (amendement calcique et soufré)', 'COMIFER FERT')
R(F+'ash_slag', '23.51;23.6', 'R5', 'common', 0, 'voie générique : cendres et laitiers en cimenterie et béton', 'CLM EUCEM ECOBA')
R(F+'ash_slag', '42;43.1', 'R5', 'usual', 0, 'voie générique : technique routière', 'CEREMA EUROSLAG')
R(F+'ash_slag', '38.22', 'R5', 'usual', 1, 'voie générique : stabilisation et valorisation des résidus dangereux', 'WT ICPE2770')
R(F+'ash_slag', '24.4', 'R4', 'rare', 1, 'voie générique : récupération des métaux contenus', 'NFM')
R(F+'sludge', '01.1', 'R10', 'usual', 0, 'voie générique : épandage agricole sous plan d\'épandage', 'FRSPREADI SLUDGE86')
R(F+'sludge', '38.21', 'R3', 'common', 0, 'voie générique : compostage ou séchage des boues', 'NFU44095 ICPE2780')
R(F+'sludge', '23.51', 'R1', 'usual', 1, 'voie générique : co-incinération en cimenterie', 'CLM CEMB')
R(F+'sludge', '38.22', 'R12', 'usual', 1, 'voie générique : traitement physico-chimique', 'WT ICPE2770')
R(F+'solvent', '20.1;38.22', 'R2', 'common', 1, 'voie générique : régénération des solvants', 'WT OFC ICPE2770')
R(F+'solvent', '23.51', 'R1', 'common', 1, 'voie générique : combustible liquide de substitution en cimenterie', 'CEMB CLM')
R(F+'oil', '19.20;38.22', 'R9', 'common', 1, 'voie générique : régénération des huiles', 'CYCLEVIA WT')
R(F+'oil', '23.51;35.11', 'R1', 'usual', 1, 'voie générique : combustible de substitution', 'CEMB LCP')
R(F+'acid_base', '20.1;38.22', 'R6', 'common', 1, 'voie générique : régénération des acides et bases', 'LVIC WT')
R(F+'acid_base', '37.00;20.15', 'R6', 'usual', 1, 'voie générique : neutralisation d\'effluents, fabrication d\'engrais', 'CWW LVIC')
R(F+'catalyst', '24.41;24.45', 'R8', 'common', 1, 'voie générique : récupération des métaux des catalyseurs', 'NFM REF')
R(F+'catalyst', '23.51;20.59', 'R8', 'usual', 1, 'voie générique : régénération ou cimenterie', 'REF CLM')
R(F+'textile', '38.32;13.10;13.99', 'R3', 'common', 0, 'voie générique : tri et effilochage des textiles', 'REFASH TEX')
R(F+'textile', '23.51;35.11', 'R1', 'usual', 0, 'voie générique : combustible (CSR)', 'FRCSR ADEMECSR')
R(F+'electrical', '38.32;38.12', 'R4', 'common', 1, 'voie générique : dépollution et recyclage des DEEE', 'WEEE ECOSYS')
R(F+'electrical', '95.2;24.41', 'R4', 'usual', 0, 'voie générique : réemploi ou affinage des métaux', 'WEEE ECOSYS NFM')
R(F+'battery', '38.32;24.43;24.45', 'R4', 'common', 1, 'voie générique : recyclage des piles et batteries', 'BATT NFM')
R(F+'chemical', '38.22', 'R12', 'common', 1, 'voie générique : regroupement et prétraitement des déchets dangereux', 'WT ICPE2770')
R(F+'chemical', '23.51', 'R1', 'usual', 1, 'voie générique : co-incinération en cimenterie', 'CEMB CLM')
R(F+'chemical', '20.1', 'R5', 'rare', 1, 'voie générique : réutilisation en chimie de base', 'LVIC SIC')
R(F+'asbestos', '38.22', 'R5', 'rare', 1, 'voie générique : vitrification de l\'amiante (matériau routier)', 'WT ICPE2770')
R(F+'healthcare', '38.22;35.30', 'R1', 'usual', 1, 'voie générique : incinération avec récupération d\'énergie', 'WI ICPE2770')
R(F+'mixed', '38.21;38.32', 'R12', 'common', 0, 'voie générique : tri et préparation de combustibles', 'ICPE2710 WT')
R(F+'mixed', '35.11;35.30', 'R1', 'usual', 0, 'voie générique : valorisation énergétique', 'WI FRCSR')
R(F+'mixed', '23.51', 'R1', 'usual', 0, 'voie générique : CSR en cimenterie', 'CEMB FRCSR')

# collection and transit pending recovery (R13), for every family
R('fam:organic;fam:wood;fam:paper;fam:plastic;fam:rubber;fam:glass;fam:ferrous;fam:nonferrous;fam:metal_mixed;fam:inert;fam:soil;fam:gypsum;fam:ash_slag;fam:sludge;fam:textile;fam:mixed', '38.11;38.32', 'R13', 'usual', 0, 'voie générique : regroupement et transit chez un collecteur avant valorisation', 'ICPE2710 WFD')
R('fam:solvent;fam:oil;fam:acid_base;fam:catalyst;fam:electrical;fam:battery;fam:chemical;fam:asbestos;fam:healthcare', '38.12;38.22', 'R13', 'usual', 1, 'voie générique : regroupement de déchets dangereux chez un collecteur autorisé', 'ICPE2710 ICPE2770 WFD')

# ---------------------------------------------------------------- chapter 01
R('0101', '42;43.1;41;08.12', 'R5', 'common', 0, 'stériles d\'extraction : remblais, sous-couches routières', 'MWEI CEREMA')
R('0101', '23.51', 'R5', 'usual', 0, 'stériles calcaires et argileux : cru de cimenterie', 'MWEI CLM')
R('0103', '23.51;23.32', 'R5', 'usual', 0, 'résidus de minerais : ajouts en cimenterie et briqueterie', 'MWEI CLM CER')
R('0103', '24.4;24.10', 'R4', 'rare', 0, 'résidus métallifères : retraitement des métaux', 'MWEI NFM')
R('0103', '42.99;43.12', 'R5', 'usual', 0, 'résidus de traitement des minerais : remblais techniques', 'MWEI')
R('0104', '42;43.1;41', 'R5', 'common', 0, 'graviers, sables et fines de carrière : travaux publics', 'MWEI UNPG EN13242')
R('0104', '23.6;23.51', 'R5', 'common', 0, 'fines et sables : béton, mortier, cimenterie', 'MWEI EUCEM UNPG')
R('0104', '01.1;20.15', 'R10', 'usual', 0, 'fines calcaires et sels de potasse : amendement et engrais', 'NFU44001 COMIFER')
R('0104', '23.32;23.7', 'R5', 'usual', 0, 'argiles, sciage de pierre : briqueterie et pierres reconstituées', 'CER MWEI')
R('010409', '23.32;23.4;23.1', 'R5', 'usual', 0, 'sables et argiles : céramique, briques, verre', 'CER GLS')
R('010413', '23.70;23.6', 'R5', 'usual', 0, 'boues et poussières de sciage de pierre : pierre reconstituée, charges', 'MWEI CER')
R('0105', '38.22;23.51', 'R5', 'usual', 1, 'boues de forage : traitement et valorisation en cimenterie', 'MWEI CLM')
R('0105', '42.99;43.12', 'R5', 'rare', 0, 'boues de forage à l\'eau douce : remblais après séchage', 'MWEI')

# ---------------------------------------------------------------- chapter 02
R('02', '38.21', 'R3', 'common', 0, 'compostage et méthanisation des résidus agroalimentaires', 'ICPE2780 ICPE2781 ADEMEIAA')
R('02', '35.21', 'R3', 'common', 0, 'méthanisation (biogaz, cogénération)', 'ADEMEMET ICPE2781 FDM')
R('02', '01.1;01.2;01.6', 'R10', 'common', 0, 'retour au sol (épandage, amendement organique)', 'FRSPREADI FERT NFU44051')
R('02', '10.91;01.4;01.5;03.2', 'R3', 'usual', 0, 'alimentation animale et aquacole (coproduits)', 'FEED ADEMEIAA FDM')
R('02', '20.15', 'R3', 'usual', 0, 'fabrication de fertilisants organiques', 'FERT NFU44051')
R('0201', '01.1;01.2;01.4', 'R10', 'common', 0, 'effluents et résidus agricoles : retour au sol', 'IRPP FRSPREADI')
R('0201', '35.21;35.11;35.30', 'R1', 'usual', 0, 'résidus agricoles et forestiers : méthanisation, chaufferie biomasse', 'ADEMEMET LCP')
R('020101', '01.1', 'R10', 'common', 0, 'boues de lavage de légumes : épandage', 'FRSPREADI')
R('020104', '38.32;22.2', 'R3', 'common', 0, 'films et bâches agricoles : recyclage (ADIVALOR)', 'PLAST ICPE2714')
R('020106', '35.21;01.1;20.15', 'R3', 'common', 0, 'fumiers et lisiers : méthanisation, épandage, engrais organiques', 'IRPP ADEMEMET FERT')
R('020107', '35.11;35.30;16.21;16.29', 'R1', 'common', 0, 'rémanents forestiers : bois énergie et panneaux', 'LCP WBP ADEMEBOIS')
R('020110', '38.32;24.10', 'R4', 'common', 0, 'ferrailles agricoles : recyclage', 'EOW333 FEDEREC')
R('0202', '10.91;10.92;10.41', 'R3', 'common', 0, 'sous-produits animaux : farines, graisses, petfood (équarrissage)', 'ABP SA')
R('0202', '35.21;38.21', 'R3', 'common', 0, 'sous-produits animaux de catégorie 3 : méthanisation et compostage', 'ABP SA ICPE2781')
R('0202;020102', '19.20;20.59', 'R3', 'usual', 0, 'graisses animales : biodiesel et oléochimie', 'REDII ABP SA')
R('0202', '35.11;35.30;23.51', 'R1', 'usual', 0, 'farines et graisses animales : combustible (cimenterie, chaufferie)', 'ABP SA CEMB')
R('0202', '20.15;01.1', 'R3', 'usual', 0, 'farines de viande et d\'os, sang : engrais organiques', 'ABP FERT')
R('020201', '01.1;38.21', 'R10', 'usual', 0, 'boues de lavage d\'abattoir : épandage ou compostage', 'SA FRSPREADI')
R('020204', '01.1;38.21;35.21', 'R10', 'common', 0, 'boues d\'épuration d\'abattoir : épandage, compostage, méthanisation', 'SA FRSPREADI ADEMEMET')
R('0203', '10.91;01.4', 'R3', 'common', 0, 'écarts de fruits et légumes : alimentation animale', 'FEED ADEMEIAA')
R('0203', '35.21;38.21', 'R3', 'common', 0, 'déchets de fruits et légumes : méthanisation, compostage', 'ADEMEMET ICPE2780')
R('0203', '20.14;20.59;10.41', 'R3', 'usual', 0, 'huiles et extraits végétaux : oléochimie, biocarburants', 'REDII FDM')
R('0203', '01.1;01.2', 'R10', 'usual', 0, 'boues et terres de conserverie : épandage', 'FRSPREADI FDM')
R('0203;020103', '10.39;10.86;10.89', 'R3', 'usual', 0, 'coproduits végétaux : ingrédients alimentaires (fibres, pectines, arômes)', 'ADEMEIAA FDM')
R('0203;0204;0207;020103', '19.20;20.14', 'R3', 'usual', 0, 'résidus sucrés et amylacés : bioéthanol et biocarburants avancés', 'REDII FDM')
R('0203;020103', '20.14;20.16;20.53;20.41', 'R3', 'rare', 0, 'résidus végétaux : molécules biosourcées (huiles essentielles, terpènes, résines)', 'FDM LVOC')
R('0204', '10.91;01.4', 'R3', 'common', 0, 'pulpes et mélasses de sucrerie : alimentation animale', 'FEED FDM ADEMEIAA')
R('0204', '01.1;01.2', 'R10', 'common', 0, 'terres de lavage et écumes de sucrerie : amendement des sols', 'FDM NFU44001 COMIFER')
R('0204', '35.21;20.14', 'R3', 'usual', 0, 'résidus sucriers : méthanisation, bioéthanol', 'ADEMEMET REDII')
R('0205', '35.21;38.21', 'R3', 'common', 0, 'résidus laitiers : méthanisation, compostage', 'ADEMEMET FDM')
R('0205', '01.1;01.4', 'R10', 'usual', 0, 'boues et eaux blanches de laiterie : épandage', 'FRSPREADI FDM')
R('0206', '10.91;01.4', 'R3', 'common', 0, 'invendus de boulangerie et biscuiterie : alimentation animale', 'FEED ADEMEIAA')
R('0206', '35.21;38.21', 'R3', 'common', 0, 'déchets de boulangerie-pâtisserie : méthanisation', 'ADEMEMET')
R('0206', '11.01;20.14', 'R3', 'rare', 0, 'pain et amidons : fermentation (alcool, bioéthanol)', 'REDII FDM')
R('0207', '10.91;01.4', 'R3', 'common', 0, 'drêches et levures de brasserie : alimentation animale', 'FEED FDM ADEMEIAA')
R('0207', '35.21;38.21', 'R3', 'common', 0, 'résidus de boissons : méthanisation, compostage', 'ADEMEMET FDM')
R('0207', '01.1;01.2', 'R10', 'usual', 0, 'vinasses, marcs et boues : épandage', 'FRSPREADI FDM')
R('0207', '11.01;20.14;20.53', 'R3', 'usual', 0, 'marcs et lies : distillerie, acide tartrique, extraits', 'FDM')

# ---------------------------------------------------------------- chapter 03
R('0301', '16.21', 'R3', 'common', 0, 'sciures et copeaux : panneaux de particules et de fibres', 'WBP ADEMEBOIS')
R('0301', '35.11;35.30', 'R1', 'common', 0, 'connexes de scierie : bois énergie', 'LCP ADEMEBOIS')
R('0301', '16.29;20.14', 'R1', 'usual', 0, 'sciures : granulés, briquettes', 'ADEMEBOIS REDII')
R('0301', '01.4;01.1', 'R3', 'usual', 0, 'sciures et écorces : litière, paillage', 'ADEMEBOIS')
R('030104', '38.22;35.11;23.51', 'R1', 'usual', 1, 'bois adjuvanté : incinération avec récupération d\'énergie (chaufferie ou four autorisés)', 'WI ADEMEBOIS ICPE2770')
R('030104', '16.21', 'R3', 'rare', 0, 'bois faiblement adjuvanté trié : panneaux', 'WBP ADEMEBOIS')
R('0302', '38.22;23.51', 'R1', 'usual', 1, 'produits de préservation du bois : incinération, co-incinération', 'WI CEMB')
R('030307;030308;030310', '17.11;17.12', 'R3', 'common', 0, 'refus et fibres : recyclage papetier', 'PP COPACEL')
R('0303', '35.11;35.30', 'R1', 'common', 0, 'boues et refus papetiers : chaudière biomasse', 'PP LCP')
R('0303', '23.51;23.32', 'R5', 'usual', 0, 'boues papetières et carbonates : cimenterie, briqueterie', 'PP CLM CER')
R('0303', '01.1', 'R10', 'usual', 0, 'boues papetières et boues de chaux : épandage, chaulage', 'PP FRSPREADI NFU44001')
R('030302', '20.13;01.1', 'R5', 'rare', 0, 'boues de liqueur verte : réactifs alcalins, chaulage', 'PP')
R('030309', '23.52;23.51;01.1', 'R5', 'usual', 0, 'boues de chaux : recalcination, cimenterie, amendement calcique', 'PP CLM NFU44001')

# ---------------------------------------------------------------- chapter 04
R('0401', '10.41;20.14', 'R3', 'usual', 0, 'graisses et carnasses de tannerie : suif, oléochimie', 'TAN ABP')
R('0401', '20.15;01.1', 'R3', 'usual', 0, 'déchets de tannerie : engrais organiques azotés', 'TAN FERT')
R('0401', '35.21;38.21', 'R3', 'usual', 0, 'déchets organiques de tannerie : méthanisation, compostage', 'TAN ADEMEMET')
R('0401', '15.11;22.19', 'R3', 'rare', 0, 'copeaux de cuir : cuir reconstitué', 'TAN')
R('040104', '20.13;15.11', 'R6', 'rare', 1, 'bains de chrome : récupération et recyclage du chrome', 'TAN')
R('040106', '38.22;23.51', 'R5', 'usual', 1, 'boues de tannerie au chrome : traitement, stabilisation', 'TAN WT')
R('040107', '01.1;38.21', 'R10', 'usual', 0, 'boues de tannerie sans chrome : épandage, compostage', 'TAN FRSPREADI')
R('040209;040221;040222', '38.32;13.10;13.99', 'R3', 'common', 0, 'fibres et chutes textiles : effilochage, non-tissés', 'TEX REFASH')
R('0402', '23.51;35.11', 'R1', 'usual', 0, 'déchets textiles non recyclables : CSR', 'FRCSR TEX')
R('040209;040221;040222', '31.0;22.29;43.29', 'R3', 'usual', 0, 'fibres recyclées : rembourrage, isolants, composites', 'TEX REFASH')
R('040219', '38.22;23.51', 'R1', 'usual', 1, 'boues textiles chargées : traitement, co-incinération', 'TEX WT CLM')
R('040220', '01.1;38.21;35.21', 'R10', 'usual', 0, 'boues d\'épuration textile : épandage, compostage', 'TEX FRSPREADI')

# ---------------------------------------------------------------- chapter 05
R('0501', '23.51', 'R1', 'common', 1, 'boues et résidus hydrocarburés : combustible de substitution en cimenterie', 'REF CEMB CLM')
R('0501', '38.22', 'R9', 'common', 1, 'résidus de raffinage : traitement, déshuilage, régénération', 'REF WT')
R('0501', '19.20', 'R9', 'usual', 1, 'slops et boues : retraitement en raffinerie', 'REF')
R('050115', '23.51;38.22', 'R5', 'usual', 1, 'argiles de filtration usées : cimenterie', 'REF CLM')
R('050117', '42.11;23.99', 'R5', 'usual', 0, 'bitume : enrobés et étanchéité', 'REF')
R('050116', '20.1', 'R5', 'common', 0, 'soufre de désulfuration : acide sulfurique et engrais', 'REF LVIC')
R('050116;050702;060603', '01.1;01.2', 'R10', 'usual', 0, 'soufre élémentaire : fertilisation soufrée des cultures', 'COMIFER FERT')
R('0506', '19.10;23.51;20.14', 'R1', 'usual', 1, 'goudrons de houille : combustible et chimie du carbone', 'IS CEMB')
R('0507', '38.22;24.4', 'R4', 'rare', 1, 'résidus de purification du gaz : récupération du mercure et du soufre', 'WT NFM')
R('050702', '20.1', 'R5', 'usual', 0, 'déchets soufrés : acide sulfurique', 'LVIC REF')

# ---------------------------------------------------------------- chapter 06
R('0601', '20.1', 'R6', 'common', 1, 'acides usagés : régénération, production d\'acide', 'LVIC WT')
R('0601', '37.00;38.22', 'R6', 'common', 1, 'acides usagés : neutralisation d\'effluents alcalins', 'CWW WT')
R('0601', '20.15', 'R6', 'usual', 1, 'acides sulfurique, phosphorique et nitrique : fabrication d\'engrais', 'LVIC')
R('0601', '24.4;25.61', 'R6', 'rare', 1, 'acides : décapage et lixiviation des métaux', 'STM NFM')
R('0602', '20.1;37.00;38.22', 'R6', 'common', 1, 'bases usagées : neutralisation d\'effluents acides, réactif', 'LVIC CWW WT')
R('0602', '17.1;20.14', 'R6', 'rare', 1, 'soude usagée : réactif en papeterie et chimie', 'PP LVOC')
R('060201', '01.1;23.51', 'R5', 'usual', 0, 'chaux usagée : amendement calcique, cimenterie', 'NFU44001 CLM')
R('060203', '20.15', 'R6', 'usual', 1, 'ammoniaque usagée : engrais azotés', 'LVIC')
R('0603', '38.22;20.13', 'R5', 'usual', 1, 'sels et oxydes métalliques : traitement et recyclage en chimie minérale', 'SIC WT')
R('0603', '24.4;24.10', 'R4', 'rare', 1, 'oxydes métalliques : récupération des métaux', 'NFM')
R('060316', '23.51;23.3;20.12', 'R5', 'usual', 0, 'oxydes métalliques : correcteurs de cru, pigments, céramique', 'CLM SIC')
R('0604', '24.4;38.22', 'R4', 'usual', 1, 'déchets métalliques de la chimie : récupération des métaux', 'NFM WT')
R('0605', '23.51;38.22', 'R5', 'usual', 1, 'boues d\'épuration de chimie minérale : cimenterie, stabilisation', 'CWW CLM')
R('060503', '01.1;23.32', 'R10', 'rare', 0, 'boues minérales non dangereuses : épandage ou briqueterie', 'CWW FRSPREADI CER')
R('0606', '20.13;38.22', 'R5', 'usual', 1, 'sulfures : récupération du soufre, traitement', 'SIC WT')
R('0607', '38.22;20.13', 'R5', 'usual', 1, 'résidus de la chimie du chlore : traitement, réutilisation', 'LVIC SIC WT')
R('060702', '38.22;20.13', 'R7', 'usual', 1, 'charbon actif usagé : régénération', 'WT CWW')
R('0608', '20.13;24.10;23.51', 'R5', 'usual', 0, 'résidus de silicium : silicium métal, ferro-alliages, cimenterie', 'SIC CLM')
R('0609', '20.15;23.51', 'R5', 'usual', 0, 'résidus de la chimie du phosphore : engrais, cimenterie', 'LVIC CLM')
R('060904', '01.1;23.51;23.52', 'R5', 'usual', 0, 'résidus calciques : amendement, cimenterie', 'LVIC NFU44001 CLM')
R('0610', '20.15', 'R5', 'common', 1, 'résidus azotés : engrais', 'LVIC')
R('0611', '23.51;23.62;20.12', 'R5', 'usual', 0, 'résidus de dioxyde de titane (gypse rouge) : cimenterie, plâtre, pigments', 'SIC CLM')
R('0613', '38.22;20.13', 'R5', 'usual', 1, 'résidus de chimie minérale : traitement et réutilisation', 'SIC WT')
R('061302', '38.22', 'R7', 'usual', 1, 'charbon actif usagé : régénération thermique', 'WT')
R('061303', '22.19;20.13;23.51', 'R5', 'usual', 0, 'noir de carbone : caoutchouc, pigments, combustible', 'SIC CEMB')

# ---------------------------------------------------------------- chapter 07
R('07', '23.51', 'R1', 'common', 1, 'résidus de chimie organique : combustible de substitution en cimenterie', 'CEMB CLM OFC')
R('07', '38.22', 'R2', 'common', 1, 'résidus de chimie organique : régénération et prétraitement', 'WT OFC ICPE2770')
R('07', '35.11;35.30', 'R1', 'usual', 1, 'résidus combustibles : chaudières autorisées', 'WI LCP')
R('0701', '20.14', 'R2', 'usual', 1, 'solvants et eaux mères : recyclage en chimie organique', 'LVOC OFC')
R('0702', '22.2;38.32', 'R3', 'common', 0, 'résidus de polymères : plasturgie, régénération', 'POL PLAST')
R('0702', '20.1;19.20', 'R3', 'usual', 0, 'polymères hors spécifications : recyclage chimique et matières premières', 'POL PLAST')
R('0703', '20.12;20.30', 'R3', 'rare', 1, 'colorants et pigments : retraitement en fabrication de pigments', 'OFC')
R('0704', '38.22', 'R1', 'common', 1, 'résidus phytosanitaires : incinération avec récupération d\'énergie', 'OFC WI')
R('0705', '01.1;35.21;38.21', 'R3', 'usual', 0, 'biomasse de fermentation pharmaceutique : épandage, méthanisation', 'OFC FRSPREADI ADEMEMET')
R('0705', '10.91;01.4', 'R3', 'rare', 0, 'levures et mycéliums : alimentation animale', 'OFC FEED')
R('0706', '20.41;20.42;20.14', 'R3', 'usual', 0, 'résidus de savonnerie et cosmétique : oléochimie', 'OFC')
R('0706', '35.21;38.21', 'R3', 'usual', 0, 'corps gras et glycérine : méthanisation', 'ADEMEMET')
R('0707', '20.14;20.59', 'R2', 'usual', 1, 'chimie fine : récupération de solvants et intermédiaires', 'OFC')
R('070712', '01.1;38.21', 'R10', 'usual', 0, 'boues biologiques de chimie fine : épandage, compostage', 'OFC FRSPREADI')

# ---------------------------------------------------------------- chapter 08
R('08', '23.51', 'R1', 'common', 1, 'peintures, encres et colles : combustible de substitution en cimenterie', 'CEMB STS')
R('08', '38.22', 'R2', 'common', 1, 'peintures et vernis : regroupement, régénération des solvants', 'STS WT')
R('0801', '20.30', 'R3', 'rare', 0, 'peintures non utilisées : reformulation', 'STS')
R('080202', '23.3;23.51', 'R5', 'usual', 0, 'boues d\'émaillage céramique : matières premières céramiques', 'CER')
R('0803', '20.30;38.22', 'R3', 'usual', 1, 'encres et toners : reformulation, régénération', 'STS WT')
R('0804', '23.51;38.22', 'R1', 'usual', 1, 'colles et mastics : combustible de substitution', 'CEMB STS')

# ---------------------------------------------------------------- chapter 09
R('0901', '24.41;38.22', 'R4', 'common', 1, 'bains photographiques : récupération de l\'argent', 'NFM WT')
R('0901', '38.32', 'R3', 'usual', 0, 'films et papiers : recyclage', 'FEDEREC')

# ---------------------------------------------------------------- chapter 10
R('1001', '23.51;23.6', 'R5', 'common', 0, 'cendres de combustion : constituant du ciment et du béton', 'LCP CLM EUCEM ECOBA')
R('1001', '42;43.1;41', 'R5', 'common', 0, 'cendres et mâchefers de centrale : technique routière, remblais', 'LCP CEREMA ECOBA')
R('1001', '23.32;23.61', 'R5', 'usual', 0, 'cendres : briques, blocs, parpaings', 'CER ECOBA')
R('100101;100103;100115', '01.1;20.15', 'R10', 'usual', 0, 'cendres de biomasse : amendement basique, engrais potassiques', 'FERT NFU44001 LCP')
R('100105;100107', '23.62', 'R5', 'common', 0, 'gypse de désulfuration : plaques de plâtre', 'LCP SNIP')
R('100104', '24.4;38.22', 'R4', 'rare', 1, 'cendres de fioul : récupération du vanadium et du nickel', 'LCP NFM')
R('1002', '23.51', 'R5', 'common', 0, 'laitiers et poussières sidérurgiques : cimenterie (laitier moulu, correcteur fer)', 'IS CLM EUROSLAG')
R('1002', '42;43.1', 'R5', 'common', 0, 'laitiers d\'aciérie : granulats routiers', 'IS EUROSLAG CEREMA')
R('1002', '01.1;20.15', 'R10', 'usual', 0, 'laitiers de conversion : amendement calcique et phosphaté', 'IS EUROSLAG NFU44001')
R('1002', '24.10;24.4', 'R4', 'common', 1, 'poussières et boues d\'aciérie : recyclage du fer et du zinc (Waelz)', 'IS NFM')
R('1002', '23.6', 'R5', 'usual', 0, 'laitier granulé : béton et produits en béton', 'EUROSLAG EUCEM')
R('1003', '24.42;24.53', 'R4', 'common', 1, 'crasses et écumes d\'aluminium : refusion', 'NFM EOW333')
R('1003', '23.51', 'R5', 'usual', 1, 'résidus d\'aluminium (alumine, scories salées traitées) : cimenterie', 'NFM CLM')
R('1003', '38.22', 'R4', 'usual', 1, 'scories salées : traitement et récupération des sels et de l\'aluminium', 'NFM WT')
R('1004', '24.43;38.22', 'R4', 'common', 1, 'résidus de plomb : affinage secondaire', 'NFM')
R('1005', '24.43', 'R4', 'common', 1, 'mattes et crasses de zinc : recyclage du zinc', 'NFM')
R('1005', '23.51;42.11', 'R5', 'rare', 0, 'scories de zinc : cimenterie, sous-couches', 'NFM CLM')
R('1006', '24.44', 'R4', 'common', 1, 'scories et poussières de cuivre : récupération du cuivre', 'NFM EOW715')
R('1006', '42.11;23.51', 'R5', 'usual', 0, 'scories de cuivre : granulats, abrasifs, cimenterie', 'NFM CLM')
R('1007', '24.41', 'R4', 'common', 1, 'résidus de métaux précieux : affinage', 'NFM')
R('1008', '24.4', 'R4', 'common', 1, 'scories et crasses non ferreuses : récupération des métaux', 'NFM')
R('1008', '23.51;42.11', 'R5', 'rare', 0, 'scories non ferreuses : cimenterie, technique routière', 'NFM CLM')
R('1009', '23.51;23.6;42.11', 'R5', 'common', 0, 'sables et laitiers de fonderie de fer : cimenterie, béton, routes', 'SF CLM CEREMA')
R('1009', '24.51;24.52', 'R5', 'common', 0, 'sables de fonderie : régénération et réemploi en fonderie', 'SF')
R('1009', '23.32', 'R5', 'usual', 0, 'sables de fonderie : briqueterie', 'SF CER')
R('1010', '24.53;24.54', 'R5', 'common', 0, 'sables et crasses de fonderie non ferreuse : régénération, refusion', 'SF NFM')
R('1010', '23.51;42.11', 'R5', 'usual', 0, 'sables de fonderie non ferreuse : cimenterie, routes', 'SF CLM')
R('1011', '23.1', 'R5', 'common', 0, 'rebuts et poussières de verre : recyclage en verrerie', 'GLS EOW1179')
R('1011', '23.14;23.99', 'R5', 'usual', 0, 'déchets de fibres de verre : laine de verre, charges', 'GLS')
R('1011', '23.51;23.3', 'R5', 'usual', 0, 'boues de polissage du verre : cimenterie, céramique', 'GLS CLM')
R('1012', '23.32;23.3', 'R5', 'common', 0, 'rebuts céramiques : chamotte en céramique', 'CER')
R('1012', '42.11;43.12;38.32', 'R5', 'common', 0, 'tessons et briques : granulats recyclés', 'CER UNPG')
R('1012', '23.51', 'R5', 'usual', 0, 'déchets céramiques et moules en plâtre : cimenterie', 'CER CLM')
R('1013', '23.51;23.52', 'R5', 'common', 0, 'poussières et crus de cimenterie et chaufour : recyclage au four', 'CLM')
R('101301;101304;101306;101307', '01.1;20.15', 'R10', 'common', 0, 'poussières de chaux et de ciment : amendement calcique', 'CLM NFU44001 COMIFER')
R('1013', '42.11;43.12;23.6', 'R5', 'usual', 0, 'bétons et boues de béton : granulats recyclés, béton', 'CLM UNPG')
R('1014', '38.22', 'R4', 'rare', 1, 'résidus de crématorium : récupération des métaux', 'WT')

# ---------------------------------------------------------------- chapter 11
R('11', '38.22', 'R6', 'common', 1, 'bains de traitement de surface : traitement physico-chimique, récupération', 'STM WT ICPE2770')
R('1101', '20.13', 'R6', 'usual', 1, 'acides de décapage : régénération (chlorure ferrique, acide)', 'STM FMP LVIC')
R('1101', '37.00', 'R6', 'usual', 1, 'bains usés : réactifs de traitement des eaux (chlorure ferrique)', 'STM CWW')
R('1101', '24.4', 'R4', 'usual', 1, 'boues d\'hydroxydes métalliques : récupération des métaux', 'STM NFM')
R('110105', '20.13;37.00', 'R6', 'common', 1, 'acides de décapage : régénération, coagulant', 'FMP STM')
R('1102', '24.43;24.44', 'R4', 'usual', 1, 'résidus d\'hydrométallurgie : récupération des métaux', 'NFM')
R('1102', '23.51', 'R5', 'rare', 1, 'jarosite et goethite stabilisées : cimenterie', 'NFM CLM')
R('1103', '38.22', 'R5', 'usual', 1, 'sels de trempe : traitement', 'STM')
R('1105', '24.43', 'R4', 'common', 1, 'matte et cendres de zinc : recyclage du zinc', 'NFM FMP')
R('1105', '20.13', 'R5', 'usual', 1, 'flux de galvanisation : régénération', 'FMP')

# ---------------------------------------------------------------- chapter 12
R('1201', '24.10;24.51;24.52', 'R4', 'common', 0, 'copeaux et chutes ferreuses : aciérie, fonderie', 'IS SF EOW333')
R('1201', '24.4;24.53;24.54', 'R4', 'common', 0, 'copeaux non ferreux : affinage et fonderie', 'NFM EOW333 EOW715')
R('1201', '38.32;46.77', 'R4', 'common', 0, 'chutes d\'usinage : négoce et préparation des métaux', 'ICPE2713 FEDEREC')
R('1201', '38.22;19.20', 'R9', 'usual', 1, 'huiles et émulsions d\'usinage : régénération, déshuilage', 'CYCLEVIA WT')
R('1201', '23.51', 'R1', 'usual', 1, 'boues d\'usinage huileuses : cimenterie', 'CEMB')
R('120105', '38.32;22.2', 'R3', 'common', 0, 'copeaux plastiques : régénération', 'PLAST')
R('120116', '23.51;38.22', 'R5', 'usual', 1, 'grenailles et abrasifs usés : cimenterie, traitement', 'CLM STM')
R('120117', '23.51;42.11', 'R5', 'usual', 0, 'abrasifs de sablage : cimenterie, sous-couches', 'CLM')
R('1203', '38.22', 'R9', 'usual', 1, 'eaux de dégraissage : traitement, récupération des huiles', 'STM WT')

# ---------------------------------------------------------------- chapter 13
R('13', '19.20;38.22', 'R9', 'common', 1, 'huiles usagées : régénération en base huile', 'CYCLEVIA WT')
R('13', '23.51', 'R1', 'common', 1, 'huiles usagées et hydrocarbures : combustible en cimenterie', 'CEMB CLM CYCLEVIA')
R('13', '35.11;35.30', 'R1', 'usual', 1, 'huiles usagées : combustible en installation autorisée', 'LCP CYCLEVIA')
R('1301', '38.22', 'R9', 'common', 1, 'huiles hydrauliques : régénération', 'CYCLEVIA')
R('130101', '38.22', 'R1', 'usual', 1, 'huiles aux PCB : décontamination (installations autorisées)', 'ICPE2792')
R('1305', '38.22;37.00', 'R9', 'common', 1, 'contenus de séparateurs : déshuilage, traitement', 'WT CYCLEVIA')
R('1307', '19.20', 'R9', 'usual', 1, 'carburants usagés : retraitement en raffinerie', 'REF')
R('1307', '35.11;23.51', 'R1', 'common', 1, 'combustibles liquides usagés : valorisation énergétique', 'CEMB LCP')

# ---------------------------------------------------------------- chapter 14
R('1406', '20.1;38.22', 'R2', 'common', 1, 'solvants usagés : distillation et régénération', 'WT OFC STS')
R('1406', '23.51', 'R1', 'common', 1, 'solvants usagés : combustible liquide en cimenterie', 'CEMB CLM')
R('1406', '20.3;20.59', 'R2', 'usual', 1, 'solvants régénérés : peintures, chimie', 'STS OFC')
R('140601', '38.22;20.14', 'R2', 'usual', 1, 'fluides frigorigènes : régénération', 'WT')

# ---------------------------------------------------------------- chapter 15
R('1501', '38.32;38.11', 'R12', 'common', 0, 'emballages : centre de tri', 'ICPE2714 WT')
R('15', '38.21;35.11', 'R1', 'usual', 0, 'emballages non recyclables : valorisation énergétique', 'WI FRCSR')
R('150101', '17.11;17.12;17.21', 'R3', 'common', 0, 'emballages papier-carton : papeteries et cartonneries', 'PP COPACEL')
R('150102', '22.2;38.32', 'R3', 'common', 0, 'emballages plastiques : régénération et plasturgie', 'PLAST')
R('150103', '16.24;16.21', 'R3', 'common', 0, 'palettes et emballages bois : réparation, panneaux', 'WBP ADEMEBOIS')
R('150103', '35.11;35.30', 'R1', 'common', 0, 'emballages bois broyés : combustible biomasse', 'FRWOOD LCP')
R('150104', '24.10;24.42;38.32', 'R4', 'common', 0, 'emballages métalliques : recyclage de l\'acier et de l\'aluminium', 'EOW333 FEDEREC')
R('150105', '17.12;38.32', 'R3', 'usual', 0, 'emballages composites : recyclage des fibres', 'PP COPACEL')
R('150106', '38.32;23.51', 'R12', 'common', 0, 'emballages en mélange : tri, CSR', 'ICPE2714 FRCSR')
R('150107', '23.13;38.32', 'R5', 'common', 0, 'emballages en verre : calcin', 'GLS EOW1179')
R('150109', '38.32;13.99', 'R3', 'usual', 0, 'emballages textiles : réemploi, effilochage', 'REFASH')
R('150110', '38.22;38.12', 'R12', 'common', 1, 'emballages souillés : lavage, décontamination, régénération', 'ICPE2795 WT')
R('150110', '23.51', 'R1', 'usual', 1, 'emballages souillés broyés : combustible en cimenterie', 'CEMB')
R('150111', '38.22;24.10', 'R4', 'usual', 1, 'aérosols et bouteilles : dépollution, recyclage du métal', 'WT')
R('1502', '23.51', 'R1', 'common', 1, 'absorbants et chiffons souillés : combustible en cimenterie', 'CEMB WT')
R('1502', '38.22', 'R1', 'common', 1, 'absorbants et filtres : traitement, lavage', 'WT ICPE2770')
R('150203', '38.32;35.11', 'R1', 'usual', 0, 'absorbants et chiffons non souillés : lavage, CSR', 'WT FRCSR')

# ---------------------------------------------------------------- chapter 16
R('1601', '38.31;45.32', 'R4', 'common', 1, 'véhicules hors d\'usage : dépollution, démontage, pièces de réemploi', 'ELV ICPE2712 VHU')
R('1601', '38.32;24.10', 'R4', 'common', 0, 'carcasses et pièces métalliques : broyage et recyclage', 'ELV EOW333')
R('160103', '23.51;38.32;42.11;42.99', 'R3', 'common', 0, 'pneus usagés : combustible, granulats, génie civil', 'ALIAPUR CEMB')
R('160107', '38.22', 'R4', 'common', 1, 'filtres à huile : broyage, récupération de l\'acier et de l\'huile', 'CYCLEVIA WT')
R('160113', '38.22;20.14', 'R2', 'usual', 1, 'liquides de frein et antigel : régénération du glycol', 'WT')
R('160114', '38.22;20.14', 'R2', 'usual', 1, 'liquides de refroidissement : régénération', 'WT')
R('160119', '38.32;22.2', 'R3', 'usual', 0, 'plastiques de VHU : recyclage', 'ELV PLAST')
R('160120', '23.1;38.32', 'R5', 'usual', 0, 'vitrages de VHU : recyclage du verre', 'ELV GLS')
R('1602', '38.32;38.12', 'R4', 'common', 1, 'équipements électriques : dépollution et recyclage (DEEE)', 'WEEE ECOSYS')
R('1602', '95.1;95.2;47.79', 'R4', 'usual', 0, 'équipements électriques : réparation et réemploi', 'WEEE ECOSYS')
R('1602', '24.41;24.44', 'R4', 'usual', 1, 'cartes et composants : affinage des métaux précieux et du cuivre', 'NFM WEEE')
R('160209', '38.22', 'R4', 'common', 1, 'transformateurs aux PCB : décontamination', 'ICPE2792')
R('1603', '38.22;23.51', 'R1', 'usual', 1, 'lots non conformes : traitement, co-incinération', 'WT CEMB')
R('160306', '35.21;38.21;10.91', 'R3', 'common', 0, 'produits alimentaires non conformes : méthanisation, alimentation animale', 'ADEMEMET FEED')
R('1604', '38.22', 'R1', 'rare', 1, 'explosifs : destruction avec récupération', 'WT ICPE2770')
R('1605', '38.22;20.11', 'R5', 'usual', 1, 'gaz et produits chimiques : reconditionnement, régénération', 'WT ICPE2770')
R('1606', '38.32;24.43;24.45', 'R4', 'common', 1, 'piles et accumulateurs : recyclage des métaux', 'BATT NFM')
R('160601', '24.43', 'R4', 'common', 1, 'batteries au plomb : refonte du plomb', 'BATT NFM')
R('1607', '38.22;19.20', 'R9', 'usual', 1, 'résidus de nettoyage de cuves : récupération des hydrocarbures', 'WT ICPE2795')
R('1608', '24.41;24.45', 'R8', 'common', 1, 'catalyseurs usés : récupération des métaux', 'NFM REF')
R('1608', '19.20;20.59', 'R8', 'usual', 1, 'catalyseurs : régénération', 'REF')
R('160804', '23.51', 'R5', 'common', 0, 'catalyseurs de craquage : matière première de cimenterie', 'REF CLM')
R('1609', '38.22;20.13', 'R6', 'usual', 1, 'oxydants : neutralisation, réutilisation en traitement d\'effluents', 'WT CWW')
R('1610', '38.22;37.00', 'R12', 'common', 1, 'déchets aqueux : traitement physico-chimique ou biologique', 'WT CWW')
R('161002', '37.00;35.21', 'R3', 'usual', 0, 'effluents aqueux organiques : méthanisation, épuration', 'CWW ADEMEMET')
R('1611', '23.20;23.51', 'R5', 'common', 0, 'réfractaires usagés : chamotte, cimenterie', 'CER CLM')
R('1611', '42.11;24.10', 'R5', 'usual', 0, 'réfractaires : granulats, recyclage en sidérurgie', 'IS CER')
R('161101', '23.51;24.42', 'R1', 'usual', 1, 'brasques usées : cimenterie, récupération du fluor', 'NFM CLM')

# ---------------------------------------------------------------- chapter 17
R('17', '38.11;38.32', 'R12', 'common', 0, 'déchets de chantier : plateformes de regroupement et de tri', 'ADEMEBTP ICPE2710')
R('1701', '42;43.1;41', 'R5', 'common', 0, 'bétons, briques et tuiles : granulats recyclés', 'ADEMEBTP UNPG EN13242 CEREMA')
R('1701', '38.32;08.12', 'R5', 'common', 0, 'déchets inertes : plateforme de concassage, recyclage en carrière', 'ICPE2515 UNPG')
R('1701', '23.6;23.51', 'R5', 'usual', 0, 'bétons concassés : granulats pour béton, cru de cimenterie', 'EN13242 CLM')
R('170201', '16.21', 'R3', 'common', 0, 'bois de chantier : panneaux de particules', 'WBP ADEMEBOIS')
R('170201', '35.11;35.30', 'R1', 'common', 0, 'bois de chantier : chaufferie biomasse', 'ADEMEBOIS LCP')
R('1702', '38.32', 'R3', 'common', 0, 'bois, verre et plastiques de chantier : tri', 'ICPE2714 ADEMEBTP')
R('170202', '23.1;23.14', 'R5', 'usual', 0, 'verre plat : recyclage en verrerie', 'GLS EOW1179')
R('170203', '22.2;38.32', 'R3', 'usual', 0, 'plastiques de chantier : recyclage (PVC, PE)', 'PLAST')
R('170204', '38.22;23.51;35.11', 'R1', 'usual', 1, 'bois traité (classe C) : incinération en installation autorisée', 'ADEMEBOIS WI ICPE2770')
R('1703', '42.11;23.99', 'R5', 'common', 0, 'agrégats d\'enrobés : recyclage en centrale d\'enrobage', 'CEREMA ADEMEBTP')
R('170301', '38.22', 'R5', 'usual', 1, 'enrobés au goudron : traitement thermique, recyclage à froid', 'CEREMA WT')
R('1704', '24.10;24.4;24.5', 'R4', 'common', 0, 'métaux de chantier : recyclage en métallurgie', 'EOW333 EOW715 FEDEREC')
R('1704', '38.32;46.77', 'R4', 'common', 0, 'métaux de démolition : négoce et préparation', 'ICPE2713 FEDEREC')
R('170411', '38.32;24.44', 'R4', 'common', 0, 'câbles : dénudage et recyclage du cuivre', 'EOW715 FEDEREC')
R('1705', '43.12;42.99;08.12', 'R5', 'common', 0, 'terres et cailloux : remblais, réaménagement de carrières', 'FRSOIL UNPG ADEMEBTP')
R('1705', '23.51;23.32', 'R5', 'usual', 0, 'terres argileuses : cru de cimenterie, briqueterie', 'CLM CER')
R('170503', '38.22;23.51', 'R5', 'common', 1, 'terres polluées : biocentre, désorption thermique, cimenterie', 'WT CLM ICPE2770')
R('170503', '42.99;43.12', 'R5', 'usual', 1, 'terres traitées : remblais techniques sous conditions', 'FRSOIL WT')
R('170505', '38.22;23.51', 'R5', 'usual', 1, 'sédiments de dragage pollués : traitement, cimenterie', 'WT CLM')
R('170506', '42.99;43.12;01.1', 'R5', 'usual', 0, 'sédiments de dragage : remblais, génie civil, amendement', 'FRSOIL')
R('170507', '38.22;42.12', 'R5', 'usual', 1, 'ballast pollué : lavage et réemploi en voie ferrée', 'WT UNPG')
R('170508', '42.12;42.11', 'R5', 'common', 0, 'ballast : réemploi en voie ferrée et routes', 'UNPG')
R('1706', '23.14;38.32', 'R3', 'usual', 0, 'laines minérales : recyclage en laine de verre ou de roche', 'GLS ADEMEBTP')
R('170601', '38.22', 'R5', 'rare', 1, 'matériaux amiantés : vitrification', 'WT ICPE2770')
R('1708', '23.62;23.52', 'R5', 'common', 0, 'plâtre de démolition : recyclage en plaques de plâtre', 'SNIP')
R('1708', '23.51;01.1', 'R5', 'usual', 0, 'gypse recyclé : cimenterie, amendement', 'SNIP CLM')
R('1709', '38.32;38.11', 'R12', 'common', 0, 'déchets de chantier en mélange : tri sur plateforme', 'ADEMEBTP ICPE2710')
R('1709', '42.99;43.12', 'R5', 'usual', 0, 'fractions minérales triées : remblais', 'ADEMEBTP')
R('170902', '38.22', 'R4', 'usual', 1, 'déchets aux PCB : décontamination', 'ICPE2792')

# ---------------------------------------------------------------- chapter 18
R('18', '38.21;38.22;35.30', 'R1', 'common', 1, 'déchets d\'activités de soins : incinération avec récupération d\'énergie, banalisation', 'WI ICPE2770')
R('180110', '24.41;38.22', 'R4', 'usual', 1, 'amalgames dentaires : récupération du mercure et de l\'argent', 'NFM')
R('180104', '38.21;35.11', 'R1', 'usual', 0, 'déchets de soins non infectieux : valorisation énergétique', 'WI')

# ---------------------------------------------------------------- chapter 19
R('190112;190119', '42;43.1;41', 'R5', 'common', 0, 'mâchefers : technique routière (après maturation)', 'FRMIOM CEREMA WI')
R('190112;190119', '38.32', 'R5', 'common', 0, 'mâchefers : installation de maturation et d\'élaboration (IME)', 'FRMIOM WI')
R('190102;190112', '24.10;24.4', 'R4', 'common', 0, 'métaux extraits des mâchefers : recyclage', 'WI EOW333')
R('1901', '23.51;23.6', 'R5', 'usual', 0, 'mâchefers et cendres : constituant de cimenterie et de béton', 'WI CLM')
R('1901', '38.22', 'R5', 'common', 1, 'REFIOM et cendres volantes : stabilisation, récupération des sels', 'WI ICPE2770')
R('1902', '23.51', 'R1', 'common', 1, 'déchets prétraités : combustible de substitution en cimenterie', 'CEMB WT')
R('1902', '35.11;35.30', 'R1', 'usual', 0, 'déchets combustibles prétraités : chaufferie CSR', 'FRCSR WT')
R('1902', '38.22', 'R12', 'common', 1, 'boues physico-chimiques : traitement', 'WT')
R('1903', '38.22', 'R5', 'rare', 1, 'déchets stabilisés : remblais techniques contrôlés', 'WT')
R('1904', '42;43.1', 'R5', 'usual', 0, 'déchets vitrifiés : granulats', 'WT CEREMA')
R('190503;190599', '01.1;01.2;01.3', 'R10', 'common', 0, 'compost : amendement organique', 'NFU44051 FERT')
R('1905', '38.21', 'R3', 'usual', 0, 'refus de compostage : reprise en compostage ou CSR', 'ICPE2780')
R('1905;1906', '20.15', 'R3', 'usual', 0, 'composts et digestats : fabrication d\'engrais organo-minéraux', 'FERT NFU44051')
R('1906', '01.1;01.2', 'R10', 'common', 0, 'digestats : épandage, fertilisation', 'FRDIG FERT ADEMEMET')
R('1906', '38.21;20.15', 'R3', 'usual', 0, 'digestats : post-compostage, fertilisants', 'ICPE2780 FERT')
R('1907', '37.00;38.22', 'R12', 'common', 1, 'lixiviats : traitement en station', 'WT')
R('190805;190812;190814', '01.1', 'R10', 'common', 0, 'boues d\'épuration : épandage agricole', 'FRSPREAD SLUDGE86 ADEMEBOUE')
R('190805;190812;190814', '38.21', 'R3', 'common', 0, 'boues d\'épuration : compostage (NF U 44-095)', 'NFU44095 ICPE2780')
R('1908', '35.21', 'R3', 'usual', 0, 'boues et graisses : méthanisation', 'ADEMEMET')
R('1908', '23.51;35.11', 'R1', 'usual', 0, 'boues séchées : combustible en cimenterie et chaufferie', 'CEMB LCP')
R('1908', '39.00;43.12', 'R10', 'rare', 0, 'boues : réhabilitation de sols et de sites dégradés', 'ADEMEBOUE SLUDGE86')
R('1908', '20.15', 'R5', 'usual', 0, 'boues et cendres de boues : récupération du phosphore (struvite)', 'PHOS FERT')
R('190802', '42.99;43.12', 'R5', 'usual', 0, 'sables de dessablage : remblais après lavage', 'WT')
R('190809', '35.21;19.20', 'R3', 'common', 0, 'graisses alimentaires : méthanisation, biocarburants', 'ADEMEMET REDII')
R('1909', '23.32;01.1;23.51', 'R5', 'usual', 0, 'boues de potabilisation : briqueterie, amendement, cimenterie', 'CER FRSPREADI CLM')
R('190903', '01.1', 'R10', 'common', 0, 'boues de décarbonatation : amendement calcique', 'NFU44001 COMIFER')
R('190904', '38.22', 'R7', 'usual', 0, 'charbon actif usagé : régénération', 'WT')
R('1910', '24.10;24.4', 'R4', 'common', 0, 'fractions métalliques de broyage : aciérie, affinage', 'EOW333 NFM')
R('1910', '23.51;35.11', 'R1', 'usual', 0, 'résidus légers de broyage : CSR', 'FRCSR WT')
R('1911', '38.22;23.51', 'R1', 'usual', 1, 'résidus de régénération des huiles : co-incinération', 'CYCLEVIA CEMB')
R('1912', '38.32', 'R12', 'common', 0, 'fractions triées : préparation des matières', 'WT ICPE2714')
R('191201', '17.11;17.12', 'R3', 'common', 0, 'papiers-cartons triés : papeterie', 'PP COPACEL')
R('191202', '24.10;24.51', 'R4', 'common', 0, 'ferreux triés : aciérie', 'EOW333 IS')
R('191203', '24.4;24.53', 'R4', 'common', 0, 'non ferreux triés : affinage', 'NFM EOW333')
R('191204', '22.2;38.32', 'R3', 'common', 0, 'plastiques et caoutchouc triés : régénération', 'PLAST')
R('191205', '23.1', 'R5', 'common', 0, 'verre trié : verrerie', 'EOW1179 GLS')
R('191207', '16.21;35.11;35.30', 'R3', 'common', 0, 'bois trié : panneaux, chaufferie', 'WBP ADEMEBOIS FRWOOD')
R('191206', '38.22;35.11', 'R1', 'usual', 1, 'bois traité trié : incinération autorisée', 'ADEMEBOIS ICPE2770')
R('191209', '42;43.1;41', 'R5', 'common', 0, 'minéraux triés : remblais, granulats', 'EN13242 UNPG')
R('191210', '23.51;35.11;35.30', 'R1', 'common', 0, 'CSR : cimenterie, chaufferie CSR', 'FRCSR ADEMECSR CEMB')
R('191212', '35.11;35.30;23.51', 'R1', 'usual', 0, 'refus de tri : préparation de CSR', 'FRCSR ADEMECSR')
R('1913', '42.99;43.12', 'R5', 'usual', 0, 'terres dépolluées : remblais', 'FRSOIL WT')
R('1913', '38.22;23.51', 'R5', 'usual', 1, 'résidus de dépollution : traitement, cimenterie', 'WT CLM')

# ---------------------------------------------------------------- chapter 20
R('2001', '38.32;38.11', 'R12', 'common', 0, 'collectes séparées : centre de tri', 'ICPE2710 ADEMEDEC')
R('200101', '17.11;17.12', 'R3', 'common', 0, 'papiers-cartons : papeterie', 'PP COPACEL')
R('200102', '23.13;38.32', 'R5', 'common', 0, 'verre : calcin', 'EOW1179 GLS')
R('200108', '35.21;38.21', 'R3', 'common', 0, 'biodéchets : méthanisation, compostage', 'ADEMEMET ADEMECOMP ICPE2781')
R('200108', '01.1;01.2', 'R10', 'usual', 0, 'compost de biodéchets : retour au sol', 'NFU44051 FERT')
R('200110', '47.79;88.99;38.32', 'R3', 'common', 0, 'vêtements : réemploi, tri', 'REFASH')
R('200111', '38.32;13.99', 'R3', 'common', 0, 'textiles : effilochage', 'REFASH TEX')
R('200113', '38.22;23.51', 'R2', 'usual', 1, 'solvants des ménages : régénération, co-incinération', 'WT CEMB')
R('200121', '38.32;38.22', 'R4', 'common', 1, 'lampes : recyclage du verre et du mercure', 'ECOSYS WEEE')
R('200123', '38.32', 'R4', 'common', 1, 'équipements frigorifiques : dégazage, recyclage', 'ECOSYS WEEE')
R('200125', '19.20;20.59;35.21', 'R9', 'common', 0, 'huiles alimentaires usagées : biodiesel, méthanisation', 'REDII ADEMEMET')
R('200126', '38.22;19.20', 'R9', 'usual', 1, 'huiles non alimentaires : régénération', 'CYCLEVIA')
R('200127', '38.22;23.51', 'R1', 'common', 1, 'peintures et colles : co-incinération', 'CEMB STS')
R('200133', '24.43;38.32', 'R4', 'common', 1, 'piles et batteries : recyclage', 'BATT')
R('2001', '95.2;47.79', 'R3', 'usual', 0, 'objets collectés : réemploi en ressourcerie', 'ADEMEDEC')
R('200135', '38.32;95.2', 'R4', 'common', 1, 'DEEE ménagers : recyclage, réemploi', 'ECOSYS WEEE')
R('200136', '38.32;95.2', 'R4', 'common', 0, 'DEEE ménagers : recyclage, réemploi', 'ECOSYS WEEE')
R('200137', '38.22;35.11', 'R1', 'usual', 1, 'bois traité : incinération autorisée', 'ADEMEBOIS')
R('200138', '16.21;35.11;35.30', 'R3', 'common', 0, 'bois de déchèterie : panneaux, chaufferie', 'ADEMEBOIS WBP')
R('200139', '38.32;22.2', 'R3', 'common', 0, 'plastiques : recyclage', 'PLAST')
R('200140', '38.32;24.10', 'R4', 'common', 0, 'métaux de déchèterie : recyclage', 'EOW333 FEDEREC')
R('200201', '38.21;01.1', 'R3', 'common', 0, 'déchets verts : compostage, paillage', 'ICPE2780 NFU44051')
R('200201', '35.11;35.30', 'R1', 'usual', 0, 'déchets verts ligneux : bois énergie', 'ADEMEBOIS')
R('200201', '35.21', 'R3', 'usual', 0, 'tontes et déchets verts : méthanisation', 'ADEMEMET')
R('200202', '43.12;42.99', 'R5', 'common', 0, 'terres et pierres : remblais', 'FRSOIL')
R('2003', '38.21;38.11', 'R1', 'common', 0, 'ordures ménagères résiduelles : valorisation énergétique, tri-méthanisation', 'WI ADEMEDEC')
R('2003', '35.30;35.11', 'R1', 'usual', 0, 'ordures résiduelles : chaleur des unités de valorisation', 'WI')
R('200302', '35.21;38.21;10.91', 'R3', 'common', 0, 'déchets de marché : méthanisation, compostage, alimentation animale', 'ADEMEMET FEED')
R('200303', '42.99;38.32', 'R5', 'usual', 0, 'balayures : récupération des sables', 'WT')
R('200304', '37.00;38.21;35.21', 'R3', 'common', 0, 'matières de vidange : traitement en station, méthanisation', 'ADEMEBOUE ADEMEMET')
R('200307', '38.32;47.79;31.0', 'R3', 'common', 0, 'encombrants : tri, réemploi du mobilier', 'ADEMEDEC')

# ---------------------------------------------------------------- energy, water, gases without a waste code
R('heat', '35.30', '', 'common', 0, 'chaleur fatale : réseau de chaleur urbain (basse température)', 'ADEMEHEAT ENE')
R('heat', '01.13;01.19', '', 'usual', 0, 'chaleur fatale basse température : serres maraîchères', 'ADEMEHEAT')
R('heat', '10.5;10.8;10.3;11.0', '', 'usual', 0, 'chaleur fatale moyenne température : procédés agroalimentaires (lavage, pasteurisation)', 'ADEMEHEAT FDM')
R('heat', '03.22;01.4', '', 'rare', 0, 'chaleur basse température : pisciculture, élevage', 'ADEMEHEAT')
R('heat', '17.1;20.1;23.3', '', 'usual', 0, 'chaleur haute température : séchage et procédés industriels', 'ADEMEHEAT ENE')
R('steam', '20.1;21.10;19.20', '', 'common', 0, 'vapeur : procédés chimiques et pharmaceutiques', 'ENE ADEMEHEAT')
R('steam', '17.1;10.8;10.6;10.5', '', 'usual', 0, 'vapeur : papeteries et industries alimentaires', 'ENE PP FDM')
R('steam', '35.30', '', 'usual', 0, 'vapeur : réseau de chaleur', 'ENE ADEMEHEAT')
R('co2', '01.13', '', 'common', 0, 'CO2 : enrichissement des serres', 'CO2')
R('co2', '11.07;10.5', '', 'usual', 0, 'CO2 : boissons gazeuses et conditionnement alimentaire', 'CO2 FDM')
R('co2', '20.11;20.15', '', 'usual', 0, 'CO2 : gaz industriels, urée', 'CO2 LVIC')
R('cooling_water', '35.30;01.13', '', 'usual', 0, 'eau de refroidissement tiède : chaleur pour réseau ou serres', 'ADEMEHEAT WATER')
R('treated_wastewater', '01.1;01.2;93.1;81.30', '', 'usual', 0, 'eaux usées traitées : irrigation, arrosage', 'WATER')
R('treated_wastewater', '23.51;23.6;35.11', '', 'usual', 0, 'eaux traitées : eau de procédé et de refroidissement industriel', 'WATER CWW')
R('process_water', '23.6;42.99;38.32', '', 'rare', 0, 'eau de procédé : lavage, fabrication de béton', 'WATER')
R('biogas', '35.11;35.30;35.21', '', 'common', 0, 'biogaz : cogénération, chaudière, injection', 'ADEMEMET')


# ---------------------------------------------------------------- family level, completed
# Receiving activities of each material family that the sector references
# name besides its main route (appended here so that the ids above stay
# stable). They are family-level fallbacks and mostly usual or rare, so they
# rank below any route written for the entry, its sub-chapter or chapter.
R(F+'organic', '20.15', 'R3', 'usual', 0, 'voie générique : matière organique pour engrais organo-minéraux', 'FERT PHOS')
R(F+'organic', '35.11;35.30', 'R1', 'rare', 0, 'voie générique : combustion des résidus organiques secs', 'LCP REDII')
R(F+'organic', '23.51', 'R1', 'rare', 0, 'voie générique : farines et résidus secs en cimenterie', 'CEMB ABP')
R(F+'organic', '01.5', 'R10', 'rare', 0, 'voie générique : retour au sol en polyculture-élevage', 'FERT FRSPREADI')
R(F+'wood', '23.51', 'R1', 'usual', 0, 'voie générique : bois de classe B en cimenterie', 'CEMB ADEMEBOIS')
R(F+'wood', '01.4;01.1;01.2', 'R3', 'rare', 0, 'voie générique : litière animale et paillage (sciures, copeaux, broyats)', 'ADEMEBOIS')
R(F+'paper', '35.11;35.30;23.51', 'R1', 'rare', 0, 'voie générique : refus papetiers en combustible (CSR)', 'FRCSR PP')
R(F+'paper', '38.21', 'R3', 'rare', 0, 'voie générique : compostage des papiers souillés', 'ICPE2780 ADEMECOMP')
R(F+'plastic', '20.1;19.20', 'R3', 'rare', 0, 'voie générique : recyclage chimique (pyrolyse, dépolymérisation)', 'PLAST LVOC')
R(F+'plastic', '35.30', 'R1', 'rare', 0, 'voie générique : valorisation énergétique en chaufferie CSR', 'FRCSR ICPE4801')
R(F+'rubber', '35.11;35.30', 'R1', 'rare', 0, 'voie générique : combustible en chaufferie CSR', 'ALIAPUR FRCSR')
R(F+'rubber', '42;43.1', 'R3', 'usual', 0, 'voie générique : granulats de caoutchouc (travaux publics, sols sportifs)', 'ALIAPUR CEREMA')
R(F+'rubber', '24.10', 'R4', 'rare', 0, 'voie générique : apport de carbone en aciérie électrique', 'ALIAPUR IS')
R(F+'glass', '23.6;42;23.51', 'R5', 'rare', 0, 'voie générique : verre broyé en sable de substitution', 'EOW1179 CEREMA EUCEM')
R(F+'ferrous', '23.51', 'R5', 'rare', 0, 'voie générique : apport de fer au cru de cimenterie', 'CLM')
R(F+'nonferrous', '20.1', 'R4', 'rare', 0, 'voie générique : sels métalliques en chimie minérale', 'NFM SIC')
R(F+'inert', '23.3', 'R5', 'rare', 0, 'voie générique : matière première pour briqueterie', 'CER')
R(F+'soil', '23.51;23.32', 'R5', 'rare', 0, 'voie générique : terres argileuses en cimenterie et briqueterie', 'CLM CER')
R(F+'soil', '01.1', 'R10', 'rare', 0, 'voie générique : terre végétale pour les sols agricoles', 'FRSOIL')
R(F+'ash_slag', '01.1;20.15', 'R10', 'usual', 0, 'voie générique : cendres et laitiers en amendement minéral basique', 'NFU44001 PHOS COMIFER')
R(F+'ash_slag', '24.10', 'R5', 'rare', 0, 'voie générique : laitiers et oxydes recyclés en sidérurgie', 'IS EUROSLAG')
R(F+'ash_slag', '23.3', 'R5', 'rare', 0, 'voie générique : ajouts en briqueterie et céramique', 'CER ECOBA')
R(F+'sludge', '35.21', 'R3', 'usual', 0, 'voie générique : méthanisation des boues', 'ADEMEMET ADEMEBOUE')
R(F+'sludge', '35.11;35.30', 'R1', 'usual', 1, 'voie générique : incinération des boues séchées avec récupération d\'énergie', 'WI ADEMEBOUE')
R(F+'sludge', '20.15', 'R3', 'rare', 0, 'voie générique : récupération du phosphore et engrais', 'PHOS ADEMEBOUE')
R(F+'sludge', '23.3;23.6', 'R5', 'rare', 0, 'voie générique : boues minérales en briqueterie et béton', 'CER ADEMEBOUE')
R(F+'solvent', '35.11;35.30', 'R1', 'rare', 1, 'voie générique : combustible liquide en installation autorisée', 'WI ICPE2770')
R(F+'oil', '35.30', 'R1', 'rare', 1, 'voie générique : combustible en installation autorisée', 'WI ICPE2770')
R(F+'acid_base', '24.10;24.4', 'R6', 'rare', 1, 'voie générique : réemploi des acides de décapage en métallurgie', 'FMP NFM')
R(F+'catalyst', '20.1', 'R8', 'rare', 1, 'voie générique : régénération des catalyseurs en chimie', 'LVOC REF')
R(F+'textile', '35.30', 'R1', 'rare', 0, 'voie générique : combustible en chaufferie CSR', 'FRCSR')
R(F+'chemical', '35.30;35.11', 'R1', 'rare', 1, 'voie générique : incinération avec récupération d\'énergie', 'WI ICPE2770')
R(F+'organic', '20.1', 'R3', 'rare', 0, 'voie générique : bioraffinerie (fermentation, extraction de molécules biosourcées)', 'LVOC FDM')
R(F+'ash_slag', '23.51', 'R5', 'usual', 1, 'voie générique : cendres et poussières dangereuses en cimenterie autorisée', 'CLM CEMB ICPE2770')
R('fam:ferrous;fam:nonferrous;fam:metal_mixed;fam:plastic;fam:rubber;fam:glass', '38.3', 'R4', 'rare', 0, 'voie générique : récupération des matériaux (démontage, tri, préparation)', 'ICPE2713 ICPE2714 FEDEREC')
R('fam:inert;fam:glass;fam:gypsum;fam:ferrous;fam:nonferrous;fam:metal_mixed;fam:mixed;fam:textile;fam:wood;fam:soil', '38.22;38.12', 'R12', 'rare', 1, 'voie générique : prise en charge des entrées dangereuses par une installation autorisée', 'WT ICPE2770 ICPE2710')
R('fam:organic;fam:wood;fam:paper;fam:plastic;fam:rubber;fam:glass;fam:ferrous;fam:nonferrous;fam:metal_mixed;fam:inert;fam:soil;fam:gypsum;fam:ash_slag;fam:textile;fam:mixed', '38.21', 'R12', 'rare', 0, 'voie générique : préparation en centre de traitement avant valorisation', 'WT ICPE2710')


# ---------------------------------------------------------------- licensed receivers of hazardous entries
# A hazardous entry goes to a potential receiver only through a route whose
# receivers hold, by their activity, the permit to take it. The routes below
# name those classes for the families with hazardous entries that the first
# routes left to waste operators only: cement kilns co-processing hazardous
# waste as fuel or raw material (CLM BREF, IED chapter IV, ICPE 2770/2771
# with 2520), combustion plants authorised to co-incinerate it, smelters
# recovering metals from hazardous residues, users of spent acids and bases
# as reagents. The condition is said in the route; the explanation asks to
# check the permit.
R('fam:wood;fam:textile;fam:mixed;fam:inert;fam:soil;fam:glass;fam:gypsum', '23.51', 'R1', 'usual', 1, 'voie générique : cimenterie autorisée au co-traitement des déchets (ICPE 2770/2771), combustible ou matière de substitution, entrées dangereuses comprises après acceptation préalable', 'CLM CEMB IEDCO ICPE2770')
R('fam:wood;fam:textile;fam:mixed', '35.11;35.30', 'R1', 'rare', 1, 'voie générique : co-incinération en installation de combustion autorisée pour les déchets dangereux (ICPE 2770)', 'LCP IEDCO ICPE2770')
R('fam:ferrous;fam:nonferrous;fam:metal_mixed', '24.10;24.4;24.5', 'R4', 'rare', 1, 'voie générique : refusion des métaux souillés en fonderie ou aciérie autorisée pour les déchets dangereux', 'IS NFM SF ICPE2770')
R('0402', '35.11;23.51;35.30', 'R1', 'usual', 1, 'boues et résidus de teinture et de finissage (colorants, apprêts) : valorisation énergétique en installation autorisée (ICPE 2770/2771)', 'TEX WI CEMB ICPE2770')
R('1201', '38.32;24.10;24.4', 'R4', 'usual', 1, 'boues, meules et abrasifs métalliques huileux : déshuilage, briquetage et refusion en installation autorisée (ICPE 2718/2790)', 'FMP STM ICPE2718 ICPE2770')
R('0601;0602;1101', '25.61;26.1;24.4', 'R6', 'usual', 1, 'acides et bases usés : réemploi comme réactif de décapage, de gravure ou de lixiviation chez un utilisateur autorisé à les recevoir', 'STM FMP NFM ICPE2770')


# ---------------------------------------------------------------- main receiving sectors, completed
R('02', '35.11;35.30', 'R1', 'usual', 0, 'résidus agroalimentaires secs (coques, noyaux, pailles, marcs, pulpes séchées) : combustible biomasse en chaufferie ou centrale', 'LCP REDII ADEMEIAA')
R('fam:plastic', '24.10', 'R3', 'rare', 0, 'voie générique : plastiques en mélange comme agent réducteur en haut fourneau ou four électrique', 'IS PLAST')
R('100201;100202', '23.99', 'R5', 'rare', 0, 'laitiers de haut fourneau et d\'aciérie : matière première de la laine de roche', 'EUROSLAG IS')

# ---------------------------------------------------------------- writing
COMMON = set('R002 R007 R010 R011 R014 R016 R017 R018 R019 R025 R026 R027 R028 R030 R031 R038 '
             'R039 R041 R042 R043 R050 R055 R056 R061 R066'.split())
# minimum supply temperature of heat routes, by first receiver (degrees C)
HEAT_MIN_C = {'35.30': 60, '01.13': 25, '10.5': 90, '03.22': 15, '17.1': 150}
KINDS = {'heat', 'steam', 'co2', 'cold', 'biogas', 'hydrogen', 'treated_wastewater',
         'cooling_water', 'process_water'}


def operation_of(use, outputs):
    if all(o in KINDS for o in outputs.split(';')):
        return ''
    u = use.lower()
    for words, op in ((('combustible', 'énergétique', 'chaufferie', 'biocarbur', 'bioéthanol'), 'R1'),
                      (('solvant',), 'R2'), (('huiles usagées', 'régénération des huiles'), 'R9'),
                      (('acides', 'bases'), 'R6'), (('catalyseur',), 'R8'),
                      (('ferraille', 'aluminium', 'cuivre', 'plomb', 'métaux', 'deee', 'piles',
                        'véhicules'), 'R4'),
                      (('épandage', 'fertilisation', 'digestat', 'amendement', 'retour au sol',
                        'chaulage'), 'R10'),
                      (('granulat', 'cendre', 'laitier', 'gypse', 'calcin', 'verre', 'terres',
                        'chamotte', 'sables', 'réfractaires', 'calcique', 'soufre', 'minéra',
                        'enrobés', 'mâchefers', 'calamine', 'écumes', 'coquilles', 'construction',
                        'boues de potabilisation', 'boues papetières'), 'R5')):
        if any(w in u for w in words):
            return op
    return 'R3'


HEADER = ['id', 'outputs', 'inputs', 'receivers', 'operation', 'hazardous_ok', 'frequency',
          'min_temp_c', 'use_fr', 'virgin_factor', 'purchase_eur_per_t', 'source']


def main():
    w = csv.writer(sys.stdout, lineterminator='\n')
    w.writerow(HEADER)
    n = 0
    for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
        if not r['id'].startswith('R0'):
            continue
        n += 1
        op = r.get('operation') or operation_of(r['use_fr'], r['outputs'])
        freq = r.get('frequency') or ('common' if r['id'] in COMMON else 'usual')
        w.writerow([r['id'], r['outputs'], r['inputs'], r['receivers'], op, r['hazardous_ok'],
                    freq, r.get('min_temp_c', ''), r['use_fr'], r['virgin_factor'],
                    r['purchase_eur_per_t'], r['source']])
    for i, (outs, recv, op, freq, haz, use, srcs, price, virgin, inputs) in enumerate(ROUTES):
        src = '; '.join(S[k] for k in srcs.split())
        temp = HEAT_MIN_C.get(recv.split(';')[0], '') if outs == 'heat' else ''
        w.writerow(['V%03d' % (i + 1), outs, inputs, recv, op, haz, freq, temp, use, virgin,
                    price, src])


main()
