/* SPDX-License-Identifier: MIT */
/*
 * ref.h - the public header of the reference-data module: the European
 * List of Waste, NAF rév. 2 / NACE Rev. 2, the communes of the region,
 * the emission factors and the valorisation rules, loaded from data/
 * (embedded in the program, or a folder named by SYMBIOSE_DATA).
 *
 * One struct ref holds everything, read-only after ref_load, so it can be
 * shared by threads. Strings inside belong to it. Codes are stored in
 * their canonical form: List of Waste codes as digits only ("150101",
 * chapters "15", sub-chapters "1501"); NACE as in nace.csv ("23.51",
 * sub-classes "23.51Z", sections "A").
 */
#ifndef SYMBIOSE_REF_H
#define SYMBIOSE_REF_H

#include "core/core.h"

struct ref_low {
    char code[7];       /* "15", "1501" or "150101" */
    char parent[5];     /* "" for chapters */
    int level;          /* 1 chapter, 2 sub-chapter, 3 entry */
    bool is_hazardous;  /* the entry carries the asterisk */
    char entry_type[4]; /* "AH", "ANH", "MH", "MNH" or "" (levels 1-2) */
    const char *label_fr;
    const char *label_en;
    const char *fold_fr; /* text_fold of label_fr, for search */
};

struct ref_nace {
    char code[8];   /* "A", "23", "23.5", "23.51", "23.51Z" */
    char parent[8]; /* "" for sections */
    int level;      /* 1 section, 2 division, 3 group, 4 class, 5 NAF sub-class */
    const char *label_fr;
    const char *label_en; /* "" for the 201 NAF sub-classes without one */
    const char *fold_fr;
};

struct ref_commune {
    char insee[6]; /* "44109" */
    char dep[4];   /* "44" */
    char postal_code[6];
    const char *postal_codes; /* all of them, joined with '|' */
    const char *name;
    struct geo_point pos;  /* La Poste point, close to the centroid */
    char epci_siren[10];   /* "" for a commune in no EPCI (L'Île-d'Yeu) */
    const char *epci_name; /* "" then too */
    const char *epci_type; /* CC, CA, CU or METRO; "" then too */
    long population;
    const char *fold_name; /* text_fold of name, for search: "saint nazaire" */
};

struct ref_factor {
    const char *key; /* "freight_road_articulated_34_40t_diesel" */
    const char *label;
    double value;
    const char *unit; /* "kgCO2e/t.km", "kgCO2e/t waste", ... */
    const char *source;
};

struct ref;

/*
 * ref_load - loads every reference file (low.csv, low_entry_types.csv,
 * nace.csv, communes_pdl.csv, emission_factors.csv, is_cases.csv). data_dir
 * NULL means the copies embedded in the program. Returns ERR_OK and a new
 * struct (ref_free), ERR_INPUT naming "file:line: field: reason" if a file
 * is malformed (the first bad row), ERR_IO if a file cannot be read.
 * Columns are found by name; extra columns are ignored. About 10 ms.
 *
 * Every ref_*_at below returns NULL when i is out of range, and every
 * ref_*_find NULL for an unknown or NULL key.
 */
int ref_load(struct ref **out, const char *data_dir, struct err *e);
/* A reference file given in memory (tests, fuzzing); bytes are borrowed. */
struct ref_file_buf {
    const char *name; /* "low.csv", ... */
    const char *data;
    size_t len;
};
/* ref_load, except that the files named in bufs are read from memory. */
int ref_load_with(struct ref **out, const char *data_dir, const struct ref_file_buf *bufs,
                  size_t n_bufs, struct err *e);
void ref_free(struct ref *r);

/* --- List of Waste */
size_t ref_low_count(const struct ref *r);
const struct ref_low *ref_low_at(const struct ref *r, size_t i); /* legal-annex order */
/* Exact canonical code ("150101", "1501", "15"); NULL if unknown. */
const struct ref_low *ref_low_find(const struct ref *r, const char *code);
/*
 * ref_low_parse - accepts "15 01 01", "150101", "15.01.01", "15-01-01",
 * optionally followed by "*". The code must exist; a "*" must agree with
 * the hazardous marker, and is optional for hazardous entries. Writes the
 * canonical 6-digit entry to out. ERR_INPUT with a reason otherwise.
 */
