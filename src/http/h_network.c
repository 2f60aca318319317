/* SPDX-License-Identifier: MIT */
/*
 * h_network.c - the regional network's endpoints: the territory registry
 * (pilot, facilitators, communes, companies engaged, stage and checklist
 * of the shared method, actors, key dates), the indicators CSV, search
 * over the forum and the library, notifications; and the helpers every
 * network handler shares (who is acting, ending a write with its audit
 * line, French validation messages as field errors).
 */
#include "http_int.h"
#include "network/network.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

void http_net_who(struct http_req *req, struct store_account *who)
{
    memset(who, 0, sizeof(*who));
    who->id = req->auth.account_id;
    who->email = req->auth.email;
    who->display_name = "";
    who->role = req->auth.role;
    who->org_id = req->auth.org_id;
    who->territory_ids = req->auth.territories;
    who->n_territories = req->auth.n_territories;
}

int http_net_begin(struct http_req *req, struct http_resp *resp, json_t **body,
                   struct store_account *who, struct err *e)
{
    http_net_who(req, who);
    if (body) {
        int rc = http_req_body(req, resp, body, e);
        if (rc)
            return rc;
    }
    int rc = store_tx_begin(req->db, e);
    if (rc && body) {
        json_decref(*body);
        *body = NULL;
    }
    return rc;
}

/* "field : reason" -> a field error; the field is a snake_case name. */
static void field_from_message(struct http_resp *resp, const char *msg)
{
    const char *sep = strstr(msg, " : ");
    if (!sep || sep == msg || sep - msg > 40)
        return;
    for (const char *p = msg; p < sep; p++) {
        if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9')))
            return;
    }
    char field[48];
    snprintf(field, sizeof(field), "%.*s", (int)(sep - msg), msg);
    /* the services name organisations org_id; the API organisation_id */
    static const char *const aliases[][2] = {
        {"org_id", "organisation_id"},
        {"organiser_org_id", "organiser_organisation_id"},
    };
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (strcmp(field, aliases[i][0]) == 0)
            snprintf(field, sizeof(field), "%s", aliases[i][1]);
    }
    http_resp_field_error(resp, field, sep + 3);
}

int http_net_fail(struct http_resp *resp, int rc, struct err *e)
{
    if (rc == ERR_INPUT) {
        field_from_message(resp, e->msg);
        resp->is_unprocessable = true;
    }
    return rc;
}

int http_net_items(struct http_resp *resp, int rc, json_t *items, struct err *e)
{
    if (rc) {
        json_decref(items);
        return http_net_fail(resp, rc, e);
    }
    http_resp_json(resp, 200, json_pack("{s:o}", "items", items));
    return ERR_OK;
}

int http_net_end(struct http_req *req, struct http_resp *resp, int rc, const char *action,
                 const char *entity, int64_t id, int status, json_t *out, struct err *e)
{
    return http_net_end_change(req, resp, rc, action, entity, id, NULL, status, out, e);
}

int http_net_end_change(struct http_req *req, struct http_resp *resp, int rc, const char *action,
                        const char *entity, int64_t id, const json_t *before, int status,
                        json_t *out, struct err *e)
{
    if (rc == ERR_OK)
        rc = http_audit(req, action, entity, id, before, out, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc) {
        store_tx_rollback(req->db);
        json_decref(out);
        return http_net_fail(resp, rc, e);
    }
    http_resp_json(resp, status, out ? out : json_object());
    return ERR_OK;
}

const char *http_net_files_dir(struct http_req *req)
{
    const char *dir = http_arena_printf(&req->arena, "%s.files", req->app->db_path);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        log_error("http", "cannot create %s: %s", dir, strerror(errno));
    return dir;
}

/* ------------------------------------------------------- registry */

static bool sees_details(const struct http_auth *a, int64_t territory_id)
{
    return a->role == STORE_ROLE_OBSERVER || http_scope_territory(a, territory_id);
}

static json_t *checklist_json(struct http_req *req, int64_t territory_id, struct err *e, int *rc)
{
    json_t *stages = json_array();
    for (int i = 0; *rc == ERR_OK && i < NETWORK_N_STAGES; i++) {
        const char *const *items;
        size_t n;
        network_checklist(i, &items, &n);
        bool done[32] = {false};
        if (n > 32)
            n = 32;
        *rc = store_checklist_get(req->db, territory_id, network_stage_name(i), done, n, e);
        json_t *its = json_array();
        for (size_t k = 0; k < n; k++)
            json_array_append_new(its, json_pack("{s:I, s:s, s:b}", "index", (json_int_t)k, "text",
                                                 items[k], "done", done[k]));
        json_array_append_new(stages, json_pack("{s:s, s:s, s:o}", "stage", network_stage_name(i),
                                                "label", network_stage_label(i), "items", its));
    }
    return stages;
}

