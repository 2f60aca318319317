/* SPDX-License-Identifier: MIT */
/*
 * h_indicators.c - the indicators and the yearly evaluation through the
 * API: the dashboard's figures (GET /indicators, ?year=), a territory's
 * evaluation (read, enter values, close, reopen), all territories side by
 * side, the framework's values as CSV or JSON, and the PDF / XLSX reports.
 * Every figure comes from src/report (one definition per indicator).
 *
 * Who sees what: the regional admin everything; a facilitator their
 * territories (others are 404); an observer (funder) the territories'
 * aggregates and anonymised reports, never who typed a value; a member or
 * a collector only the dashboard figures of their own organisation.
 */
#include "http_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(round(v * 1000) / 1000);
}

/* ?year=: absent (*year 0) or 2000..2100 (French field error). */
static int year_query(struct http_req *req, struct http_resp *resp, int *year, bool is_required,
                      struct err *e)
{
    const char *q = http_req_query(req, "year");
    *year = 0;
    if (!q && !is_required)
        return ERR_OK;
    long y = 0;
    struct err pe;
    if (!q || parse_long(slice_cstr(q), &y, &pe) || y < 2000 || y > 2100) {
        http_resp_field_error(resp, "year", "année attendue, de 2000 à 2100");
        resp->is_unprocessable = true;
        return err_set(e, ERR_INPUT, "year : année attendue, de 2000 à 2100");
    }
    *year = (int)y;
    return ERR_OK;
}

static int year_path(struct http_resp *resp, int64_t id, int *year, struct err *e)
{
    if (id < 2000 || id > 2100) {
        http_resp_field_error(resp, "year", "année attendue, de 2000 à 2100");
        resp->is_unprocessable = true;
        return err_set(e, ERR_INPUT, "year : année attendue, de 2000 à 2100");
    }
    *year = (int)id;
    return ERR_OK;
}

/* May the caller read the evaluation of territory_id (0: several)? */
static int eval_read_scope(const struct http_auth *a, int64_t territory_id, struct err *e)
{
    switch (a->role) {
    case STORE_ROLE_REGIONAL_ADMIN:
    case STORE_ROLE_OBSERVER:
        return ERR_OK;
    case STORE_ROLE_FACILITATOR:
        if (territory_id == 0 || http_scope_territory(a, territory_id))
            return ERR_OK;
        return err_set(e, ERR_NOT_FOUND, "territory %lld not found", (long long)territory_id);
    default:
        return err_set(e, ERR_FORBIDDEN,
                       "évaluation : réservée à l'animation, à la région et aux financeurs");
    }
}

/* Builds the evaluation the caller may read: one territory, or all
 * territories of their scope (a facilitator's own ones). */
static int eval_for(struct http_req *req, int64_t territory_id, const struct report_eval_opts *base,
                    struct report_eval *ev, struct err *e)
{
    const struct http_auth *a = &req->auth;
    int rc = eval_read_scope(a, territory_id, e);
    if (rc)
        return rc;
    struct report_eval_opts o = *base;
    o.territory_id = territory_id;
    rc = report_eval_build(req->db, &req->app->fw, &o, ev, e);
    if (rc == ERR_OK && territory_id == 0 && a->role == STORE_ROLE_FACILITATOR)
        report_eval_keep(ev, a->territories, a->n_territories);
    if (rc == ERR_OK && a->role == STORE_ROLE_OBSERVER) {
        /* funders see the figures, not who typed them */
        size_t n = ev->n_terr * ev->n_years * ev->fw->n;
        memset(ev->entered_by, 0, n * sizeof(*ev->entered_by));
        memset(ev->entered_by_email, 0, n * sizeof(*ev->entered_by_email));
    }
    return rc;
}

/* ------------------------------------------------------------ dashboard */

static json_t *status_json(const int64_t *counts)
{
    json_t *st = json_object();
    for (int k = 0; k <= STORE_STATUS_ABANDONED; k++)
        json_object_set_new(st, store_vocab_name(STORE_V_STATUS, k),
                            json_integer((json_int_t)counts[k]));
    return st;
}

