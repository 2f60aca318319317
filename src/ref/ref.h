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
    const char *label_en;
    const char *fold_fr;
};

struct ref_commune {
    char insee[6]; /* "44109" */
    char dep[4];   /* "44" */
    char postal_code[6];
    const char *postal_codes; /* all of them, joined with '|' */
    const char *name;
    struct geo_point pos; /* La Poste point, close to the centroid */
    char epci_siren[10];
    const char *epci_name;
    const char *epci_type; /* CC, CA, CU or METRO */
    long population;
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
 * ref_load - loads every reference file. data_dir NULL means the copies
 * embedded in the program. Returns ERR_OK and a new struct (ref_free), or
 * ERR_INPUT naming "file:line: reason" if a file is malformed.
 */
int ref_load(struct ref **out, const char *data_dir, struct err *e);
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
/* The region's bounding box, with a margin of about 10 km. */
bool ref_in_region(const struct ref *r, struct geo_point p);

/* --- emission factors */
const struct ref_factor *ref_factor_find(const struct ref *r, const char *key);
size_t ref_factor_count(const struct ref *r);
const struct ref_factor *ref_factor_at(const struct ref *r, size_t i); /* file order */

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

#endif /* SYMBIOSE_REF_H */
