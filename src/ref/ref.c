/* SPDX-License-Identifier: MIT */
/*
 * ref.c - lookups in a loaded struct ref (by code, by parent, by postal
 * code), validation of user-typed waste and NAF codes, and the region
 * check. Everything here reads a struct ref that ref_load.c built; lookups
 * by code are one hash probe, so they can run once per imported row.
 */
#include "ref_int.h"

#include <string.h>

/* Longest part of a user input quoted back in an error message. */
#define REF_QUOTE_MAX 40

static int quote_len(struct slice s)
{
    return (int)(s.len > REF_QUOTE_MAX ? REF_QUOTE_MAX : s.len);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* --- List of Waste */

size_t ref_low_count(const struct ref *r)
{
    return r->n_low;
}

const struct ref_low *ref_low_at(const struct ref *r, size_t i)
{
    return i < r->n_low ? &r->low[i] : NULL;
}

const struct ref_low *ref_low_find(const struct ref *r, const char *code)
{
    uint32_t i;
    if (!code || !ref__map_get(&r->low_by_code, code, strlen(code), &i))
        return NULL;
    return &r->low[i];
}

/* Index of the first child of code (NULL or "" for the roots), or REF__NONE. */
static uint32_t tree_first(const struct ref__tree *t, const struct ref__map *m, const char *code)
{
    if (!code || !code[0])
        return t->roots_first;
    uint32_t i;
    if (!ref__map_get(m, code, strlen(code), &i))
        return REF__NONE;
    return t->first_child[i];
}

size_t ref_low_children(const struct ref *r, const char *code, const struct ref_low **out,
                        size_t max)
{
    size_t n = 0;
    for (uint32_t i = tree_first(&r->low_tree, &r->low_by_code, code); i != REF__NONE;
         i = r->low_tree.next_sibling[i]) {
        if (n < max)
            out[n] = &r->low[i];
        n++;
    }
    return n;
}

/*
 * Reads "15 01 01", "150101", "15.01.01" or "15-01-01": three pairs of
 * digits, each optionally followed by one separator. Stops after the third
 * pair; *used is the number of bytes read.
 */
static bool low_digits(struct slice s, char digits[7], size_t *used)
{
    size_t i = 0;
    for (int pair = 0; pair < 3; pair++) {
        if (pair > 0 && i < s.len && (s.p[i] == ' ' || s.p[i] == '.' || s.p[i] == '-'))
            i++;
        if (i + 2 > s.len || !is_digit(s.p[i]) || !is_digit(s.p[i + 1]))
            return false;
        digits[pair * 2] = s.p[i];
        digits[pair * 2 + 1] = s.p[i + 1];
        i += 2;
    }
    digits[6] = '\0';
    *used = i;
    return true;
}

int ref_low_parse(const struct ref *r, struct slice in, char out[7], struct err *e)
{
    struct slice s = slice_trim(in);
    char digits[7];
    size_t used = 0;
    if (!low_digits(s, digits, &used)) {
        /* a chapter or sub-chapter is a common mistake: say so */
        const struct ref_low *x = NULL;
        if ((s.len == 2 || s.len == 4) && is_digit(s.p[0]) && is_digit(s.p[1])) {
            char code[5] = {0};
            memcpy(code, s.p, s.len);
            x = ref_low_find(r, code);
        }
        if (x)
            return err_set(e, ERR_INPUT, "waste code '%.*s': a %s, not a 6-digit entry",
                           quote_len(s), s.p, x->level == 1 ? "chapter" : "sub-chapter");
        return err_set(e, ERR_INPUT, "waste code '%.*s': expected 6 digits such as 15 01 01",
                       quote_len(s), s.p);
    }
    struct slice rest = slice_trim(slice_from(s.p + used, s.len - used));
    bool has_star = rest.len > 0 && rest.p[0] == '*';
    if (has_star)
        rest = slice_trim(slice_from(rest.p + 1, rest.len - 1));
    if (rest.len)
        return err_set(e, ERR_INPUT, "waste code '%.*s': unexpected text after the code",
                       quote_len(s), s.p);
    const struct ref_low *x = ref_low_find(r, digits);
    if (!x)
        return err_set(e, ERR_INPUT, "waste code '%.*s': not in the List of Waste", quote_len(s),
                       s.p);
    if (has_star && !x->is_hazardous)
        return err_set(e, ERR_INPUT, "waste code '%.*s': marked '*' but the entry is not hazardous",
                       quote_len(s), s.p);
    memcpy(out, digits, 7);
    return ERR_OK;
}

void ref_low_format(const struct ref *r, const char *code, char buf[12])
{
    size_t n = code ? strlen(code) : 0;
    bool is_digits = n > 0;
    for (size_t i = 0; i < n; i++)
        is_digits = is_digits && is_digit(code[i]);
    if (!is_digits || (n != 2 && n != 4 && n != 6)) {
        /* not a code: copy what fits, unchanged */
        size_t k = n < 11 ? n : 11;
        if (k)
            memcpy(buf, code, k);
        buf[k] = '\0';
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i += 2) {
        if (i)
            buf[k++] = ' ';
        buf[k++] = code[i];
        buf[k++] = code[i + 1];
    }
    const struct ref_low *x = ref_low_find(r, code);
    if (x && x->is_hazardous)
        buf[k++] = '*';
    buf[k] = '\0';
}

/* --- NACE / NAF */

size_t ref_nace_count(const struct ref *r)
{
    return r->n_nace;
}

const struct ref_nace *ref_nace_at(const struct ref *r, size_t i)
{
    return i < r->n_nace ? &r->nace[i] : NULL;
}

const struct ref_nace *ref_nace_find(const struct ref *r, const char *code)
{
    uint32_t i;
    if (!code || !ref__map_get(&r->nace_by_code, code, strlen(code), &i))
        return NULL;
    return &r->nace[i];
}

size_t ref_nace_children(const struct ref *r, const char *code, const struct ref_nace **out,
                         size_t max)
{
    size_t n = 0;
    for (uint32_t i = tree_first(&r->nace_tree, &r->nace_by_code, code); i != REF__NONE;
         i = r->nace_tree.next_sibling[i]) {
        if (n < max)
            out[n] = &r->nace[i];
        n++;
    }
    return n;
}

int ref_naf_parse(const struct ref *r, struct slice in, char out[8], struct err *e)
{
    struct slice s = slice_trim(in);
    char code[8];
    size_t i = 0, k = 0;
    bool ok = s.len >= 4;
    for (int d = 0; ok && d < 4; d++) {
        if (d == 2) {
            code[k++] = '.';
            if (i < s.len && s.p[i] == '.')
                i++;
        }
        ok = i < s.len && is_digit(s.p[i]);
        if (ok)
            code[k++] = s.p[i++];
    }
    if (ok && i < s.len) {
        char c = s.p[i++];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        ok = c >= 'A' && c <= 'Z' && i == s.len;
        code[k++] = c;
    }
    code[k] = '\0';
    if (!ok)
        return err_set(e, ERR_INPUT,
                       "NAF code '%.*s': expected a sub-class such as 23.51Z or a class such as "
                       "23.51",
                       quote_len(s), s.p);
    if (!ref_nace_find(r, code))
        return err_set(e, ERR_INPUT, "NAF code '%.*s': not in NAF rev. 2", quote_len(s), s.p);
    memcpy(out, code, k + 1);
    return ERR_OK;
}

bool ref_nace_under(const struct ref *r, const char *code, const char *prefix)
{
    if (!code || !prefix || !prefix[0])
        return false;
    const struct ref_nace *x = ref_nace_find(r, code);
    while (x) {
        if (strcmp(x->code, prefix) == 0)
            return true;
        x = x->parent[0] ? ref_nace_find(r, x->parent) : NULL;
    }
    return false;
}

/* --- communes */

size_t ref_commune_count(const struct ref *r)
{
    return r->n_communes;
}

const struct ref_commune *ref_commune_at(const struct ref *r, size_t i)
{
    return i < r->n_communes ? &r->communes[i] : NULL;
}

const struct ref_commune *ref_commune_find(const struct ref *r, const char *insee)
{
    uint32_t i;
    if (!insee || !ref__map_get(&r->commune_by_insee, insee, strlen(insee), &i))
        return NULL;
    return &r->communes[i];
}

const struct ref_commune *ref_commune_by_postal(const struct ref *r, const char *postal)
{
    uint32_t i;
    if (!postal || !ref__map_get(&r->commune_by_postal, postal, strlen(postal), &i))
        return NULL;
    return &r->communes[i];
}

bool ref_in_region(const struct ref *r, struct geo_point p)
{
    return geo_point_valid(p) && p.lat >= r->region_min.lat && p.lat <= r->region_max.lat &&
           p.lon >= r->region_min.lon && p.lon <= r->region_max.lon;
}

/* --- emission factors */

size_t ref_factor_count(const struct ref *r)
{
    return r->n_factors;
}

const struct ref_factor *ref_factor_at(const struct ref *r, size_t i)
{
    return i < r->n_factors ? &r->factors[i] : NULL;
}

const struct ref_factor *ref_factor_find(const struct ref *r, const char *key)
{
    uint32_t i;
    if (!key || !ref__map_get(&r->factor_by_key, key, strlen(key), &i))
        return NULL;
    return &r->factors[i];
}
