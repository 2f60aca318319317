/* SPDX-License-Identifier: MIT */
/*
 * anon.c - the label an anonymised organisation is shown with, chosen so
 * that at least k organisations share it (k-anonymity over the whole
 * population of organisations, docs/confidentiality.md).
 *
 * A label is (territory, activity, area). Levels go from fine to coarse:
 * NAF division or section, intercommunality (EPCI), département or the
 * region, then without the territory. At each level the organisations not
 * yet labelled are grouped by their key at that level; a group of k or
 * more takes that level's label. Whoever is left at the end takes the
 * coarsest label; if fewer than k are left, organisations of the largest
 * class join them, so that every class counts at least k members (as long
 * as the population has k organisations).
 */
#include "network_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum act_level { ACT_DIVISION, ACT_SECTION, ACT_NONE };
enum area_level { AREA_EPCI, AREA_DEP, AREA_REGION };

static const struct {
    enum act_level act;
    enum area_level area;
    bool has_territory;
} levels[] = {
    {ACT_DIVISION, AREA_EPCI, true},  {ACT_SECTION, AREA_EPCI, true},
    {ACT_DIVISION, AREA_DEP, true},   {ACT_SECTION, AREA_DEP, true},
    {ACT_SECTION, AREA_REGION, true}, {ACT_NONE, AREA_DEP, true},
    {ACT_NONE, AREA_REGION, true},    {ACT_SECTION, AREA_REGION, false},
    {ACT_NONE, AREA_REGION, false},
};
#define N_LEVELS (sizeof(levels) / sizeof(levels[0]))

/* One organisation while labelling. */
struct row {
    size_t i;     /* index in the input */
    char key[64]; /* its key at the current level */
    bool is_done; /* labelled */
    size_t level; /* the level that labelled it */
};

static void activity_of(const struct ref *r, const char *naf, enum act_level lv, char code[8],
                        const char **label)
{
    code[0] = '\0';
    *label = "activité non précisée";
    if (lv == ACT_NONE || !naf || !naf[0] || !naf[1])
        return;
    char div[3] = {naf[0], naf[1], '\0'};
    const struct ref_nace *d = ref_nace_find(r, div);
    if (!d)
        return;
    const struct ref_nace *n = d;
    if (lv == ACT_SECTION) {
        n = ref_nace_find(r, d->parent);
        if (!n)
            return;
    }
    snprintf(code, 8, "%s", n->code);
    *label = n->label_fr;
}

static void area_of(const struct ref *r, const char *insee, enum area_level lv, char code[16])
{
    const struct ref_commune *c = insee ? ref_commune_find(r, insee) : NULL;
    if (lv == AREA_EPCI && c && c->epci_siren[0])
        snprintf(code, 16, "epci:%s", c->epci_siren);
    else if (lv != AREA_REGION && c)
        snprintf(code, 16, "dep:%s", c->dep);
    else
        snprintf(code, 16, "region");
}

static void key_of(const struct ref *r, const struct network_anon_input *o, size_t level,
                   char key[64])
{
    char act[8], area[16];
    const char *label;
    activity_of(r, o->naf, levels[level].act, act, &label);
    area_of(r, o->commune_insee, levels[level].area, area);
    snprintf(key, 64, "%lld|%s|%s", levels[level].has_territory ? (long long)o->territory_id : -1LL,
             act, area);
}

