/* SPDX-License-Identifier: MIT */
/*
 * view.c - the web module's side of the one visibility rule: the caller
 * as network_view sees it (src/network/visibility.c decides; the table is
 * docs/confidentiality.md), direct reads with the caller's working
 * relations, the k-anonymous labels of anonymised organisations, and the
 * JSON shapes of organisations and flows for each view.
 *
 * An anonymised row never carries a name, SIRET, address, exact position,
 * exact quantity, cost, description, NAF sub-class, commune or
 * organisation id: only its label (territory, activity, area), shared by
 * at least NETWORK_ANON_K organisations.
 */
#include "http_int.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static bool has_territory(const struct http_auth *a, int64_t territory_id)
{
    for (size_t i = 0; territory_id && i < a->n_territories; i++) {
        if (a->territories[i] == territory_id)
            return true;
    }
    return false;
}

bool http_scope_territory(const struct http_auth *a, int64_t territory_id)
{
    if (!a->is_authenticated)
        return false;
    if (a->role == STORE_ROLE_REGIONAL_ADMIN)
        return true;
    return a->role == STORE_ROLE_FACILITATOR && has_territory(a, territory_id);
}

bool http_scope_territory_write(const struct http_auth *a, int64_t territory_id)
{
    return a->is_authenticated && a->role == STORE_ROLE_FACILITATOR &&
           has_territory(a, territory_id);
}

bool http_can_edit_org(const struct http_auth *a, int64_t org_id, int64_t territory_id)
{
    if (!a->is_authenticated)
        return false;
    if (a->role == STORE_ROLE_MEMBER)
        return org_id != 0 && a->org_id == org_id;
    return http_scope_territory_write(a, territory_id);
}

/* The caller as the network's rule sees it (borrows a). */
static void who_of(const struct http_auth *a, struct store_account *who)
{
    memset(who, 0, sizeof(*who));
    who->id = a->is_authenticated ? a->account_id : 0;
    who->role = a->role;
    who->org_id = a->org_id;
    who->territory_ids = (int64_t *)a->territories;
    who->n_territories = a->n_territories;
}

enum http_view http_view_subject(const struct http_auth *a, const struct network_subject *s,
                                 bool is_side)
{
    if (!a->is_authenticated)
        return HTTP_VIEW_NONE;
    struct store_account who;
    who_of(a, &who);
    return (enum http_view)(is_side ? network_view_side(&who, s) : network_view(&who, s));
}

enum http_view http_view_org(const struct http_auth *a, const struct store_org *o)
{
    struct network_subject s;
    network_subject_org(&s, o, false);
    return http_view_subject(a, &s, false);
}

enum http_view http_view_flow(const struct http_auth *a, const struct store_flow *f)
{
    struct network_subject s;
    network_subject_flow(&s, f, false);
    return http_view_subject(a, &s, false);
}

int http_related(struct http_req *req, int64_t org_id, int64_t flow_id, bool *out, struct err *e)
{
    *out = false;
    if (!req->auth.is_authenticated)
        return ERR_OK;
    struct store_account who;
    who_of(&req->auth, &who);
    return network_view_related(req->db, &who, org_id, flow_id, out, e);
}

int http_view_org_direct(struct http_req *req, const struct store_org *o, enum http_view *out,
                         struct err *e)
{
    bool is_related = false;
    int rc = http_related(req, o->id, 0, &is_related, e);
    struct network_subject s;
    network_subject_org(&s, o, is_related);
    int64_t collector_id = 0;
    struct err ce;
    s.is_collector =
        rc == ERR_OK && store_collector_find_org(req->db, o->id, &collector_id, &ce) == ERR_OK;
    if (rc == ERR_OK && !s.is_collector) {
        /* the host of a shared room offers it to the whole network */
        struct store_room *rooms = NULL;
        size_t n_rooms = 0;
        s.is_collector =
            store_room_list(req->db, o->id, &rooms, &n_rooms, &ce) == ERR_OK && n_rooms > 0;
        store_rooms_free(rooms, n_rooms);
    }
    *out = rc ? HTTP_VIEW_NONE : http_view_subject(&req->auth, &s, false);
    return rc;
}