int http_h_territory_registry(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    int64_t tid = req->ids[0];
    struct store_territory t;
    memset(&t, 0, sizeof(t));
    int rc = store_territory_get(req->db, tid, &t, e);
    if (rc) {
        store_territory_release(&t);
        return rc == ERR_NOT_FOUND ? err_set(e, ERR_NOT_FOUND, "territoire introuvable") : rc;
    }
    bool is_detail = sees_details(a, tid);
    json_t *communes = json_array();
    double lat = 0, lon = 0;
    size_t n_pos = 0;
    for (size_t i = 0; i < t.n_communes; i++) {
        const struct ref_commune *c = ref_commune_find(req->app->ref, t.communes[i]);
        json_array_append_new(
            communes, json_pack("{s:s, s:s}", "insee", t.communes[i], "name", c ? c->name : ""));
        if (c) {
            lat += c->pos.lat;
            lon += c->pos.lon;
            n_pos++;
        }
    }
    /* the centre of the member communes, for the map of initiatives */
    json_t *centre =
        n_pos ? json_pack("{s:f, s:f}", "lat", lat / (double)n_pos, "lon", lon / (double)n_pos)
              : json_null();
    struct store_actor *as = NULL;
    size_t n_as = 0;
    json_t *actors = json_array(), *facilitators = json_array();
    rc = store_actor_list(req->db, tid, &as, &n_as, e);
    for (size_t i = 0; rc == ERR_OK && i < n_as; i++) {
        json_t *j =
            json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)as[i].id, "role", as[i].role,
                      "role_label", network_actor_role_label(as[i].role), "name", as[i].name);
        if (is_detail)
            json_object_set_new(j, "email", json_string(as[i].email ? as[i].email : ""));
        if (strcmp(as[i].role, "facilitator") == 0)
            json_array_append_new(facilitators, json_string(as[i].name));
        json_array_append_new(actors, j);
    }
    store_actors_free(as, n_as);
    struct store_key_date *ds = NULL;
    size_t n_ds = 0;
    json_t *dates = json_array();
    if (rc == ERR_OK)
        rc = store_key_date_list(req->db, tid, &ds, &n_ds, e);
    for (size_t i = 0; rc == ERR_OK && i < n_ds; i++)
        json_array_append_new(dates, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)ds[i].id,
                                               "date", ds[i].date, "label", ds[i].label));
    store_key_dates_free(ds, n_ds);
    /* companies engaged: counted for all, named to their facilitators */
    json_t *companies = json_array();
    size_t n_companies = 0;
    if (rc == ERR_OK) {
        struct store_filter f;
        store_filter_init(&f);
        f.territory_id = tid;
        struct store_org *os = NULL;
        size_t n_os = 0;
        rc = store_org_list(req->db, &f, &os, &n_os, e);
        for (size_t i = 0; rc == ERR_OK && i < n_os; i++) {
            if (os[i].kind != STORE_ORG_COMPANY)
                continue;
            n_companies++;
            /* named only to who reads the company directly (one rule) */
            if (is_detail && http_view_org(a, &os[i]) == HTTP_VIEW_FULL)
                json_array_append_new(companies, json_pack("{s:I, s:s}", "id", (json_int_t)os[i].id,
                                                           "name", os[i].name));
        }
        store_orgs_free(os, n_os);
    }
    json_t *checklist = checklist_json(req, tid, e, &rc);
    const char *stage = store_vocab_name(STORE_V_STAGE, (int)t.stage);
    json_t *out = json_pack(
        "{s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:o, s:o, s:o, s:o}", "id",
        (json_int_t)t.id, "centre", centre, "name", t.name, "pilot", t.pilot ? t.pilot : "",
        "stage", stage, "stage_label", network_stage_label(network_stage_index(stage)),
        "start_date", t.start_date, "communes", communes, "facilitators", facilitators,
        "n_companies", (json_int_t)n_companies, "companies", companies, "actors", actors,
        "key_dates", dates, "checklist", checklist);
    store_territory_release(&t);
    if (rc) {
        json_decref(out);
        return rc;
    }
    http_resp_json(resp, 200, out);
    return ERR_OK;
}

int http_h_territory_actor_add(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct network_actor_input in = {
        .territory_id = req->ids[0],
        .role = http_json_str(body, "role", ""),
        .name = http_json_str(body, "name", ""),
        .org_id = http_json_int(body, "organisation_id", 0),
        .email = http_json_str(body, "email", ""),
    };
    int64_t id = 0;
    rc = network_actor_add(req->db, &who, &in, &id, e);
    json_t *out =
        json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "role", in.role, "name", in.name);
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "actor", id, 201, out, e);
}