static json_t *effects_json(double t, double co2e, double eur)
{
    return json_pack("{s:o, s:o, s:o}", "t_diverted", num_or_null(t), "co2e_t", num_or_null(co2e),
                     "eur_saved", num_or_null(eur));
}

int http_h_indicators(struct http_req *req, struct http_resp *resp, struct err *e)
{
    const struct http_auth *a = &req->auth;
    int year = 0;
    int rc = year_query(req, resp, &year, false, e);
    if (rc)
        return rc;
    bool is_org = a->role == STORE_ROLE_MEMBER || a->role == STORE_ROLE_COLLECTOR;
    struct report_eval_opts o = {.year_from = year,
                                 .year_to = year,
                                 .is_all_time = year == 0,
                                 .org_id = is_org ? (a->org_id ? a->org_id : -1) : 0,
                                 .with_potential = !is_org};
    struct report_eval ev;
    rc = report_eval_build(req->db, &req->app->fw, &o, &ev, e);
    if (rc)
        return rc;
    if (a->role == STORE_ROLE_FACILITATOR)
        report_eval_keep(&ev, a->territories, a->n_territories);
    struct store_eval_computed sum;
    memset(&sum, 0, sizeof(sum));
    struct report_potential pot = {0};
    json_t *rows = json_array();
    for (size_t t = 0; t < ev.n_terr; t++) {
        const struct store_eval_computed *c = &ev.raw[t];
        sum.companies += c->companies;
        sum.offers += c->offers;
        sum.needs += c->needs;
        for (int k = 0; k < 5; k++) {
            sum.in_status[k] += c->in_status[k];
            sum.reached[k] += c->reached[k];
        }
        sum.t_diverted += c->t_diverted;
        sum.co2e_t += c->co2e_t;
        sum.eur_saved += c->eur_saved;
        sum.jobs += c->jobs;
        const struct report_potential *p = &ev.potential[t];
        pot.t += p->t;
        pot.eur += p->eur;
        pot.co2e_t += p->co2e_t;
        if (is_org)
            continue;
        json_array_append_new(
            rows,
            json_pack("{s:I, s:s, s:s, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:o}",
                      "territory_id", (json_int_t)ev.terr[t].id, "name", ev.terr[t].name, "stage",
                      ev.terr[t].stage, "companies", (json_int_t)c->companies, "flows",
                      (json_int_t)(c->offers + c->needs), "synergies_by_status",
                      status_json(c->in_status), "synergies_reached", status_json(c->reached),
                      "t_diverted", num_or_null(c->t_diverted), "co2e_t", num_or_null(c->co2e_t),
                      "eur_saved", num_or_null(c->eur_saved), "jobs", (json_int_t)c->jobs,
                      "potential",
                      ev.has_potential ? effects_json(p->t, p->co2e_t, p->eur) : json_null()));
    }
    http_resp_json(
        resp, 200,
        json_pack("{s:o, s:s, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "year",
                  year ? json_integer(year) : json_null(), "scope",
                  is_org                              ? "organisation"
                  : a->role == STORE_ROLE_FACILITATOR ? "territories"
                                                      : "region",
                  "companies", (json_int_t)sum.companies, "offers", (json_int_t)sum.offers, "needs",
                  (json_int_t)sum.needs, "synergies_by_status", status_json(sum.in_status),
                  "synergies_reached", status_json(sum.reached), "implemented",
                  effects_json(sum.t_diverted, sum.co2e_t, sum.eur_saved), "potential",
                  ev.has_potential ? effects_json(pot.t, pot.co2e_t, pot.eur) : json_null(),
                  "territories", rows, "effects_rule",
                  "synergies réalisées en fonctionnement : effets mesurés, sinon estimés",
                  "potential_rule",
                  "synergies ouvertes : répartition optimale, chaque offre comptée une fois"));
    report_eval_release(&ev);
    return ERR_OK;
}

