/* SPDX-License-Identifier: MIT */
/*
 * h_misc.c - the smaller endpoints: health, the OpenAPI document,
 * reference look-ups for autocompletion, pools, the map
 * layers, the audit log and CSV imports.
 */
#include "http_int.h"

#include <math.h>
#include <string.h>

int http_h_health(struct http_req *req, struct http_resp *resp, struct err *e)
{
    (void)req;
    (void)e;
    http_resp_json(resp, 200, json_pack("{s:s}", "status", "ok"));
    return ERR_OK;
}

int http_h_openapi(struct http_req *req, struct http_resp *resp, struct err *e)
{
    (void)req;
    (void)e;
    http_resp_json(resp, 200, http_openapi_build());
    return ERR_OK;
}

#define REF_MAX_HITS 20

/* ?q= of a look-up: 1 to 100 bytes of UTF-8. */
static int ref_query(struct http_req *req, struct http_resp *resp, const char **q, struct err *e)
{
    *q = http_req_query(req, "q");
    if (!*q || !(*q)[0] || strlen(*q) > 100 || !utf8_valid(*q, strlen(*q))) {
        http_resp_field_error(resp, "q", "must be 1 to 100 characters");
        return err_set(e, ERR_INPUT, "q: must be 1 to 100 characters");
    }
    return ERR_OK;
}

static json_t *hits_json(const struct ref_hit *hits, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:i}", "code", hits[i].code, "label",
                                             hits[i].label_fr, "level", hits[i].level));
    return json_pack("{s:o}", "items", arr);
}

int http_h_ref_waste(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const char *q;
    int rc = ref_query(req, resp, &q, e);
    if (rc)
        return rc;
    struct ref_hit hits[REF_MAX_HITS];
    size_t n = ref_low_search(req->app->ref, q, hits, REF_MAX_HITS);
    json_t *out = hits_json(hits, n);
    /* energy, water and service codes searched by their name */
    json_t *other = json_array();
    for (int fam = STORE_FAM_ENERGY; fam <= STORE_FAM_TRAINING; fam++) {
        const char *const *codes = store_family_codes((enum store_family)fam);
        for (size_t i = 0; codes && codes[i]; i++) {
            struct sb fq, fc;
            sb_init(&fq, 512);
            sb_init(&fc, 512);
            text_fold(&fq, q, strlen(q));
            text_fold(&fc, codes[i], strlen(codes[i]));
            for (char *p = fc.buf; *p; p++) {
                if (*p == '_')
                    *p = ' ';
            }
            if (fq.len && strstr(fc.buf, fq.buf))
                json_array_append_new(other, json_pack("{s:s, s:s}", "code", codes[i], "family",
                                                       store_vocab_name(STORE_V_FAMILY, fam)));
            sb_release(&fq);
            sb_release(&fc);
        }
    }
    json_object_set_new(out, "other", other);
    http_resp_json(resp, 200, out);
    return ERR_OK;
}

int http_h_ref_naf(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const char *q;
    int rc = ref_query(req, resp, &q, e);
    if (rc)
        return rc;
    struct ref_hit hits[REF_MAX_HITS];
    size_t n = ref_nace_search(req->app->ref, q, hits, REF_MAX_HITS);
    http_resp_json(resp, 200, hits_json(hits, n));
    return ERR_OK;
}

int http_h_pools_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct http_page pg;
    int rc = http_page_parse(req, resp, &pg, e);
    if (rc)
        return rc;
    const char *suggested = http_req_query(req, "suggested");
    if (suggested && strcmp(suggested, "1") == 0)
        return http_pools_suggested(req, resp, &pg, e);
    struct store_filter f;
    store_filter_init(&f);
    struct store_pool *ps = NULL;
    size_t n = 0;
    rc = store_pool_list(req->db, &f, &ps, &n, e);
    if (rc)
        return rc;
    json_t *all = json_array();
    const struct http_auth *a = &req->auth;
    for (size_t i = 0; i < n; i++) {
        bool is_visible = a->role != STORE_ROLE_FACILITATOR || !ps[i].territory_id ||
                          http_scope_territory(a, ps[i].territory_id);
        if (!is_visible)
            continue;
        /* a pool shows its need and size, never its members' names */
        json_array_append_new(
            all,
            json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:I}", "id", (json_int_t)ps[i].id, "name",
                      ps[i].name, "kind", store_vocab_name(STORE_V_POOL_KIND, (int)ps[i].kind),
                      "territory_id",
                      ps[i].territory_id ? json_integer(ps[i].territory_id) : json_null(), "code",
                      ps[i].code, "description", ps[i].description ? ps[i].description : "",
                      "n_members", (json_int_t)ps[i].n_members));
    }
    store_pools_free(ps, n);
    http_resp_json(resp, 200, http_page_json(all, &pg));
    return ERR_OK;
}

