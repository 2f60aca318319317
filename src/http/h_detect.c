/* SPDX-License-Identifier: MIT */
/*
 * h_detect.c - running the detection from the web (optim_detect), and the
 * engine's suggested pools of the caller's scope.
 *
 * Who may run it: the regional admin for the region (no territory_id) or
 * one territory; a facilitator for one of their territories (the only one
 * when they have one). The offers searched are those of the scope; their
 * receivers may be anywhere within the radius. The answer holds counts
 * only: the suggestions are then read through GET /suggestions and
 * /synergies, which anonymise counterparts as usual. One run per scope
 * at a time (409 otherwise); a region-wide run excludes every other.
 */
#include "http_int.h"
#include "optim/optim.h"

#include <string.h>

/* Runs the detection in one transaction with its audit record. */
static int detect_save(struct http_req *req, const struct engine_match_params *p,
                       int64_t territory_id, struct optim_detect_counts *c, struct err *e)
{
    struct ref_rules *rules = NULL;
    int rc = ref_rules_load(&rules, req->app->ref, req->app->data_dir, e);
    if (rc == ERR_OK)
        rc = store_tx_begin(req->db, e);
    if (rc != ERR_OK) {
        ref_rules_free(rules);
        return rc;
    }
    rc = optim_detect(req->db, rules, p, territory_id, req->auth.account_id, c, e);
    if (rc == ERR_OK) {
        json_t *after =
            json_pack("{s:I, s:I, s:I, s:I, s:I}", "territory_id", (json_int_t)territory_id,
                      "offers", (json_int_t)c->n_offers, "new", (json_int_t)c->n_new, "updated",
                      (json_int_t)c->n_updated, "kept_abandoned", (json_int_t)c->n_skipped);
        rc = http_audit(req, "run", "detection", territory_id, NULL, after, e);
        json_decref(after);
    }
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    else
        store_tx_rollback(req->db);
    ref_rules_free(rules);
    return rc;
}

int http_h_detection_run(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_REGIONAL_ADMIN && a->role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "only facilitators and the regional admin run detection");
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    int64_t territory_id = http_json_int(body, "territory_id", 0);
    rc = http_territory_scope(req, resp, &territory_id, true, e);
    struct engine_match_params p;
    optim_match_params_init(&p, req->app->ref);
    if (http_json_has(body, "radius_km")) {
        double radius = http_json_num(body, "radius_km", 0);
        for (int f = 0; f < ENGINE_FAMILY_COUNT; f++)
            p.radius_km[f] = radius;
    }
    p.top_k = (size_t)http_json_int(body, "top", (int64_t)p.top_k);
    if (p.top_k > OPTIM_DETECT_TOP_MAX)
        p.top_k = OPTIM_DETECT_TOP_MAX;
    json_decref(body);
    if (rc)
        return rc;
    if (!http_detect_claim(req->app, territory_id))
        return err_set(e, ERR_CONFLICT, "a detection is already running on this scope");
    struct optim_detect_counts c;
    double t0 = core_now_s();
    rc = detect_save(req, &p, territory_id, &c, e);
    http_detect_release(req->app, territory_id);
    if (rc)
        return rc;
    http_resp_json(resp, 200,
                   json_pack("{s:o, s:I, s:I, s:I, s:I, s:I}", "territory_id",
                             territory_id ? json_integer(territory_id) : json_null(), "offers",
                             (json_int_t)c.n_offers, "new", (json_int_t)c.n_new, "updated",
                             (json_int_t)c.n_updated, "kept_abandoned", (json_int_t)c.n_skipped,
                             "duration_ms", (json_int_t)((core_now_s() - t0) * 1000)));
    return ERR_OK;
}

/* ------------------------------------------------------ suggested pools */

/* true if the caller sees a suggested pool: the region all, a
 * facilitator those of their territories or with a member in them. */
static bool pool_in_scope(const struct http_auth *a, const struct engine_pool *pool,
                          const struct optim_engine_data *d)
{
    if (a->role != STORE_ROLE_FACILITATOR)
        return true;
    if (pool->territory)
        return http_scope_territory(a, pool->territory);
    for (size_t i = 0; i < pool->n_orgs; i++)
        if (http_scope_territory(a, d->orgs[pool->orgs[i]].territory))
            return true;
    return false;
}

static json_t *pool_json(const struct http_auth *a, const struct engine_pool *pool,
                         const struct optim_engine_data *d)
{
    char ex[1024];
    engine_pool_explain(pool, d->flows, ex, sizeof(ex));
    /* members the caller reads in full (the one rule) are named by id;
     * others counted */
    json_t *ids = json_array();
    for (size_t i = 0; i < pool->n_orgs; i++) {
        const struct engine_org *o = &d->orgs[pool->orgs[i]];
        struct network_subject s = {NETWORK_SUBJECT_ORG,
                                    d->org_ids[pool->orgs[i]],
                                    o->territory,
                                    STORE_CONF_ANONYMISED,
                                    false,
                                    false};
        if (http_view_subject(a, &s, false) == HTTP_VIEW_FULL)
            json_array_append_new(ids, json_integer(d->org_ids[pool->orgs[i]]));
    }
    return json_pack(
        "{s:s, s:o, s:s, s:I, s:o, s:f, s:f, s:s}", "kind", engine_pool_kind_name(pool->kind),
        "territory_id", pool->territory ? json_integer(pool->territory) : json_null(), "code",
        pool->code, "n_members", (json_int_t)pool->n_orgs, "member_org_ids", ids, "total_quantity",
        pool->total_qty, "gain_eur_per_yr", pool->gain_eur, "explanation", ex);
}

int http_pools_suggested(struct http_req *req, struct http_resp *resp, const struct http_page *pg,
                         struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_REGIONAL_ADMIN && a->role != STORE_ROLE_OBSERVER &&
        a->role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "suggested pools are for facilitators and the region");
    struct engine_pool_params p;
    engine_pool_params_init(&p);
    static const struct {
        const char *key;
        double lo, hi;
    } nums[] = {{"radius_km", 0.1, 1000}, {"threshold", 0.001, 1e6}};
    double *dst[] = {&p.radius_km, &p.collection_threshold_t};
    for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
        const char *v = http_req_query(req, nums[i].key);
        struct err pe;
        if (v && (parse_double(slice_cstr(v), dst[i], &pe) != ERR_OK ||
                  !(*dst[i] >= nums[i].lo && *dst[i] <= nums[i].hi))) {
            http_resp_field_error(resp, nums[i].key, "out of range");
            return err_set(e, ERR_INPUT, "%s: out of range", nums[i].key);
        }
    }
    struct ref_rules *rules = NULL;
    struct optim_engine_data d;
    struct engine_pool *pools = NULL;
    size_t n = 0;
    memset(&d, 0, sizeof(d));
    int rc = ref_rules_load(&rules, req->app->ref, req->app->data_dir, e);
    if (rc == ERR_OK)
        rc = optim_engine_load(req->db, 0, &d, e);
    if (rc == ERR_OK)
        rc = engine_pools_find(d.flows, d.n_flows, d.orgs, d.n_orgs, rules, &p, &pools, &n, e);
    json_t *all = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        if (pool_in_scope(a, &pools[i], &d))
            json_array_append_new(all, pool_json(a, &pools[i], &d));
    }
    engine_pools_free(pools, n);
    optim_engine_data_release(&d);
    ref_rules_free(rules);
    if (rc) {
        json_decref(all);
        return rc;
    }
    http_resp_json(resp, 200, http_page_json(all, pg));
    return ERR_OK;
}
