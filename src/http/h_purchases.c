/* SPDX-License-Identifier: MIT */
/*
 * h_purchases.c - group purchases: every account sees a purchase and its
 * total; the organisations' lines only as network_purchase_lines allows
 * (all for admins, the territory's facilitators and the creator, one's
 * own line for others); the supplier list as CSV for the organisers.
 */
#include "http_int.h"
#include "network/network.h"

#include <string.h>
#include <time.h>

static json_t *purchase_json(const struct store_purchase *p)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:f, s:I}", "id", (json_int_t)p->id,
                     "title", p->title, "category", p->category ? p->category : "", "unit",
                     p->unit ? p->unit : "", "deadline", p->deadline, "description",
                     p->description ? p->description : "", "territory_id",
                     p->territory_id ? json_integer(p->territory_id) : json_null(), "total",
                     p->total, "n_organisations", (json_int_t)p->n_lines);
}

int http_h_purchases_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_purchase *ps = NULL;
    size_t n = 0;
    int rc = store_purchase_list(req->db, &ps, &n, e);
    json_t *items = json_array();
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        json_array_append_new(items, purchase_json(&ps[i]));
    store_purchases_free(ps, n);
    return http_net_items(resp, rc, items, e);
}

int http_h_purchase_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    http_net_who(req, &who);
    struct store_purchase p;
    memset(&p, 0, sizeof(p));
    int rc = store_purchase_get(req->db, req->ids[0], &p, e);
    struct store_purchase_line *ls = NULL;
    size_t n = 0;
    if (rc == ERR_OK)
        rc = network_purchase_lines(req->db, &who, req->ids[0], &ls, &n, e);
    if (rc == ERR_OK) {
        json_t *j = purchase_json(&p);
        json_t *lines = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(lines, json_pack("{s:I, s:s, s:f, s:s}", "organisation_id",
                                                   (json_int_t)ls[i].org_id, "organisation",
                                                   ls[i].org_name ? ls[i].org_name : "", "quantity",
                                                   ls[i].quantity, "comment",
                                                   ls[i].comment ? ls[i].comment : ""));
        json_object_set_new(j, "lines", lines);
        http_resp_json(resp, 200, j);
    }
    store_purchase_lines_free(ls, n);
    store_purchase_release(&p);
    return rc == ERR_NOT_FOUND ? err_set(e, ERR_NOT_FOUND, "achat groupé introuvable") : rc;
}

int http_h_purchase_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    struct network_purchase_input in = {
        .title = http_json_str(body, "title", ""),
        .category = http_json_str(body, "category", ""),
        .unit = http_json_str(body, "unit", ""),
        .deadline = http_json_str(body, "deadline", ""),
        .description = http_json_str(body, "description", ""),
        .territory_id = http_json_int(body, "territory_id", 0),
    };
    int64_t id = 0;
    rc = network_purchase_create(req->db, &who, (int64_t)time(NULL), &in, &id, e);
    json_t *out = NULL;
    if (rc == ERR_OK) {
        struct store_purchase p;
        memset(&p, 0, sizeof(p));
        rc = store_purchase_get(req->db, id, &p, e);
        if (rc == ERR_OK)
            out = purchase_json(&p);
        store_purchase_release(&p);
    }
    json_decref(body);
    return http_net_end(req, resp, rc, "create", "purchase", id, 201, out, e);
}

int http_h_purchase_quantity(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    struct store_account who;
    int rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    int64_t org = http_json_int(body, "organisation_id", 0);
    double qty = http_json_num(body, "quantity", 0);
    const char *comment = http_json_str(body, "comment", "");
    rc = network_purchase_set_quantity(req->db, &who, (int64_t)time(NULL), req->ids[0], org, qty,
                                       comment, e);
    json_t *out =
        json_pack("{s:I, s:f, s:s}", "organisation_id", (json_int_t)(org ? org : req->auth.org_id),
                  "quantity", qty, "comment", comment);
    json_decref(body);
    return http_net_end(req, resp, rc, "update", "purchase_line", req->ids[0], 200, out, e);
}

int http_h_purchase_csv(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account who;
    http_net_who(req, &who);
    int rc = network_purchase_csv(req->db, &who, req->ids[0], &resp->body, e);
    if (rc)
        return rc;
    resp->status = 200;
    resp->content_type = "text/csv; charset=utf-8";
    http_resp_header(req, resp, "Content-Disposition",
                     http_arena_printf(&req->arena,
                                       "attachment; filename=\"achat-groupe-%lld.csv\"",
                                       (long long)req->ids[0]));
    return ERR_OK;
}
