/* SPDX-License-Identifier: MIT */
/*
 * h_synergies.c - suggestions, synergies and contact requests.
 *
 * A suggestion is a substitution synergy still "suggested". A member of
 * either side sees its own flow in full and the other side anonymised
 * (its k-anonymous label, quantity band) until both sides accept to be put in
 * touch; then both see the other's name, address and contact emails, and
 * the synergy moves to "studied". Facilitators see and move every synergy
 * of their territories (the board); the regional admin and observers see
 * them anonymised.
 */
#include "http_int.h"

#include <math.h>
#include <string.h>

/* The two sides of a substitution and what the caller may see of it. */
struct syn_sides {
    struct store_flow offer;
    struct store_flow need; /* need.id == 0 for a potential receiver */
    struct store_org offer_org;
    struct store_org receiver;
    int64_t territory_id;
    bool is_offer_side;    /* the caller's organisation offers */
    bool is_receiver_side; /* the caller's organisation receives */
    bool is_facilitator;   /* the caller runs a side's territory (moves the synergy) */
    enum store_contact offer_decision;
    enum store_contact receiver_decision;
    /* what the one rule lets the caller see of each side (network_view_side) */
    enum http_view offer_org_v, offer_flow_v, recv_org_v, need_flow_v;
};

/* One side as the rule needs it. */
struct side_facts {
    int64_t org_id;
    int64_t territory_id;
    int64_t flow_id; /* 0: a potential receiver, no declared need */
    enum store_confidentiality conf;
};

/* true if the caller stands on this side: its organisation, or a
 * facilitator of its territory. */
static bool caller_on(const struct http_auth *a, const struct side_facts *f)
{
    if (a->role == STORE_ROLE_MEMBER)
        return a->org_id > 0 && a->org_id == f->org_id;
    return a->role == STORE_ROLE_FACILITATOR && http_scope_territory_write(a, f->territory_id);
}

static bool sides_revealed(const struct syn_sides *sd);

/* The views of both sides: each side through the one rule, a side
 * related to the caller once both companies accepted contact. */
static void sides_decide(const struct http_auth *a, struct syn_sides *sd,
                         const struct side_facts *of, const struct side_facts *rf)
{
    bool is_revealed = sides_revealed(sd);
    struct network_subject so = {NETWORK_SUBJECT_ORG,
                                 of->org_id,
                                 of->territory_id,
                                 STORE_CONF_ANONYMISED,
                                 is_revealed && caller_on(a, rf),
                                 false};
    struct network_subject sr = {NETWORK_SUBJECT_ORG,
                                 rf->org_id,
                                 rf->territory_id,
                                 STORE_CONF_ANONYMISED,
                                 is_revealed && caller_on(a, of),
                                 false};
    sd->offer_org_v = http_view_subject(a, &so, true);
    sd->recv_org_v = http_view_subject(a, &sr, true);
    so.kind = NETWORK_SUBJECT_FLOW;
    so.confidentiality = of->conf;
    sd->offer_flow_v = http_view_subject(a, &so, true);
    sr.kind = NETWORK_SUBJECT_FLOW;
    sr.confidentiality = rf->conf;
    sd->need_flow_v = rf->flow_id ? http_view_subject(a, &sr, true) : sd->recv_org_v;
    sd->is_offer_side = a->role == STORE_ROLE_MEMBER && a->org_id == of->org_id;
    sd->is_receiver_side = a->role == STORE_ROLE_MEMBER && a->org_id == rf->org_id;
    sd->is_facilitator =
        a->role == STORE_ROLE_FACILITATOR && (caller_on(a, of) || caller_on(a, rf));
}

static void sides_release(struct syn_sides *s)
{
    store_flow_release(&s->offer);
    store_flow_release(&s->need);
    store_org_release(&s->offer_org);
    store_org_release(&s->receiver);
}

