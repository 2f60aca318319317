/* SPDX-License-Identifier: MIT */
/*
 * h_flows.c - flows (what an organisation offers or needs): lists and
 * reads through the confidentiality views, and writes by the
 * organisation's own members or its territory's facilitators, each
 * checked against the reference data and audited.
 */
#include "http_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * Fills qty_per_yr and base_unit from quantity, unit and period with
 * core's qty_normalise, the rule CSV imports use, so a flow typed in the
 * browser and the same flow imported get the same yearly quantity.
 */
static bool flow_normalise(struct store_flow *f)
{
    struct qty q;
    if (qty_normalise(&q, f->quantity, slice_cstr(f->unit), slice_cstr(f->period), NULL))
        return false;
    const char *base = qty_dim_unit(q.dim);
    size_t n = strlen(base);
    if (n >= sizeof(f->base_unit))
        return false;
    memcpy(f->base_unit, base, n + 1);
    f->qty_per_yr = q.per_yr;
    return true;
}

int http_h_flows_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct http_page pg;
    int64_t territory_id = 0, org_id = 0;
    int rc = http_page_parse(req, resp, &pg, e);
    if (rc == ERR_OK)
        rc = http_query_id(req, resp, "territory_id", &territory_id, e);
    if (rc == ERR_OK)
        rc = http_query_id(req, resp, "organisation_id", &org_id, e);
    if (rc)
        return rc;
    struct store_filter f;
    store_filter_init(&f);
    f.territory_id = territory_id;
    f.org_id = org_id;
    const char *dir = http_req_query(req, "direction");
    if (dir) {
        int d;
        struct err ve;
        if (store_vocab_parse(STORE_V_DIRECTION, slice_cstr(dir), &d, &ve) != ERR_OK) {
            http_resp_field_error(resp, "direction", "must be offer or need");
            return err_set(e, ERR_INPUT, "direction: must be offer or need");
        }
        f.direction = d;
    }
    const char *code = http_req_query(req, "code");
    if (code && strlen(code) > 23) {
        http_resp_field_error(resp, "code", "is too long");
        return err_set(e, ERR_INPUT, "code: too long");
    }
    f.code_prefix = code;
    if (req->auth.role == STORE_ROLE_FACILITATOR && !territory_id && req->auth.n_territories == 1)
        f.territory_id = req->auth.territories[0];
    const char *mine = http_req_query(req, "mine");
    if (mine && strcmp(mine, "1") == 0 && req->auth.role == STORE_ROLE_MEMBER)
        f.org_id = req->auth.org_id;
    struct store_flow *fs = NULL;
    size_t n = 0;
    rc = store_flow_list(req->db, &f, &fs, &n, e);
    if (rc)
        return rc;
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++) {
        enum http_view v = http_view_flow(&req->auth, &fs[i]);
        /* filtering an anonymised flow by organisation would reveal whose it is */
        if (v == HTTP_VIEW_ANON && org_id)
            continue;
        if (v != HTTP_VIEW_NONE)
            json_array_append_new(all, http_flow_json(req, &fs[i], v));
    }
    store_flows_free(fs, n);
    /* no sort by exact quantity: it would order anonymised rows by it */
    static const char *const keys[] = {"id", "code", "direction", "family", "activity", NULL};
    rc = http_sort_items(req, resp, all, keys, e);
    if (rc) {
        json_decref(all);
        return rc;
    }
    http_resp_json(resp, 200, http_page_json(all, &pg));
    return ERR_OK;
}

int http_h_flow_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_flow f;
    memset(&f, 0, sizeof(f));
    int rc = store_flow_get(req->db, req->ids[0], &f, e);
    enum http_view v = HTTP_VIEW_NONE;
    if (rc == ERR_OK)
        rc = http_view_flow_direct(req, &f, &v, e);
    if (rc == ERR_OK && v == HTTP_VIEW_NONE)
        rc = err_set(e, ERR_NOT_FOUND, "no such flow");
    if (rc == ERR_OK)
        http_resp_json(resp, 200, http_flow_json(req, &f, v));
    store_flow_release(&f);
    return rc;
}

