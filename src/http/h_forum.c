/* SPDX-License-Identifier: MIT */
/*
 * h_forum.c - the exchange platform: threads and replies, with the
 * visibility rule of network.h (a territory's threads only for its people
 * and the region); mentions notify through the network services.
 */
#include "http_int.h"
#include "network/network.h"

#include <string.h>

static json_t *thread_json(const struct store_thread *t)
{
    return json_pack("{s:I, s:s, s:o, s:s, s:I, s:I, s:I}", "id", (json_int_t)t->id, "title",
                     t->title, "territory_id",
                     t->territory_id ? json_integer(t->territory_id) : json_null(), "author",
                     network_account_label(t->author_role, t->author_name), "created_at",
                     (json_int_t)t->created_at, "last_post_at", (json_int_t)t->last_post_at,
                     "n_posts", (json_int_t)t->n_posts);
}

int http_h_threads_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    http_net_who(req, &who);
    struct store_thread *ts = NULL;
    size_t n = 0;
    int rc = network_thread_list(req->db, &who, &ts, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        json_array_append_new(items, thread_json(&ts[i]));
    store_threads_free(ts, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_thread_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    http_net_who(req, &who);
    struct store_thread t;
    memset(&t, 0, sizeof(t));
    struct store_post *ps = NULL;
    size_t n = 0;
    int rc = network_thread_get(req->db, &who, req->ids[0], &t, &ps, &n, e);
    if (rc == ERR_OK) {
        json_t *j = thread_json(&t);
        json_t *posts = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(
                posts, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)ps[i].id, "author",
                                 network_account_label(ps[i].author_role, ps[i].author_name),
                                 "body", ps[i].body, "created_at", (json_int_t)ps[i].created_at));
        json_object_set_new(j, "posts", posts);
        http_resp_json(resp, 200, j);
    }
    store_thread_release(&t);
    store_posts_free(ps, n);
    return rc;
}

int http_h_thread_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    const char *title = http_json_str(body, "title", "");
    int64_t territory = http_json_int(body, "territory_id", 0), id = 0;
    rc = network_thread_create(req->db, &who, title, http_json_str(body, "body", ""), territory,
                               &id, e);
    json_t *out = json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id, "title", title, "territory_id",
                            territory ? json_integer(territory) : json_null());
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "thread", id, 201, out, e);
}

int http_h_post_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    int64_t id = 0;
    rc = network_post_create(req->db, &who, req->ids[0], http_json_str(body, "body", ""), &id, e);
    json_t *out =
        json_pack("{s:I, s:I}", "id", (json_int_t)id, "thread_id", (json_int_t)req->ids[0]);
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "post", id, 201, out, e);
}
