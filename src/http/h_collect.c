/* SPDX-License-Identifier: MIT */
/*
 * h_collect.c - pooled collection of small quantities and its collectors.
 *
 * Who sees what:
 * - a pooled collection: the regional admin and observers see every one
 *   with its totals only (no company's items); a facilitator those of
 *   their territories; a collector those
 *   it serves; a member those of its organisation's territory and those
 *   it takes part in, with only its own organisation's items and the
 *   pool's totals (never another member's quantities or address).
 *   Anything else is 404, as if it did not exist.
 * - the admin and facilitators (for their territories) create a pool; an
 *   organisation registers its waste into a pool it sees (members for
 *   their organisation, facilitators for the organisations of their
 *   territories, the admin for any).
 * - collectors (depot and vehicle): listed for the admin, observers and
 *   facilitators; registered (and given more depots and vehicles) by the
 *   admin, or a facilitator for an organisation of their territories; a
 *   collector of no territory serves the region and is the admin's.
 */
#include "http_int.h"
#include "network/network.h"
#include "optim/optim.h"

#include <string.h>

enum pool_view { POOL_NONE, POOL_MEMBER, POOL_FULL };

/* Territory of the caller's organisation (members), else 0. */
static int64_t member_territory(struct http_req *req)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_MEMBER || a->org_id <= 0)
        return 0;
    struct store_org o;
    if (store_org_get(req->db, a->org_id, &o, NULL) != ERR_OK)
        return 0;
    int64_t t = o.territory_id;
    store_org_release(&o);
    return t;
}

/* How much of pool c the caller sees; is_member: its organisation has items in it. */
static enum pool_view pool_view(const struct http_auth *a, int64_t member_terr,
                                const struct store_collection *c, bool is_member)
{
    switch (a->role) {
    case STORE_ROLE_REGIONAL_ADMIN:
    case STORE_ROLE_OBSERVER:
        /* the region reads companies anonymised: the totals, no items */
        return POOL_MEMBER;
    case STORE_ROLE_FACILITATOR:
        return c->territory_id > 0 && http_scope_territory_write(a, c->territory_id) ? POOL_FULL
                                                                                     : POOL_NONE;
    case STORE_ROLE_COLLECTOR:
        return a->org_id > 0 && a->org_id == c->collector_org_id ? POOL_FULL : POOL_NONE;
    case STORE_ROLE_MEMBER:
        return is_member || (member_terr > 0 && member_terr == c->territory_id) ? POOL_MEMBER
                                                                                : POOL_NONE;
    default:
        return POOL_NONE;
    }
}

/* Periods per year of a frequency (0 if unknown). */
static double per_year(const char *f)
{
    static const struct {
        const char *name;
        double n;
    } t[] = {{"weekly", 52}, {"fortnightly", 26}, {"monthly", 12}, {"quarterly", 4}, {"yearly", 1}};
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (!strcmp(f, t[i].name))
            return t[i].n;
    return 0;
}

static json_t *pool_json(const struct store_collection *c)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:{s:f, s:f}, s:f, s:s}", "id", (json_int_t)c->id,
                     "name", c->name ? c->name : "", "territory_id",
                     c->territory_id ? json_integer(c->territory_id) : json_null(),
                     "collector_organisation_id",
                     c->collector_org_id ? json_integer(c->collector_org_id) : json_null(), "depot",
                     "lat", c->depot.lat, "lon", c->depot.lon, "vehicle_capacity_kg",
                     c->vehicle_capacity_kg, "round_frequency", c->round_frequency);
}

static json_t *item_json(const struct store_collection_item *it)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:f, s:s}", "id", (json_int_t)it->id, "organisation_id",
                     (json_int_t)it->org_id, "organisation", it->org_name ? it->org_name : "",
                     "low_code", it->low_code, "quantity_kg", it->quantity_kg, "frequency",
                     it->frequency);
}

/* Adds the totals (members, kg a year, kg a round) and the items the view
 * allows to j; *is_member says whether the caller's organisation takes part. */
