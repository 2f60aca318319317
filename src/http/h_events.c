/* SPDX-License-Identifier: MIT */
/*
 * h_events.c - events of the regional network (network meetings,
 * webinars, workshops): list, creation, changes and cancellation by the
 * organisers, registration with a waiting list, the organisers' attendee
 * list and the iCalendar feeds (the whole network with a session, or one
 * account's events through its secret feed token, for calendar apps that
 * carry no cookie). A territory's events are seen by that territory only
 * (and the region): hidden ones answer 404.
 */
#include "http_int.h"
#include "network/network.h"

#include <string.h>
#include <time.h>

static const char *const reg_names[] = {"registered", "waiting", "cancelled"};

static json_t *event_json(const struct store_event *ev)
{
    char s[NETWORK_TIME_BUF], en[NETWORK_TIME_BUF];
    network_time_format_iso(ev->starts_at, s);
    network_time_format_iso(ev->ends_at, en);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:b, s:I, s:I}", "id",
                     (json_int_t)ev->id, "kind", ev->kind, "title", ev->title, "description",
                     ev->description ? ev->description : "", "location",
                     ev->location ? ev->location : "", "video_url",
                     ev->video_url ? ev->video_url : "", "starts_at", s, "ends_at", en, "capacity",
                     (json_int_t)ev->capacity, "territory_id",
                     ev->territory_id ? json_integer(ev->territory_id) : json_null(),
                     "is_cancelled", ev->is_cancelled, "n_registered", (json_int_t)ev->n_registered,
                     "n_waiting", (json_int_t)ev->n_waiting);
}

/* The caller's registration status for each event ("" if none). */
static const char *my_status(struct http_req *req, int64_t event_id, struct err *e)
{
    struct store_registration *rs = NULL;
    size_t n = 0;
    const char *st = "";
    if (store_reg_list(req->db, STORE_REG_EVENT, event_id, &rs, &n, e) == ERR_OK) {
        for (size_t i = 0; i < n; i++) {
            if (rs[i].account_id == req->auth.account_id)
                st = reg_names[rs[i].status];
        }
    }
    store_registrations_free(rs, n);
    return st;
}

int http_h_events_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const char *all = http_req_query(req, "all");
    int64_t from = all && all[0] == '1' ? 0 : (int64_t)time(NULL);
    struct store_event *evs = NULL;
    size_t n = 0;
    struct store_account who;
    http_net_who(req, &who);
    int rc = network_event_list(req->db, &who, from, 0, &evs, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        json_t *j = event_json(&evs[i]);
        json_object_set_new(j, "my_status", json_string(my_status(req, evs[i].id, e)));
        json_array_append_new(items, j);
    }
    store_events_free(evs, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_event_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_event ev;
    struct store_account who;
    http_net_who(req, &who);
    int rc = network_event_get(req->db, &who, req->ids[0], &ev, e);
    if (rc)
        return rc;
    json_t *j = event_json(&ev);
    json_object_set_new(j, "my_status", json_string(my_status(req, ev.id, e)));
    http_resp_json(resp, 200, j);
    store_event_release(&ev);
    return ERR_OK;
}

int http_h_event_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct network_event_input in = {
        .kind = http_json_str(body, "kind", ""),
        .title = http_json_str(body, "title", ""),
        .description = http_json_str(body, "description", ""),
        .location = http_json_str(body, "location", ""),
        .video_url = http_json_str(body, "video_url", ""),
        .starts_at = http_json_str(body, "starts_at", ""),
        .ends_at = http_json_str(body, "ends_at", ""),
        .capacity = http_json_int(body, "capacity", 0),
        .territory_id = http_json_int(body, "territory_id", 0),
    };
    int64_t id = 0;
    rc = network_event_create(req->db, &who, &in, &id, e);
    json_t *out = NULL;
    if (rc == ERR_OK) {
        struct store_event ev;
        memset(&ev, 0, sizeof(ev));
        rc = store_event_get(req->db, id, &ev, e);
        if (rc == ERR_OK)
            out = event_json(&ev);
        store_event_release(&ev);
    }
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "event", id, 201, out, e);
}