int http_view_flow_direct(struct http_req *req, const struct store_flow *f, enum http_view *out,
                          struct err *e)
{
    bool is_related = false;
    int rc = http_related(req, f->org_id, f->id, &is_related, e);
    struct network_subject s;
    network_subject_flow(&s, f, is_related);
    *out = rc ? HTTP_VIEW_NONE : http_view_subject(&req->auth, &s, false);
    return rc;
}

const char *http_quantity_band(double q, const char *base_unit, char *buf, size_t size)
{
    static const double edges[] = {1, 10, 100, 1000, 10000, 100000};
    static const char *const labels[] = {"< 1",         "1 à 10",         "10 à 100",
                                         "100 à 1 000", "1 000 à 10 000", "10 000 à 100 000",
                                         "> 100 000"};
    size_t i = 0;
    while (i < sizeof(edges) / sizeof(edges[0]) && !(q < edges[i]))
        i++;
    int w = snprintf(buf, size, "%s %s/an", labels[i], base_unit);
    if (w < 0 || (size_t)w >= size)
        return "";
    return buf;
}

/* The NAF division label ("Industrie du papier et du carton"): the
 * activity shown instead of the name. */
static const char *activity_of(const struct ref *r, const char *naf)
{
    char div[3] = {0};
    if (naf[0] && naf[1]) {
        div[0] = naf[0];
        div[1] = naf[1];
    }
    const struct ref_nace *n = ref_nace_find(r, div);
    if (!n)
        n = ref_nace_find(r, naf);
    return n ? n->label_fr : "";
}

void http_anon_label(struct http_req *req, int64_t org_id, struct network_anon_label *out)
{
    int rc = http_cache_anon_label(req->app->cache, org_id, out);
    if (rc < 0) {
        uint64_t gen = http_cache_generation(req->app->cache);
        struct store_filter f;
        store_filter_init(&f);
        struct store_org *os = NULL;
        size_t n = 0;
        struct err e;
        if (store_org_list(req->db, &f, &os, &n, &e) == ERR_OK) {
            struct network_anon_input *in = xmallocarray(n ? n : 1, sizeof(*in));
            for (size_t i = 0; i < n; i++)
                in[i] = (struct network_anon_input){os[i].id, os[i].naf, os[i].commune_insee,
                                                    os[i].territory_id};
            struct network_anon a;
            if (network_anon_build(req->app->ref, in, n, NETWORK_ANON_K, &a, &e) == ERR_OK)
                http_cache_anon_take(req->app->cache, &a, gen);
            free(in);
        }
        store_orgs_free(os, n);
        rc = http_cache_anon_label(req->app->cache, org_id, out);
    }
    if (rc != 1) {
        memset(out, 0, sizeof(*out));
        out->org_id = org_id;
        snprintf(out->activity, sizeof(out->activity), "activité non précisée");
        snprintf(out->area_code, sizeof(out->area_code), "region");
        snprintf(out->area, sizeof(out->area), "région");
    }
}

static void anon_set(json_t *j, const struct network_anon_label *l, bool with_pos)
{
    json_object_set_new(j, "activity", json_string(l->activity));
    json_object_set_new(j, "activity_code", json_string(l->activity_code));
    json_object_set_new(j, "area", json_string(l->area));
    json_object_set_new(j, "area_code", json_string(l->area_code));
    json_object_set_new(j, "territory_id",
                        l->territory_id ? json_integer(l->territory_id) : json_null());
    if (with_pos) {
        json_object_set_new(j, "lat", json_real(round(l->pos.lat * 1e4) / 1e4));
        json_object_set_new(j, "lon", json_real(round(l->pos.lon * 1e4) / 1e4));
    }
}