static int sides_load(struct http_req *req, const struct store_synergy *syn, struct syn_sides *sd,
                      struct err *e)
{
    memset(sd, 0, sizeof(*sd));
    int rc = ERR_OK;
    if (syn->kind != STORE_SYN_SUBSTITUTION)
        return ERR_OK;
    rc = store_flow_get(req->db, syn->offer_flow_id, &sd->offer, e);
    if (rc == ERR_OK && syn->need_flow_id)
        rc = store_flow_get(req->db, syn->need_flow_id, &sd->need, e);
    if (rc == ERR_OK)
        rc = store_org_get(req->db, sd->offer.org_id, &sd->offer_org, e);
    if (rc == ERR_OK)
        rc = store_org_get(req->db, syn->receiver_org_id, &sd->receiver, e);
    if (rc == ERR_OK)
        rc = store_contact_get(req->db, syn->id, sd->offer.org_id, &sd->offer_decision, e);
    if (rc == ERR_OK)
        rc = store_contact_get(req->db, syn->id, syn->receiver_org_id, &sd->receiver_decision, e);
    sd->territory_id = sd->offer.territory_id;
    struct side_facts of = {sd->offer.org_id, sd->offer.territory_id, sd->offer.id,
                            sd->offer.confidentiality};
    struct side_facts rf = {syn->receiver_org_id, sd->receiver.territory_id, sd->need.id,
                            sd->need.id ? sd->need.confidentiality : STORE_CONF_ANONYMISED};
    sides_decide(&req->auth, sd, &of, &rf);
    return rc;
}

static bool sides_revealed(const struct syn_sides *sd)
{
    return sd->offer_decision == STORE_CONTACT_ACCEPTED &&
           sd->receiver_decision == STORE_CONTACT_ACCEPTED;
}

static json_t *effects_json(const struct store_effects *fx)
{
    json_t *o = json_object();
    const double v[4] = {fx->t_diverted, fx->co2e_t, fx->eur_saved, fx->km};
    const char *k[4] = {"t_diverted", "co2e_t", "eur_saved", "km"};
    for (int i = 0; i < 4; i++)
        json_object_set_new(o, k[i], isnan(v[i]) ? json_null() : json_real(v[i]));
    return o;
}

/* Emails of the accounts of an organisation: its contacts once revealed. */
static json_t *org_contacts(struct http_req *req, int64_t org_id)
{
    json_t *arr = json_array();
    struct store_account *as = NULL;
    size_t n = 0;
    struct err e;
    if (store_account_list(req->db, &as, &n, &e) == ERR_OK) {
        for (size_t i = 0; i < n; i++) {
            if (as[i].role == STORE_ROLE_MEMBER && as[i].org_id == org_id)
                json_array_append_new(arr, json_pack("{s:s, s:s}", "email", as[i].email, "name",
                                                     as[i].display_name ? as[i].display_name : ""));
        }
    }
    store_accounts_free(as, n);
    return arr;
}

static const char *decision_name(enum store_contact c)
{
    return c == STORE_CONTACT_ACCEPTED   ? "accepted"
           : c == STORE_CONTACT_DECLINED ? "declined"
                                         : "pending";
}

/* A readable explanation that carries only what the caller may see. */
static json_t *explanation_json(struct http_req *req, const struct store_synergy *syn,
                                const struct syn_sides *sd, bool is_full)
{
    if (is_full)
        return json_string(syn->note ? syn->note : "");
    char code[12];
    ref_low_format(req->app->ref, sd->offer.code, code);
    double km = geo_haversine_km(sd->offer_org.pos, sd->receiver.pos);
    char band[64];
    const struct store_flow *other = sd->is_offer_side ? &sd->need : &sd->offer;
    const char *what = sd->is_offer_side ? "besoin" : "offre";
    if (other->id == 0)
        return json_sprintf("même code %s, environ %.0f km, receveur potentiel (activité "
                            "utilisatrice)",
                            sd->offer.family == STORE_FAM_MATERIAL ? code : sd->offer.code, km);
    return json_sprintf(
        "même code %s, environ %.0f km, %s de %s",
        sd->offer.family == STORE_FAM_MATERIAL ? code : sd->offer.code, km, what,
        http_quantity_band(other->qty_per_yr, other->base_unit, band, sizeof(band)));
}