/* Applies body's members onto f and checks them; returns the bad count. */
static size_t flow_apply(struct http_req *req, struct http_resp *resp, const json_t *body,
                         struct store_flow *f)
{
    size_t n_bad = 0;
    int v;
    v = (int)f->direction;
    http_json_vocab(resp, body, "direction", STORE_V_DIRECTION, &v, &n_bad);
    f->direction = (enum store_direction)v;
    v = (int)f->state;
    http_json_vocab(resp, body, "state", STORE_V_STATE, &v, &n_bad);
    f->state = (enum store_state)v;
    v = (int)f->availability;
    http_json_vocab(resp, body, "availability", STORE_V_AVAILABILITY, &v, &n_bad);
    f->availability = (enum store_availability)v;
    v = (int)f->confidentiality;
    http_json_vocab(resp, body, "confidentiality", STORE_V_CONFIDENTIALITY, &v, &n_bad);
    f->confidentiality = (enum store_confidentiality)v;
    const char *code = http_json_str(body, "code", NULL);
    if (code) {
        enum store_family fam;
        struct err ve;
        char low[7];
        if (store_code_family(code, &fam)) {
            f->family = fam;
            memcpy(f->code, code, strlen(code) + 1);
        } else if (ref_low_parse(req->app->ref, slice_cstr(code), low, &ve) == ERR_OK) {
            f->family = STORE_FAM_MATERIAL;
            memcpy(f->code, low, sizeof(low));
            const struct ref_low *l = ref_low_find(req->app->ref, low);
            f->is_hazardous = l && l->is_hazardous;
        } else {
            http_resp_field_error(resp, "code", "unknown waste, product, energy or service code");
            n_bad++;
        }
    }
    if (http_json_has(body, "quantity"))
        f->quantity = http_json_num(body, "quantity", 0);
    const char *unit = http_json_str(body, "unit", NULL);
    if (unit)
        memcpy(f->unit, unit, strlen(unit) + 1);
    const char *period = http_json_str(body, "period", NULL);
    if (period)
        memcpy(f->period, period, strlen(period) + 1);
    if (!(f->quantity > 0)) {
        http_resp_field_error(resp, "quantity", "must be positive");
        n_bad++;
    } else if (!flow_normalise(f)) {
        http_resp_field_error(resp, "unit", "unknown unit or period");
        n_bad++;
    }
    if (http_json_has(body, "is_hazardous")) {
        bool hz = http_json_bool(body, "is_hazardous", false);
        const struct ref_low *l =
            f->family == STORE_FAM_MATERIAL ? ref_low_find(req->app->ref, f->code) : NULL;
        if (l && l->is_hazardous && !hz) {
            http_resp_field_error(resp, "is_hazardous", "this waste code is hazardous");
            n_bad++;
        }
        f->is_hazardous = hz || (l && l->is_hazardous);
    }
    if (http_json_has(body, "temperature_c")) {
        f->has_temperature = true;
        f->temperature_c = http_json_num(body, "temperature_c", 0);
    }
    if (http_json_has(body, "cost_eur_per_unit")) {
        f->has_cost = true;
        f->cost_eur_per_unit = http_json_num(body, "cost_eur_per_unit", 0);
    }
    const char *desc = http_json_str(body, "description", NULL);
    if (desc)
        f->description = (char *)desc;
    return n_bad;
}

/* Loads the organisation a flow belongs to and checks the caller may edit it. */
static int flow_owner_check(struct http_req *req, int64_t org_id, struct err *e)
{
    struct store_org o;
    memset(&o, 0, sizeof(o));
    int rc = store_org_get(req->db, org_id, &o, e);
    if (rc == ERR_NOT_FOUND)
        rc = err_set(e, ERR_NOT_FOUND, "no such organisation");
    if (rc == ERR_OK && http_view_org(&req->auth, &o) == HTTP_VIEW_NONE)
        rc = err_set(e, ERR_NOT_FOUND, "no such organisation");
    if (rc == ERR_OK && !http_can_edit_org(&req->auth, o.id, o.territory_id))
        rc = err_set(e, ERR_FORBIDDEN, "you cannot edit the flows of this organisation");
    store_org_release(&o);
    return rc;
}

/*
 * Declares the flow of body (a FlowCreate) and, when draft_id > 0, deletes
 * that draft in the same transaction: a draft the company confirms goes
 * through the very checks a flow typed in the form goes through.
 */