static void pool_add_items(json_t *j, const struct store_collection *c,
                           const struct store_collection_item *its, size_t n, enum pool_view v,
                           int64_t own_org)
{
    json_t *arr = json_array();
    size_t members = 0;
    double kg_yr = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || its[i].org_id != its[i - 1].org_id)
            members++;
        kg_yr += its[i].quantity_kg * per_year(its[i].frequency);
        if (v == POOL_FULL || its[i].org_id == own_org)
            json_array_append_new(arr, item_json(&its[i]));
    }
    double rounds = per_year(c->round_frequency);
    json_object_set_new(j, "n_members", json_integer((json_int_t)members));
    json_object_set_new(j, "total_kg_per_year", json_real(kg_yr));
    json_object_set_new(j, "total_kg_per_round", json_real(rounds > 0 ? kg_yr / rounds : 0));
    json_object_set_new(j, "items", arr);
    json_object_set_new(j, "view", json_string(v == POOL_FULL ? "full" : "member"));
}

static bool has_org(const struct store_collection_item *its, size_t n, int64_t org)
{
    for (size_t i = 0; org > 0 && i < n; i++)
        if (its[i].org_id == org)
            return true;
    return false;
}

int http_h_collections_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    int64_t mt = member_territory(req);
    struct store_collection *cs = NULL;
    size_t n = 0;
    int rc = store_collection_list(req->db, &cs, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        struct store_collection_item *its = NULL;
        size_t n_its = 0;
        rc = store_collection_items(req->db, cs[i].id, &its, &n_its, e);
        enum pool_view v = POOL_NONE;
        if (rc == ERR_OK)
            v = pool_view(a, mt, &cs[i],
                          a->role == STORE_ROLE_MEMBER && has_org(its, n_its, a->org_id));
        if (v != POOL_NONE) {
            json_t *j = pool_json(&cs[i]);
            pool_add_items(j, &cs[i], its, n_its, v, a->org_id);
            json_array_append_new(items, j);
        }
        store_collection_items_free(its, n_its);
    }
    store_collections_free(cs, n);
    return http_net_items(resp, rc, items, e);
}

/* The pool as the caller sees it, or ERR_NOT_FOUND. */
static int pool_respond(struct http_req *req, struct http_resp *resp, int status, int64_t id,
                        struct err *e)
{
    const struct http_auth *a = &req->auth;
    struct store_collection c;
    int rc = store_collection_get(req->db, id, &c, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "collection %lld not found", (long long)id);
    if (rc)
        return rc;
    struct store_collection_item *its = NULL;
    size_t n = 0;
    rc = store_collection_items(req->db, id, &its, &n, e);
    enum pool_view v = POOL_NONE;
    if (rc == ERR_OK)
        v = pool_view(a, member_territory(req), &c,
                      a->role == STORE_ROLE_MEMBER && has_org(its, n, a->org_id));
    if (rc == ERR_OK && v == POOL_NONE)
        rc = err_set(e, ERR_NOT_FOUND, "collection %lld not found", (long long)id);
    if (rc == ERR_OK) {
        json_t *j = pool_json(&c);
        pool_add_items(j, &c, its, n, v, a->org_id);
        http_resp_json(resp, status, j);
    }
    store_collection_items_free(its, n);
    store_collection_release(&c);
    return rc;
}

int http_h_collection_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    return pool_respond(req, resp, 200, req->ids[0], e);
}

/* Fills the depot and capacity of in from collector collector_id when absent. */
static int pool_collector(struct http_req *req, int64_t collector_id, const json_t *body,
                          struct network_collection_input *in, struct err *e)
{
    struct store_collector k;
    int rc = store_collector_get(req->db, collector_id, &k, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_INPUT, "collector_id : collecteur %lld introuvable",
                       (long long)collector_id);
    if (rc)
        return rc;
    in->collector_org_id = k.org_id;
    store_collector_release(&k);
    struct store_depot *ds = NULL;
    struct store_vehicle *vs = NULL;
    size_t nd = 0, nv = 0;
    rc = store_depot_list(req->db, collector_id, &ds, &nd, e);
    if (rc == ERR_OK)
        rc = store_vehicle_list(req->db, collector_id, &vs, &nv, e);
    if (rc == ERR_OK && !http_json_has(body, "lat") && nd > 0)
        in->depot = ds[0].pos;
    if (rc == ERR_OK && !http_json_has(body, "vehicle_capacity_kg") && nv > 0)
        in->vehicle_capacity_kg = vs[0].capacity_kg;
    store_depots_free(ds, nd);
    store_vehicles_free(vs, nv);
    return rc;
}