/* ------------------------------------------------------- one territory */

static json_t *indicator_json(const struct report_indicator *ind)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "id", ind->id, "family",
                          report_family_name(ind->family), "label", ind->label, "unit", ind->unit,
                          "kind", report_kind_name(ind->kind), "mandatory", ind->is_mandatory,
                          "source", ind->source);
    if (ind->kind == REPORT_KIND_COMPUTED)
        json_object_set_new(j, "method", json_string(ind->method));
    if (ind->kind == REPORT_KIND_NUMBER)
        json_object_set_new(j, "max", json_real(ind->max));
    if (ind->kind == REPORT_KIND_LEVEL) {
        json_t *lv = json_array();
        for (int k = 0; k <= REPORT_LEVEL_MAX; k++)
            json_array_append_new(lv, json_string(ind->levels[k]));
        json_object_set_new(j, "levels", lv);
    }
    return j;
}

static json_t *radar_json(const struct report_eval *ev, long t, size_t y)
{
    json_t *fams = json_array();
    double *vals = xmallocarray(ev->fw->n + 1, sizeof(*vals));
    size_t *idx = xmallocarray(ev->fw->n + 1, sizeof(*idx));
    for (int f = 0; f < REPORT_N_FAMILIES; f++) {
        size_t n = report_eval_radar(ev, t, y, (enum report_family)f, vals, idx);
        json_t *axes = json_array();
        for (size_t k = 0; k < n; k++)
            json_array_append_new(axes, json_pack("{s:s, s:f}", "indicator", ev->fw->ind[idx[k]].id,
                                                  "value", vals[k]));
        json_array_append_new(
            fams, json_pack("{s:s, s:s, s:o}", "family", report_family_name((enum report_family)f),
                            "label", report_family_label((enum report_family)f), "axes", axes));
    }
    free(vals);
    free(idx);
    return fams;
}

static json_t *evaluation_json(const struct report_eval *ev, size_t t, int year)
{
    size_t y = (size_t)(year - ev->year_from);
    json_t *inds = json_array();
    for (size_t i = 0; i < ev->fw->n; i++) {
        json_t *j = indicator_json(&ev->fw->ind[i]);
        json_t *hist = json_array();
        for (size_t yy = 0; yy <= y; yy++)
            json_array_append_new(hist, num_or_null(report_eval_value(ev, t, yy, i)));
        size_t c = (t * ev->n_years + y) * ev->fw->n + i;
        json_object_set_new(j, "value", num_or_null(report_eval_value(ev, t, y, i)));
        json_object_set_new(j, "history", hist);
        if (ev->entered_by_email[c][0])
            json_object_set_new(j, "entered_by", json_string(ev->entered_by_email[c]));
        json_array_append_new(inds, j);
    }
    json_t *years = json_array();
    for (size_t yy = 0; yy <= y; yy++)
        json_array_append_new(years, json_integer(ev->year_from + (int)yy));
    struct sb miss;
    sb_init(&miss, 0);
    report_eval_missing(ev, t, y, &miss);
    json_t *missing = json_array();
    for (char *p = miss.buf; *p;) {
        char *comma = strstr(p, ", ");
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        json_array_append_new(missing, json_stringn(p, len));
        p += len + (comma ? 2 : 0);
    }
    sb_release(&miss);
    double m = report_eval_maturity(ev, (long)t, y);
    return json_pack("{s:{s:I, s:s, s:s}, s:i, s:b, s:o, s:{s:o, s:s}, s:o, s:o, s:o}", "territory",
                     "id", (json_int_t)ev->terr[t].id, "name", ev->terr[t].name, "stage",
                     ev->terr[t].stage, "year", year, "closed", ev->is_closed[t * ev->n_years + y],
                     "missing", missing, "maturity", "value", num_or_null(m), "label",
                     report_maturity_label(m), "radar", radar_json(ev, (long)t, y), "years", years,
                     "indicators", inds);
}