int http_h_territory_key_date_add(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    const char *date = http_json_str(body, "date", ""), *label = http_json_str(body, "label", "");
    int64_t id = 0;
    rc = network_key_date_add(req->db, &who, req->ids[0], date, label, &id, e);
    json_t *out = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "date", date, "label", label);
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "key_date", id, 201, out, e);
}

int http_h_territory_checklist_set(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    const char *stage = http_json_str(body, "stage", "");
    int item = (int)http_json_int(body, "item", 0);
    bool is_done = http_json_bool(body, "done", true);
    rc = network_checklist_set(req->db, &who, req->ids[0], stage, item, is_done, e);
    json_t *out = json_pack("{s:s, s:i, s:b}", "stage", stage, "item", item, "done", is_done);
    json_decref(body);
    return http_net_end(req, resp, rc, "update", "checklist", req->ids[0], 200, out, e);
}

int http_h_territory_progress(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    if (http_json_has(body, "stage"))
        rc = network_territory_set_stage(req->db, &who, req->ids[0],
                                         http_json_str(body, "stage", ""), e);
    if (rc == ERR_OK && http_json_has(body, "jobs_created"))
        rc = network_territory_set_jobs(req->db, &who, req->ids[0],
                                        http_json_int(body, "jobs_created", 0), e);
    json_t *out = json_deep_copy(body);
    json_decref(body);
    return http_net_end(req, resp, rc, "update", "territory", req->ids[0], 200, out, e);
}

int http_h_indicators_csv(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role != STORE_ROLE_REGIONAL_ADMIN && a->role != STORE_ROLE_OBSERVER)
        return err_set(e, ERR_FORBIDDEN,
                       "export : réservé à l'administration régionale et aux observateurs");
    struct store_indicators *rows = NULL;
    size_t n = 0;
    int rc = store_indicators_list(req->db, &rows, &n, e);
    if (rc == ERR_OK)
        rc = network_indicators_csv(rows, n, http_req_query(req, "sort"), &resp->body, e);
    store_indicators_free(rows, n);
    if (rc)
        return http_net_fail(resp, rc, e);
    resp->status = 200;
    resp->content_type = "text/csv; charset=utf-8";
    http_resp_header(req, resp, "Content-Disposition",
                     "attachment; filename=\"indicateurs-territoires.csv\"");
    return ERR_OK;
}

/* ------------------------------------------------ search, notifications */

int http_h_search(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const char *q = http_req_query(req, "q");
    if (!q || !q[0] || strlen(q) > 200 || !utf8_valid(q, strlen(q))) {
        http_resp_field_error(resp, "q", "1 à 200 caractères");
        return err_set(e, ERR_INPUT, "q : 1 à 200 caractères");
    }
    struct store_account who;
    http_net_who(req, &who);
    struct store_search_hit *hits = NULL;
    size_t n = 0;
    int rc = network_search(req->db, &who, q, 50, &hits, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        json_array_append_new(items, json_pack("{s:s, s:I, s:I, s:s, s:s}", "kind", hits[i].kind,
                                               "id", (json_int_t)hits[i].id, "thread_id",
                                               (json_int_t)hits[i].thread_id, "title",
                                               hits[i].title ? hits[i].title : "", "snippet",
                                               hits[i].snippet ? hits[i].snippet : ""));
    store_search_hits_free(hits, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_notifications_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_notification *ns = NULL;
    size_t n = 0;
    const char *unread = http_req_query(req, "unread");
    int rc = store_notification_list(req->db, req->auth.account_id, unread && unread[0] == '1', &ns,
                                     &n, e);
    json_t *items = json_array();
    size_t n_unread = 0;
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        n_unread += ns[i].read_at == 0;
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:s, s:s, s:I, s:b}", "id", (json_int_t)ns[i].id, "kind",
                             ns[i].kind, "text", ns[i].text, "link", ns[i].link, "created_at",
                             (json_int_t)ns[i].created_at, "unread", ns[i].read_at == 0));
    }
    store_notifications_free(ns, n);
    if (rc) {
        json_decref(items);
        return rc;
    }
    http_resp_json(resp, 200,
                   json_pack("{s:o, s:I}", "items", items, "unread", (json_int_t)n_unread));
    return ERR_OK;
}

int http_h_notifications_read(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    int64_t id = http_json_int(body, "id", 0);
    json_decref(body);
    rc = store_notification_mark_read(req->db, req->auth.account_id, id, e);
    if (rc)
        return rc;
    http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
    return ERR_OK;
}
