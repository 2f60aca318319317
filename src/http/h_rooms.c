/* SPDX-License-Identifier: MIT */
/*
 * h_rooms.c - shared rooms and their bookings. An overlapping booking is
 * refused (409) with the network's French message giving the taken slot;
 * the store's transaction and trigger make sure that of simultaneous
 * requests for one slot exactly one wins.
 */
#include "http_int.h"
#include "network/network.h"

#include <string.h>
#include <time.h>

int http_h_rooms_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_room *rs = NULL;
    size_t n = 0;
    int64_t org = 0;
    int rc = http_query_id(req, resp, "organisation_id", &org, e);
    if (rc == ERR_OK)
        rc = store_room_list(req->db, org, &rs, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        /* the host is named only to those who read it in full (every
         * account: hosting a room is a public service, view.c) */
        struct store_org host;
        enum http_view v = HTTP_VIEW_NONE;
        if (store_org_get(req->db, rs[i].org_id, &host, e) == ERR_OK) {
            if (http_view_org_direct(req, &host, &v, e) != ERR_OK)
                v = HTTP_VIEW_NONE;
            store_org_release(&host);
        }
        err_init(e);
        bool is_named = v == HTTP_VIEW_FULL;
        json_array_append_new(
            items, json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)rs[i].id,
                             "organisation_id", is_named ? (json_int_t)rs[i].org_id : 0,
                             "organisation", is_named && rs[i].org_name ? rs[i].org_name : "",
                             "name", rs[i].name, "capacity", (json_int_t)rs[i].capacity,
                             "equipment", rs[i].equipment ? rs[i].equipment : "", "address",
                             rs[i].address ? rs[i].address : "", "description",
                             rs[i].description ? rs[i].description : ""));
    }
    store_rooms_free(rs, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_room_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct network_room_input in = {
        .org_id = http_json_int(body, "organisation_id", req->auth.org_id),
        .name = http_json_str(body, "name", ""),
        .capacity = http_json_int(body, "capacity", 0),
        .equipment = http_json_str(body, "equipment", ""),
        .address = http_json_str(body, "address", ""),
        .description = http_json_str(body, "description", ""),
    };
    int64_t id = 0;
    rc = network_room_create(req->db, &who, &in, &id, e);
    json_t *out =
        json_pack("{s:I, s:s, s:I, s:I}", "id", (json_int_t)id, "name", in.name, "capacity",
                  (json_int_t)in.capacity, "organisation_id", (json_int_t)in.org_id);
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "room", id, 201, out, e);
}

/* Who booked stays private: others see the slot taken, not by whom. */
static json_t *booking_json(const struct http_auth *a, const struct store_booking *b)
{
    char s[NETWORK_TIME_BUF], en[NETWORK_TIME_BUF];
    network_time_format_iso(b->starts_at, s);
    network_time_format_iso(b->ends_at, en);
    bool is_mine = b->account_id == a->account_id || a->role == STORE_ROLE_REGIONAL_ADMIN ||
                   (a->org_id && b->org_id == a->org_id);
    json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:b}", "id", (json_int_t)b->id, "room_id",
                          (json_int_t)b->room_id, "starts_at", s, "ends_at", en, "mine", is_mine);
    if (is_mine)
        json_object_set_new(j, "purpose", json_string(b->purpose ? b->purpose : ""));
    return j;
}

int http_h_room_bookings(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_room room;
    memset(&room, 0, sizeof(room));
    int rc = store_room_get(req->db, req->ids[0], &room, e);
    store_room_release(&room);
    if (rc)
        return rc == ERR_NOT_FOUND ? err_set(e, ERR_NOT_FOUND, "salle introuvable") : rc;
    struct store_booking *bs = NULL;
    size_t n = 0;
    rc = store_booking_list(req->db, req->ids[0], (int64_t)time(NULL) - 86400, 0, &bs, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        json_array_append_new(items, booking_json(&req->auth, &bs[i]));
    store_bookings_free(bs, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_booking_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct network_booking_input in = {
        .room_id = http_json_int(body, "room_id", 0),
        .org_id = http_json_int(body, "organisation_id", 0),
        .starts_at = http_json_str(body, "starts_at", ""),
        .ends_at = http_json_str(body, "ends_at", ""),
        .purpose = http_json_str(body, "purpose", ""),
    };
    int64_t id = 0;
    rc = network_booking_create(req->db, &who, (int64_t)time(NULL), &in, &id, e);
    json_t *out = NULL;
    if (rc == ERR_OK) {
        struct store_booking b;
        memset(&b, 0, sizeof(b));
        rc = store_booking_get(req->db, id, &b, e);
        if (rc == ERR_OK)
            out = booking_json(&req->auth, &b);
        store_booking_release(&b);
    }
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "booking", id, 201, out, e);
}

int http_h_booking_cancel(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    int rc = http_net_begin(req, resp, NULL, &who, e);
    if (rc == ERR_OK)
        rc = network_booking_cancel(req->db, &who, req->ids[0], e);
    return http_net_end(req, resp, rc, "cancel", "booking", req->ids[0], 200,
                        json_pack("{s:b}", "is_cancelled", 1), e);
}
