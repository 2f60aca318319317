/* SPDX-License-Identifier: MIT */
/*
 * match_rules.c - what an offer's code is compatible with, and what an
 * exchange is worth. Compatibility links come from three sources: the
 * same code, a valorisation rule naming the need's code among its inputs,
 * and a rule naming the receiver's activity (potential receivers). The
 * economics use the flows' own costs, else the defaults per code prefix
 * of data/match_defaults.csv (then the suggestion says so).
 */
#include "engine_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Used when no rules are loaded: orders of magnitude documented in
 * data/SOURCES.md for the "*" row of match_defaults.csv. */
static const struct ref_econ builtin_econ = {
    .prefix = "*",
    .disposal_eur_per_t = 100.0,
    .purchase_eur_per_t = 20.0,
    .treatment_kg_per_t = 386.0,
    .virgin_kg_per_t = 0.0,
    .label_fr = "valeurs génériques",
    .source = "built-in copy of the '*' row of data/match_defaults.csv",
};

const struct ref_econ *engine__econ(const struct engine_matcher *m, const char *code)
{
    return m->rules ? ref_rules_econ(m->rules, code) : &builtin_econ;
}

bool engine__org_handles(const struct engine_org *o, const char *code)
{
    if (!o->handles)
        return false;
    size_t n = strlen(code);
    const char *p = o->handles;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len > 0 && *p == ' ') {
            p++;
            len--;
        }
        while (len > 0 && p[len - 1] == ' ')
            len--;
        if (len > 0 && len <= n && memcmp(p, code, len) == 0)
            return true;
        if (!end)
            break;
        p = end + 1;
    }
    return false;
}

static bool rule_has_input(const struct ref_rule *r, const char *code)
{
    for (size_t i = 0; i < r->n_inputs; i++) {
        if (ref_code_under(code, r->inputs[i]))
            return true;
    }
    return false;
}

static double link_value(const struct engine_matcher *m, const struct mt_link *l)
{
    return (l->rank_purchase + m->p.carbon_eur_per_t * l->rank_virgin_kg / 1000.0) *
           l->bound_weight;
}

/* For a hazardous code, whether a rule link may take it without the
 * receiver declaring it (potential receivers only). */
static bool link_takes_hazardous(const struct engine_matcher *m, const struct mt_link *l)
{
    return l->via != ENGINE_VIA_ACTIVITY || ref_rules_at(m->rules, l->rule)->is_hazardous_ok;
}

/* Adds l, or keeps the better of l and an existing link to the same target.
 * A family route is a fallback: it never replaces a more specific link.
 * For a hazardous code, a route that accepts it beats one that does not. */
static void links_add(const struct engine_matcher *m, struct mt_code *c, size_t *cap,
                      struct mt_link *l)
{
    l->value = link_value(m, l);
    for (size_t i = 0; i < c->n_links; i++) {
        if (c->links[i].target == l->target) {
            struct mt_link *old = &c->links[i];
            bool is_fallback = l->level == REF_LEVEL_FAMILY && old->level != REF_LEVEL_FAMILY;
            if (c->is_hazardous && link_takes_hazardous(m, l) != link_takes_hazardous(m, old)) {
                if (link_takes_hazardous(m, l))
                    *old = *l;
                return;
            }
            if (!is_fallback && l->value > old->value)
                *old = *l;
            return;
        }
    }
    CORE_GROW(c->links, *cap, c->n_links + 1);
    c->links[c->n_links++] = *l;
}

static int links_cmp(const void *pa, const void *pb)
{
    const struct mt_link *a = pa, *b = pb;
    if (a->value != b->value)
        return a->value > b->value ? -1 : 1;
    return a->target < b->target ? -1 : a->target > b->target;
}

static double or_default(double v, double dflt)
{
    return isnan(v) ? dflt : v;
}

/*
 * How much a rule's naming of an activity says about one organisation: a
 * NACE class ("16.21") names what it does, a group ("01.4") or a division
 * ("38") only its family, so potential receivers found through a broad
 * name rank below those found through a precise one of similar value.
 */
static double activity_confidence(const char *nace_prefix)
{
    size_t n = strlen(nace_prefix);
    return n >= 5 ? 1.0 : (n == 4 ? 0.9 : 0.75);
}

/*
 * What the knowledge says of a potential receiver before distance: a route
 * written for the code itself beats one inherited from its sub-chapter or
 * chapter, which beats the generic route of its material family; among
 * routes of one level, a route common in documented practice beats a usual
 * one, which beats a rare one. The frequency steps (5 %) are smaller than
 * the level steps (15 % and more), so that specificity comes first: a rare
 * route written for the entry still beats a common one inherited from its
 * sub-chapter. All steps are larger than what transport costs over the
 * radius (a few percent of the value per unit), so among routes of similar
 * value they decide the order and distance only breaks ties.
 */
static double route_weight(const struct ref_rule *r, enum ref_route_level level)
{
    static const double by_level[] = {1.0, 0.85, 0.72, 0.5, 1.0, 0.0};
    static const double by_freq[REF_FREQ_COUNT] = {1.0, 0.95, 0.9};
    return by_level[level] * by_freq[r->freq];
}

/* A route lists its receiving activities main user first (data/SOURCES.md):
 * among equals the first named comes first, by a step a little smaller than
 * what 30 km of transport costs against a typical value per tonne. */
static double receiver_rank_weight(size_t k)
{
    return 1.0 - 0.03 * (double)(k < 4 ? k : 4);
}