static int evaluation_answer(struct http_req *req, struct http_resp *resp, int64_t territory_id,
                             int year, int status, struct err *e)
{
    struct report_eval ev;
    struct report_eval_opts o = {.year_from = year - (REPORT_YEARS_SHOWN - 1), .year_to = year};
    int rc = eval_for(req, territory_id, &o, &ev, e);
    if (rc)
        return rc;
    http_resp_json(resp, status, evaluation_json(&ev, 0, year));
    report_eval_release(&ev);
    return ERR_OK;
}

int http_h_evaluation_get(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int year = 0;
    int rc = year_path(resp, req->ids[1], &year, e);
    return rc ? rc : evaluation_answer(req, resp, req->ids[0], year, 200, e);
}

/* Writers of a territory's values: its facilitators and the regional admin. */
static int eval_write_scope(struct http_req *req, int64_t territory_id, struct err *e)
{
    const struct http_auth *a = &req->auth;
    if (a->role == STORE_ROLE_REGIONAL_ADMIN)
        return ERR_OK;
    if (a->role == STORE_ROLE_FACILITATOR)
        return http_scope_territory_write(a, territory_id)
                   ? ERR_OK
                   : err_set(e, ERR_NOT_FOUND, "territory %lld not found", (long long)territory_id);
    return err_set(e, ERR_FORBIDDEN, "évaluation : saisie réservée à l'animation du territoire");
}

/* The territory exists (404 otherwise) and whether the year is closed. */
static int year_state(struct http_req *req, int64_t territory_id, int year, bool *is_closed,
                      struct err *e)
{
    struct store_territory t;
    memset(&t, 0, sizeof(t));
    int rc = store_territory_get(req->db, territory_id, &t, e);
    store_territory_release(&t);
    if (rc)
        return rc;
    struct store_eval_year *ys = NULL;
    size_t n = 0;
    rc = store_eval_closed_list(req->db, territory_id, year, year, &ys, &n, e);
    free(ys);
    *is_closed = n > 0;
    return rc;
}

static int closed_error(struct http_resp *resp, int year, struct err *e)
{
    resp->err_code_override = "year_closed";
    return err_set(e, ERR_CONFLICT,
                   "l'année %d est close : seule l'administration régionale peut la rouvrir", year);
}

/* The territory and year of a write on an evaluation (path ids), checked:
 * the caller may write for the territory and the year is still open. */
static int open_year(struct http_req *req, struct http_resp *resp, int64_t *tid, int *year,
                     struct err *e)
{
    *tid = req->ids[0];
    int rc = year_path(resp, req->ids[1], year, e);
    if (rc == ERR_OK)
        rc = eval_write_scope(req, *tid, e);
    bool is_closed = false;
    if (rc == ERR_OK)
        rc = year_state(req, *tid, *year, &is_closed, e);
    if (rc == ERR_OK && is_closed)
        rc = closed_error(resp, *year, e);
    return rc;
}