int ref_low_parse(const struct ref *r, struct slice in, char out[7], struct err *e);
/* Formats "150101" as "15 01 01" (with "*" if hazardous) into buf;
 * "15" and "1501" as "15" and "15 01"; anything else is copied (cut to 11). */
void ref_low_format(const struct ref *r, const char *code, char buf[12]);
/*
 * ref_low_children - the children of code in legal order; code NULL or ""
 * gives the chapters. Stores up to max pointers into out and returns the
 * number of children in all (which may exceed max); 0 for an unknown code
 * or an entry. Call with max 0 to count.
 */
size_t ref_low_children(const struct ref *r, const char *code, const struct ref_low **out,
                        size_t max);

/* --- NACE / NAF */
size_t ref_nace_count(const struct ref *r);
const struct ref_nace *ref_nace_at(const struct ref *r, size_t i);
const struct ref_nace *ref_nace_find(const struct ref *r, const char *code);
/*
 * ref_naf_parse - accepts a NAF sub-class ("23.51Z", "2351Z", "23.51z")
 * or a NACE class ("23.51", "2351"); the code must exist. Writes the
 * canonical form. ERR_INPUT otherwise.
 */
int ref_naf_parse(const struct ref *r, struct slice in, char out[8], struct err *e);
/* true if code (any level) lies under prefix ("23.5" covers "23.51Z";
 * "C" covers "23.51"), or equals it. Both canonical; false if code is
 * unknown. Walks the parent chain: a few hash probes. */
bool ref_nace_under(const struct ref *r, const char *code, const char *prefix);
/* Children of code in file order, as ref_low_children; code NULL or ""
 * gives the 21 sections. */
size_t ref_nace_children(const struct ref *r, const char *code, const struct ref_nace **out,
                         size_t max);

/* --- communes */
size_t ref_commune_count(const struct ref *r);
const struct ref_commune *ref_commune_at(const struct ref *r, size_t i);
const struct ref_commune *ref_commune_find(const struct ref *r, const char *insee);
/* First commune (file order) having this postal code among its postal
 * codes; NULL if none. */
const struct ref_commune *ref_commune_by_postal(const struct ref *r, const char *postal);
/* true if p lies in the bounding box of the region's communes, widened
 * by about 10 km: a plausibility check for coordinates, not a border test
 * (the box also holds parts of neighbouring regions, e.g. Rennes). */
bool ref_in_region(const struct ref *r, struct geo_point p);

/* --- emission factors */
const struct ref_factor *ref_factor_find(const struct ref *r, const char *key);
size_t ref_factor_count(const struct ref *r);
const struct ref_factor *ref_factor_at(const struct ref *r, size_t i); /* file order */

/* --- documented exchanges (is_cases.csv) */

#define REF_CASE_MAX_CODES 8

/*
 * One documented industrial-symbiosis exchange (Kalundborg, ISDATA):
 * waste of the low codes, from the from_nace activities, was used by the
 * to_nace activities. Evidence for explanations and for potential
 * receivers; the curated valorisation rules are struct ref_rule. Codes
 * are canonical and exist in the List of Waste / NACE, at any level
 * ("1003" covers 10 03 xx entries, "23.6" covers 23.61Z). Any list may be
 * empty.
 */
struct ref_case {
    const char *id;                  /* "KAL-01", "ISD-1024.1" */
    const char *from_activity;       /* free text */
    const char *flow;                /* "what -> how it is used" */
    const char *to_activity;         /* free text */
    const char *source;              /* citation */
    double quantity;                 /* as published; 0 if unknown */
    const char *unit;                /* "t/yr", ... or "" */
    char low[REF_CASE_MAX_CODES][7]; /* List of Waste codes */
    size_t n_low;
    char from_nace[REF_CASE_MAX_CODES][8]; /* producers' activities */
    size_t n_from_nace;
    char to_nace[REF_CASE_MAX_CODES][8]; /* receivers' activities */
    size_t n_to_nace;
};

