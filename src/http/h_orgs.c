/* SPDX-License-Identifier: MIT */
/*
 * h_orgs.c - territories and organisations: lists filtered to what the
 * caller may see (view.c), single reads, creation and update with field
 * validation (422 naming each bad field) and an audit entry per write.
 */
#include "http_int.h"

#include <string.h>

static int territory_json(struct http_req *req, const struct store_territory *t, json_t **out)
{
    (void)req;
    json_t *communes = json_array();
    for (size_t i = 0; i < t->n_communes; i++)
        json_array_append_new(communes, json_string(t->communes[i]));
    *out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:I}", "id", (json_int_t)t->id, "name",
                     t->name, "kind", store_vocab_name(STORE_V_TERRITORY_KIND, (int)t->kind),
                     "pilot", t->pilot ? t->pilot : "", "stage",
                     store_vocab_name(STORE_V_STAGE, (int)t->stage), "start_date", t->start_date,
                     "communes", communes, "n_organisations", (json_int_t)t->n_organisations);
    return ERR_OK;
}

/* Territories: the regional admin and observers see the whole registry
 * (it is the public map of initiatives); a facilitator their own; others
 * the territory of their organisation only. */
static bool territory_visible(struct http_req *req, int64_t id)
{
    const struct http_auth *a = &req->auth;
    if (a->role == STORE_ROLE_REGIONAL_ADMIN || a->role == STORE_ROLE_OBSERVER)
        return true;
    if (a->role == STORE_ROLE_FACILITATOR)
        return http_scope_territory(a, id);
    if (a->role == STORE_ROLE_MEMBER && a->org_id) {
        struct store_org o;
        memset(&o, 0, sizeof(o));
        struct err e;
        bool is_own = store_org_get(req->db, a->org_id, &o, &e) == ERR_OK && o.territory_id == id;
        store_org_release(&o);
        return is_own;
    }
    return false;
}

int http_h_territories_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct http_page pg;
    int rc = http_page_parse(req, resp, &pg, e);
    if (rc)
        return rc;
    struct store_territory *ts = NULL;
    size_t n = 0;
    rc = store_territory_list(req->db, &ts, &n, e);
    if (rc)
        return rc;
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!territory_visible(req, ts[i].id))
            continue;
        json_t *j;
        territory_json(req, &ts[i], &j);
        json_array_append_new(all, j);
    }
    store_territories_free(ts, n);
    http_resp_json(resp, 200, http_page_json(all, &pg));
    return ERR_OK;
}

int http_h_territory_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    if (!territory_visible(req, req->ids[0]))
        return err_set(e, ERR_NOT_FOUND, "no such territory");
    struct store_territory t;
    memset(&t, 0, sizeof(t));
    int rc = store_territory_get(req->db, req->ids[0], &t, e);
    if (rc == ERR_OK) {
        json_t *j;
        territory_json(req, &t, &j);
        http_resp_json(resp, 200, j);
    }
    store_territory_release(&t);
    return rc;
}

int http_h_territory_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    if (req->auth.role != STORE_ROLE_REGIONAL_ADMIN)
        return err_set(e, ERR_FORBIDDEN, "only the regional admin keeps the territory registry");
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    struct store_territory t;
    memset(&t, 0, sizeof(t));
    t.name = (char *)http_json_str(body, "name", "");
    t.pilot = (char *)http_json_str(body, "pilot", "");
    int kind = STORE_TK_INTERCOMMUNALITY, stage = STORE_STAGE_MOBILISATION;
    size_t n_bad = 0;
    http_json_vocab(resp, body, "kind", STORE_V_TERRITORY_KIND, &kind, &n_bad);
    http_json_vocab(resp, body, "stage", STORE_V_STAGE, &stage, &n_bad);
    t.kind = (enum store_territory_kind)kind;
    t.stage = (enum store_stage)stage;
    const char *sd = http_json_str(body, "start_date", "");
    if (strlen(sd) != 0 && strlen(sd) != 10) {
        http_resp_field_error(resp, "start_date", "must be YYYY-MM-DD");
        n_bad++;
    } else {
        memcpy(t.start_date, sd, strlen(sd) + 1);
    }
    if (n_bad) {
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "invalid territory");
        goto out;
    }
    int64_t id = 0;
    rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_territory_insert(req->db, &t, &id, e);
    if (rc == ERR_CONFLICT)
        http_resp_field_error(resp, "name", "already exists");
    if (rc == ERR_OK)
        rc = http_audit(req, "create", "territory", id, NULL, body, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK)
        http_resp_json(resp, 201, json_pack("{s:I}", "id", (json_int_t)id));