int http_h_collection_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    enum store_role role = req->auth.role;
    if (role != STORE_ROLE_REGIONAL_ADMIN && role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "only facilitators and the regional admin create pools");
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct network_collection_input in = {
        .name = http_json_str(body, "name", ""),
        .territory_id = http_json_int(body, "territory_id", 0),
        .depot = {http_json_num(body, "lat", 999), http_json_num(body, "lon", 999)},
        .vehicle_capacity_kg = http_json_num(body, "vehicle_capacity_kg", 0),
        .round_frequency = http_json_str(body, "round_frequency", "monthly"),
    };
    int64_t collector_id = http_json_int(body, "collector_id", 0);
    /* another territory's facilitator learns nothing from the validation */
    if (role == STORE_ROLE_FACILITATOR && !http_scope_territory_write(&req->auth, in.territory_id))
        rc = err_set(e, ERR_FORBIDDEN, "territory %lld is not yours", (long long)in.territory_id);
    if (rc == ERR_OK && collector_id > 0)
        rc = pool_collector(req, collector_id, body, &in, e);
    int64_t id = 0;
    if (rc == ERR_OK)
        rc = network_collection_create(req->db, &who, &in, &id, e);
    json_t *out = NULL;
    if (rc == ERR_OK) {
        struct store_collection c;
        rc = store_collection_get(req->db, id, &c, e);
        if (rc == ERR_OK) {
            out = pool_json(&c);
            pool_add_items(out, &c, NULL, 0, POOL_FULL, 0);
            store_collection_release(&c);
        }
    }
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "collection", id, 201, out, e);
}

int http_h_collection_item_set(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role == STORE_ROLE_OBSERVER || a->role == STORE_ROLE_COLLECTOR)
        return err_set(e, ERR_FORBIDDEN, "observers and collectors do not declare waste");
    /* the pool must be one the caller sees */
    struct store_collection c;
    int rc = store_collection_get(req->db, req->ids[0], &c, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "collection %lld not found", (long long)req->ids[0]);
    if (rc)
        return rc;
    enum pool_view v = pool_view(a, member_territory(req), &c, false);
    store_collection_release(&c);
    if (v == POOL_NONE)
        return err_set(e, ERR_NOT_FOUND, "collection %lld not found", (long long)req->ids[0]);
    json_t *body = NULL;
    struct store_account who;
    rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct network_collection_item_input in = {
        .collection_id = req->ids[0],
        .org_id = http_json_int(body, "organisation_id", 0),
        .low_code = http_json_str(body, "low_code", ""),
        .quantity_kg = http_json_num(body, "quantity_kg", 0),
        .frequency = http_json_str(body, "frequency", ""),
    };
    int64_t id = 0;
    rc = network_collection_item_set(req->db, req->app->ref, &who, &in, &id, e);
    json_t *out = json_pack("{s:I, s:I, s:I, s:s, s:f, s:s}", "id", (json_int_t)id, "collection_id",
                            (json_int_t)req->ids[0], "organisation_id",
                            (json_int_t)(in.org_id ? in.org_id : a->org_id), "low_code",
                            in.low_code, "quantity_kg", in.quantity_kg, "frequency", in.frequency);
    json_decref(body);
    return http_net_end(req, resp, rc, "update", "collection_item", id, 200, out, e);
}

/* ------------------------------------------------------------- collectors */

