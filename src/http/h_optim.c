/* SPDX-License-Identifier: MIT */
/*
 * h_optim.c - allocation plans and collection rounds (optim module).
 *
 * Who sees what:
 * - allocation plans: the regional admin and observers see every plan, a
 *   facilitator the plans of their territories; each side of a line is
 *   named only if the caller reads its organisation directly (one rule:
 *   a receiver in another territory stays anonymised);
 *   members and collectors have no access (403). The regional admin
 *   computes plans for the region or a territory, a facilitator for one
 *   of their territories.
 * - rounds: the regional admin and observers see every round, its stops
 *   anonymised like every stop the caller does not read directly; a
 *   facilitator the rounds of pools of their territories; a collector the
 *   rounds it drives; members have no access (403), since a round lists
 *   the other members' addresses. The admin, the pool's facilitators and
 *   the pool's collector compute and save rounds.
 * A row outside the caller's scope is 404, as if it did not exist.
 */
#include "http_int.h"
#include "optim/optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Parses the JSON text of an optim_*_json writer (trusted, our own). */
static json_t *sb_json(struct sb *b)
{
    json_t *j = json_loadb(b->buf, b->len, 0, NULL);
    sb_release(b);
    return j ? j : json_object();
}

/* ------------------------------------------------------------- allocation */

static bool plans_allowed(const struct http_auth *a)
{
    return a->role == STORE_ROLE_REGIONAL_ADMIN || a->role == STORE_ROLE_OBSERVER ||
           a->role == STORE_ROLE_FACILITATOR;
}

/* true if the caller sees the plan (its lines then go through the one
 * rule, side by side). */
static bool plan_visible(const struct http_auth *a, const struct store_alloc_plan *p)
{
    if (a->role == STORE_ROLE_REGIONAL_ADMIN || a->role == STORE_ROLE_OBSERVER)
        return true;
    return p->territory_id > 0 && http_scope_territory_write(a, p->territory_id);
}

/* true if the caller reads organisation org_id in full (direct read). */
static bool org_full(struct http_req *req, int64_t org_id)
{
    struct store_org o;
    memset(&o, 0, sizeof(o));
    struct err e;
    enum http_view v = HTTP_VIEW_NONE;
    if (org_id > 0 && store_org_get(req->db, org_id, &o, &e) == ERR_OK &&
        http_view_org_direct(req, &o, &v, &e) != ERR_OK)
        v = HTTP_VIEW_NONE;
    store_org_release(&o);
    return v == HTTP_VIEW_FULL;
}

/* The plan as JSON; each side of a line named only if the caller reads
 * its organisation in full (a facilitator's plan may send an offer to a
 * receiver of another territory). */
static json_t *plan_json(struct http_req *req, const struct store_alloc_plan *p,
                         const struct store_alloc_line *lines, size_t n)
{
    struct sb b;
    sb_init(&b, 0);
    optim_plan_json(&b, p, lines, n);
    json_t *j = sb_json(&b);
    json_t *arr = json_object_get(j, "lines");
    size_t i;
    json_t *l;
    json_array_foreach(arr, i, l)
    {
        static const char *const offer_side[] = {"offer_org", "offer_org_id", "offer_flow_id"};
        static const char *const recv_side[] = {"receiver", "receiver_org_id", "need_flow_id"};
        bool is_offer = org_full(req, json_integer_value(json_object_get(l, "offer_org_id")));
        bool is_recv = org_full(req, json_integer_value(json_object_get(l, "receiver_org_id")));
        json_object_set_new(l, "anonymised", json_boolean(!is_offer || !is_recv));
        for (size_t k = 0; k < 3; k++) {
            if (!is_offer)
                json_object_set_new(l, offer_side[k], json_null());
            if (!is_recv)
                json_object_set_new(l, recv_side[k], json_null());
        }
    }
    return j;
}

int http_h_allocations_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (!plans_allowed(a))
        return err_set(e, ERR_FORBIDDEN, "allocation plans are for facilitators and the region");
    struct http_page pg;
    int64_t territory_id = 0;
    int rc = http_list_args(req, resp, &pg, "territory_id", &territory_id, e);
    if (rc)
        return rc;
    struct store_alloc_plan *ps = NULL;
    size_t n = 0;
    rc = store_alloc_plan_list(req->db, territory_id ? territory_id : -1, 0, &ps, &n, e);
    json_t *all = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        if (plan_visible(a, &ps[i]))
            json_array_append_new(all, plan_json(req, &ps[i], NULL, 0));
    }
    store_alloc_plans_free(ps, n);
    if (rc) {
        json_decref(all);
        return rc;
    }
    http_resp_json(resp, 200, http_page_json(all, &pg));
    return ERR_OK;
}