/*
 * The valorisation route a suggestion came from, named in the engine's
 * explanation ("— voie V123, R5, ..."): general knowledge, not about any
 * organisation, so shown whatever the caller's view. null when the
 * suggestion names no route (same code) or the route is no longer known.
 */
static json_t *route_json(const struct http_req *req, const struct store_synergy *syn,
                          const char *code)
{
    const char *at = syn->note ? strstr(syn->note, "— voie ") : NULL;
    if (!at || !req->app->rules)
        return json_null();
    at += strlen("— voie ");
    size_t n = strcspn(at, ",) ");
    for (size_t i = 0; i < ref_rules_count(req->app->rules); i++) {
        const struct ref_rule *r = ref_rules_at(req->app->rules, i);
        if (strlen(r->id) != n || strncmp(r->id, at, n) != 0)
            continue;
        enum ref_route_level lv = ref_rule_level(req->app->rules, r, code);
        static const char *const level_names[] = {"entry",  "subchapter", "chapter",
                                                  "family", "kind",       "none"};
        return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "id", r->id, "operation",
                         r->operation, "level", level_names[lv], "level_fr", ref_route_level_fr(lv),
                         "use_fr", r->use_fr, "source", r->source, "is_local", r->is_local,
                         "hazardous_ok", r->is_hazardous_ok);
    }
    return json_null();
}

/* true if the caller may see the synergy at all. */
static bool synergy_visible(const struct http_req *req, const struct store_synergy *syn,
                            const struct syn_sides *sd)
{
    const struct http_auth *a = &req->auth;
    bool is_member_side = sd->is_offer_side || sd->is_receiver_side;
    bool is_admin_view = a->role == STORE_ROLE_REGIONAL_ADMIN || a->role == STORE_ROLE_OBSERVER;
    if (syn->kind == STORE_SYN_SUBSTITUTION)
        return (sd->is_facilitator || is_member_side || is_admin_view) &&
               sd->offer_flow_v != HTTP_VIEW_NONE && sd->need_flow_v != HTTP_VIEW_NONE;
    return a->role != STORE_ROLE_MEMBER; /* members see pools through /pools */
}