static void commune_set(json_t *o, const struct ref *r, const char *insee, bool with_pos)
{
    const struct ref_commune *c = ref_commune_find(r, insee);
    json_object_set_new(o, "commune_insee", json_string(insee));
    json_object_set_new(o, "commune", json_string(c ? c->name : ""));
    if (with_pos && c) {
        json_object_set_new(o, "lat", json_real(round(c->pos.lat * 1e4) / 1e4));
        json_object_set_new(o, "lon", json_real(round(c->pos.lon * 1e4) / 1e4));
    }
}

json_t *http_org_json(struct http_req *req, const struct store_org *o, enum http_view v)
{
    const struct ref *r = req->app->ref;
    json_t *j = json_object();
    /* anonymised: the k-anonymous label only (no id, which would link the
     * row to the registry, no NAF sub-class, kind or commune) */
    if (v != HTTP_VIEW_FULL) {
        struct network_anon_label l;
        http_anon_label(req, o->id, &l);
        json_object_set_new(j, "anonymised", json_true());
        anon_set(j, &l, true);
        return j;
    }
    json_object_set_new(j, "id", json_integer(o->id));
    json_object_set_new(j, "naf", json_string(o->naf));
    json_object_set_new(j, "activity", json_string(activity_of(r, o->naf)));
    json_object_set_new(j, "kind", json_string(store_vocab_name(STORE_V_ORG_KIND, (int)o->kind)));
    json_object_set_new(j, "territory_id",
                        o->territory_id ? json_integer(o->territory_id) : json_null());
    json_object_set_new(j, "anonymised", json_false());
    json_object_set_new(j, "siret", json_string(o->siret));
    json_object_set_new(j, "name", json_string(o->name));
    json_object_set_new(j, "address", json_string(o->address));
    json_object_set_new(j, "postal_code", json_string(o->postal_code));
    commune_set(j, r, o->commune_insee, false);
    json_object_set_new(j, "lat", json_real(o->pos.lat));
    json_object_set_new(j, "lon", json_real(o->pos.lon));
    json_object_set_new(j, "headcount",
                        o->headcount >= 0 ? json_integer(o->headcount) : json_null());
    json_object_set_new(j, "territory_name",
                        json_string(o->territory_name ? o->territory_name : ""));
    return j;
}

static const char *code_label(const struct ref *r, const struct store_flow *f)
{
    if (f->family == STORE_FAM_MATERIAL) {
        const struct ref_low *l = ref_low_find(r, f->code);
        return l ? l->label_fr : "";
    }
    return "";
}