static int plan_respond(struct http_req *req, struct http_resp *resp, int status, int64_t id,
                        struct err *e)
{
    struct store_alloc_plan p;
    struct store_alloc_line *lines = NULL;
    size_t n = 0;
    int rc = store_alloc_plan_get(req->db, id, &p, e);
    if (rc)
        return rc;
    if (!plan_visible(&req->auth, &p))
        rc = err_set(e, ERR_NOT_FOUND, "allocation plan %lld not found", (long long)id);
    if (rc == ERR_OK)
        rc = store_alloc_plan_lines(req->db, id, &lines, &n, e);
    if (rc == ERR_OK)
        http_resp_json(resp, status, plan_json(req, &p, lines, n));
    store_alloc_lines_free(lines, n);
    store_alloc_plan_release(&p);
    return rc;
}

int http_h_allocation_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    if (!plans_allowed(&req->auth))
        return err_set(e, ERR_FORBIDDEN, "allocation plans are for facilitators and the region");
    return plan_respond(req, resp, 200, req->ids[0], e);
}

int http_h_allocation_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_REGIONAL_ADMIN && a->role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "only facilitators and the regional admin compute plans");
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    int64_t territory_id = http_json_int(body, "territory_id", 0);
    rc = http_territory_scope(req, resp, &territory_id, false, e);
    struct optim_plan op = {0};
    int64_t id = 0;
    if (rc == ERR_OK)
        rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK) {
        rc = optim_allocate_save(req->db, territory_id, a->account_id, &op, &id, e);
        json_t *after =
            json_pack("{s:I, s:f, s:f}", "territory_id", (json_int_t)territory_id, "optimal_eur",
                      op.plan.best.eur, "greedy_eur", op.plan.greedy.eur);
        if (rc == ERR_OK)
            rc = http_audit(req, "create", "allocation_plan", id, NULL, after, e);
        json_decref(after);
        if (rc == ERR_OK)
            rc = store_tx_commit(req->db, e);
        else
            store_tx_rollback(req->db);
    }
    optim_plan_release(&op);
    json_decref(body);
    if (rc)
        return rc;
    return plan_respond(req, resp, 201, id, e);
}

/* ----------------------------------------------------------------- rounds */

/* true if the caller sees rounds of a pool of territory_id done by the
 * collector organisation collector_org_id. */
static bool round_visible(const struct http_auth *a, int64_t territory_id, int64_t collector_org_id)
{
    switch (a->role) {
    case STORE_ROLE_REGIONAL_ADMIN:
    case STORE_ROLE_OBSERVER:
        return true;
    case STORE_ROLE_FACILITATOR:
        return territory_id > 0 && http_scope_territory_write(a, territory_id);
    case STORE_ROLE_COLLECTOR:
        return a->org_id > 0 && a->org_id == collector_org_id;
    default:
        return false;
    }
}

/* Rounds a coordinate to 0.01 degree (about a kilometre). */
static void coarse_set(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_number(v))
        json_object_set_new(o, key, json_real(round(json_number_value(v) * 100) / 100));
}

/* A round's stops as the one rule lets the caller see them: a stop whose
 * organisation the caller does not read in full loses its name, id,
 * quantity, its distance to and name of its nearest treatment site (which
 * would place it), and its position (and the route geometry) is coarsened;
 * a route with such a stop loses its load (the sum would give the
 * quantity back). */
static json_t *round_view(struct http_req *req, json_t *j)
{
    bool is_coarse = false;
    size_t i, k;
    json_t *route, *stop;
    json_array_foreach(json_object_get(j, "routes"), i, route)
    {
        bool is_route_coarse = false;
        json_array_foreach(json_object_get(route, "stops"), k, stop)
        {
            if (org_full(req, json_integer_value(json_object_get(stop, "org_id"))))
                continue;
            is_route_coarse = true;
            json_object_del(stop, "org_id");
            json_object_del(stop, "name");
            json_object_set_new(stop, "demand_kg", json_null());
            json_object_set_new(stop, "baseline_km", json_null());
            json_object_set_new(stop, "site", json_null());
            coarse_set(stop, "lat");
            coarse_set(stop, "lon");
        }
        if (is_route_coarse)
            json_object_set_new(route, "load_kg", json_null());
        is_coarse = is_coarse || is_route_coarse;
    }
    json_t *line, *pt;
    json_t *coords = json_object_get(json_object_get(j, "geometry"), "coordinates");
    json_array_foreach(coords, i, line)
    {
        json_array_foreach(line, k, pt)
        {
            for (size_t d = 0; is_coarse && d < 2; d++) {
                json_t *v = json_array_get(pt, d);
                if (json_is_number(v))
                    json_array_set_new(pt, d, json_real(round(json_number_value(v) * 100) / 100));
            }
        }
    }
    return j;
}

int http_h_rounds_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role == STORE_ROLE_MEMBER)
        return err_set(e, ERR_FORBIDDEN, "rounds are for collectors, facilitators and the region");
    struct http_page pg;
    int64_t collection_id = 0;
    int rc = http_list_args(req, resp, &pg, "collection_id", &collection_id, e);
    if (rc)
        return rc;
    struct store_round *rs = NULL;
    size_t n = 0;
    rc = store_round_list(req->db, collection_id, 0, &rs, &n, e);
    json_t *all = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        if (!round_visible(a, rs[i].territory_id, rs[i].collector_org_id))
            continue;
        struct sb b;
        sb_init(&b, 0);
        optim_round_json(&b, &rs[i], NULL, 0);
        json_array_append_new(all, sb_json(&b));
    }
    store_rounds_free(rs, n);
    if (rc) {
        json_decref(all);
        return rc;
    }
    http_resp_json(resp, 200, http_page_json(all, &pg));
    return ERR_OK;
}

