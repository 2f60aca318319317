/* SPDX-License-Identifier: MIT */
/*
 * ref_cases.c - the documented industrial-symbiosis exchanges of
 * is_cases.csv (Kalundborg, ISDATA), each read as evidence that "waste of
 * these codes fed these activities". Rows are validated against the List
 * of Waste and NACE already loaded; an index from each low code to its
 * cases lets a caller ask, per offer, which cases apply (a case on a
 * chapter or sub-chapter covers its entries) and whether an activity has
 * received such waste before. The curated valorisation cases of the
 * matching engine live apart, in cases.c.
 */
#include "ref_int.h"

#include <stdlib.h>
#include <string.h>

enum {
    REF_CASE_ID,
    REF_CASE_FROM_ACTIVITY,
    REF_CASE_FROM_NACE,
    REF_CASE_FLOW,
    REF_CASE_LOW,
    REF_CASE_TO_ACTIVITY,
    REF_CASE_TO_NACE,
    REF_CASE_QUANTITY,
    REF_CASE_UNIT,
    REF_CASE_SOURCE,
};

/*
 * Splits "23.51;42.11" into codes[] (each of size cap). Every code must
 * be in map (the List of Waste or NACE). An empty field gives no code.
 */
static int case_codes(struct slice s, const struct ref__map *m, const char *field, char *codes,
                      size_t cap, size_t *n, struct err *e)
{
    *n = 0;
    s = slice_trim(s);
    if (s.len == 0)
        return ERR_OK;
    for (size_t i = 0; i <= s.len;) {
        size_t j = i;
        while (j < s.len && s.p[j] != ';')
            j++;
        struct slice c = slice_trim(slice_from(s.p + i, j - i));
        char q[TEXT_EXCERPT_SIZE];
        uint32_t idx;
        if (*n == REF_CASE_MAX_CODES)
            return err_set(e, ERR_INPUT, "%s: more than %d codes", field, REF_CASE_MAX_CODES);
        if (c.len == 0 || c.len >= cap || !ref__map_get(m, c.p, c.len, &idx))
            return err_set(e, ERR_INPUT, "%s: unknown code '%s'", field,
                           text_excerpt(c, q, sizeof(q)));
        memcpy(codes + *n * cap, c.p, c.len);
        codes[*n * cap + c.len] = '\0';
        (*n)++;
        i = j + 1;
    }
    return ERR_OK;
}

int ref__case_row(struct ref *r, const struct slice *f, struct err *e)
{
    struct ref_case x;
    memset(&x, 0, sizeof(x));
    int rc = ref__field_text(r, f[REF_CASE_ID], "id", REF__REQUIRED, &x.id, e);
    if (!rc)
        rc = ref__field_text(r, f[REF_CASE_FROM_ACTIVITY], "from_activity", REF__OPTIONAL,
                             &x.from_activity, e);
    if (!rc)
        rc = ref__field_text(r, f[REF_CASE_FLOW], "flow", REF__REQUIRED, &x.flow, e);
    if (!rc)
        rc = ref__field_text(r, f[REF_CASE_TO_ACTIVITY], "to_activity", REF__OPTIONAL,
                             &x.to_activity, e);
    if (!rc)
        rc = ref__field_text(r, f[REF_CASE_UNIT], "unit", REF__OPTIONAL, &x.unit, e);
    if (!rc)
        rc = ref__field_text(r, f[REF_CASE_SOURCE], "source", REF__REQUIRED, &x.source, e);
    if (!rc)
        rc = case_codes(f[REF_CASE_LOW], &r->low_by_code, "low_code", x.low[0], sizeof(x.low[0]),
                        &x.n_low, e);
    if (!rc)
        rc = case_codes(f[REF_CASE_FROM_NACE], &r->nace_by_code, "from_nace", x.from_nace[0],
                        sizeof(x.from_nace[0]), &x.n_from_nace, e);
    if (!rc)
        rc = case_codes(f[REF_CASE_TO_NACE], &r->nace_by_code, "to_nace", x.to_nace[0],
                        sizeof(x.to_nace[0]), &x.n_to_nace, e);
    if (rc)
        return rc;
    if (f[REF_CASE_QUANTITY].len) {
        if (ref__field_number(f[REF_CASE_QUANTITY], "quantity", &x.quantity, e))
            return ERR_INPUT;
        if (x.quantity <= 0)
            return err_set(e, ERR_INPUT, "quantity: not positive");
        if (f[REF_CASE_UNIT].len == 0)
            return err_set(e, ERR_INPUT, "unit: empty while quantity is set");
    }
    CORE_GROW(r->cases, r->cap_cases, r->n_cases + 1);
    r->cases[r->n_cases++] = x;
    return ERR_OK;
}