static int flow_create(struct http_req *req, struct http_resp *resp, const json_t *body,
                       int64_t draft_id, struct err *e)
{
    struct store_flow f;
    memset(&f, 0, sizeof(f));
    f.org_id = http_json_int(body, "organisation_id", req->auth.org_id);
    memcpy(f.period, "year", 5);
    f.confidentiality = STORE_CONF_ANONYMISED;
    f.months_mask = 0xFFF;
    f.description = "";
    if (!f.org_id) {
        http_resp_field_error(resp, "organisation_id", "is required");
        return err_set(e, ERR_INPUT, "organisation_id: required");
    }
    int rc = flow_owner_check(req, f.org_id, e);
    if (rc)
        return rc;
    if (flow_apply(req, resp, body, &f)) {
        resp->is_unprocessable = true;
        return err_set(e, ERR_INPUT, "invalid flow");
    }
    int64_t id = 0;
    rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_flow_insert(req->db, &f, &id, e);
    struct store_flow saved;
    memset(&saved, 0, sizeof(saved));
    if (rc == ERR_OK)
        rc = store_flow_get(req->db, id, &saved, e);
    json_t *after = rc == ERR_OK ? http_flow_json(req, &saved, HTTP_VIEW_FULL) : NULL;
    if (rc == ERR_OK)
        rc = http_audit(req, "create", "flow", id, NULL, after, e);
    if (rc == ERR_OK && draft_id > 0)
        rc = store_flow_draft_delete(req->db, draft_id, e);
    if (rc == ERR_OK && draft_id > 0)
        rc = http_audit(req, "confirm", "flow_draft", draft_id, NULL, NULL, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK) {
        http_resp_json(resp, 201, after);
        after = NULL;
    }
    json_decref(after);
    store_flow_release(&saved);
    return rc;
}

int http_h_flow_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc == ERR_OK)
        rc = flow_create(req, resp, body, 0, e);
    json_decref(body);
    return rc;
}

int http_h_flow_update(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    json_t *before = NULL;
    json_t *after = NULL;
    struct store_flow f;
    memset(&f, 0, sizeof(f));
    int rc = store_flow_get(req->db, req->ids[0], &f, e);
    if (rc == ERR_OK && http_view_flow(&req->auth, &f) == HTTP_VIEW_NONE)
        rc = err_set(e, ERR_NOT_FOUND, "no such flow");
    if (rc == ERR_OK)
        rc = flow_owner_check(req, f.org_id, e);
    if (rc == ERR_OK)
        rc = http_req_body(req, resp, &body, e);
    if (rc)
        goto out;
    before = http_flow_json(req, &f, HTTP_VIEW_FULL);
    char *own_desc = f.description;
    if (flow_apply(req, resp, body, &f)) {
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "invalid flow");
    }
    if (rc == ERR_OK)
        rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_flow_update(req->db, &f, e);
    if (rc == ERR_OK) {
        after = http_flow_json(req, &f, HTTP_VIEW_FULL);
        rc = http_audit(req, "update", "flow", f.id, before, after, e);
    }
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK) {
        http_resp_json(resp, 200, after);
        after = NULL;
    }
    f.description = own_desc;
out:
    store_flow_release(&f);
    json_decref(after);
    json_decref(before);
    json_decref(body);
    return rc;
}

int http_h_flow_delete(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_flow f;
    memset(&f, 0, sizeof(f));
    json_t *before = NULL;
    int rc = store_flow_get(req->db, req->ids[0], &f, e);
    if (rc == ERR_OK && http_view_flow(&req->auth, &f) == HTTP_VIEW_NONE)
        rc = err_set(e, ERR_NOT_FOUND, "no such flow");
    if (rc == ERR_OK)
        rc = flow_owner_check(req, f.org_id, e);
    if (rc == ERR_OK) {
        before = http_flow_json(req, &f, HTTP_VIEW_FULL);
        rc = store_tx_begin(req->db, e);
    }
    if (rc == ERR_OK)
        rc = store_flow_delete(req->db, f.id, e);
    if (rc == ERR_OK)
        rc = http_audit(req, "delete", "flow", f.id, before, NULL, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK)
        http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
    json_decref(before);
    store_flow_release(&f);
    return rc;
}