size_t ref_case_count(const struct ref *r);
const struct ref_case *ref_case_at(const struct ref *r, size_t i); /* file order */
/*
 * ref_cases_for_low - the cases naming a waste code or one of its parents
 * (a case on "1003" applies to "100305"). Stores up to max pointers in
 * file order and returns how many cases apply in all. A few hash probes.
 */
size_t ref_cases_for_low(const struct ref *r, const char *low_code, const struct ref_case **out,
                         size_t max);
/*
 * ref_case_feeds - true if some case shows waste low_code used by an
 * activity covering nace (nace lies under one of the case's to_nace).
 * Both canonical.
 */
bool ref_case_feeds(const struct ref *r, const char *low_code, const char *nace);

/* --- text search (accent-insensitive, every word must match a prefix) */
struct ref_hit {
    const char *code;
    const char *label_fr;
    int level;
};
/*
 * ref_low_search / ref_nace_search - entries whose code starts with the
 * query's digits, or whose folded French label contains every word of the
 * query as a word prefix ("dechets de bois" finds "déchets de bois").
 * Fills at most max hits in legal order; returns how many.
 */
size_t ref_low_search(const struct ref *r, const char *query, struct ref_hit *hits, size_t max);
size_t ref_nace_search(const struct ref *r, const char *query, struct ref_hit *hits, size_t max);
/*
 * ref_commune_search - communes for a name or postal-code field: a query
 * starting with a digit matches postal codes and INSEE codes by prefix;
 * otherwise every word must start a word of the folded name, with "st" and
 * "ste" read as "saint" and "sainte" ("st nazaire" finds Saint-Nazaire).
 * Names that start with the query come first, then the others, each in
 * INSEE order. Fills at most max pointers; returns how many.
 */
size_t ref_commune_search(const struct ref *r, const char *query, const struct ref_commune **out,
                          size_t max);

/* ================================================================== */
/* valorisation rules (helper match)                                   */
/* ================================================================== */

/*
 * A valorisation rule: outputs of one family (List of Waste codes or
 * prefixes, or an energy kind such as "chaleur") can replace the inputs
 * named, and are used by the receiving activities named. Loaded from
 * data/valorisation_rules.csv; economic defaults per code prefix from
 * data/match_defaults.csv. Read-only after loading.
 */
enum ref_route_freq {
    REF_FREQ_COMMON = 0, /* standard practice of the sector */
    REF_FREQ_USUAL,      /* well established, not everywhere */
    REF_FREQ_RARE,       /* documented, niche */
    REF_FREQ_COUNT
};

/* How specifically a route names a code: its own entry, or inherited
 * from the sub-chapter, the chapter or the material family; KIND for
 * energy, water and gases (no List of Waste code). */
enum ref_route_level {
    REF_LEVEL_ENTRY = 0,
    REF_LEVEL_SUBCHAPTER,
    REF_LEVEL_CHAPTER,
    REF_LEVEL_FAMILY,
    REF_LEVEL_KIND,
    REF_LEVEL_NONE /* the route does not apply to the code */
};

/* Family outputs are written "fam:NAME" (data/low_families.csv). */
#define REF_FAMILY_PREFIX "fam:"

struct ref_rule {
    char id[16];
    char **outputs; /* LoW codes or prefixes ("0301", "170405"), "fam:wood", or a kind */
    size_t n_outputs;
    char **inputs; /* codes or prefixes of needs this output can serve */
    size_t n_inputs;
    char **receivers; /* NACE prefixes of user activities ("16.21", "38.2", "01") */
    size_t n_receivers;
    char operation[4];         /* "R1".."R13" (Annex II of 2008/98/EC); "" for kinds */
    enum ref_route_freq freq;  /* how common the route is in documented practice */
    bool is_hazardous_ok;      /* hazardous entries accepted: the receivers named hold, by
                                  their activity, a permit for them (ICPE 27xx) */
    bool is_local;             /* added by a territory (--rules file), not shipped */
    double min_temp_c;         /* heat routes: lowest supply temperature used; NAN none */
    double virgin_kg_per_t;    /* CO2e of the material it replaces, kg per t; NAN none */
    double purchase_eur_per_t; /* price of the material it replaces; NAN none */
    const char *use_fr;        /* short French use: "panneaux de particules" */
    const char *source;
};