/*
 * The map's layers in one compact answer: organisations as
 * [id, lat, lon, n_offers, n_needs, is_full, label] rows (anonymised ones at
 * their commune's centre, labelled by the index of their activity in
 * "activities") and synergies as lines.
 */
int http_h_map(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    const char *key = http_scope_key(req, "map");
    if (http_cache_get(req->app->cache, key, &resp->body)) {
        resp->status = 200;
        resp->content_type = "application/json; charset=utf-8";
        return ERR_OK;
    }
    struct store_filter f;
    store_filter_init(&f);
    if (a->role == STORE_ROLE_FACILITATOR && a->n_territories == 1)
        f.territory_id = a->territories[0];
    struct store_org *os = NULL;
    size_t n_os = 0;
    struct store_flow_count *fc = NULL;
    size_t n_fc = 0;
    int rc = store_org_list(req->db, &f, &os, &n_os, e);
    if (rc == ERR_OK)
        rc = store_web_flow_counts(req->db, f.territory_id, &fc, &n_fc, e);
    if (rc) {
        store_orgs_free(os, n_os);
        return rc;
    }
    /* both lists are ordered by organisation id: walk them together; each
     * count is shown only if the caller may see flows of that kind */
    json_t *orgs = json_array();
    json_t *activities = json_array();
    json_t *act_index = json_object();
    size_t k = 0;
    for (size_t i = 0; i < n_os; i++) {
        const struct store_org *o = &os[i];
        size_t n_off = 0, n_need = 0;
        while (k < n_fc && fc[k].org_id < o->id)
            k++;
        for (; k < n_fc && fc[k].org_id == o->id; k++) {
            struct store_flow probe;
            memset(&probe, 0, sizeof(probe));
            probe.org_id = o->id;
            probe.territory_id = o->territory_id;
            probe.confidentiality = fc[k].confidentiality;
            if (http_view_flow(a, &probe) == HTTP_VIEW_NONE)
                continue;
            if (fc[k].direction == STORE_DIR_OFFER)
                n_off += fc[k].n;
            else
                n_need += fc[k].n;
        }
        enum http_view v = http_view_org(a, o);
        if (v == HTTP_VIEW_NONE)
            continue;
        struct geo_point p = o->pos;
        json_t *label;
        int64_t shown_id = o->id;
        if (v == HTTP_VIEW_FULL) {
            label = json_string(o->name);
        } else {
            /* anonymised: no id, the k-anonymous label's activity (sent
             * once in "activities", referred to by index: 10,000 rows
             * repeat few labels) at its area's centre */
            struct network_anon_label l;
            http_anon_label(req, o->id, &l);
            shown_id = 0;
            p = l.pos;
            const char *act = l.activity;
            json_t *idx = json_object_get(act_index, act);
            if (!idx) {
                idx = json_integer((json_int_t)json_array_size(activities));
                json_object_set_new(act_index, act, idx);
                json_array_append_new(activities, json_string(act));
            }
            label = json_integer(json_integer_value(idx));
        }
        json_array_append_new(orgs, json_pack("[I, f, f, I, I, b, o]", (json_int_t)shown_id,
                                              round(p.lat * 1e5) / 1e5, round(p.lon * 1e5) / 1e5,
                                              (json_int_t)n_off, (json_int_t)n_need,
                                              v == HTTP_VIEW_FULL, label));
    }
    json_decref(act_index);
    free(fc);
    store_orgs_free(os, n_os);
    json_t *lines = json_array();
    struct store_syn_line *ls = NULL;
    size_t n_ls = 0;
    rc = store_web_synergy_lines(req->db, f.territory_id,
                                 a->role == STORE_ROLE_MEMBER ? a->org_id : 0, &ls, &n_ls, e);
    for (size_t i = 0; rc == ERR_OK && i < n_ls; i++) {
        json_t *line = http_synergy_line(req, &ls[i]);
        if (line)
            json_array_append_new(lines, line);
    }
    free(ls);
    if (rc) {
        json_decref(orgs);
        json_decref(lines);
        json_decref(activities);
        return rc;
    }
    http_resp_json(resp, 200,
                   json_pack("{s:[s,s,s,s,s,s,s], s:o, s:o, s:o}", "columns",
                             "id (0 if anonymised)", "lat", "lon", "n_offers", "n_needs", "is_full",
                             "label (name, or index in activities)", "organisations", orgs,
                             "activities", activities, "synergies", lines));
    http_cache_put(req->app->cache, key, resp->body.buf, resp->body.len);
    return ERR_OK;
}