/* (low code, case) pairs, sorted by code then case: the index's source. */
struct case_pair {
    const char *code;
    uint32_t idx;
};

static int case_pair_cmp(const void *a, const void *b)
{
    const struct case_pair *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c)
        return c;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

void ref__cases_index(struct ref *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_cases; i++)
        n += r->cases[i].n_low;
    struct case_pair *pairs = xmallocarray(n ? n : 1, sizeof(*pairs));
    size_t k = 0;
    for (size_t i = 0; i < r->n_cases; i++) {
        for (size_t c = 0; c < r->cases[i].n_low; c++)
            pairs[k++] = (struct case_pair){r->cases[i].low[c], (uint32_t)i};
    }
    qsort(pairs, n, sizeof(*pairs), case_pair_cmp);
    r->case_idx = xmallocarray(n ? n : 1, sizeof(uint32_t));
    r->case_groups = xmallocarray(n ? n : 1, sizeof(*r->case_groups));
    size_t n_groups = 0, m = 0;
    for (size_t i = 0; i < n; i++) {
        bool is_new_code = i == 0 || strcmp(pairs[i].code, pairs[i - 1].code) != 0;
        if (!is_new_code && pairs[i].idx == pairs[i - 1].idx)
            continue; /* a case naming a code twice */
        if (is_new_code) {
            /* keys point into r->cases, which no longer moves */
            ref__map_put(&r->case_group_by_low, pairs[i].code, (uint32_t)n_groups);
            r->case_groups[n_groups++] = (struct ref__case_group){(uint32_t)m, 0};
        }
        r->case_idx[m++] = pairs[i].idx;
        r->case_groups[n_groups - 1].n++;
    }
    free(pairs);
}

void ref__cases_release(struct ref *r)
{
    free(r->cases);
    free(r->case_idx);
    free(r->case_groups);
    ref__map_release(&r->case_group_by_low);
}

size_t ref_case_count(const struct ref *r)
{
    return r->n_cases;
}

const struct ref_case *ref_case_at(const struct ref *r, size_t i)
{
    return i < r->n_cases ? &r->cases[i] : NULL;
}

size_t ref_cases_for_low(const struct ref *r, const char *low_code, const struct ref_case **out,
                         size_t max)
{
    /* the groups of the code, its sub-chapter and its chapter, merged in
     * file order without repeats */
    const uint32_t *list[3];
    size_t len[3], n_lists = 0;
    size_t code_len = low_code ? strlen(low_code) : 0;
    if (code_len != 2 && code_len != 4 && code_len != 6)
        return 0;
    for (size_t l = 2; l <= code_len; l += 2) {
        uint32_t g;
        if (ref__map_get(&r->case_group_by_low, low_code, l, &g)) {
            list[n_lists] = r->case_idx + r->case_groups[g].start;
            len[n_lists++] = r->case_groups[g].n;
        }
    }
    size_t n = 0;
    for (;;) {
        uint32_t best = REF__NONE;
        for (size_t i = 0; i < n_lists; i++) {
            if (len[i] && list[i][0] < best)
                best = list[i][0];
        }
        if (best == REF__NONE)
            return n;
        for (size_t i = 0; i < n_lists; i++) {
            if (len[i] && list[i][0] == best) {
                list[i]++;
                len[i]--;
            }
        }
        if (n < max)
            out[n] = &r->cases[best];
        n++;
    }
}

bool ref_case_feeds(const struct ref *r, const char *low_code, const char *nace)
{
    const struct ref_case *stack[32];
    const struct ref_case **cases = stack;
    size_t n = ref_cases_for_low(r, low_code, stack, 32);
    if (n > 32) {
        cases = xmallocarray(n, sizeof(*cases));
        ref_cases_for_low(r, low_code, cases, n);
    }
    bool is_fed = false;
    for (size_t i = 0; i < n && !is_fed; i++) {
        for (size_t k = 0; k < cases[i]->n_to_nace && !is_fed; k++)
            is_fed = ref_nace_under(r, nace, cases[i]->to_nace[k]);
    }
    if (cases != stack)
        free(cases);
    return is_fed;
}