out:
    json_decref(body);
    return rc;
}

int http_h_orgs_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct http_page pg;
    int64_t territory_id;
    int rc = http_page_parse(req, resp, &pg, e);
    if (rc == ERR_OK)
        rc = http_query_id(req, resp, "territory_id", &territory_id, e);
    if (rc)
        return rc;
    struct store_filter f;
    store_filter_init(&f);
    f.territory_id = territory_id;
    const char *naf = http_req_query(req, "naf");
    if (naf && strlen(naf) > 8) {
        http_resp_field_error(resp, "naf", "is too long");
        return err_set(e, ERR_INPUT, "naf: too long");
    }
    f.code_prefix = naf;
    if (req->auth.role == STORE_ROLE_FACILITATOR && !territory_id && req->auth.n_territories == 1)
        f.territory_id = req->auth.territories[0];
    struct store_org *os = NULL;
    size_t n = 0;
    rc = store_org_list(req->db, &f, &os, &n, e);
    if (rc)
        return rc;
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++) {
        enum http_view v = http_view_org(&req->auth, &os[i]);
        if (v != HTTP_VIEW_NONE)
            json_array_append_new(all, http_org_json(req, &os[i], v));
    }
    store_orgs_free(os, n);
    /* no sort by name: it would order anonymised rows by a hidden value */
    static const char *const keys[] = {"id", "commune", "naf", "activity", NULL};
    rc = http_sort_items(req, resp, all, keys, e);
    if (rc) {
        json_decref(all);
        return rc;
    }
    http_resp_json(resp, 200, http_page_json(all, &pg));
    return ERR_OK;
}

int http_h_org_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_org o;
    memset(&o, 0, sizeof(o));
    int rc = store_org_get(req->db, req->ids[0], &o, e);
    enum http_view v = HTTP_VIEW_NONE;
    if (rc == ERR_OK)
        rc = http_view_org_direct(req, &o, &v, e);
    if (rc == ERR_OK && v == HTTP_VIEW_NONE)
        rc = err_set(e, ERR_NOT_FOUND, "no such organisation");
    if (rc == ERR_OK)
        http_resp_json(resp, 200, http_org_json(req, &o, v));
    store_org_release(&o);
    return rc;
}

/*
 * Applies the members of body onto o, checking each value against the
 * reference data; every bad field is recorded. Returns the number of bad
 * fields. Strings point into body (valid while body lives).
 */
static size_t org_apply(struct http_req *req, struct http_resp *resp, const json_t *body,
                        struct store_org *o)
{
    const struct ref *r = req->app->ref;
    size_t n_bad = 0;
    struct err ve;
    const char *v;
    if ((v = http_json_str(body, "siret", NULL))) {
        if (siret_check(slice_cstr(v), &ve) != ERR_OK) {
            http_resp_field_error(resp, "siret", ve.msg);
            n_bad++;
        } else {
            memcpy(o->siret, v, 15);
        }
    }
    if ((v = http_json_str(body, "name", NULL))) {
        if (!slice_trim(slice_cstr(v)).len) {
            http_resp_field_error(resp, "name", "must not be empty");
            n_bad++;
        }
        o->name = (char *)v;
    }
    if ((v = http_json_str(body, "naf", NULL)) &&
        ref_naf_parse(r, slice_cstr(v), o->naf, &ve) != ERR_OK) {
        http_resp_field_error(resp, "naf", ve.msg);
        n_bad++;
    }
    if ((v = http_json_str(body, "commune_insee", NULL))) {
        const struct ref_commune *c = ref_commune_find(r, v);
        if (!c) {
            http_resp_field_error(resp, "commune_insee", "unknown commune");
            n_bad++;
        } else {
            memcpy(o->commune_insee, c->insee, sizeof(o->commune_insee));
            if (!http_json_has(body, "lat"))
                o->pos = c->pos;
        }
    }
    int kind = (int)o->kind;
    http_json_vocab(resp, body, "kind", STORE_V_ORG_KIND, &kind, &n_bad);
    o->kind = (enum store_org_kind)kind;
    if ((v = http_json_str(body, "address", NULL)))
        o->address = (char *)v;
    if ((v = http_json_str(body, "postal_code", NULL))) {
        if (strlen(v) > 5) {
            http_resp_field_error(resp, "postal_code", "must be 5 digits");
            n_bad++;
        } else {
            memcpy(o->postal_code, v, strlen(v) + 1);
        }
    }
    if (http_json_has(body, "lat") != http_json_has(body, "lon")) {
        http_resp_field_error(resp, "lat", "lat and lon go together");
        n_bad++;
    } else if (http_json_has(body, "lat")) {
        struct geo_point p = {http_json_num(body, "lat", 0), http_json_num(body, "lon", 0)};
        if (!ref_in_region(r, p)) {
            http_resp_field_error(resp, "lat", "position outside the region");
            n_bad++;
        }
        o->pos = p;
    }
    if (http_json_has(body, "headcount"))
        o->headcount = http_json_int(body, "headcount", -1);
    if (http_json_has(body, "territory_id"))
        o->territory_id = http_json_int(body, "territory_id", 0);
    return n_bad;
}