/* The JSON of one synergy as the caller may see it; NULL if not at all. */
static json_t *synergy_json(struct http_req *req, const struct store_synergy *syn,
                            const struct syn_sides *sd)
{
    if (!synergy_visible(req, syn, sd))
        return NULL;
    bool is_member_side = sd->is_offer_side || sd->is_receiver_side;
    bool is_revealed = sides_revealed(sd);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(syn->id));
    json_object_set_new(j, "kind",
                        json_string(store_vocab_name(STORE_V_SYNERGY_KIND, (int)syn->kind)));
    json_object_set_new(j, "status",
                        json_string(store_vocab_name(STORE_V_STATUS, (int)syn->status)));
    json_object_set_new(j, "reason", json_string(syn->reason ? syn->reason : ""));
    json_object_set_new(j, "estimated", effects_json(&syn->estimated));
    json_object_set_new(j, "measured", effects_json(&syn->measured));
    json_object_set_new(j, "created_at", json_integer(syn->created_at));
    json_object_set_new(j, "updated_at", json_integer(syn->updated_at));
    if (syn->kind != STORE_SYN_SUBSTITUTION) {
        json_object_set_new(j, "pool_id", json_integer(syn->pool_id));
        return j;
    }
    json_object_set_new(j, "territory_id", json_integer(sd->territory_id));
    json_object_set_new(j, "code", json_string(sd->offer.code));
    /* the note names both sides with exact quantities */
    bool is_full = sd->offer_org_v == HTTP_VIEW_FULL && sd->offer_flow_v == HTTP_VIEW_FULL &&
                   sd->recv_org_v == HTTP_VIEW_FULL && sd->need_flow_v == HTTP_VIEW_FULL;
    json_object_set_new(j, "offer", http_flow_json(req, &sd->offer, sd->offer_flow_v));
    json_object_set_new(j, "offer_organisation",
                        http_org_json(req, &sd->offer_org, sd->offer_org_v));
    json_object_set_new(
        j, "need", sd->need.id ? http_flow_json(req, &sd->need, sd->need_flow_v) : json_null());
    json_object_set_new(j, "receiver_organisation",
                        http_org_json(req, &sd->receiver, sd->recv_org_v));
    json_object_set_new(j, "receiver_kind", json_string(sd->need.id ? "declared" : "potential"));
    json_object_set_new(j, "explanation", explanation_json(req, syn, sd, is_full));
    json_object_set_new(j, "route", route_json(req, syn, sd->offer.code));
    json_object_set_new(j, "offer_decision", json_string(decision_name(sd->offer_decision)));
    json_object_set_new(j, "receiver_decision", json_string(decision_name(sd->receiver_decision)));
    json_object_set_new(j, "contact_revealed", json_boolean(is_revealed));
    if (is_member_side) {
        json_object_set_new(j, "my_side", json_string(sd->is_offer_side ? "offer" : "receiver"));
        if (is_revealed)
            json_object_set_new(
                j, "counterpart_contacts",
                org_contacts(req, sd->is_offer_side ? syn->receiver_org_id : sd->offer.org_id));
    }
    return j;
}

static bool line_visible(const struct http_req *req, const struct store_syn_line *l,
                         struct syn_sides *sd);

/* Lists synergies the caller may see, optionally only suggestions.
 * Visibility comes from one joined query (store_web_synergy_lines); the
 * sides are loaded only for the rows of the asked page. */
static int synergies_list(struct http_req *req, struct http_resp *resp, bool is_suggestions,
                          struct err *e)
{
    struct http_page pg;
    int64_t territory_id = 0;
    int rc = http_list_args(req, resp, &pg, "territory_id", &territory_id, e);
    if (rc)
        return rc;
    int status = -1;
    const char *st = http_req_query(req, "status");
    struct err ve;
    if (st && store_vocab_parse(STORE_V_STATUS, slice_cstr(st), &status, &ve) != ERR_OK) {
        http_resp_field_error(resp, "status", "unknown status");
        return err_set(e, ERR_INPUT, "status: unknown status");
    }
    if (is_suggestions)
        status = STORE_STATUS_SUGGESTED;
    /* the answer depends on the scope and on these parameters only */
    char *what = http_arena_printf(&req->arena, "%s|%lld|%lld|%d|%lld",
                                   is_suggestions ? "suggestions" : "synergies", (long long)pg.page,
                                   (long long)pg.per_page, status, (long long)territory_id);
    const char *key = http_scope_key(req, what);
    if (http_cache_get(req->app->cache, key, &resp->body)) {
        resp->status = 200;
        resp->content_type = "application/json; charset=utf-8";
        return ERR_OK;
    }
    struct store_filter f;
    store_filter_init(&f);
    f.territory_id = territory_id;
    if (req->auth.role == STORE_ROLE_MEMBER)
        f.org_id = req->auth.org_id;
    if (req->auth.role == STORE_ROLE_FACILITATOR && !territory_id && req->auth.n_territories == 1)
        f.territory_id = req->auth.territories[0];
    struct store_synergy *ss = NULL;
    size_t n = 0;
    rc = store_synergy_list(req->db, &f, &ss, &n, e);
    if (rc)
        return rc;
    /* JSON only for the rows of the asked page; the others are counted */
    json_t *items = json_array();
    size_t total = 0;
    size_t start = (size_t)((pg.page - 1) * pg.per_page);
    struct store_syn_line *ls = NULL;
    size_t n_ls = 0, k = 0;
    rc = store_web_synergy_lines(req->db, 0, f.org_id, &ls, &n_ls, e);
    for (size_t i = 0; i < n && rc == ERR_OK; i++) {
        if (status >= 0 && (int)ss[i].status != status)
            continue;
        if (is_suggestions && ss[i].kind != STORE_SYN_SUBSTITUTION)
            continue;
        struct syn_sides sd;
        bool is_visible;
        if (ss[i].kind == STORE_SYN_SUBSTITUTION) {
            /* both lists are ordered by id */
            while (k < n_ls && ls[k].id < ss[i].id)
                k++;
            is_visible = k < n_ls && ls[k].id == ss[i].id && line_visible(req, &ls[k], &sd);
        } else {
            memset(&sd, 0, sizeof(sd));
            is_visible = synergy_visible(req, &ss[i], &sd);
        }
        if (!is_visible)
            continue;
        if (total >= start && total < start + (size_t)pg.per_page) {
            rc = sides_load(req, &ss[i], &sd, e);
            if (rc == ERR_OK)
                json_array_append_new(items, synergy_json(req, &ss[i], &sd));
            sides_release(&sd);
        }
        total++;
    }
    free(ls);
    store_synergies_free(ss, n);
    if (rc) {
        json_decref(items);
        return rc;
    }
    http_resp_json(resp, 200,
                   json_pack("{s:o, s:I, s:I, s:I}", "items", items, "page", (json_int_t)pg.page,
                             "per_page", (json_int_t)pg.per_page, "total", (json_int_t)total));
    http_cache_put(req->app->cache, key, resp->body.buf, resp->body.len);
    return ERR_OK;
}