/* Economic defaults for a code prefix, used when a flow lacks economics. */
struct ref_econ {
    char prefix[24];           /* LoW prefix or kind; "*" is the fallback */
    double disposal_eur_per_t; /* what the giver pays today per unit */
    double purchase_eur_per_t; /* what a receiver pays for the input it replaces */
    double treatment_kg_per_t; /* CO2e of today's treatment, kg per unit */
    double virgin_kg_per_t;    /* CO2e of the virgin input replaced, kg per unit */
    const char *label_fr;
    const char *source;
};

struct ref_rules;

/*
 * ref_rules_load - reads valorisation_rules.csv, match_defaults.csv and
 * low_families.csv from data_dir (NULL: the embedded copies). With r,
 * every 6-digit entry must have exactly one family. r, when non-NULL, validates
 * every LoW and NACE code and resolves emission-factor keys; a factor
 * column may also hold a plain number (kgCO2e per unit). ERR_INPUT with
 * "file:line: field: reason". Free with ref_rules_free.
 */
int ref_rules_load(struct ref_rules **out, const struct ref *r, const char *data_dir,
                   struct err *e);
/* The same from buffers (tests, fuzzing); messages name the data files.
 * families_csv NULL: no material families (then "fam:" outputs are
 * refused). */
int ref_rules_parse(struct ref_rules **out, const struct ref *r, const char *families_csv,
                    size_t families_len, const char *rules_csv, size_t rules_len,
                    const char *defaults_csv, size_t defaults_len, struct err *e);
void ref_rules_free(struct ref_rules *rr);
size_t ref_rules_count(const struct ref_rules *rr);
const struct ref_rule *ref_rules_at(const struct ref_rules *rr, size_t i);
/*
 * ref_rules_add_csv - adds the routes of a local rules file (same columns
 * as valorisation_rules.csv; name labels the messages) to rr, marked
 * is_local. Ids must not clash with loaded ones. All or nothing: on
 * ERR_INPUT ("name:line: field: reason") rr is unchanged.
 */
int ref_rules_add_csv(struct ref_rules *rr, const struct ref *r, const char *name, const char *buf,
                      size_t len, struct err *e);
/* The material family of a 6-digit entry ("wood"); NULL if unknown or
 * if no families were loaded. */
const char *ref_rules_family(const struct ref_rules *rr, const char *code);
/* How rule applies to code (REF_LEVEL_NONE if it does not): the most
 * specific of its outputs covering code. */
enum ref_route_level ref_rule_level(const struct ref_rules *rr, const struct ref_rule *rule,
                                    const char *code);
/* French name of a level ("code propre", "sous-chapitre"...). */
const char *ref_route_level_fr(enum ref_route_level level);
/* true if the rule's source cites the documented case id as a whole
 * token ("ISD-1052.1" is not cited by "ISD-1052.12"). */
bool ref_rule_cites(const struct ref_rule *rule, const char *case_id);
/* Longest-prefix default for code; the "*" row if none (never NULL). */
const struct ref_econ *ref_rules_econ(const struct ref_rules *rr, const char *code);
/* true if code lies under prefix: LoW digits by prefix, NACE by prefix
 * on the canonical form, kinds by equality. */
bool ref_code_under(const char *code, const char *prefix);

/* ================================ treatment sites (helper prod5) */

/*
 * Waste treatment facilities of the region (data/treatment_sites.csv):
 * sorting centres, energy-from-waste plants, landfills, composting and
 * mechanical-biological plants, each with the List of Waste chapters it
 * accepts. Used as "the nearest treatment site" a company would drive its
 * own waste to (the baseline of the collection rounds). Loaded apart from
 * struct ref, so that only the callers that need it pay for it.
 */