json_t *http_flow_json(struct http_req *req, const struct store_flow *f, enum http_view v)
{
    const struct ref *r = req->app->ref;
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(f->id));
    json_object_set_new(j, "direction",
                        json_string(store_vocab_name(STORE_V_DIRECTION, (int)f->direction)));
    json_object_set_new(j, "family", json_string(store_vocab_name(STORE_V_FAMILY, (int)f->family)));
    json_object_set_new(j, "code", json_string(f->code));
    json_object_set_new(j, "code_label", json_string(code_label(r, f)));
    json_object_set_new(j, "is_hazardous", json_boolean(f->is_hazardous));
    json_object_set_new(
        j, "confidentiality",
        json_string(store_vocab_name(STORE_V_CONFIDENTIALITY, (int)f->confidentiality)));
    if (v == HTTP_VIEW_FULL) {
        json_object_set_new(j, "territory_id",
                            f->territory_id ? json_integer(f->territory_id) : json_null());
        json_object_set_new(j, "activity", json_string(activity_of(r, f->naf)));
    } else {
        /* the organisation's k-anonymous label, not its own activity */
        struct network_anon_label l;
        http_anon_label(req, f->org_id, &l);
        anon_set(j, &l, false);
    }
    char band[64];
    json_object_set_new(
        j, "quantity_band",
        json_string(http_quantity_band(f->qty_per_yr, f->base_unit, band, sizeof(band))));
    json_object_set_new(j, "availability",
                        json_string(store_vocab_name(STORE_V_AVAILABILITY, (int)f->availability)));
    if (v != HTTP_VIEW_FULL) {
        json_object_set_new(j, "anonymised", json_true());
        return j;
    }
    json_object_set_new(j, "anonymised", json_false());
    /* a public flow of an organisation the caller reads anonymised does
     * not name it (the id would link it to its other rows) */
    struct network_subject org;
    org.kind = NETWORK_SUBJECT_ORG;
    org.org_id = f->org_id;
    org.territory_id = f->territory_id;
    org.confidentiality = STORE_CONF_ANONYMISED;
    org.is_related = false;
    org.is_collector = false;
    if (http_view_subject(&req->auth, &org, false) == HTTP_VIEW_FULL)
        json_object_set_new(j, "organisation_id", json_integer(f->org_id));
    json_object_set_new(j, "quantity", json_real(f->quantity));
    json_object_set_new(j, "unit", json_string(f->unit));
    json_object_set_new(j, "period", json_string(f->period));
    json_object_set_new(j, "qty_per_yr", json_real(f->qty_per_yr));
    json_object_set_new(j, "base_unit", json_string(f->base_unit));
    json_object_set_new(j, "state", json_string(store_vocab_name(STORE_V_STATE, (int)f->state)));
    json_object_set_new(j, "temperature_c",
                        f->has_temperature ? json_real(f->temperature_c) : json_null());
    json_object_set_new(j, "cost_eur_per_unit",
                        f->has_cost ? json_real(f->cost_eur_per_unit) : json_null());
    json_object_set_new(j, "description", json_string(f->description ? f->description : ""));
    json_object_set_new(j, "lat", json_real(f->pos.lat));
    json_object_set_new(j, "lon", json_real(f->pos.lon));
    return j;
}

json_t *http_page_json(json_t *all, const struct http_page *pg)
{
    size_t total = json_array_size(all);
    json_t *items = json_array();
    size_t start = (size_t)((pg->page - 1) * pg->per_page);
    for (size_t i = start; i < total && i < start + (size_t)pg->per_page; i++)
        json_array_append(items, json_array_get(all, i));
    json_decref(all);
    return json_pack("{s:o, s:I, s:I, s:I}", "items", items, "page", (json_int_t)pg->page,
                     "per_page", (json_int_t)pg->per_page, "total", (json_int_t)total);
}

int http_audit(struct http_req *req, const char *action, const char *entity, int64_t id,
               const json_t *before, const json_t *after, struct err *e)
{
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int rc = store_audit_add(req->db, req->auth.account_id, action, entity, id, b ? b : "",
                             a ? a : "", e);
    free(b);
    free(a);
    return rc;
}

int http_territory_scope(struct http_req *req, struct http_resp *resp, int64_t *territory_id,
                         bool is_single_default, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role == STORE_ROLE_FACILITATOR && *territory_id == 0 && is_single_default &&
        a->n_territories == 1)
        *territory_id = a->territories[0];
    if (a->role == STORE_ROLE_FACILITATOR && !http_scope_territory_write(a, *territory_id)) {
        if (*territory_id == 0) {
            http_resp_field_error(resp, "territory_id", "required: one of your territories");
            resp->is_unprocessable = true;
            return err_set(e, ERR_INPUT, "territory_id: required");
        }
        return err_set(e, ERR_FORBIDDEN, "territory %lld is not yours", (long long)*territory_id);
    }
    if (*territory_id == 0)
        return ERR_OK;
    struct store_territory t;
    int rc = store_territory_get(req->db, *territory_id, &t, e);
    if (rc == ERR_OK)
        store_territory_release(&t);
    else if (rc == ERR_NOT_FOUND) {
        http_resp_field_error(resp, "territory_id", "unknown territory");
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "territory_id: unknown territory");
    }
    return rc;
}