int http_h_suggestions_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    return synergies_list(req, resp, true, e);
}

int http_h_synergies_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    return synergies_list(req, resp, false, e);
}

/* Loads synergy ids[0] and its sides; ERR_NOT_FOUND if the caller may
 * not see it. On success *out_json is its JSON (caller decrefs). */
static int synergy_load(struct http_req *req, struct store_synergy *syn, struct syn_sides *sd,
                        json_t **out_json, struct err *e)
{
    memset(syn, 0, sizeof(*syn));
    memset(sd, 0, sizeof(*sd));
    *out_json = NULL;
    int rc = store_synergy_get(req->db, req->ids[0], syn, e);
    if (rc == ERR_OK)
        rc = sides_load(req, syn, sd, e);
    if (rc == ERR_OK) {
        *out_json = synergy_json(req, syn, sd);
        if (!*out_json)
            rc = err_set(e, ERR_NOT_FOUND, "no such synergy");
    }
    if (rc == ERR_NOT_FOUND)
        err_set(e, ERR_NOT_FOUND, "no such synergy");
    return rc;
}

int http_h_synergy_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_synergy syn;
    struct syn_sides sd;
    json_t *j = NULL;
    int rc = synergy_load(req, &syn, &sd, &j, e);
    if (rc == ERR_OK)
        http_resp_json(resp, 200, j);
    sides_release(&sd);
    store_synergy_release(&syn);
    return rc;
}

int http_h_synergy_history(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_synergy syn;
    struct syn_sides sd;
    json_t *j = NULL;
    int rc = synergy_load(req, &syn, &sd, &j, e);
    json_decref(j);
    struct store_status_change *ch = NULL;
    size_t n = 0;
    if (rc == ERR_OK)
        rc = store_synergy_history(req->db, syn.id, &ch, &n, e);
    if (rc == ERR_OK) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(
                arr, json_pack("{s:I, s:s?, s:s, s:s}", "at", (json_int_t)ch[i].at, "from",
                               ch[i].from_status >= 0
                                   ? store_vocab_name(STORE_V_STATUS, ch[i].from_status)
                                   : NULL,
                               "to", store_vocab_name(STORE_V_STATUS, (int)ch[i].to_status),
                               "reason", ch[i].reason ? ch[i].reason : ""));
        http_resp_json(resp, 200, json_pack("{s:o}", "items", arr));
    }
    store_status_changes_free(ch, n);
    sides_release(&sd);
    store_synergy_release(&syn);
    return rc;
}