/* Builds the links of rules of one pass: specific routes first, then the
 * family routes, which only reach targets nothing more specific reaches. */
static void links_from_rules(struct engine_matcher *m, struct mt_code *c, size_t *cap,
                             bool is_family_pass)
{
    uint32_t ci = (uint32_t)(c - m->codes);
    const struct ref_econ *own = engine__econ(m, c->code);
    size_t n_rules = ref_rules_count(m->rules);
    for (size_t ri = 0; ri < n_rules; ri++) {
        const struct ref_rule *r = ref_rules_at(m->rules, ri);
        enum ref_route_level level = ref_rule_level(m->rules, r, c->code);
        if (level == REF_LEVEL_NONE || (level == REF_LEVEL_FAMILY) != is_family_pass)
            continue;
        if (m->p.exclude_case && ref_rule_cites(r, m->p.exclude_case))
            continue;
        for (uint32_t j = 0; m->p.use_rules && j < m->n_codes; j++) {
            if (j == ci || m->targets[j].n == 0 || !rule_has_input(r, m->codes[j].code))
                continue;
            const struct ref_econ *ec = engine__econ(m, m->codes[j].code);
            struct mt_link l = {j,
                                ENGINE_VIA_RULE,
                                ri,
                                level,
                                or_default(r->purchase_eur_per_t, ec->purchase_eur_per_t),
                                or_default(r->virgin_kg_per_t, ec->virgin_kg_per_t),
                                or_default(r->purchase_eur_per_t, ec->purchase_eur_per_t),
                                or_default(r->virgin_kg_per_t, ec->virgin_kg_per_t),
                                1.0,
                                0};
            links_add(m, c, cap, &l);
        }
        for (size_t k = 0; m->p.find_potential && k < r->n_receivers; k++) {
            for (size_t t = m->n_codes; t < m->n_targets; t++) {
                if (m->targets[t].n == 0 || strcmp(m->targets[t].code, r->receivers[k]) != 0)
                    continue;
                struct mt_link l = {(uint32_t)t,
                                    ENGINE_VIA_ACTIVITY,
                                    ri,
                                    level,
                                    or_default(r->purchase_eur_per_t, own->purchase_eur_per_t),
                                    or_default(r->virgin_kg_per_t, own->virgin_kg_per_t),
                                    own->purchase_eur_per_t,
                                    own->virgin_kg_per_t,
                                    m->p.potential_weight * activity_confidence(r->receivers[k]) *
                                        route_weight(r, level) * receiver_rank_weight(k),
                                    0};
                links_add(m, c, cap, &l);
            }
        }
    }
}

void engine__links_build(struct engine_matcher *m, struct mt_code *c)
{
    size_t cap = 0;
    uint32_t ci = (uint32_t)(c - m->codes);
    const struct ref_econ *own = engine__econ(m, c->code);
    c->has_links = true;
    if (m->targets[ci].n > 0) {
        struct mt_link l = {ci,
                            ENGINE_VIA_SAME_CODE,
                            ENGINE_NONE,
                            REF_LEVEL_NONE,
                            own->purchase_eur_per_t,
                            own->virgin_kg_per_t,
                            own->purchase_eur_per_t,
                            own->virgin_kg_per_t,
                            1.0,
                            0};
        links_add(m, c, &cap, &l);
    }
    links_from_rules(m, c, &cap, false);
    links_from_rules(m, c, &cap, true);
    if (c->n_links > 1)
        qsort(c->links, c->n_links, sizeof(*c->links), links_cmp);
}

double engine__offer_disposal(const struct ref_econ *ec, const struct engine_flow *offer,
                              bool *is_default)
{
    /* a negative cost is a revenue the giver loses by giving the waste away */
    if (!isnan(offer->cost_eur_per_unit)) {
        *is_default = false;
        return offer->cost_eur_per_unit;
    }
    *is_default = true;
    return ec->disposal_eur_per_t;
}

void engine__score(const struct engine_matcher *m, const struct engine_flow *offer,
                   const struct ref_econ *ec, const struct mt_link *link,
                   const struct mt_entry *need, struct engine_match *s)
{
    bool dflt_disposal = false, dflt_purchase = true;
    double disposal = engine__offer_disposal(ec, offer, &dflt_disposal);
    double purchase = link->purchase;
    if (need && !isnan(need->cost)) {
        purchase = need->cost;
        dflt_purchase = false;
    }
    double q = need ? fmin(offer->qty_per_yr, need->qty) : offer->qty_per_yr;
    bool is_mass = offer->dim == ENGINE_DIM_MASS;
    double d = is_mass ? s->dist_km : 0.0;
    s->qty = q;
    s->gain_eur = q * (disposal + purchase) - q * d * m->p.transport_eur_per_t_km;
    s->co2e_t = q * (ec->treatment_kg_per_t + link->virgin_kg) / 1000.0 -
                q * d * m->p.freight_kg_per_t_km / 1000.0;
    /* the score counts what the ranking trusts (see struct mt_link) */
    double rank_purchase = need && !isnan(need->cost) ? need->cost : link->rank_purchase;
    double rank_gain = q * (disposal + rank_purchase) - q * d * m->p.transport_eur_per_t_km;
    double rank_co2e_t = q * (ec->treatment_kg_per_t + link->rank_virgin_kg) / 1000.0 -
                         q * d * m->p.freight_kg_per_t_km / 1000.0;
    s->score = (rank_gain + m->p.carbon_eur_per_t * rank_co2e_t) * link->bound_weight;
    s->has_default = dflt_disposal || dflt_purchase;
}
