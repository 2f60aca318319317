/* SPDX-License-Identifier: MIT */
/*
 * h_prospects.c - GET /api/v1/prospects: the call list of a territory,
 * the prospects of the register (SIRENE) ranked by the likely synergies
 * of their estimated flows (optim_prospects_rank), with the reasons.
 *
 * Who may read it: the regional admin (any territory) and a facilitator
 * (their territories); everyone else gets 403. The list names
 * establishments of the public register only (non-public ones have no
 * name) and every figure in it is an estimate from the typical flows of
 * an activity, never a company's declared flow; the answer says so
 * ("estimated": true) and the reasons say "estimé".
 */
#include "http_int.h"
#include "optim/optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PROSPECTS_LIMIT_DEFAULT 200
#define PROSPECTS_LIMIT_MAX 2000

static json_t *prospect_json(size_t rank, const struct optim_prospect *op)
{
    const struct store_prospect *p = &op->p;
    json_t *why = json_array();
    for (size_t i = 0; i < op->n_reasons; i++)
        json_array_append_new(why, json_string(op->reasons[i]));
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:b, s:s, s:f, s:I, s:I, s:f, "
                     "s:I, s:o}",
                     "rank", (json_int_t)rank, "siret", p->siret, "name", p->name, "naf", p->naf,
                     "employee_band", store_sirene_band_label(p->band), "commune_insee",
                     p->commune_insee, "lat", p->pos.lat, "lon", p->pos.lon, "public", p->is_public,
                     "position", p->is_commune_pos ? "commune" : "sirene", "score",
                     round(op->score * 100) / 100, "n_matches", (json_int_t)op->n_matches,
                     "n_with_enrolled", (json_int_t)op->n_with_enrolled, "gain_eur_estimated",
                     round(op->gain_eur), "n_estimated_flows", (json_int_t)op->n_estimated,
                     "reasons", why);
}

static int prospects_args(struct http_req *req, struct http_resp *resp,
                          struct optim_prospect_filter *f, int64_t *limit, struct err *e)
{
    int64_t min = 0;
    int rc = http_query_id(req, resp, "min_employees", &min, e);
    if (rc == ERR_OK)
        rc = http_query_id(req, resp, "limit", limit, e);
    if (rc)
        return rc;
    f->min_employees = (double)min;
    if (*limit == 0)
        *limit = PROSPECTS_LIMIT_DEFAULT;
    if (*limit > PROSPECTS_LIMIT_MAX) {
        http_resp_field_error(resp, "limit", "at most 2000");
        return err_set(e, ERR_INPUT, "limit: at most %d", PROSPECTS_LIMIT_MAX);
    }
    const char *naf = http_req_query(req, "naf");
    if (naf &&
        (strlen(naf) > 7 || strspn(naf, "0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(naf))) {
        http_resp_field_error(resp, "naf", "not a NAF prefix");
        return err_set(e, ERR_INPUT, "naf: not a NAF prefix");
    }
    f->naf_prefix = naf;
    return ERR_OK;
}

int http_h_prospects_rank(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_REGIONAL_ADMIN && a->role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "prospects are for facilitators and the regional admin");
    struct optim_prospect_filter f = {0};
    int64_t limit = 0;
    /* the scope first: a caller outside it learns nothing from the other checks */
    int rc = http_query_id(req, resp, "territory_id", &f.territory_id, e);
    if (rc == ERR_OK)
        rc = http_territory_scope(req, resp, &f.territory_id, true, e);
    if (rc == ERR_OK)
        rc = prospects_args(req, resp, &f, &limit, e);
    if (rc)
        return rc;
    if (f.territory_id == 0) {
        http_resp_field_error(resp, "territory_id", "required");
        return err_set(e, ERR_INPUT, "territory_id: required (one territory at a time)");
    }
    struct ref_rules *rules = NULL;
    struct ref_typical tf = {0};
    struct optim_prospect *ps = NULL;
    size_t n = 0;
    struct engine_match_params p;
    optim_match_params_init(&p, req->app->ref);
    rc = ref_rules_load(&rules, req->app->ref, req->app->data_dir, e);
    if (rc == ERR_OK)
        rc = ref_typical_load(&tf, req->app->ref, req->app->data_dir, e);
    if (rc == ERR_OK)
        rc = optim_prospects_rank(req->db, req->app->ref, rules, &tf, &p, &f, &ps, &n, e);
    ref_typical_release(&tf);
    ref_rules_free(rules);
    if (rc) {
        free(ps);
        return rc;
    }
    json_t *items = json_array();
    size_t shown = (size_t)limit < n ? (size_t)limit : n;
    for (size_t i = 0; i < shown; i++)
        json_array_append_new(items, prospect_json(i + 1, &ps[i]));
    free(ps);
    http_resp_json(resp, 200,
                   json_pack("{s:I, s:b, s:I, s:o}", "territory_id", (json_int_t)f.territory_id,
                             "estimated", 1, "total", (json_int_t)n, "items", items));
    return ERR_OK;
}