/* The end of every synergy write inside its transaction: reads the
 * synergy back, audits before/after, commits and answers with it. */
static int synergy_write_finish(struct http_req *req, struct http_resp *resp, int64_t id,
                                const struct syn_sides *sd, const char *action,
                                const json_t *before, struct err *e)
{
    struct store_synergy now;
    memset(&now, 0, sizeof(now));
    struct syn_sides fresh;
    memset(&fresh, 0, sizeof(fresh));
    json_t *after = NULL;
    (void)sd; /* the decisions may have changed: the views are decided again */
    int rc = store_synergy_get(req->db, id, &now, e);
    if (rc == ERR_OK)
        rc = sides_load(req, &now, &fresh, e);
    if (rc == ERR_OK)
        after = synergy_json(req, &now, &fresh);
    if (rc == ERR_OK)
        rc = http_audit(req, action, "synergy", id, before, after, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK) {
        http_resp_json(resp, 200, after);
        after = NULL;
    }
    json_decref(after);
    sides_release(&fresh);
    store_synergy_release(&now);
    return rc;
}

/* Reads a measured/estimated effect member into *v if present. */
static void effect_field(const json_t *body, const char *key, double *v)
{
    if (http_json_has(body, key))
        *v = http_json_num(body, key, NAN);
}

int http_h_synergy_update(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_synergy syn;
    struct syn_sides sd;
    json_t *before = NULL;
    json_t *body = NULL;
    int rc = synergy_load(req, &syn, &sd, &before, e);
    if (rc == ERR_OK && !sd.is_facilitator)
        rc = err_set(e, ERR_FORBIDDEN, "only the territory's facilitators move synergies");
    if (rc == ERR_OK)
        rc = http_req_body(req, resp, &body, e);
    if (rc)
        goto out;
    int status = (int)syn.status;
    const char *st = http_json_str(body, "status", NULL);
    struct err ve;
    if (st && store_vocab_parse(STORE_V_STATUS, slice_cstr(st), &status, &ve) != ERR_OK) {
        http_resp_field_error(resp, "status", "unknown status");
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "invalid synergy change");
        goto out;
    }
    const char *reason = http_json_str(body, "reason", "");
    if (status == STORE_STATUS_ABANDONED && status != (int)syn.status && !reason[0]) {
        http_resp_field_error(resp, "reason", "is required to abandon a synergy");
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "invalid synergy change");
        goto out;
    }
    struct store_effects est = syn.estimated, meas = syn.measured;
    effect_field(body, "measured_t_diverted", &meas.t_diverted);
    effect_field(body, "measured_co2e_t", &meas.co2e_t);
    effect_field(body, "measured_eur_saved", &meas.eur_saved);
    effect_field(body, "measured_km", &meas.km);
    rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK && status != (int)syn.status)
        rc = store_synergy_set_status(req->db, syn.id, (enum store_status)status, reason,
                                      req->auth.account_id, e);
    if (rc == ERR_OK)
        rc = store_synergy_set_effects(req->db, syn.id, &est, &meas, e);
    if (rc == ERR_OK)
        rc = synergy_write_finish(req, resp, syn.id, &sd, "update", before, e);
out:
    json_decref(body);
    json_decref(before);
    sides_release(&sd);
    store_synergy_release(&syn);
    return rc;
}

