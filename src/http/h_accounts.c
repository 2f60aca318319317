/* SPDX-License-Identifier: MIT */
/*
 * h_accounts.c - the regional admin's management of accounts: list, one
 * account, change of role and scope, disabling (which ends every session
 * of the account) and enabling, and a new password set for someone who
 * lost theirs. Every change is written to the audit log with the account
 * before and after; password hashes never leave the store. A user's own
 * password change is an auth endpoint (auth.c).
 */
#include "http_int.h"

#include <string.h>

static json_t *account_json(const struct store_account *a);

/* Whether the caller reads the account's organisation in full: an
 * account names its organisation only then (the regional admin reads
 * companies anonymised, docs/confidentiality.md), as GET
 * /organisations/{id} would. */
static bool account_org_shown(struct http_req *req, const struct store_account *a)
{
    if (!a->org_id)
        return true;
    struct store_org o;
    struct err e;
    enum http_view v = HTTP_VIEW_NONE;
    if (store_org_get(req->db, a->org_id, &o, &e) != ERR_OK)
        return false;
    if (http_view_org_direct(req, &o, &v, &e) != ERR_OK)
        v = HTTP_VIEW_NONE;
    store_org_release(&o);
    return v == HTTP_VIEW_FULL;
}

/* The account as the caller may see it: organisation_id is null and
 * organisation_hidden true where the organisation is not read in full. */
static json_t *account_json_for(struct http_req *req, const struct store_account *a)
{
    json_t *j = account_json(a);
    bool is_shown = account_org_shown(req, a);
    if (!is_shown)
        json_object_set_new(j, "organisation_id", json_null());
    json_object_set_new(j, "organisation_hidden", json_boolean(!is_shown));
    return j;
}

static json_t *account_json(const struct store_account *a)
{
    json_t *terr = json_array();
    for (size_t i = 0; i < a->n_territories; i++)
        json_array_append_new(terr, json_integer(a->territory_ids[i]));
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:o, s:I}", "id", (json_int_t)a->id,
                     "email", a->email ? a->email : "", "display_name",
                     a->display_name ? a->display_name : "", "role",
                     store_vocab_name(STORE_V_ROLE, (int)a->role), "organisation_id",
                     a->org_id ? json_integer(a->org_id) : json_null(), "territory_ids", terr,
                     "disabled", a->disabled_at != 0, "disabled_at",
                     a->disabled_at ? json_integer(a->disabled_at) : json_null(), "created_at",
                     (json_int_t)a->created_at);
}

static int admin_only(const struct http_req *req, struct err *e)
{
    if (req->auth.role != STORE_ROLE_REGIONAL_ADMIN)
        return err_set(e, ERR_FORBIDDEN, "managing accounts is for the regional admin");
    return ERR_OK;
}

int http_h_accounts_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int rc = admin_only(req, e);
    if (rc)
        return rc;
    struct http_page pg;
    rc = http_page_parse(req, resp, &pg, e);
    if (rc)
        return rc;
    struct store_account *as = NULL;
    size_t n = 0;
    rc = store_account_list(req->db, &as, &n, e);
    if (rc)
        return rc;
    json_t *items = json_array();
    size_t first = (size_t)((pg.page - 1) * pg.per_page);
    for (size_t i = first; i < n && i < first + (size_t)pg.per_page; i++)
        json_array_append_new(items, account_json_for(req, &as[i]));
    store_accounts_free(as, n);
    http_resp_json(resp, 200,
                   json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)n, "page",
                             (json_int_t)pg.page, "per_page", (json_int_t)pg.per_page));
    return ERR_OK;
}

int http_h_account_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int rc = admin_only(req, e);
    if (rc)
        return rc;
    struct store_account a;
    rc = store_account_get(req->db, req->ids[0], &a, e);
    if (rc)
        return rc;
    http_resp_json(resp, 200, account_json_for(req, &a));
    store_account_release(&a);
    return ERR_OK;
}

/* The account after body's changes applied to before (territories point
 * into ids). Field errors go to resp; returns how many. */