static int round_respond(struct http_req *req, struct http_resp *resp, int status, int64_t id,
                         struct err *e)
{
    struct store_round r;
    struct store_round_stop *st = NULL;
    size_t n = 0;
    int rc = store_round_get(req->db, id, &r, e);
    if (rc)
        return rc;
    if (!round_visible(&req->auth, r.territory_id, r.collector_org_id))
        rc = err_set(e, ERR_NOT_FOUND, "round %lld not found", (long long)id);
    if (rc == ERR_OK)
        rc = store_round_stops(req->db, id, &st, &n, e);
    if (rc == ERR_OK) {
        struct sb b;
        sb_init(&b, 0);
        optim_round_json(&b, &r, st, n);
        http_resp_json(resp, status, round_view(req, sb_json(&b)));
    }
    store_round_stops_free(st, n);
    store_round_release(&r);
    return rc;
}

int http_h_round_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    if (req->auth.role == STORE_ROLE_MEMBER)
        return err_set(e, ERR_FORBIDDEN, "rounds are for collectors, facilitators and the region");
    return round_respond(req, resp, 200, req->ids[0], e);
}

/* Who may compute rounds of a pool: the admin, the pool's facilitators,
 * its collector (the pool's, or the one asked for). */
static int round_may_create(struct http_req *req, const struct optim_rounds_params *p,
                            struct err *e)
{
    const struct http_auth *a = &req->auth;
    struct store_collection c;
    int rc = store_collection_get(req->db, p->collection_id, &c, e);
    if (rc)
        return rc;
    int64_t collector_org = c.collector_org_id;
    int64_t territory_id = c.territory_id;
    store_collection_release(&c);
    /* the collection's own collector decides, as for GET /collections/{id}:
     * naming another collector in the body gives no access */
    if (!round_visible(a, territory_id, collector_org))
        return err_set(e, ERR_NOT_FOUND, "collection %lld not found", (long long)p->collection_id);
    if (p->collector_id > 0) {
        struct store_collector k;
        rc = store_collector_get(req->db, p->collector_id, &k, e);
        if (rc)
            return rc;
        int64_t asked_org = k.org_id;
        store_collector_release(&k);
        /* a collector drives its own vehicles only */
        if (a->role == STORE_ROLE_COLLECTOR && asked_org != a->org_id)
            return err_set(e, ERR_NOT_FOUND, "collector %lld not found",
                           (long long)p->collector_id);
    }
    return ERR_OK;
}

int http_h_round_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    enum store_role role = req->auth.role;
    if (role == STORE_ROLE_MEMBER || role == STORE_ROLE_OBSERVER)
        return err_set(e, ERR_FORBIDDEN,
                       "only collectors, facilitators and the regional admin "
                       "compute rounds");
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    struct optim_rounds_params p;
    optim_rounds_params_init(&p);
    p.collection_id = http_json_int(body, "collection_id", 0);
    p.collector_id = http_json_int(body, "collector_id", 0);
    p.vehicle_id = http_json_int(body, "vehicle_id", 0);
    p.depot_id = http_json_int(body, "depot_id", 0);
    p.account_id = req->auth.account_id;
    const char *date = http_json_str(body, "date", "");
    int64_t days;
    if (*date && (strlen(date) != 10 || network_date_parse("date", date, &days, e))) {
        http_resp_field_error(resp, "date", "must be YYYY-MM-DD");
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "date: must be YYYY-MM-DD");
    } else {
        memcpy(p.date, date, strlen(date) + 1);
    }
    json_decref(body);
    if (rc == ERR_OK)
        rc = round_may_create(req, &p, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "collection or collector not found");
    if (rc)
        return rc;
    struct ref_sites sites = {0};
    struct optim_rounds out = {0};
    int64_t id = 0;
    rc = ref_sites_load(req->app->data_dir, &sites, e);
    if (rc == ERR_OK)
        rc = optim_rounds_build(req->db, req->app->ref, &sites, &p, &out, e);
    if (rc == ERR_INPUT)
        resp->is_unprocessable = true;
    if (rc == ERR_OK)
        rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK) {
        rc = store_round_insert(req->db, &out.round, out.stops, out.n_stops, &id, e);
        json_t *after = json_pack("{s:I, s:f, s:f}", "collection_id", (json_int_t)p.collection_id,
                                  "km", out.round.km, "co2e_kg", out.round.co2e_kg);
        if (rc == ERR_OK)
            rc = http_audit(req, "create", "round", id, NULL, after, e);
        json_decref(after);
        if (rc == ERR_OK)
            rc = store_tx_commit(req->db, e);
        else
            store_tx_rollback(req->db);
    }
    optim_rounds_release(&out);
    ref_sites_release(&sites);
    if (rc)
        return rc;
    return round_respond(req, resp, 201, id, e);
}
