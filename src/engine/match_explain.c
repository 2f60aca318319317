/* SPDX-License-Identifier: MIT */
/*
 * match_explain.c - the French sentence that explains a suggestion, short
 * enough for a facilitator to read aloud at a workshop:
 *   "même code 15 01 01 — 12 km — 40 t/an sur 60 t/an demandées — gain
 *    estimé 3 200 €/an, 9 t CO2e/an évitées"
 * Written with plain copies (no printf): the match command writes one per
 * suggestion, millions at the benchmark's scale.
 */
#include "engine_int.h"

#include <math.h>
#include <string.h>

struct ex_buf {
    char *p;
    size_t len;
    size_t cap; /* including the NUL */
};

/* The rare case of ex_add: the text does not fit and is cut. */
static void ex_add_cut(struct ex_buf *b, const char *s, size_t n)
{
    if (b->len + 1 >= b->cap)
        return;
    size_t room = b->cap - 1 - b->len;
    if (n > room)
        n = room;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* Inline, so that the copy of a literal is a few moves, not a call. */
static inline void ex_add(struct ex_buf *b, const char *s, size_t n)
{
    if (b->len + n >= b->cap) {
        ex_add_cut(b, s, n);
        return;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* Appends a string literal without measuring it at run time. */
#define EX_LIT(b, lit) ex_add((b), (lit), sizeof(lit) - 1)

static void ex_adds(struct ex_buf *b, const char *s)
{
    ex_add(b, s, strlen(s));
}

/* Formatted in place: numfmt_fixed cuts and ends the text as ex_add would. */
static void ex_num(struct ex_buf *b, double x, int decimals)
{
    if (b->len + 1 >= b->cap)
        return;
    b->len += numfmt_fixed(b->p + b->len, b->cap - b->len, x, decimals, ',', true);
}

/* A value with one decimal below 10, none above: "2,4", "12", "3 200". */
static void ex_amount(struct ex_buf *b, double x)
{
    ex_num(b, x, fabs(x) < 9.95 && fabs(x) >= 0.05 && fabs(x - round(x)) >= 0.05 ? 1 : 0);
}

/* "150101" -> "15 01 01"; other codes as they are. */
static void ex_code(struct ex_buf *b, const char *code)
{
    char out[ENGINE_CODE_MAX * 2];
    size_t n = 0, k = 0;
    bool is_low = true;
    while (n < ENGINE_CODE_MAX && code[n]) {
        is_low = is_low && code[n] >= '0' && code[n] <= '9';
        n++;
    }
    if (!is_low || (n != 2 && n != 4 && n != 6)) {
        ex_add(b, code, n);
        return;
    }
    for (size_t i = 0; i < n; i += 2) {
        if (i > 0)
            out[k++] = ' ';
        out[k++] = code[i];
        out[k++] = code[i + 1];
    }
    ex_add(b, out, k);
}

static const char *unit_fr(enum engine_dim d)
{
    switch (d) {
    case ENGINE_DIM_MASS:
        return " t/an";
    case ENGINE_DIM_ENERGY:
        return " MWh/an";
    case ENGINE_DIM_VOLUME:
        return " m³/an";
    case ENGINE_DIM_COUNT:
        return " unités/an";
    }
    return "";
}

/* The first reference of a source (up to the first ';'). */
static void ex_source(struct ex_buf *b, const char *src)
{
    const char *end = strchr(src, ';');
    ex_add(b, src, end ? (size_t)(end - src) : strlen(src));
}

/* "granulats recyclés — voie V123, R5, hérité du sous-chapitre, source :
 * EU BREF ..."; family routes start "voie générique : " in the data. */
static void ex_route(struct ex_buf *b, const struct ref_rule *r, enum ref_route_level level)
{
    if (level == REF_LEVEL_FAMILY && strncmp(r->use_fr, "voie générique", 15) != 0)
        EX_LIT(b, "voie générique : ");
    ex_adds(b, r->use_fr);
    EX_LIT(b, " — voie ");
    ex_adds(b, r->id);
    if (r->operation[0]) {
        EX_LIT(b, ", ");
        ex_adds(b, r->operation);
    }
    if (level != REF_LEVEL_NONE && level != REF_LEVEL_KIND && level != REF_LEVEL_FAMILY) {
        EX_LIT(b, ", ");
        ex_adds(b, ref_route_level_fr(level));
    }
    if (r->is_local)
        EX_LIT(b, ", voie locale");
    EX_LIT(b, ", source : ");
    ex_source(b, r->source);
}

size_t engine_match_explain(const struct engine_matcher *m, const struct engine_match *s, char *buf,
                            size_t cap)
{
    struct ex_buf b = {buf, 0, cap};
    if (cap == 0)
        return 0;
    buf[0] = '\0';
    const struct engine_flow *o = &m->flows[s->offer];
    const struct engine_flow *need = s->need != ENGINE_NONE ? &m->flows[s->need] : NULL;
    const struct ref_rule *r = s->rule != ENGINE_NONE ? ref_rules_at(m->rules, s->rule) : NULL;
    const char *unit = unit_fr(o->dim);
    switch (s->via) {
    case ENGINE_VIA_SAME_CODE:
        EX_LIT(&b, "même code ");
        ex_code(&b, o->code);
        break;
    case ENGINE_VIA_RULE:
        EX_LIT(&b, "valorisation ");
        ex_code(&b, o->code);
        EX_LIT(&b, " → ");
        ex_code(&b, s->need_code ? s->need_code : (need ? need->code : ""));
        if (r) {
            EX_LIT(&b, " : ");
            ex_route(&b, r, s->level);
        }
        break;
    case ENGINE_VIA_ACTIVITY:
        EX_LIT(&b, "aucun besoin déclaré, mais l'activité ");
        ex_adds(&b, m->orgs[s->receiver].naf);
        EX_LIT(&b, " utilise ce type de déchet (");
        ex_code(&b, o->code);
        if (r) {
            EX_LIT(&b, " : ");
            ex_route(&b, r, s->level);
        }
        EX_LIT(&b, ")");
        break;
    }
    EX_LIT(&b, " — ");
    ex_amount(&b, s->dist_km);
    EX_LIT(&b, " km — ");
    ex_amount(&b, s->qty);
    ex_adds(&b, unit);
    if (need) {
        EX_LIT(&b, " sur ");
        ex_amount(&b, s->need_qty);
        ex_adds(&b, unit);
        EX_LIT(&b, " demandées");
    } else {
        EX_LIT(&b, " proposées");
    }
    if (o->family == ENGINE_FAMILY_HEAT && need && !isnan(o->temp_c) && !isnan(need->temp_c)) {
        EX_LIT(&b, " — chaleur à ");
        ex_amount(&b, o->temp_c);
        EX_LIT(&b, " °C pour un besoin à ");
        ex_amount(&b, need->temp_c);
        EX_LIT(&b, " °C");
    }
    EX_LIT(&b, " — gain estimé ");
    ex_amount(&b, s->gain_eur);
    EX_LIT(&b, " €/an, ");
    ex_amount(&b, s->co2e_t);
    EX_LIT(&b, " t CO2e/an évitées");
    if (s->has_default)
        EX_LIT(&b, " (coûts par défaut, à confirmer)");
    if (o->is_hazardous)
        EX_LIT(&b, " — déchet dangereux : vérifier l'autorisation du receveur");
    return b.len;
}

size_t engine_pool_explain(const struct engine_pool *pool, const struct engine_flow *flows,
                           char *buf, size_t cap)
{
    struct ex_buf b = {buf, 0, cap};
    if (cap == 0)
        return 0;
    buf[0] = '\0';
    const char *unit = unit_fr(pool->dim);
    switch (pool->kind) {
    case ENGINE_POOL_COLLECTION:
        EX_LIT(&b, "collecte mutualisée de ");
        ex_code(&b, pool->code);
        break;
    case ENGINE_POOL_PURCHASE:
        EX_LIT(&b, "achat groupé : ");
        ex_adds(&b, pool->code);
        break;
    case ENGINE_POOL_TRAINING:
        EX_LIT(&b, "formation commune : ");
        ex_adds(&b, pool->code);
        break;
    case ENGINE_POOL_ROOM:
        EX_LIT(&b, "salle partagée, proposée par une organisation du groupe");
        break;
    }
    EX_LIT(&b, " — ");
    ex_amount(&b, (double)pool->n_orgs);
    EX_LIT(&b, " organisations");
    if (pool->territory == 0)
        EX_LIT(&b, " proches");
    else
        EX_LIT(&b, " du même territoire");
    if (pool->kind == ENGINE_POOL_COLLECTION || pool->kind == ENGINE_POOL_PURCHASE) {
        EX_LIT(&b, " — ");
        ex_amount(&b, pool->total_qty);
        ex_adds(&b, unit);
        EX_LIT(&b, " au total");
    }
    if (pool->kind == ENGINE_POOL_COLLECTION && pool->n_flows > 0) {
        double most = 0;
        for (size_t i = 0; i < pool->n_flows; i++)
            most = fmax(most, flows[pool->flows[i]].qty_per_yr);
        EX_LIT(&b, ", au plus ");
        ex_amount(&b, most);
        EX_LIT(&b, " t/an chacune");
    }
    EX_LIT(&b, " — gain estimé ");
    ex_amount(&b, pool->gain_eur);
    EX_LIT(&b, " €/an");
    if (pool->has_default)
        EX_LIT(&b, " (coûts par défaut, à confirmer)");
    return b.len;
}