int http_h_org_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "only facilitators enrol organisations");
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    struct store_org o;
    memset(&o, 0, sizeof(o));
    o.headcount = -1;
    o.address = "";
    size_t n_bad = org_apply(req, resp, body, &o);
    if (n_bad) {
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "invalid organisation");
        goto out;
    }
    if (!o.territory_id) {
        rc = store_territory_of_commune(req->db, o.commune_insee, &o.territory_id, e);
        if (rc)
            goto out;
        if (!o.territory_id && a->n_territories == 1)
            o.territory_id = a->territories[0];
    }
    if (!http_scope_territory_write(a, o.territory_id)) {
        rc = err_set(e, ERR_FORBIDDEN, "territory outside your scope");
        goto out;
    }
    int64_t id = 0;
    rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_org_insert(req->db, &o, &id, e);
    if (rc == ERR_CONFLICT)
        http_resp_field_error(resp, "siret", "already registered");
    if (rc == ERR_OK) {
        o.id = id;
        json_t *after = http_org_json(req, &o, HTTP_VIEW_FULL);
        rc = http_audit(req, "create", "organisation", id, NULL, after, e);
        if (rc == ERR_OK)
            rc = store_tx_commit(req->db, e);
        if (rc == ERR_OK)
            http_resp_json(resp, 201, after);
        else
            json_decref(after);
    }
out:
    json_decref(body);
    return rc;
}

int http_h_org_update(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    json_t *before = NULL;
    struct store_org o;
    memset(&o, 0, sizeof(o));
    int rc = store_org_get(req->db, req->ids[0], &o, e);
    if (rc)
        goto out;
    enum http_view v = http_view_org(&req->auth, &o);
    if (v == HTTP_VIEW_NONE) {
        rc = err_set(e, ERR_NOT_FOUND, "no such organisation");
        goto out;
    }
    if (!http_can_edit_org(&req->auth, o.id, o.territory_id)) {
        rc = err_set(e, ERR_FORBIDDEN, "you cannot edit this organisation");
        goto out;
    }
    rc = http_req_body(req, resp, &body, e);
    if (rc)
        goto out;
    before = http_org_json(req, &o, HTTP_VIEW_FULL);
    /* org_apply points strings into body: keep o's own ones to free them */
    char *own_name = o.name, *own_address = o.address;
    int64_t old_territory = o.territory_id;
    size_t n_bad = org_apply(req, resp, body, &o);
    if (o.territory_id != old_territory &&
        !http_scope_territory_write(&req->auth, o.territory_id)) {
        http_resp_field_error(resp, "territory_id", "outside your scope");
        n_bad++;
    }
    if (n_bad) {
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "invalid organisation");
    }
    if (rc == ERR_OK)
        rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_org_update(req->db, &o, e);
    json_t *after = rc == ERR_OK ? http_org_json(req, &o, HTTP_VIEW_FULL) : NULL;
    if (rc == ERR_OK)
        rc = http_audit(req, "update", "organisation", o.id, before, after, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK) {
        http_resp_json(resp, 200, after);
        after = NULL;
    }
    json_decref(after);
    o.name = own_name;
    o.address = own_address;
out:
    store_org_release(&o);
    json_decref(before);
    json_decref(body);
    return rc;
}
