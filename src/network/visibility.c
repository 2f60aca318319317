/* SPDX-License-Identifier: MIT */
/*
 * visibility.c - the one rule of confidentiality (DESIGN.md "Confidentiality,
 * one rule"; the table is docs/confidentiality.md). Every view of an
 * organisation or a flow, direct or derived (synergies, allocation plans,
 * rounds, collections, purchases, registry), asks network_view what the
 * caller may see; a derived view shows no more than that.
 *
 * The rule is a pure function of the caller (role, organisation,
 * territories) and of the subject (its organisation, territory,
 * confidentiality, and whether a working relation links it to the caller:
 * contact accepted on both sides of a synergy, or a pooled collection the
 * caller's collector organisation serves). store_view_relation computes that
 * relation from the database.
 */
#include "network_int.h"

static bool runs_territory(const struct store_account *who, int64_t territory_id)
{
    for (size_t i = 0; territory_id > 0 && i < who->n_territories; i++) {
        if (who->territory_ids[i] == territory_id)
            return true;
    }
    return false;
}

enum network_view network_view(const struct store_account *who, const struct network_subject *s)
{
    if (!who)
        return NETWORK_VIEW_FULL;
    if (who->id <= 0)
        return NETWORK_VIEW_NONE;
    bool is_flow = s->kind == NETWORK_SUBJECT_FLOW;
    /* a collector serves the region's pools, a room's host offers it to
     * the network: who they are is no secret (their flows keep their own
     * confidentiality) */
    if (!is_flow && s->is_collector)
        return NETWORK_VIEW_FULL;
    /* one's own organisation, and the territories one runs, in full */
    if ((who->role == STORE_ROLE_MEMBER || who->role == STORE_ROLE_COLLECTOR) && who->org_id > 0 &&
        who->org_id == s->org_id)
        return NETWORK_VIEW_FULL;
    if (who->role == STORE_ROLE_FACILITATOR && runs_territory(who, s->territory_id))
        return NETWORK_VIEW_FULL;
    /* a facilitator-only flow is for its organisation and its facilitators */
    if (is_flow && s->confidentiality == STORE_CONF_FACILITATOR_ONLY)
        return NETWORK_VIEW_NONE;
    /* a working relation (contact accepted by both companies, a collection
     * served) reveals the other organisation; it does not reveal it to
     * the region or to observers, who have no relation of their own */
    if (s->is_related && (who->role == STORE_ROLE_MEMBER || who->role == STORE_ROLE_COLLECTOR ||
                          who->role == STORE_ROLE_FACILITATOR))
        return NETWORK_VIEW_FULL;
    /* outside their territories a facilitator reads nothing directly;
     * derived views show such a side anonymised (network_view_side) */
    if (who->role == STORE_ROLE_FACILITATOR)
        return NETWORK_VIEW_NONE;
    if (is_flow && s->confidentiality == STORE_CONF_PUBLIC)
        return NETWORK_VIEW_FULL;
    return NETWORK_VIEW_ANON;
}

enum network_view network_view_side(const struct store_account *who,
                                    const struct network_subject *s)
{
    enum network_view v = network_view(who, s);
    if (v != NETWORK_VIEW_NONE || !who || who->id <= 0)
        return v;
    if (s->kind == NETWORK_SUBJECT_ORG)
        return NETWORK_VIEW_ANON;
    return s->confidentiality == STORE_CONF_FACILITATOR_ONLY ? NETWORK_VIEW_NONE
                                                             : NETWORK_VIEW_ANON;
}

void network_subject_org(struct network_subject *s, const struct store_org *o, bool is_related)
{
    s->kind = NETWORK_SUBJECT_ORG;
    s->org_id = o->id;
    s->territory_id = o->territory_id;
    s->confidentiality = STORE_CONF_ANONYMISED;
    s->is_related = is_related;
    s->is_collector = false;
}

void network_subject_flow(struct network_subject *s, const struct store_flow *f, bool is_related)
{
    s->kind = NETWORK_SUBJECT_FLOW;
    s->org_id = f->org_id;
    s->territory_id = f->territory_id;
    s->confidentiality = f->confidentiality;
    s->is_related = is_related;
    s->is_collector = false;
}

int network_view_related(struct store *s, const struct store_account *who, int64_t org_id,
                         int64_t flow_id, bool *out, struct err *e)
{
    *out = false;
    if (!who || who->id <= 0)
        return ERR_OK;
    switch (who->role) {
    case STORE_ROLE_MEMBER:
    case STORE_ROLE_COLLECTOR:
        if (who->org_id <= 0)
            return ERR_OK;
        return store_view_relation(s, who->org_id, NULL, 0, org_id, flow_id,
                                   who->role == STORE_ROLE_COLLECTOR, out, e);
    case STORE_ROLE_FACILITATOR:
        return store_view_relation(s, 0, who->territory_ids, who->n_territories, org_id, flow_id,
                                   false, out, e);
    default:
        return ERR_OK;
    }
}