int http_query_id(struct http_req *req, struct http_resp *resp, const char *key, int64_t *out,
                  struct err *e)
{
    *out = 0;
    const char *v = http_req_query(req, key);
    if (!v)
        return ERR_OK;
    int64_t n;
    if (parse_int64(slice_cstr(v), &n, NULL) != ERR_OK || n < 1) {
        http_resp_field_error(resp, key, "must be a positive integer");
        return err_set(e, ERR_INPUT, "%s: must be a positive integer", key);
    }
    *out = n;
    return ERR_OK;
}

const char *http_scope_key(struct http_req *req, const char *endpoint)
{
    const struct http_auth *a = &req->auth;
    struct sb b;
    sb_init(&b, 4096);
    /* roles whose view does not depend on who they are share one entry */
    sb_addf(&b, "%s|%s", endpoint, store_vocab_name(STORE_V_ROLE, (int)a->role));
    if (a->role == STORE_ROLE_MEMBER)
        sb_addf(&b, "|org=%lld", (long long)a->org_id);
    for (size_t i = 0; a->role == STORE_ROLE_FACILITATOR && i < a->n_territories; i++)
        sb_addf(&b, "|t=%lld", (long long)a->territories[i]);
    const char *key = http_arena_strndup(&req->arena, b.buf, b.len);
    sb_release(&b);
    return key;
}

/* One row to sort: its key taken out of the JSON once. */
struct sort_row {
    json_t *item;     /* borrowed from the array */
    const char *skey; /* string key, or NULL for a number key */
    double nkey;
    size_t pos;   /* original position: ties keep their order */
    bool is_desc; /* same for all rows; carried for the comparator */
};

static int sort_row_cmp(const void *pa, const void *pb)
{
    const struct sort_row *a = pa, *b = pb;
    int c;
    if (a->skey && b->skey)
        c = strcmp(a->skey, b->skey);
    else
        c = (a->nkey > b->nkey) - (a->nkey < b->nkey);
    if (a->is_desc)
        c = -c;
    return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

int http_sort_items(struct http_req *req, struct http_resp *resp, json_t *items,
                    const char *const *allowed, struct err *e)
{
    const char *sort = http_req_query(req, "sort");
    if (!sort)
        return ERR_OK;
    bool is_desc = sort[0] == '-';
    const char *key = is_desc ? sort + 1 : sort;
    bool is_ok = false;
    for (size_t i = 0; allowed[i] && !is_ok; i++)
        is_ok = strcmp(allowed[i], key) == 0;
    if (!is_ok) {
        http_resp_field_error(resp, "sort", "unknown sort key");
        return err_set(e, ERR_INPUT, "sort: unknown sort key");
    }
    size_t n = json_array_size(items);
    if (n < 2)
        return ERR_OK;
    struct sort_row *rows = xmallocarray(n, sizeof(*rows));
    for (size_t i = 0; i < n; i++) {
        json_t *it = json_array_get(items, i);
        const json_t *v = json_object_get(it, key);
        rows[i].item = json_incref(it);
        rows[i].skey = json_is_string(v) ? json_string_value(v) : NULL;
        rows[i].nkey = json_is_number(v) ? json_number_value(v) : 0;
        if (!rows[i].skey && json_is_string(json_object_get(json_array_get(items, 0), key)))
            rows[i].skey = ""; /* a missing string sorts first */
        rows[i].pos = i;
        rows[i].is_desc = is_desc;
    }
    qsort(rows, n, sizeof(*rows), sort_row_cmp);
    json_array_clear(items);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, rows[i].item);
    free(rows);
    return ERR_OK;
}

int http_list_args(struct http_req *req, struct http_resp *resp, struct http_page *pg,
                   const char *id_key, int64_t *id, struct err *e)
{
    int rc = http_page_parse(req, resp, pg, e);
    if (rc == ERR_OK)
        rc = http_query_id(req, resp, id_key, id, e);
    return rc;
}
