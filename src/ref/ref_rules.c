/* SPDX-License-Identifier: MIT */
/*
 * ref_rules.c - valorisation rules: the documented exchanges of
 * is_cases.csv read as "waste of these codes feeds these activities".
 * Rows are validated against the List of Waste and NACE already loaded;
 * an index from each low code to its rules lets the engine ask, per offer,
 * which rules apply (a rule on a chapter or sub-chapter covers its
 * entries) and whether an activity is a potential receiver.
 */
#include "ref_int.h"

#include <stdlib.h>
#include <string.h>

enum {
    RULE_ID,
    RULE_FROM_ACTIVITY,
    RULE_FROM_NACE,
    RULE_FLOW,
    RULE_LOW,
    RULE_TO_ACTIVITY,
    RULE_TO_NACE,
    RULE_QUANTITY,
    RULE_UNIT,
    RULE_SOURCE,
};

/*
 * Splits "23.51;42.11" into codes[] (each of size cap). Every code must
 * be in map (the List of Waste or NACE). An empty field gives no code.
 */
static int rule_codes(struct slice s, const struct ref__map *m, const char *field, char *codes,
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
        uint32_t idx;
        if (*n == REF_RULE_MAX_CODES)
            return err_set(e, ERR_INPUT, "%s: more than %d codes", field, REF_RULE_MAX_CODES);
        if (c.len == 0 || c.len >= cap || !ref__map_get(m, c.p, c.len, &idx))
            return err_set(e, ERR_INPUT, "%s: unknown code '%.*s'", field,
                           (int)(c.len > 12 ? 12 : c.len), c.p);
        memcpy(codes + *n * cap, c.p, c.len);
        codes[*n * cap + c.len] = '\0';
        (*n)++;
        i = j + 1;
    }
    return ERR_OK;
}

int ref__rule_row(struct ref *r, const struct slice *f, struct err *e)
{
    struct ref_rule x;
    memset(&x, 0, sizeof(x));
    int rc = ref__field_text(r, f[RULE_ID], "id", true, &x.id, e);
    if (!rc)
        rc = ref__field_text(r, f[RULE_FROM_ACTIVITY], "from_activity", false, &x.from_activity, e);
    if (!rc)
        rc = ref__field_text(r, f[RULE_FLOW], "flow", true, &x.flow, e);
    if (!rc)
        rc = ref__field_text(r, f[RULE_TO_ACTIVITY], "to_activity", false, &x.to_activity, e);
    if (!rc)
        rc = ref__field_text(r, f[RULE_UNIT], "unit", false, &x.unit, e);
    if (!rc)
        rc = ref__field_text(r, f[RULE_SOURCE], "source", true, &x.source, e);
    if (!rc)
        rc = rule_codes(f[RULE_LOW], &r->low_by_code, "low_code", x.low[0], sizeof(x.low[0]),
                        &x.n_low, e);
    if (!rc)
        rc = rule_codes(f[RULE_FROM_NACE], &r->nace_by_code, "from_nace", x.from_nace[0],
                        sizeof(x.from_nace[0]), &x.n_from_nace, e);
    if (!rc)
        rc = rule_codes(f[RULE_TO_NACE], &r->nace_by_code, "to_nace", x.to_nace[0],
                        sizeof(x.to_nace[0]), &x.n_to_nace, e);
    if (rc)
        return rc;
    if (f[RULE_QUANTITY].len) {
        if (parse_double(f[RULE_QUANTITY], &x.quantity, e))
            return err_prefix(e, "quantity");
        if (x.quantity <= 0)
            return err_set(e, ERR_INPUT, "quantity: not positive");
        if (f[RULE_UNIT].len == 0)
            return err_set(e, ERR_INPUT, "unit: empty while quantity is set");
    }
    CORE_GROW(r->rules, r->cap_rules, r->n_rules + 1);
    r->rules[r->n_rules++] = x;
    return ERR_OK;
}

/* (low code, rule) pairs, sorted by code then rule: the index's source. */
struct rule_pair {
    const char *code;
    uint32_t rule;
};

static int rule_pair_cmp(const void *a, const void *b)
{
    const struct rule_pair *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c)
        return c;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

void ref__rules_index(struct ref *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_rules; i++)
        n += r->rules[i].n_low;
    struct rule_pair *pairs = xmallocarray(n ? n : 1, sizeof(*pairs));
    size_t k = 0;
    for (size_t i = 0; i < r->n_rules; i++) {
        for (size_t c = 0; c < r->rules[i].n_low; c++)
            pairs[k++] = (struct rule_pair){r->rules[i].low[c], (uint32_t)i};
    }
    qsort(pairs, n, sizeof(*pairs), rule_pair_cmp);
    r->rule_idx = xmallocarray(n ? n : 1, sizeof(uint32_t));
    r->rule_groups = xmallocarray(n ? n : 1, sizeof(*r->rule_groups));
    size_t n_groups = 0, m = 0;
    for (size_t i = 0; i < n; i++) {
        bool is_new_code = i == 0 || strcmp(pairs[i].code, pairs[i - 1].code) != 0;
        if (!is_new_code && pairs[i].rule == pairs[i - 1].rule)
            continue; /* a rule naming a code twice */
        if (is_new_code) {
            /* keys point into r->rules, which no longer moves */
            ref__map_put(&r->rule_group_by_low, pairs[i].code, (uint32_t)n_groups);
            r->rule_groups[n_groups++] = (struct ref__rule_group){(uint32_t)m, 0};
        }
        r->rule_idx[m++] = pairs[i].rule;
        r->rule_groups[n_groups - 1].n++;
    }
    free(pairs);
}

void ref__rules_release(struct ref *r)
{
    free(r->rules);
    free(r->rule_idx);
    free(r->rule_groups);
    ref__map_release(&r->rule_group_by_low);
}

size_t ref_rule_count(const struct ref *r)
{
    return r->n_rules;
}

const struct ref_rule *ref_rule_at(const struct ref *r, size_t i)
{
    return i < r->n_rules ? &r->rules[i] : NULL;
}

size_t ref_rules_for_low(const struct ref *r, const char *low_code, const struct ref_rule **out,
                         size_t max)
{
    /* the groups of the code, its sub-chapter and its chapter, merged in
     * rule order without repeats */
    const uint32_t *list[3];
    size_t len[3], n_lists = 0;
    size_t code_len = low_code ? strlen(low_code) : 0;
    if (code_len != 2 && code_len != 4 && code_len != 6)
        return 0;
    for (size_t l = 2; l <= code_len; l += 2) {
        uint32_t g;
        if (ref__map_get(&r->rule_group_by_low, low_code, l, &g)) {
            list[n_lists] = r->rule_idx + r->rule_groups[g].start;
            len[n_lists++] = r->rule_groups[g].n;
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
            out[n] = &r->rules[best];
        n++;
    }
}

bool ref_rule_feeds(const struct ref *r, const char *low_code, const char *nace)
{
    const struct ref_rule *stack[32];
    const struct ref_rule **rules = stack;
    size_t n = ref_rules_for_low(r, low_code, stack, 32);
    if (n > 32) {
        rules = xmallocarray(n, sizeof(*rules));
        ref_rules_for_low(r, low_code, rules, n);
    }
    bool is_fed = false;
    for (size_t i = 0; i < n && !is_fed; i++) {
        for (size_t k = 0; k < rules[i]->n_to_nace && !is_fed; k++)
            is_fed = ref_nace_under(r, nace, rules[i]->to_nace[k]);
    }
    if (rules != stack)
        free(rules);
    return is_fed;
}