static int row_cmp(const void *pa, const void *pb)
{
    const struct row *a = pa, *b = pb;
    if (a->is_done != b->is_done)
        return a->is_done ? 1 : -1;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The centre of an area: the mean of its communes' positions. */
static struct geo_point area_centre(const struct ref *r, const char *code)
{
    double lat = 0, lon = 0;
    size_t n = 0;
    for (size_t i = 0; i < ref_commune_count(r); i++) {
        const struct ref_commune *c = ref_commune_at(r, i);
        bool is_in = strcmp(code, "region") == 0 ||
                     (strncmp(code, "epci:", 5) == 0 && strcmp(code + 5, c->epci_siren) == 0) ||
                     (strncmp(code, "dep:", 4) == 0 && strcmp(code + 4, c->dep) == 0);
        if (is_in) {
            lat += c->pos.lat;
            lon += c->pos.lon;
            n++;
        }
    }
    return n ? (struct geo_point){lat / (double)n, lon / (double)n} : (struct geo_point){0, 0};
}

static const char *area_label(const struct ref *r, const char *insee, const char *code, char *buf,
                              size_t size)
{
    const struct ref_commune *c = insee ? ref_commune_find(r, insee) : NULL;
    if (strncmp(code, "epci:", 5) == 0 && c)
        return c->epci_name;
    if (strncmp(code, "dep:", 4) == 0) {
        snprintf(buf, size, "département %s", code + 4);
        return buf;
    }
    return "région";
}

static void label_set(const struct ref *r, const struct network_anon_input *o, size_t level,
                      struct network_anon_label *l)
{
    memset(l, 0, sizeof(*l));
    l->org_id = o->org_id;
    const char *act;
    activity_of(r, o->naf, levels[level].act, l->activity_code, &act);
    snprintf(l->activity, sizeof(l->activity), "%s", act);
    area_of(r, o->commune_insee, levels[level].area, l->area_code);
    char buf[32];
    snprintf(l->area, sizeof(l->area), "%s",
             area_label(r, o->commune_insee, l->area_code, buf, sizeof(buf)));
    l->territory_id = levels[level].has_territory ? o->territory_id : 0;
}

static int label_cmp(const void *pa, const void *pb)
{
    const struct network_anon_label *a = pa, *b = pb;
    return (a->org_id > b->org_id) - (a->org_id < b->org_id);
}

static int class_cmp(const void *pa, const void *pb)
{
    const struct network_anon_label *a = pa, *b = pb;
    if (a->territory_id != b->territory_id)
        return (a->territory_id > b->territory_id) - (a->territory_id < b->territory_id);
    int c = strcmp(a->activity_code, b->activity_code);
    return c ? c : strcmp(a->area_code, b->area_code);
}

/* The labels sorted by class (a copy to free()). */
static struct network_anon_label *by_class(const struct network_anon *a)
{
    struct network_anon_label *c = xmallocarray(a->n ? a->n : 1, sizeof(*c));
    if (a->n)
        memcpy(c, a->labels, a->n * sizeof(*c));
    qsort(c, a->n, sizeof(*c), class_cmp);
    return c;
}

/* The largest class other than `except`: its size (0 if none) and label. */
static size_t largest_class(const struct network_anon *a, const struct network_anon_label *except,
                            struct network_anon_label *out)
{
    struct network_anon_label *c = by_class(a);
    size_t best = 0;
    for (size_t i = 0; i < a->n;) {
        size_t j = i + 1;
        while (j < a->n && class_cmp(&c[i], &c[j]) == 0)
            j++;
        if (j - i > best && !network_anon_label_same(&c[i], except)) {
            best = j - i;
            *out = c[i];
        }
        i = j;
    }
    free(c);
    return best;
}

int network_anon_build(const struct ref *r, const struct network_anon_input *in, size_t n, size_t k,
                       struct network_anon *out, struct err *e)
{
    (void)e;
    memset(out, 0, sizeof(*out));
    if (n == 0)
        return ERR_OK;
    struct row *rows = xmallocarray(n, sizeof(*rows));
    for (size_t i = 0; i < n; i++)
        rows[i] = (struct row){.i = i};
    for (size_t lv = 0; lv < N_LEVELS; lv++) {
        for (size_t i = 0; i < n; i++) {
            if (!rows[i].is_done)
                key_of(r, &in[rows[i].i], lv, rows[i].key);
        }
        qsort(rows, n, sizeof(*rows), row_cmp);
        size_t start = 0;
        while (start < n && !rows[start].is_done) {
            size_t end = start + 1;
            while (end < n && !rows[end].is_done && strcmp(rows[end].key, rows[start].key) == 0)
                end++;
            bool is_last = lv + 1 == N_LEVELS;
            if (end - start >= k || is_last) {
                for (size_t j = start; j < end; j++) {
                    rows[j].is_done = true;
                    rows[j].level = lv;
                }
            }
            start = end;
        }
    }
    out->labels = xmallocarray(n, sizeof(*out->labels));
    out->n = n;
    for (size_t i = 0; i < n; i++)
        label_set(r, &in[rows[i].i], rows[i].level, &out->labels[i]);
    free(rows);
    /* a coarsest class smaller than k takes members of the largest class */
    struct network_anon_label last;
    label_set(r, &in[0], N_LEVELS - 1, &last);
    size_t n_last = network_anon_class_size(out, &last);
    if (n_last > 0 && n_last < k) {
        struct network_anon_label donor;
        size_t donor_size = largest_class(out, &last, &donor);
        size_t need = k - n_last;
        /* the whole class when taking part of it would leave it short */
        bool is_all = donor_size < need + k;
        for (size_t i = 0; donor_size && i < n && (is_all || need > 0); i++) {
            if (!network_anon_label_same(&out->labels[i], &donor))
                continue;
            int64_t id = out->labels[i].org_id;
            out->labels[i] = last;
            out->labels[i].org_id = id;
            if (need)
                need--;
        }
    }
    /* few areas: their centres computed once each */
    struct {
        char code[16];
        struct geo_point pos;
    } memo[128];
    size_t n_memo = 0;
    for (size_t i = 0; i < n; i++) {
        struct network_anon_label *l = &out->labels[i];
        size_t m = 0;
        while (m < n_memo && strcmp(memo[m].code, l->area_code) != 0)
            m++;
        if (m == n_memo) {
            struct geo_point p = area_centre(r, l->area_code);
            if (n_memo < sizeof(memo) / sizeof(memo[0])) {
                memcpy(memo[n_memo].code, l->area_code, sizeof(memo[0].code));
                memo[n_memo++].pos = p;
            }
            l->pos = p;
        } else {
            l->pos = memo[m].pos;
        }
    }
    qsort(out->labels, n, sizeof(*out->labels), label_cmp);
    return ERR_OK;
}

bool network_anon_label_same(const struct network_anon_label *a, const struct network_anon_label *b)
{
    return class_cmp(a, b) == 0;
}

size_t network_anon_class_size(const struct network_anon *a, const struct network_anon_label *l)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++)
        n += network_anon_label_same(&a->labels[i], l);
    return n;
}

size_t network_anon_min_class(const struct network_anon *a)
{
    struct network_anon_label *c = by_class(a);
    size_t min = 0;
    for (size_t i = 0; i < a->n;) {
        size_t j = i + 1;
        while (j < a->n && class_cmp(&c[i], &c[j]) == 0)
            j++;
        if (min == 0 || j - i < min)
            min = j - i;
        i = j;
    }
    free(c);
    return min;
}

const struct network_anon_label *network_anon_find(const struct network_anon *a, int64_t org_id)
{
    struct network_anon_label key = {.org_id = org_id};
    return a->n ? bsearch(&key, a->labels, a->n, sizeof(key), label_cmp) : NULL;
}

void network_anon_release(struct network_anon *a)
{
    free(a->labels);
    memset(a, 0, sizeof(*a));
}