#define REF_SITE_MAX_CHAPTERS 20

struct ref_site {
    char *name;
    char kind[24];       /* sorting_centre, energy_from_waste, landfill, composting */
    char *operator_name; /* "" if unknown */
    char insee[6];       /* commune of the site */
    struct geo_point pos;
    char chapters[REF_SITE_MAX_CHAPTERS][3]; /* accepted LoW chapters, "15" */
    size_t n_chapters;
};

struct ref_sites {
    struct ref_site *sites;
    size_t n;
};

/*
 * ref_sites_parse - reads a treatment sites CSV held in buf (len bytes,
 * need not be NUL-terminated; header with name, kind, commune_insee, lat,
 * lon, low_chapters; operator and coord_source optional; chapters are
 * two-digit codes joined by '|'). ERR_INPUT "FILE:LINE: field: reason"
 * with `file` as FILE. Fills *out (ref_sites_release; empty on error).
 */
int ref_sites_parse(const char *file, const char *buf, size_t len, struct ref_sites *out,
                    struct err *e);
/* Loads treatment_sites.csv from data_dir, or the embedded copy if NULL. */
int ref_sites_load(const char *data_dir, struct ref_sites *out, struct err *e);
void ref_sites_release(struct ref_sites *s);
/* true if site accepts waste code low_code (its two-digit chapter). */
bool ref_site_accepts(const struct ref_site *site, const char *low_code);
/*
 * ref_sites_nearest - the site nearest to p (straight line) that accepts
 * low_code; when no site accepts it (or low_code is NULL or ""), the
 * nearest site of any kind. *km (may be NULL) gets the straight-line
 * distance. NULL only if there is no site at all.
 */
const struct ref_site *ref_sites_nearest(const struct ref_sites *s, struct geo_point p,
                                         const char *low_code, double *km);

/* ------------------------------------ typical flows per activity (ref_typical.c) */

/*
 * data/typical_flows.csv: the usual outputs (offers) and inputs (needs) of
 * an activity with an order of magnitude per employee and year. Every
 * figure derived from it is an estimate: it is shown as such and never
 * stored as a declared flow (SOURCES.md, section 8).
 */
struct ref_typical_flow {
    char naf[8];                /* NACE division, group or class it applies under ("16.1") */
    bool is_offer;              /* output of the activity, else input */
    bool is_heat;               /* code "heat" (MWh), else a LoW code (t) */
    char code[8];               /* "030105" or "heat" */
    double qty_per_employee_yr; /* t or MWh */
    double uncertainty_factor;  /* true value within qty / f .. qty * f */
    char source[24];            /* key in SOURCES.md ("BREF-FDM") */
};

struct ref_typical {
    struct ref_typical_flow *rows;
    size_t n;
};

/*
 * ref_typical_load - reads typical_flows.csv from data_dir (NULL: the
 * embedded copy), checking every NACE and LoW code against r.
 * ERR_INPUT "typical_flows.csv:LINE: field: reason" on the first bad row.
 * Release with ref_typical_release.
 */
int ref_typical_load(struct ref_typical *out, const struct ref *r, const char *data_dir,
                     struct err *e);
int ref_typical_parse(struct ref_typical *out, const struct ref *r, const char *buf, size_t len,
                      struct err *e);
void ref_typical_release(struct ref_typical *t);
/*
 * ref_typical_for - the rows that apply to the canonical NAF code naf (the
 * row's NACE code covers it), at most max into out (borrowed). Returns
 * how many applied.
 */
size_t ref_typical_for(const struct ref_typical *t, const struct ref *r, const char *naf,
                       const struct ref_typical_flow **out, size_t max);
/* Employees of an establishment of SIRENE tranche code band: the middle of
 * the band ("11" 10-19 -> 14.5), 0.5 for "00" (no employee at the date), 1
 * for "NN" or an unknown code. */
double ref_typical_employees(const char *band);

#endif /* SYMBIOSE_REF_H */
