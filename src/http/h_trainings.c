/* SPDX-License-Identifier: MIT */
/*
 * h_trainings.c - joint training sessions: list with the minimum and
 * maximum status, creation (admins, facilitators), registration with a
 * waiting list and the confirmation once the minimum is reached.
 */
#include "http_int.h"
#include "network/network.h"

#include <string.h>
#include <time.h>

static const char *const reg_names[] = {"registered", "waiting", "cancelled"};

static json_t *training_json(const struct store_training *t)
{
    char s[NETWORK_TIME_BUF], en[NETWORK_TIME_BUF];
    network_time_format_iso(t->starts_at, s);
    network_time_format_iso(t->ends_at, en);
    const char *status = t->confirmed_at                                   ? "confirmed"
                         : (int64_t)t->n_registered >= t->max_participants ? "full"
                                                                           : "open";
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:s, s:o}", "id",
                     (json_int_t)t->id, "title", t->title, "topic", t->topic ? t->topic : "",
                     "description", t->description ? t->description : "", "location",
                     t->location ? t->location : "", "starts_at", s, "ends_at", en,
                     "min_participants", (json_int_t)t->min_participants, "max_participants",
                     (json_int_t)t->max_participants, "n_registered", (json_int_t)t->n_registered,
                     "n_waiting", (json_int_t)t->n_waiting, "status", status, "territory_id",
                     t->territory_id ? json_integer(t->territory_id) : json_null());
}

int http_h_trainings_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    http_net_who(req, &who);
    struct store_training *ts = NULL;
    size_t n = 0;
    int rc = network_training_list(req->db, &who, &ts, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        json_t *j = training_json(&ts[i]);
        struct store_registration *rs = NULL;
        size_t n_rs = 0;
        const char *mine = "";
        if (store_reg_list(req->db, STORE_REG_TRAINING, ts[i].id, &rs, &n_rs, e) == ERR_OK) {
            for (size_t k = 0; k < n_rs; k++) {
                if (rs[k].account_id == req->auth.account_id)
                    mine = reg_names[rs[k].status];
            }
        }
        store_registrations_free(rs, n_rs);
        json_object_set_new(j, "my_status", json_string(mine));
        json_array_append_new(items, j);
    }
    store_trainings_free(ts, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_training_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct network_training_input in = {
        .title = http_json_str(body, "title", ""),
        .topic = http_json_str(body, "topic", ""),
        .description = http_json_str(body, "description", ""),
        .location = http_json_str(body, "location", ""),
        .starts_at = http_json_str(body, "starts_at", ""),
        .ends_at = http_json_str(body, "ends_at", ""),
        .min_participants = http_json_int(body, "min_participants", 1),
        .max_participants = http_json_int(body, "max_participants", 0),
        .organiser_org_id = http_json_int(body, "organiser_organisation_id", 0),
        .territory_id = http_json_int(body, "territory_id", 0),
    };
    int64_t id = 0;
    rc = network_training_create(req->db, &who, &in, &id, e);
    json_t *out = NULL;
    if (rc == ERR_OK) {
        struct store_training t;
        memset(&t, 0, sizeof(t));
        rc = store_training_get(req->db, id, &t, e);
        if (rc == ERR_OK)
            out = training_json(&t);
        store_training_release(&t);
    }
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "training", id, 201, out, e);
}

int http_h_training_register(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    enum store_reg_status st = STORE_REG_REGISTERED;
    bool is_confirmed = false;
    int rc = http_net_begin(req, resp, NULL, &who, e);
    if (rc == ERR_OK)
        rc = network_training_register(req->db, &who, (int64_t)time(NULL), req->ids[0], &st,
                                       &is_confirmed, e);
    return http_net_end(req, resp, rc, "register", "training", req->ids[0], 201,
                        json_pack("{s:s, s:b}", "status", reg_names[st], "confirmed", is_confirmed),
                        e);
}

int http_h_training_unregister(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    int64_t promoted = 0;
    int rc = http_net_begin(req, resp, NULL, &who, e);
    if (rc == ERR_OK)
        rc = network_training_unregister(req->db, &who, req->ids[0], &promoted, e);
    return http_net_end(req, resp, rc, "unregister", "training", req->ids[0], 200,
                        json_pack("{s:s}", "status", "cancelled"), e);
}