int http_h_evaluation_put(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int64_t tid = 0;
    int year = 0;
    int rc = open_year(req, resp, &tid, &year, e);
    if (rc)
        return rc;
    json_t *body = NULL;
    rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    const json_t *values = json_object_get(body, "values");
    const struct report_framework *fw = &req->app->fw;
    size_t n = json_object_size(values), k = 0, n_bad = 0;
    const char **ids = xcalloc(n + 1, sizeof(*ids));
    double *vals = xcalloc(n + 1, sizeof(*vals));
    bool *has = xcalloc(n + 1, sizeof(*has));
    const char *key;
    json_t *v;
    char first[ERR_MSG_MAX] = "";
    json_object_foreach((json_t *)values, key, v)
    {
        char field[80];
        snprintf(field, sizeof(field), "values.%.60s", key);
        long i = report_framework_find(fw, key);
        struct err ve;
        err_init(&ve);
        int vr = ERR_OK;
        if (i < 0) {
            vr = err_set(&ve, ERR_INPUT, "%.60s : indicateur inconnu du référentiel", key);
        } else if (json_is_null(v)) {
            vr = fw->ind[i].kind == REPORT_KIND_COMPUTED
                     ? report_value_parse(&fw->ind[i], slice_cstr(""), &vals[k], &ve)
                     : ERR_OK;
        } else if (json_is_number(v) || json_is_string(v)) {
            char num[64];
            const char *text = num;
            if (json_is_string(v))
                text = json_string_value(v);
            else
                snprintf(num, sizeof(num), "%.17g", json_number_value(v));
            vr = report_value_parse(&fw->ind[i], slice_cstr(text), &vals[k], &ve);
            has[k] = true;
        } else {
            vr = err_set(&ve, ERR_INPUT, "%s : nombre attendu", fw->ind[i].id);
        }
        if (vr) {
            http_resp_field_error(resp, field, ve.msg);
            if (!n_bad++)
                snprintf(first, sizeof(first), "%s", ve.msg);
            continue;
        }
        ids[k++] = fw->ind[i].id;
    }
    if (n_bad) {
        resp->is_unprocessable = true;
        rc = err_set(e, ERR_INPUT, "%s%s", first, n_bad > 1 ? " (et d'autres champs)" : "");
        goto out;
    }
    rc = store_tx_begin(req->db, e);
    json_t *after = json_object();
    for (size_t j = 0; rc == ERR_OK && j < k; j++) {
        rc = store_eval_value_set(req->db, tid, year, ids[j], vals[j], has[j], req->auth.account_id,
                                  e);
        json_object_set_new(after, ids[j], has[j] ? json_real(vals[j]) : json_null());
    }
    if (rc == ERR_OK) {
        json_t *what = json_pack("{s:i, s:o}", "year", year, "values", after);
        after = NULL;
        rc = http_audit(req, "evaluation_values", "territory", tid, NULL, what, e);
        json_decref(what);
    }
    json_decref(after);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    else
        store_tx_rollback(req->db);
    if (rc == ERR_OK)
        rc = evaluation_answer(req, resp, tid, year, 200, e);
out:
    free(ids);
    free(vals);
    free(has);
    json_decref(body);
    return rc;
}

/* Closes (is_closed) or reopens a year in one transaction with its audit
 * row (what: the audit's detail, taken), then answers the evaluation. */
static int year_set_closed(struct http_req *req, struct http_resp *resp, int64_t tid, int year,
                           bool is_closed, json_t *what, struct err *e)
{
    int rc = store_tx_begin(req->db, e);
    if (rc == ERR_OK)
        rc = store_eval_year_set_closed(req->db, tid, year, is_closed, req->auth.account_id, e);
    if (rc == ERR_OK)
        rc = http_audit(req, is_closed ? "evaluation_close" : "evaluation_reopen", "territory", tid,
                        NULL, what, e);
    json_decref(what);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    else
        store_tx_rollback(req->db);
    return rc ? rc : evaluation_answer(req, resp, tid, year, 200, e);
}

int http_h_evaluation_close(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int64_t tid = 0;
    int year = 0;
    int rc = open_year(req, resp, &tid, &year, e);
    if (rc)
        return rc;
    struct report_eval ev;
    struct report_eval_opts o = {.year_from = year, .year_to = year, .territory_id = tid};
    rc = report_eval_build(req->db, &req->app->fw, &o, &ev, e);
    if (rc)
        return rc;
    struct sb miss;
    sb_init(&miss, 0);
    size_t n_miss = report_eval_missing(&ev, 0, 0, &miss);
    report_eval_release(&ev);
    if (n_miss) {
        for (char *p = miss.buf; *p;) {
            char *comma = strstr(p, ", ");
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            char field[80];
            snprintf(field, sizeof(field), "values.%.*s", (int)(len > 60 ? 60 : len), p);
            http_resp_field_error(resp, field, "obligatoire pour clore l'année");
            p += len + (comma ? 2 : 0);
        }
        resp->is_unprocessable = true;
        resp->err_code_override = "mandatory_missing";
        rc = err_set(e, ERR_INPUT,
                     "impossible de clore %d : %zu indicateur(s) obligatoire(s) "
                     "manquant(s) : %s",
                     year, n_miss, miss.buf);
        sb_release(&miss);
        return rc;
    }
    sb_release(&miss);
    json_t *what = json_pack("{s:i}", "year", year);
    return year_set_closed(req, resp, tid, year, true, what, e);
}