/* ------------------------------------------------------------ drafts */

/*
 * The estimated flows given to an organisation enrolled from a prospect
 * (flow_drafts) are read and handled by those who may edit the
 * organisation's flows: its members, its territory's facilitators and the
 * regional admin. Nobody else learns they exist: another company gets 404
 * as for an organisation it cannot see, never the drafts.
 */
static int draft_scope_check(struct http_req *req, int64_t org_id, struct err *e)
{
    int rc = flow_owner_check(req, org_id, e);
    if (rc == ERR_FORBIDDEN)
        rc = err_set(e, ERR_NOT_FOUND, "no such draft");
    return rc;
}

static json_t *draft_json(struct http_req *req, const struct store_flow_draft *d)
{
    const struct ref_low *l = d->is_heat ? NULL : ref_low_find(req->app->ref, d->code);
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:f, s:s, s:b, s:s}", "id",
                     (json_int_t)d->id, "organisation_id", (json_int_t)d->org_id, "direction",
                     d->is_offer ? "offer" : "need", "family", d->is_heat ? "energy" : "material",
                     "code", d->code, "code_label",
                     d->is_heat ? "chaleur fatale" : (l && l->label_fr ? l->label_fr : ""),
                     "quantity", round(d->qty_per_yr * 1000) / 1000, "unit",
                     d->is_heat ? "MWh" : "t", "period", "year", "uncertainty_factor",
                     d->uncertainty_factor, "source", d->source, "estimated", 1, "status",
                     "estimé — à confirmer");
}

int http_h_drafts_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int rc = draft_scope_check(req, req->ids[0], e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "no such organisation");
    if (rc)
        return rc;
    struct store_flow_draft *ds = NULL;
    size_t n = 0;
    rc = store_flow_draft_list(req->db, req->ids[0], &ds, &n, e);
    if (rc)
        return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, draft_json(req, &ds[i]));
    free(ds);
    http_resp_json(resp, 200,
                   json_pack("{s:I, s:b, s:o}", "organisation_id", (json_int_t)req->ids[0],
                             "estimated", 1, "items", items));
    return ERR_OK;
}

int http_h_draft_confirm(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_flow_draft d;
    json_t *body = NULL;
    json_t *flow = NULL;
    int rc = store_flow_draft_get(req->db, req->ids[0], &d, e);
    if (rc == ERR_NOT_FOUND)
        rc = err_set(e, ERR_NOT_FOUND, "no such draft");
    if (rc == ERR_OK)
        rc = draft_scope_check(req, d.org_id, e);
    if (rc == ERR_OK)
        rc = http_req_body(req, resp, &body, e);
    if (rc)
        goto out;
    /* the draft as the FlowCreate body a form would send, corrected by the company */
    flow = json_pack("{s:I, s:s, s:s, s:f, s:s, s:s}", "organisation_id", (json_int_t)d.org_id,
                     "direction", d.is_offer ? "offer" : "need", "code", d.code, "quantity",
                     http_json_num(body, "quantity", round(d.qty_per_yr * 1000) / 1000), "unit",
                     d.is_heat ? "MWh" : "t", "period", "year");
    const char *conf = http_json_str(body, "confidentiality", NULL);
    if (conf)
        json_object_set_new(flow, "confidentiality", json_string(conf));
    rc = flow_create(req, resp, flow, d.id, e);
out:
    json_decref(flow);
    json_decref(body);
    return rc;
}

int http_h_draft_discard(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_flow_draft d;
    int rc = store_flow_draft_get(req->db, req->ids[0], &d, e);
    if (rc == ERR_NOT_FOUND)
        rc = err_set(e, ERR_NOT_FOUND, "no such draft");
    if (rc == ERR_OK)
        rc = draft_scope_check(req, d.org_id, e);
    if (rc == ERR_OK)
        rc = store_tx_begin(req->db, e);
    json_t *before = rc == ERR_OK ? draft_json(req, &d) : NULL;
    if (rc == ERR_OK)
        rc = store_flow_draft_delete(req->db, d.id, e);
    if (rc == ERR_OK)
        rc = http_audit(req, "discard", "flow_draft", d.id, before, NULL, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK)
        http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
    json_decref(before);
    return rc;
}