static json_t *collector_json(struct http_req *req, const struct store_collector *k, struct err *e,
                              int *rc)
{
    json_t *j = json_pack("{s:I, s:I, s:s}", "id", (json_int_t)k->id, "organisation_id",
                          (json_int_t)k->org_id, "name", k->name ? k->name : "");
    struct store_depot *ds = NULL;
    struct store_vehicle *vs = NULL;
    size_t nd = 0, nv = 0;
    *rc = store_depot_list(req->db, k->id, &ds, &nd, e);
    if (*rc == ERR_OK)
        *rc = store_vehicle_list(req->db, k->id, &vs, &nv, e);
    json_t *da = json_array(), *va = json_array();
    for (size_t i = 0; i < nd; i++)
        json_array_append_new(da, json_pack("{s:I, s:s, s:s, s:f, s:f}", "id", (json_int_t)ds[i].id,
                                            "name", ds[i].name ? ds[i].name : "", "address",
                                            ds[i].address ? ds[i].address : "", "lat",
                                            ds[i].pos.lat, "lon", ds[i].pos.lon));
    for (size_t i = 0; i < nv; i++)
        json_array_append_new(va,
                              json_pack("{s:I, s:s, s:f, s:f, s:f}", "id", (json_int_t)vs[i].id,
                                        "name", vs[i].name ? vs[i].name : "", "capacity_kg",
                                        vs[i].capacity_kg, "cost_eur_per_km", vs[i].cost_eur_per_km,
                                        "co2e_kg_per_km", vs[i].co2e_kg_per_km));
    json_object_set_new(j, "depots", da);
    json_object_set_new(j, "vehicles", va);
    store_depots_free(ds, nd);
    store_vehicles_free(vs, nv);
    return j;
}

static bool collectors_readable(const struct http_auth *a)
{
    return a->role == STORE_ROLE_REGIONAL_ADMIN || a->role == STORE_ROLE_OBSERVER ||
           a->role == STORE_ROLE_FACILITATOR;
}

int http_h_collectors_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    if (!collectors_readable(&req->auth))
        return err_set(e, ERR_FORBIDDEN, "collectors are listed for facilitators and the region");
    struct store_collector *ks = NULL;
    size_t n = 0;
    int rc = store_collector_list(req->db, &ks, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        json_array_append_new(items, collector_json(req, &ks[i], e, &rc));
    store_collectors_free(ks, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_collector_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_REGIONAL_ADMIN && a->role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "only facilitators and the regional admin add collectors");
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct optim_collector_input in = {
        .org_id = http_json_int(body, "organisation_id", 0),
        .depot_name = http_json_str(body, "depot_name", ""),
        .address = http_json_str(body, "address", ""),
        .depot = {http_json_num(body, "lat", 999), http_json_num(body, "lon", 999)},
        .vehicle_name = http_json_str(body, "vehicle_name", ""),
        .capacity_kg = http_json_num(body, "capacity_kg", 0),
        .cost_eur_per_km = http_json_num(body, "cost_eur_per_km", 0),
        .co2e_kg_per_km = http_json_num(body, "co2e_kg_per_km", -1),
    };
    struct store_org o;
    rc = store_org_get(req->db, in.org_id, &o, e);
    if (rc == ERR_NOT_FOUND)
        rc = err_set(e, ERR_INPUT, "organisation_id : organisation %lld introuvable",
                     (long long)in.org_id);
    /* a collector's fleet is its territory's business: facilitators add
     * depots and vehicles to collectors of their territories only; one of
     * no territory serves the whole region and is the regional admin's */
    if (rc == ERR_OK) {
        if (a->role == STORE_ROLE_FACILITATOR && o.territory_id <= 0)
            rc = err_set(e, ERR_FORBIDDEN,
                         "collecteur : l'organisation %lld sert toute la région, seule "
                         "l'administration régionale gère ses dépôts et véhicules",
                         (long long)in.org_id);
        else if (a->role == STORE_ROLE_FACILITATOR &&
                 !http_scope_territory_write(a, o.territory_id))
            rc = err_set(e, ERR_FORBIDDEN,
                         "collecteur : l'organisation %lld n'est pas de vos territoires",
                         (long long)in.org_id);
        store_org_release(&o);
    }
    int64_t id = 0, depot = 0, vehicle = 0;
    if (rc == ERR_OK)
        rc = optim_collector_add(req->db, req->app->ref, &in, &id, &depot, &vehicle, e);
    json_t *out = NULL;
    if (rc == ERR_OK) {
        struct store_collector k;
        rc = store_collector_get(req->db, id, &k, e);
        if (rc == ERR_OK) {
            out = collector_json(req, &k, e, &rc);
            store_collector_release(&k);
        }
    }
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "collector", id, 201, out, e);
}
