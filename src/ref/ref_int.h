/* SPDX-License-Identifier: MIT */
/*
 * ref_int.h - declarations shared by the files of the ref module: the
 * layout of struct ref, the string arena that owns every label, and the
 * small string-keyed hash map used for the per-row lookups.
 *
 * ref_load.c fills a struct ref; ref.c answers lookups and parses codes;
 * ref_search.c does the label search; ref_util.c holds the arena and map.
 */
#ifndef SYMBIOSE_REF_INT_H
#define SYMBIOSE_REF_INT_H

#include "ref.h"

/*
 * ref__arena - bump allocator for strings. Chunks are never moved, so a
 * pointer into the arena stays valid until ref__arena_release.
 */
struct ref__chunk;
struct ref__arena {
    struct ref__chunk *head; /* newest chunk first; NULL when empty */
};

void ref__arena_init(struct ref__arena *a);
/* Copies n bytes plus a NUL into the arena and returns the copy. */
const char *ref__arena_dup(struct ref__arena *a, const char *p, size_t n);
void ref__arena_release(struct ref__arena *a);

/*
 * ref__map - open-addressing hash map from a string key to an index into
 * one of the arrays of struct ref. Keys are borrowed (they live in the
 * arena or in a fixed array of the indexed record, which never moves once
 * loading is over: see ref__map_build). Invariant: cap is 0 or a power of
 * two and n * 2 <= cap.
 */
struct ref__slot {
    const char *key; /* NULL for an empty slot */
    uint32_t len;    /* strlen(key) */
    uint32_t idx;    /* index into the indexed array */
};

struct ref__map {
    struct ref__slot *slots;
    size_t cap;
    size_t n;
};

void ref__map_init(struct ref__map *m);
/* Inserts key -> idx; returns false (and changes nothing) if key is there. */
bool ref__map_put(struct ref__map *m, const char *key, uint32_t idx);
/* Finds key; true and *idx set if present. */
bool ref__map_get(const struct ref__map *m, const char *key, size_t len, uint32_t *idx);
void ref__map_release(struct ref__map *m);

/*
 * Parent/child links of a code tree (List of Waste or NACE), by index:
 * first_child[i] and next_sibling[i] are indexes or REF__NONE. Roots
 * (chapters, sections) are chained from roots_first in file order.
 */
#define REF__NONE UINT32_MAX

struct ref__tree {
    uint32_t *first_child;
    uint32_t *next_sibling;
    uint32_t roots_first;
    uint32_t roots_last;
};

/* The cases naming one low code: case_idx[start .. start + n). */
struct ref__case_group {
    uint32_t start;
    uint32_t n;
};

struct ref {
    struct ref__arena arena; /* owns every string below */

    struct ref_low *low; /* legal-annex order */
    size_t n_low;
    size_t cap_low;
    struct ref__map low_by_code;
    struct ref__tree low_tree;

    struct ref_nace *nace; /* file order: section, division, ..., sub-class */
    size_t n_nace;
    size_t cap_nace;
    struct ref__map nace_by_code;
    struct ref__tree nace_tree;

    struct ref_commune *communes;
    size_t n_communes;
    size_t cap_communes;
    struct ref__map commune_by_insee;
    struct ref__map commune_by_postal; /* first commune of each postal code */
    struct geo_point region_min;       /* bounding box of the communes, */
    struct geo_point region_max;       /* margin included */

    struct ref_factor *factors;
    size_t n_factors;
    size_t cap_factors;
    struct ref__map factor_by_key;

    struct ref_case *cases;
    size_t n_cases;
    size_t cap_cases;
    struct ref__map case_group_by_low; /* low code -> index into case_groups */
    struct ref__case_group *case_groups;
    uint32_t *case_idx; /* case indexes, grouped by low code, file order */
};

/* Builds the child links of a tree from the parent index of each node
 * (REF__NONE for roots); parent_of is read n times. */
void ref__tree_build(struct ref__tree *t, const uint32_t *parent_of, size_t n);
void ref__tree_release(struct ref__tree *t);

/* Whether a field of a reference file may be empty. */
enum ref__presence { REF__OPTIONAL, REF__REQUIRED };

/* Copies a text field (valid UTF-8; not empty if REF__REQUIRED) into the
 * arena; ERR_INPUT "field: reason" otherwise. */
int ref__field_text(struct ref *r, struct slice s, const char *field, enum ref__presence presence,
                    const char **out, struct err *e);

/* Parses a number field; ERR_INPUT "field: 'excerpt' is not a number". */
int ref__field_number(struct slice s, const char *field, double *out, struct err *e);

/* ref_cases.c: parses one is_cases.csv row (fields: id, from_activity,
 * from_nace, flow, low_code, to_activity, to_nace, quantity, unit,
 * source); builds the index once every case is loaded; frees. */
int ref__case_row(struct ref *r, const struct slice *f, struct err *e);
void ref__cases_index(struct ref *r);
void ref__cases_release(struct ref *r);

#endif /* SYMBIOSE_REF_INT_H */