static size_t account_apply(struct http_resp *resp, const json_t *body,
                            const struct store_account *before, struct store_account *after,
                            int64_t ids[HTTP_MAX_TERRITORIES])
{
    size_t n_bad = 0;
    *after = *before;
    int role = (int)before->role;
    http_json_vocab(resp, body, "role", STORE_V_ROLE, &role, &n_bad);
    after->role = (enum store_role)role;
    after->org_id = http_json_int(body, "organisation_id", before->org_id);
    const json_t *terr = json_object_get(body, "territory_ids");
    if (json_is_array(terr)) {
        size_t i;
        const json_t *x;
        after->n_territories = 0;
        json_array_foreach(terr, i, x)
        {
            ids[after->n_territories++] = (int64_t)json_integer_value(x);
        }
        after->territory_ids = ids;
    }
    /* a member acts for its organisation; a collector's account may name
     * its structure; other roles have none */
    bool has_org = after->role == STORE_ROLE_MEMBER || after->role == STORE_ROLE_COLLECTOR;
    if (!has_org && http_json_has(body, "organisation_id")) {
        http_resp_field_error(resp, "organisation_id",
                              "only a member or a collector has an organisation");
        n_bad++;
    }
    if (after->role != STORE_ROLE_FACILITATOR && after->n_territories > 0 && json_is_array(terr)) {
        http_resp_field_error(resp, "territory_ids", "only a facilitator has territories");
        n_bad++;
    }
    if (after->role != STORE_ROLE_FACILITATOR)
        after->n_territories = 0;
    if (!has_org)
        after->org_id = 0;
    return n_bad;
}

int http_h_account_update(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int rc = admin_only(req, e);
    if (rc)
        return rc;
    json_t *body = NULL;
    struct store_account who;
    struct store_account before, now;
    memset(&before, 0, sizeof(before));
    memset(&now, 0, sizeof(now));
    json_t *before_j = NULL, *out = NULL;
    rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    rc = store_account_get(req->db, req->ids[0], &before, e);
    if (rc)
        goto out;
    before_j = account_json(&before);
    struct store_account after;
    int64_t ids[HTTP_MAX_TERRITORIES];
    if (account_apply(resp, body, &before, &after, ids)) {
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "account: invalid fields");
        goto out;
    }
    bool is_disabling = http_json_bool(body, "disabled", before.disabled_at != 0);
    /* the region must keep an admin who can log in: nobody demotes or
     * disables themself */
    if (before.id == req->auth.account_id &&
        (is_disabling || after.role != STORE_ROLE_REGIONAL_ADMIN)) {
        rc = err_set(e, ERR_CONFLICT, "you cannot disable or demote your own account");
        goto out;
    }
    rc = store_account_set_scope(req->db, &after, e);
    if (rc == ERR_INPUT) {
        http_resp_field_error(
            resp, after.role == STORE_ROLE_MEMBER ? "organisation_id" : "territory_ids", e->msg);
        resp->is_unprocessable = true;
    }
    if (rc == ERR_NOT_FOUND) {
        /* an unknown organisation or territory in the body */
        char msg[sizeof(e->msg)];
        memcpy(msg, e->msg, sizeof(msg));
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "%s", msg);
    }
    if (rc == ERR_OK && http_json_has(body, "disabled"))
        rc = store_account_set_disabled(req->db, before.id, is_disabling, e);
    if (rc == ERR_OK)
        rc = store_account_get(req->db, before.id, &now, e);
    if (rc == ERR_OK)
        out = account_json_for(req, &now);
out:
    rc =
        http_net_end_change(req, resp, rc, "update", "account", req->ids[0], before_j, 200, out, e);
    json_decref(before_j);
    json_decref(body);
    store_account_release(&before);
    store_account_release(&now);
    return rc;
}

int http_h_account_password_reset(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int rc = admin_only(req, e);
    if (rc)
        return rc;
    json_t *body = NULL;
    struct store_account who;
    rc = http_net_begin(req, resp, &body, &who, e);
    if (rc)
        return rc;
    rc = store_account_set_password(req->db, req->ids[0], http_json_str(body, "new_password", ""),
                                    e);
    if (rc == ERR_INPUT) {
        http_resp_field_error(resp, "new_password", e->msg);
        resp->is_unprocessable = true;
    }
    /* whoever held the old password is logged out everywhere */
    if (rc == ERR_OK)
        rc = store_session_revoke_account(req->db, req->ids[0], NULL, e);
    json_decref(body);
    json_t *before = json_pack("{s:s}", "password", "unchanged");
    json_t *after = json_pack("{s:s, s:b}", "password", "reset", "sessions_closed", 1);
    rc = http_net_end_change(req, resp, rc, "password_reset", "account", req->ids[0], before, 200,
                             after, e);
    json_decref(before);
    return rc;
}