int http_h_evaluation_reopen(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int64_t tid = req->ids[0];
    int year = 0;
    int rc = year_path(resp, req->ids[1], &year, e);
    if (rc)
        return rc;
    if (req->auth.role != STORE_ROLE_REGIONAL_ADMIN)
        return err_set(e, ERR_FORBIDDEN, "seule l'administration régionale rouvre une année close");
    bool is_closed = false;
    rc = year_state(req, tid, year, &is_closed, e);
    if (rc)
        return rc;
    json_t *what = json_pack("{s:i, s:b}", "year", year, "was_closed", is_closed);
    return year_set_closed(req, resp, tid, year, false, what, e);
}

/* ------------------------------------------------------ the whole region */

int http_h_evaluations_list(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int year = 0;
    int rc = year_query(req, resp, &year, true, e);
    if (rc)
        return rc;
    struct report_eval ev;
    struct report_eval_opts o = {.year_from = year, .year_to = year};
    rc = eval_for(req, 0, &o, &ev, e);
    if (rc)
        return rc;
    json_t *fw = json_array();
    for (size_t i = 0; i < ev.fw->n; i++)
        json_array_append_new(fw, indicator_json(&ev.fw->ind[i]));
    json_t *terrs = json_array();
    for (size_t t = 0; t < ev.n_terr; t++) {
        json_t *vals = json_object();
        for (size_t i = 0; i < ev.fw->n; i++)
            json_object_set_new(vals, ev.fw->ind[i].id,
                                num_or_null(report_eval_value(&ev, t, 0, i)));
        double m = report_eval_maturity(&ev, (long)t, 0);
        struct sb miss;
        sb_init(&miss, 0);
        size_t n_miss = report_eval_missing(&ev, t, 0, &miss);
        sb_release(&miss);
        json_array_append_new(terrs,
                              json_pack("{s:I, s:s, s:s, s:b, s:I, s:o, s:o, s:o}", "id",
                                        (json_int_t)ev.terr[t].id, "name", ev.terr[t].name, "stage",
                                        ev.terr[t].stage, "closed", ev.is_closed[t], "n_missing",
                                        (json_int_t)n_miss, "maturity", num_or_null(m), "values",
                                        vals, "radar", radar_json(&ev, (long)t, 0)));
    }
    json_t *region = json_object();
    for (size_t i = 0; i < ev.fw->n; i++)
        json_object_set_new(region, ev.fw->ind[i].id, num_or_null(report_eval_region(&ev, 0, i)));
    double m = report_eval_maturity(&ev, -1, 0);
    http_resp_json(resp, 200,
                   json_pack("{s:i, s:o, s:o, s:{s:o, s:o, s:s, s:o}}", "year", year, "framework",
                             fw, "territories", terrs, "region", "values", region, "maturity",
                             num_or_null(m), "maturity_label", report_maturity_label(m), "radar",
                             radar_json(&ev, -1, 0)));
    report_eval_release(&ev);
    return ERR_OK;
}