/* A member's answer to a suggestion that concerns their organisation. */
static int suggestion_decide(struct http_req *req, struct http_resp *resp, bool is_accepted,
                             struct err *e)
{
    struct store_synergy syn;
    struct syn_sides sd;
    json_t *before = NULL;
    json_t *body = NULL;
    int rc = synergy_load(req, &syn, &sd, &before, e);
    if (rc == ERR_OK && syn.status != STORE_STATUS_SUGGESTED)
        rc = err_set(e, ERR_CONFLICT, "this synergy is no longer a suggestion");
    if (rc == ERR_OK && !sd.is_offer_side && !sd.is_receiver_side)
        rc = err_set(e, ERR_FORBIDDEN, "only the two organisations concerned answer");
    if (rc == ERR_OK && req->body_len)
        rc = http_req_body(req, resp, &body, e);
    if (rc)
        goto out;
    int64_t org = req->auth.org_id;
    rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_contact_decide(req->db, syn.id, org, is_accepted, req->auth.account_id, e);
    if (sd.is_offer_side)
        sd.offer_decision = is_accepted ? STORE_CONTACT_ACCEPTED : STORE_CONTACT_DECLINED;
    if (sd.is_receiver_side)
        sd.receiver_decision = is_accepted ? STORE_CONTACT_ACCEPTED : STORE_CONTACT_DECLINED;
    if (rc == ERR_OK && !is_accepted) {
        const char *reason = http_json_str(body, "reason", "");
        rc = store_synergy_set_status(req->db, syn.id, STORE_STATUS_ABANDONED,
                                      reason[0] ? reason : "refusée par une des parties",
                                      req->auth.account_id, e);
    } else if (rc == ERR_OK && sides_revealed(&sd)) {
        rc = store_synergy_set_status(req->db, syn.id, STORE_STATUS_STUDIED,
                                      "mise en relation acceptée des deux côtés",
                                      req->auth.account_id, e);
    }
    if (rc == ERR_OK)
        rc = synergy_write_finish(req, resp, syn.id, &sd, is_accepted ? "accept" : "decline",
                                  before, e);
out:
    json_decref(body);
    json_decref(before);
    sides_release(&sd);
    store_synergy_release(&syn);
    return rc;
}

int http_h_suggestion_accept(struct http_req *req, struct http_resp *resp, struct err *e)
{
    return suggestion_decide(req, resp, true, e);
}

int http_h_suggestion_reject(struct http_req *req, struct http_resp *resp, struct err *e)
{
    return suggestion_decide(req, resp, false, e);
}

/* The caller's relation to a synergy from its one-query row (sd gets
 * only the flags and decisions); true if the caller may see it. */
static bool line_visible(const struct http_req *req, const struct store_syn_line *l,
                         struct syn_sides *sd)
{
    struct store_synergy syn;
    memset(&syn, 0, sizeof(syn));
    syn.kind = STORE_SYN_SUBSTITUTION;
    memset(sd, 0, sizeof(*sd));
    sd->offer_decision = l->offer.decision;
    sd->receiver_decision = l->receiver.decision;
    struct side_facts of = {l->offer.org_id, l->offer.territory_id, l->offer.flow_id,
                            l->offer.flow_conf};
    struct side_facts rf = {l->receiver.org_id, l->receiver.territory_id, l->receiver.flow_id,
                            l->receiver.flow_conf};
    sides_decide(&req->auth, sd, &of, &rf);
    return synergy_visible(req, &syn, sd);
}

/* Position of one side as the caller may see it: exact when the side is
 * shown in full, else the centre of its anonymised label's area. */
static struct geo_point side_pos(struct http_req *req, const struct store_syn_side *sd,
                                 bool is_full)
{
    if (is_full)
        return sd->pos;
    struct network_anon_label l;
    http_anon_label(req, sd->org_id, &l);
    return l.pos;
}

json_t *http_synergy_line(struct http_req *req, const struct store_syn_line *l)
{
    struct syn_sides sd;
    if (!line_visible(req, l, &sd))
        return NULL;
    struct geo_point p = side_pos(req, &l->offer, sd.offer_org_v == HTTP_VIEW_FULL);
    struct geo_point q = side_pos(req, &l->receiver, sd.recv_org_v == HTTP_VIEW_FULL);
    return json_pack("[I, s, f, f, f, f, s]", (json_int_t)l->id,
                     store_vocab_name(STORE_V_STATUS, (int)l->status), round(p.lat * 1e5) / 1e5,
                     round(p.lon * 1e5) / 1e5, round(q.lat * 1e5) / 1e5, round(q.lon * 1e5) / 1e5,
                     l->code);
}

