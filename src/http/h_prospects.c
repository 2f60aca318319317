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
 *
 * POST /api/v1/prospects/enrol turns one prospect of a territory's call
 * list into an organisation of that territory in one step, with the same
 * function as `symbiose sirene enrol` (optim_prospect_enrol): its
 * estimated flows become drafts the company confirms (h_flows.c).
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
    const char *format = http_req_query(req, "format");
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
        http_resp_field_error(resp, "format", "must be csv or json");
        return err_set(e, ERR_INPUT, "format: must be csv or json");
    }
    bool is_csv = format && strcmp(format, "csv") == 0;
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
    size_t shown = (size_t)limit < n ? (size_t)limit : n;
    if (is_csv) {
        /* the call list a facilitator prints or opens in a spreadsheet */
        sb_adds(&resp->body, OPTIM_PROSPECT_CSV_HEADER);
        for (size_t i = 0; i < shown; i++)
            optim_prospect_csv_row(&resp->body, i + 1, &ps[i]);
        free(ps);
        resp->status = 200;
        resp->content_type = "text/csv; charset=utf-8";
        http_resp_header(req, resp, "Content-Disposition",
                         "attachment; filename=\"prospects-estimes.csv\"");
        return ERR_OK;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < shown; i++)
        json_array_append_new(items, prospect_json(i + 1, &ps[i]));
    free(ps);
    http_resp_json(resp, 200,
                   json_pack("{s:I, s:b, s:I, s:o}", "territory_id", (json_int_t)f.territory_id,
                             "estimated", 1, "total", (json_int_t)n, "items", items));
    return ERR_OK;
}

/* The 409 of an enrolment, in French for the facilitator who clicked. */
static int enrol_conflict(struct http_req *req, const char *siret, struct err *e)
{
    struct store_prospect *p = xmalloc(sizeof(*p));
    struct err ge;
    int rc = store_prospect_get(req->db, siret, p, &ge);
    if (rc == ERR_OK && p->org_id)
        rc = err_set(e, ERR_CONFLICT, "ce prospect est déjà inscrit (organisation n° %lld)",
                     (long long)p->org_id);
    else if (rc == ERR_OK && p->is_closed)
        rc = err_set(e, ERR_CONFLICT, "cet établissement est fermé au répertoire SIRENE");
    else
        rc = err_set(e, ERR_CONFLICT, "une organisation porte déjà le SIRET %s", siret);
    free(p);
    return rc;
}

int http_h_prospect_enrol(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_REGIONAL_ADMIN && a->role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "prospects are for facilitators and the regional admin");
    json_t *body = NULL;
    json_t *after = NULL;
    struct ref_typical tf = {0};
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    int64_t territory_id = http_json_int(body, "territory_id", 0);
    const char *siret = http_json_str(body, "siret", "");
    rc = http_territory_scope(req, resp, &territory_id, true, e);
    if (rc)
        goto out;
    if (territory_id == 0) {
        http_resp_field_error(resp, "territory_id", "is required");
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "territory_id: required");
        goto out;
    }
    struct err ve;
    if (siret_check(slice_cstr(siret), &ve) != ERR_OK) {
        http_resp_field_error(resp, "siret", "not a valid SIRET (14 digits, checksum)");
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "siret: %s", ve.msg);
        goto out;
    }
    /* only a prospect of the territory's call list joins the territory */
    bool is_in = false;
    rc = store_prospect_in_territory(req->db, siret, territory_id, &is_in, e);
    if (rc == ERR_OK && !is_in)
        rc = err_set(e, ERR_NOT_FOUND, "no prospect %s in territory %lld", siret,
                     (long long)territory_id);
    if (rc == ERR_OK)
        rc = ref_typical_load(&tf, req->app->ref, req->app->data_dir, e);
    int64_t org_id = 0;
    size_t n_drafts = 0;
    if (rc == ERR_OK)
        rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK) {
        rc = optim_prospect_enrol(req->db, req->app->ref, &tf, siret, territory_id, &org_id,
                                  &n_drafts, e);
        if (rc == ERR_CONFLICT)
            rc = enrol_conflict(req, siret, e);
    }
    if (rc == ERR_OK) {
        after = json_pack("{s:I, s:s, s:I, s:I, s:b}", "organisation_id", (json_int_t)org_id,
                          "siret", siret, "territory_id", (json_int_t)territory_id, "n_drafts",
                          (json_int_t)n_drafts, "drafts_estimated", 1);
        rc = http_audit(req, "enrol_prospect", "organisation", org_id, NULL, after, e);
    }
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK) {
        http_resp_json(resp, 201, after);
        after = NULL;
    }
out:
    ref_typical_release(&tf);
    json_decref(after);
    json_decref(body);
    return rc;
}