int http_h_audit_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    if (req->auth.role != STORE_ROLE_REGIONAL_ADMIN)
        return err_set(e, ERR_FORBIDDEN, "only the regional admin reads the audit log");
    struct http_page pg;
    int rc = http_page_parse(req, resp, &pg, e);
    if (rc)
        return rc;
    struct store_audit *as = NULL;
    size_t n = 0;
    rc = store_audit_list(req->db, 1000, &as, &n, e);
    if (rc)
        return rc;
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(all, json_pack("{s:I, s:I, s:I, s:s, s:s, s:I}", "id",
                                             (json_int_t)as[i].id, "at", (json_int_t)as[i].at,
                                             "account_id", (json_int_t)as[i].account_id, "action",
                                             as[i].action, "entity", as[i].entity, "entity_id",
                                             (json_int_t)as[i].entity_id));
    store_audits_free(as, n);
    http_resp_json(resp, 200, http_page_json(all, &pg));
    return ERR_OK;
}

/*
 * A CSV import through the API: the body is the file (text/csv). The
 * store parses and checks every row; any error and nothing is written,
 * and the answer lists the line errors ("upload.csv:LINE: field: reason").
 */
static int import_csv(struct http_req *req, struct http_resp *resp, bool is_orgs, struct err *e)
{
    if (req->auth.role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "only facilitators import files");
    const char *ct = http_req_header(req, "Content-Type");
    if (!ct || (strncmp(ct, "text/csv", 8) != 0 && strncmp(ct, "text/plain", 10) != 0))
        return err_set(e, ERR_INPUT, "request body: Content-Type must be text/csv");
    if (!req->body_len)
        return err_set(e, ERR_INPUT, "request body: empty file");
    struct store_import imp;
    struct err_list errs;
    store_import_init(&imp, "import.csv");
    err_list_init(&errs, 200);
    int rc = is_orgs
                 ? store_import_parse_orgs(&imp, req->app->ref, req->body, req->body_len, &errs)
                 : store_import_parse_flows(&imp, req->app->ref, req->body, req->body_len, &errs);
    /* imported rows must all lie in the facilitator's territories */
    for (size_t i = 0; rc == ERR_OK && i < imp.n_orgs; i++) {
        /* the territory the row will get: its territory column first,
         * as store_import_apply decides it */
        int64_t terr = 0;
        struct err te;
        const struct store_import_org *row = &imp.orgs[i];
        bool has_column = row->territory && row->territory[0];
        if (store_import_org_territory(req->db, row, &terr, &te))
            terr = 0;
        if (!http_scope_territory_write(&req->auth, terr))
            err_list_add(&errs, "import.csv:%zu: %s: outside your territories", row->line,
                         has_column ? "territory" : "commune_insee");
    }
    /* a SIRET outside the caller's territories gets the words of one that
     * does not exist: the answer must not tell whether a company is
     * enrolled elsewhere */
    for (size_t i = 0; rc == ERR_OK && i < imp.n_flows; i++) {
        int64_t org_id = 0;
        struct store_org o;
        memset(&o, 0, sizeof(o));
        struct err oe;
        bool is_in_scope =
            store_org_find_siret(req->db, imp.flows[i].flow.siret, &org_id, &oe) == ERR_OK &&
            store_org_get(req->db, org_id, &o, &oe) == ERR_OK &&
            http_scope_territory_write(&req->auth, o.territory_id);
        if (!is_in_scope)
            err_list_add(&errs,
                         "import.csv:%zu: siret: no organisation %s in your territories (import "
                         "it first)",
                         imp.flows[i].line, imp.flows[i].flow.siret);
        store_org_release(&o);
    }
    if (rc == ERR_OK && err_list_count(&errs))
        rc = ERR_INPUT;
    if (rc == ERR_OK)
        rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_import_apply(req->db, &imp, &errs, e);
    json_t *summary = json_pack("{s:I, s:I}", "organisations", (json_int_t)imp.n_orgs, "flows",
                                (json_int_t)imp.n_flows);
    if (rc == ERR_OK)
        rc = http_audit(req, "import", is_orgs ? "organisation" : "flow", 0, NULL, summary, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK) {
        http_resp_json(resp, 201, json_pack("{s:O}", "imported", summary));
    } else if (err_list_count(&errs)) {
        store_tx_rollback(req->db);
        json_t *lines = json_array();
        for (size_t i = 0; i < errs.n; i++)
            json_array_append_new(lines, json_string(errs.lines[i]));
        resp->is_unprocessable = true;
        if (!resp->err_fields)
            resp->err_fields = json_object();
        json_object_set_new(
            resp->err_fields, "file",
            json_sprintf("%zu error(s); nothing was imported", err_list_count(&errs)));
        rc = err_set(e, ERR_INPUT, "import refused: %zu error(s), nothing was imported",
                     err_list_count(&errs));
        resp->err_lines = lines;
    }
    json_decref(summary);
    err_list_release(&errs);
    store_import_release(&imp);
    return rc;
}

int http_h_import_orgs(struct http_req *req, struct http_resp *resp, struct err *e)
{
    return import_csv(req, resp, true, e);
}

int http_h_import_flows(struct http_req *req, struct http_resp *resp, struct err *e)
{
    return import_csv(req, resp, false, e);
}