int http_h_evaluations_export(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int year = 0;
    int rc = year_query(req, resp, &year, true, e);
    if (rc)
        return rc;
    const char *format = http_req_query(req, "format");
    bool is_json = format && strcmp(format, "json") == 0;
    if (format && !is_json && strcmp(format, "csv") != 0) {
        http_resp_field_error(resp, "format", "csv ou json");
        resp->is_unprocessable = true;
        return err_set(e, ERR_INPUT, "format : csv ou json");
    }
    int64_t tid = 0;
    const char *ts = http_req_query(req, "territory_id");
    struct err pe;
    if (ts && (parse_int64(slice_cstr(ts), &tid, &pe) || tid < 1)) {
        http_resp_field_error(resp, "territory_id", "identifiant attendu");
        resp->is_unprocessable = true;
        return err_set(e, ERR_INPUT, "territory_id : identifiant attendu");
    }
    struct report_eval ev;
    struct report_eval_opts o = {.year_from = year, .year_to = year};
    rc = eval_for(req, tid, &o, &ev, e);
    if (rc)
        return rc;
    if (is_json)
        report_values_json(&ev, &resp->body);
    else
        report_values_csv(&ev, &resp->body);
    report_eval_release(&ev);
    resp->status = 200;
    resp->content_type = is_json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
    char cd[96];
    snprintf(cd, sizeof(cd), "attachment; filename=\"evaluation-%d.%s\"", year,
             is_json ? "json" : "csv");
    http_resp_header(req, resp, "Content-Disposition", cd);
    return ERR_OK;
}

/* -------------------------------------------------------------- reports */

static int report_answer(struct http_req *req, struct http_resp *resp, int64_t tid, int year,
                         struct err *e)
{
    const struct http_auth *a = &req->auth;
    const char *format = http_req_query(req, "format");
    bool is_xlsx = format && strcmp(format, "xlsx") == 0;
    if (!format || (!is_xlsx && strcmp(format, "pdf") != 0)) {
        http_resp_field_error(resp, "format", "pdf ou xlsx");
        resp->is_unprocessable = true;
        return err_set(e, ERR_INPUT, "format : pdf ou xlsx");
    }
    int rc = eval_read_scope(a, tid, e);
    if (rc)
        return rc;
    if (tid == 0 && a->role == STORE_ROLE_FACILITATOR)
        return err_set(e, ERR_FORBIDDEN,
                       "rapport régional : réservé à la région et aux financeurs");
    if (tid) {
        bool is_closed;
        rc = year_state(req, tid, year, &is_closed, e);
        if (rc)
            return rc;
    }
    /* names only for those who read the companies in full: a territory's
     * facilitators its own (a receiver elsewhere stays anonymised; the
     * region and observers read every company anonymised,
     * docs/confidentiality.md) */
    enum report_reader reader =
        a->role == STORE_ROLE_FACILITATOR ? REPORT_READER_TERRITORY : REPORT_READER_ANONYMOUS;
    char path[] = "/tmp/symbiose-report-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return err_set(e, ERR_IO, "report: cannot create a temporary file");
    close(fd);
    rc = report_write(req->db, req->app->ref, &req->app->fw, tid, year,
                      is_xlsx ? REPORT_FORMAT_XLSX : REPORT_FORMAT_PDF, reader, path, e);
    char *buf = NULL;
    size_t len = 0;
    if (rc == ERR_OK)
        rc = file_read_all(path, (size_t)256 << 20, &buf, &len, e);
    unlink(path);
    if (rc)
        return rc;
    sb_add(&resp->body, buf, len);
    free(buf);
    resp->status = 200;
    resp->content_type = is_xlsx
                             ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                             : "application/pdf";
    char cd[128];
    if (tid)
        snprintf(cd, sizeof(cd), "attachment; filename=\"evaluation-territoire-%lld-%d.%s\"",
                 (long long)tid, year, is_xlsx ? "xlsx" : "pdf");
    else
        snprintf(cd, sizeof(cd), "attachment; filename=\"evaluation-region-%d.%s\"", year,
                 is_xlsx ? "xlsx" : "pdf");
    http_resp_header(req, resp, "Content-Disposition", cd);
    return ERR_OK;
}

int http_h_evaluation_report(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int year = 0;
    int rc = year_path(resp, req->ids[1], &year, e);
    return rc ? rc : report_answer(req, resp, req->ids[0], year, e);
}

int http_h_evaluations_report(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int year = 0;
    int rc = year_query(req, resp, &year, true, e);
    return rc ? rc : report_answer(req, resp, 0, year, e);
}