int http_h_event_update(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL, *before = NULL, *out = NULL;
    struct store_account who;
    struct store_event ev;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    /* hidden events are not found before anything is checked */
    rc = network_event_get(req->db, &who, req->ids[0], &ev, e);
    if (rc == ERR_OK) {
        char s[NETWORK_TIME_BUF], en[NETWORK_TIME_BUF];
        network_time_format_iso(ev.starts_at, s);
        network_time_format_iso(ev.ends_at, en);
        before = event_json(&ev);
        /* what the body leaves out keeps its stored value */
        struct network_event_input in = {
            .kind = http_json_str(body, "kind", ev.kind),
            .title = http_json_str(body, "title", ev.title),
            .description = http_json_str(body, "description", ev.description),
            .location = http_json_str(body, "location", ev.location),
            .video_url = http_json_str(body, "video_url", ev.video_url),
            .starts_at = http_json_str(body, "starts_at", s),
            .ends_at = http_json_str(body, "ends_at", en),
            .capacity = http_json_int(body, "capacity", ev.capacity),
            .territory_id = http_json_int(body, "territory_id", ev.territory_id),
        };
        rc = network_event_update(req->db, &who, ev.id, &in, e);
        store_event_release(&ev);
    }
    if (rc == ERR_OK)
        rc = store_event_get(req->db, req->ids[0], &ev, e);
    if (rc == ERR_OK) {
        out = event_json(&ev);
        store_event_release(&ev);
    }
    json_decref(body);
    rc = http_net_end_change(req, resp, rc, "update", "event", req->ids[0], before, 200, out, e);
    json_decref(before);
    return rc;
}

int http_h_event_cancel(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    int rc = http_net_begin(req, resp, NULL, &who, e);
    if (rc == ERR_OK)
        rc = network_event_cancel(req->db, &who, req->ids[0], e);
    return http_net_end(req, resp, rc, "cancel", "event", req->ids[0], 200,
                        json_pack("{s:b}", "is_cancelled", 1), e);
}

int http_h_event_register(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    enum store_reg_status st = STORE_REG_REGISTERED;
    int rc = http_net_begin(req, resp, NULL, &who, e);
    if (rc == ERR_OK)
        rc = network_event_register(req->db, &who, (int64_t)time(NULL), req->ids[0], &st, e);
    return http_net_end(req, resp, rc, "register", "event", req->ids[0], 201,
                        json_pack("{s:s}", "status", reg_names[st]), e);
}

int http_h_event_unregister(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    int64_t promoted = 0;
    int rc = http_net_begin(req, resp, NULL, &who, e);
    if (rc == ERR_OK)
        rc = network_event_unregister(req->db, &who, req->ids[0], &promoted, e);
    /* who was promoted is the organisers' business, not the caller's */
    return http_net_end(req, resp, rc, "unregister", "event", req->ids[0], 200,
                        json_pack("{s:s}", "status", "cancelled"), e);
}

int http_h_event_registrations(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    http_net_who(req, &who);
    struct store_registration *rs = NULL;
    size_t n = 0;
    int rc = network_event_registrations(req->db, &who, req->ids[0], &rs, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s}", "account_id",
                                               (json_int_t)rs[i].account_id, "email",
                                               rs[i].email ? rs[i].email : "", "name",
                                               rs[i].display_name ? rs[i].display_name : "",
                                               "status", reg_names[rs[i].status]));
    store_registrations_free(rs, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_events_ics(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const char *token = http_req_query(req, "token");
    int64_t account = 0;
    struct store_account who;
    memset(&who, 0, sizeof(who));
    int rc;
    if (token && token[0]) {
        /* the token's account sees what it would see with a session */
        rc = store_feed_token_account(req->db, token, &account, e);
        if (rc == ERR_OK)
            rc = store_account_get(req->db, account, &who, e);
        if (rc)
            return err_set(e, ERR_UNAUTHORIZED, "lien d'abonnement inconnu ou révoqué");
    } else if (!req->auth.is_authenticated) {
        return err_set(e, ERR_UNAUTHORIZED, "authentication required");
    } else {
        http_net_who(req, &who);
    }
    rc = network_events_ics(req->db, &who, account, NETWORK_ICAL_PARIS, &resp->body, e);
    if (account)
        store_account_release(&who);
    if (rc)
        return rc;
    resp->status = 200;
    resp->content_type = "text/calendar; charset=utf-8";
    http_resp_header(req, resp, "Content-Disposition",
                     account ? "inline; filename=\"mes-evenements.ics\""
                             : "inline; filename=\"reseau-symbiose.ics\"");
    http_resp_header(req, resp, "Cache-Control", "private, no-store");
    return ERR_OK;
}

int http_h_feed_token(struct http_req *req, struct http_resp *resp, struct err *e)
{
    char token[STORE_TOKEN_LEN + 1];
    int rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_feed_token_create(req->db, req->auth.account_id, token, e);
    json_t *out = NULL;
    if (rc == ERR_OK) {
        out = json_pack("{s:s, s:s}", "token", token, "url",
                        http_arena_printf(&req->arena, "/api/v1/events.ics?token=%s", token));
    }
    /* the token itself never goes to the audit log */
    if (rc == ERR_OK)
        rc = http_audit(req, "create", "feed_token", req->auth.account_id, NULL, NULL, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc) {
        store_tx_rollback(req->db);
        json_decref(out);
        return rc;
    }
    http_resp_json(resp, 201, out);
    return ERR_OK;
}