/* A facilitator records a synergy found at a workshop or a visit: an
 * offer of their territory towards a declared need or a receiving
 * organisation. It starts as a suggestion shown to both sides. */
int http_h_synergy_create(struct http_req *req, struct http_resp *resp, struct err *e)
{
    if (req->auth.role != STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN, "only facilitators record synergies");
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    struct store_flow offer, need;
    memset(&offer, 0, sizeof(offer));
    memset(&need, 0, sizeof(need));
    struct store_synergy syn;
    memset(&syn, 0, sizeof(syn));
    syn.kind = STORE_SYN_SUBSTITUTION;
    syn.status = STORE_STATUS_SUGGESTED;
    syn.reason = "";
    syn.note = (char *)http_json_str(body, "note", "");
    store_effects_unknown(&syn.estimated);
    store_effects_unknown(&syn.measured);
    syn.estimated.t_diverted = http_json_num(body, "estimated_t_diverted", NAN);
    syn.estimated.co2e_t = http_json_num(body, "estimated_co2e_t", NAN);
    syn.estimated.eur_saved = http_json_num(body, "estimated_eur_saved", NAN);
    size_t n_bad = 0;
    struct err fe;
    syn.offer_flow_id = http_json_int(body, "offer_flow_id", 0);
    if (store_flow_get(req->db, syn.offer_flow_id, &offer, &fe) != ERR_OK ||
        offer.direction != STORE_DIR_OFFER ||
        !http_scope_territory_write(&req->auth, offer.territory_id)) {
        http_resp_field_error(resp, "offer_flow_id", "no such offer in your territories");
        n_bad++;
    }
    syn.need_flow_id = http_json_int(body, "need_flow_id", 0);
    syn.receiver_org_id = http_json_int(body, "receiver_organisation_id", 0);
    if (syn.need_flow_id) {
        if (store_flow_get(req->db, syn.need_flow_id, &need, &fe) != ERR_OK ||
            need.direction != STORE_DIR_NEED ||
            http_view_flow(&req->auth, &need) == HTTP_VIEW_NONE) {
            http_resp_field_error(resp, "need_flow_id", "no such need in your territories");
            n_bad++;
        } else {
            syn.receiver_org_id = need.org_id;
        }
    } else if (syn.receiver_org_id) {
        struct store_org o;
        memset(&o, 0, sizeof(o));
        if (store_org_get(req->db, syn.receiver_org_id, &o, &fe) != ERR_OK ||
            http_view_org(&req->auth, &o) == HTTP_VIEW_NONE) {
            http_resp_field_error(resp, "receiver_organisation_id", "no such organisation");
            n_bad++;
        }
        store_org_release(&o);
    } else {
        http_resp_field_error(resp, "need_flow_id",
                              "a need or a receiving organisation is required");
        n_bad++;
    }
    int64_t id = 0;
    json_t *after = NULL;
    if (n_bad) {
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "invalid synergy");
        goto out;
    }
    rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_synergy_insert(req->db, &syn, req->auth.account_id, &id, e);
    if (rc == ERR_OK) {
        syn.id = id;
        struct syn_sides sd;
        rc = sides_load(req, &syn, &sd, e);
        if (rc == ERR_OK)
            after = synergy_json(req, &syn, &sd);
        sides_release(&sd);
    }
    if (rc == ERR_OK)
        rc = http_audit(req, "create", "synergy", id, NULL, after, e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc == ERR_OK) {
        http_resp_json(resp, 201, after);
        after = NULL;
    }
out:
    json_decref(after);
    store_flow_release(&offer);
    store_flow_release(&need);
    json_decref(body);
    return rc;
}
