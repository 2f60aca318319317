/* SPDX-License-Identifier: MIT */
/*
 * eval.c - the evaluation: every indicator of the framework per
 * territory and year, from one aggregate query per year (computed ones)
 * and the entered values; regional figures, radars, maturity and what is
 * missing to close a year, all from that one table.
 */
#include "report.h"

#include "optim/optim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#define EVAL_MAX_YEARS 30

/* Days from 1970-01-01 to year-01-01 (proleptic Gregorian). */
static int64_t days_to_year(int year)
{
    int64_t y = year - 1;
    return 365 * (int64_t)(year - 1970) + (y / 4 - y / 100 + y / 400) -
           (1969 / 4 - 1969 / 100 + 1969 / 400);
}

void report_year_span(int year, int64_t *from, int64_t *to)
{
    *from = days_to_year(year) * 86400;
    *to = days_to_year(year + 1) * 86400;
}

static double metric_value(const struct store_eval_computed *c, enum report_metric m)
{
    switch (m) {
    case REPORT_M_COMPANIES_ENGAGED:
        return (double)c->companies;
    case REPORT_M_FLOWS_DECLARED:
        return (double)(c->offers + c->needs);
    case REPORT_M_WORKSHOPS_HELD:
        return (double)c->workshops;
    case REPORT_M_NETWORK_EVENTS_HELD:
        return (double)c->events;
    case REPORT_M_SUGGESTIONS_MADE:
        return (double)c->reached[STORE_STATUS_SUGGESTED];
    case REPORT_M_SYNERGIES_STUDIED:
        return (double)c->reached[STORE_STATUS_STUDIED];
    case REPORT_M_SYNERGIES_IN_PROGRESS:
        return (double)c->reached[STORE_STATUS_IN_PROGRESS];
    case REPORT_M_SYNERGIES_IMPLEMENTED:
        return (double)c->in_status[STORE_STATUS_IMPLEMENTED];
    case REPORT_M_SYNERGIES_ABANDONED:
        return (double)c->reached[STORE_STATUS_ABANDONED];
    case REPORT_M_TONNES_DIVERTED:
        return c->t_diverted;
    case REPORT_M_CO2E_AVOIDED_T:
        return c->co2e_t;
    case REPORT_M_EUR_SAVED:
        return c->eur_saved;
    case REPORT_M_JOBS_DECLARED:
        return (double)c->jobs;
    case REPORT_M_POOLED_COLLECTIONS:
        return (double)c->collections;
    case REPORT_M_COLLECTION_KM_AVOIDED:
        return c->collection_km_avoided;
    case REPORT_M_TRAININGS_HELD:
        return (double)c->trainings;
    case REPORT_M_TRAINING_PARTICIPANTS:
        return (double)c->participants;
    case REPORT_M_GROUP_PURCHASES:
        return (double)c->purchases;
    case REPORT_M_NONE:
        break;
    }
    return NAN;
}

static size_t cell(const struct report_eval *ev, size_t t, size_t y, size_t i)
{
    return (t * ev->n_years + y) * ev->fw->n + i;
}

static int id_pair_cmp(const void *a, const void *b)
{
    int64_t x = ((const struct store_id_pair *)a)->a, y = ((const struct store_id_pair *)b)->a;
    return (x > y) - (x < y);
}

/* The exact allocation of the whole region's open synergies, each kept
 * line counted in its offer's territory: one offer is counted once, and
 * the territories add up to the region. */
static int potential_build(struct store *s, struct report_eval *ev, struct err *e)
{
    struct optim_plan plan;
    memset(&plan, 0, sizeof(plan));
    struct store_id_pair *terr = NULL;
    size_t n_terr = 0;
    int rc = optim_allocate(s, 0, 0, &plan, e);
    if (rc == ERR_TOO_LARGE) {
        /* past the solver's limits the potential is unknown (has_potential
         * stays false), rather than summed over competing receivers */
        rc = ERR_OK;
        goto out;
    }
    if (rc == ERR_OK)
        rc = store_eval_open_synergy_territories(s, &terr, &n_terr, e);
    if (rc)
        goto out;
    for (size_t k = 0; k < plan.n_lines; k++) {
        const struct store_alloc_line *l = &plan.lines[k];
        if (!(l->t > 0))
            continue;
        struct store_id_pair key = {l->synergy_id, 0};
        const struct store_id_pair *hit = bsearch(&key, terr, n_terr, sizeof(*terr), id_pair_cmp);
        long t = hit ? report_eval_find(ev, hit->b) : -1;
        if (t < 0)
            continue;
        struct report_potential *p = &ev->potential[t];
        p->t += l->t;
        p->eur += l->eur;
        p->co2e_t += l->co2e_t;
        p->n_synergies++;
    }
    ev->has_potential = true;
out:
    free(terr);
    optim_plan_release(&plan);
    return rc;
}

int report_eval_build(struct store *s, const struct report_framework *fw,
                      const struct report_eval_opts *o, struct report_eval *ev, struct err *e)
{
    memset(ev, 0, sizeof(*ev));
    ev->fw = fw;
    if (o->is_all_time) {
        ev->n_years = 1;
    } else if (o->year_from < 2000 - (REPORT_YEARS_SHOWN - 1) || o->year_to < 2000 ||
               o->year_to > 2100 || o->year_from > o->year_to ||
               o->year_to - o->year_from >= EVAL_MAX_YEARS)
        /* the curves of a year from 2000 reach back before it */
        return err_set(e, ERR_INPUT, "year: must be 2000 to 2100, at most %d years",
                       EVAL_MAX_YEARS);
    if (!o->is_all_time) {
        ev->year_from = o->year_from;
        ev->year_to = o->year_to;
        ev->n_years = (size_t)(o->year_to - o->year_from + 1);
    }
    struct store_eval_computed *rows = NULL;
    size_t n_rows = 0;
    struct store_eval_value *vals = NULL;
    size_t n_vals = 0;
    struct store_eval_year *closed = NULL;
    size_t n_closed = 0;
    int rc = ERR_OK;
    for (size_t y = 0; y < ev->n_years; y++) {
        int64_t from, to;
        if (o->is_all_time) {
            from = 0;
            to = INT64_MAX / 2;
        } else {
            report_year_span(ev->year_from + (int)y, &from, &to);
        }
        rc = store_eval_computed(s, from, to, o->org_id, &rows, &n_rows, e);
        if (rc)
            goto out;
        if (y == 0) {
            /* the territories, in the store's order */
            ev->terr = xcalloc(n_rows ? n_rows : 1, sizeof(*ev->terr));
            for (size_t t = 0; t < n_rows; t++) {
                if (o->territory_id && rows[t].territory_id != o->territory_id)
                    continue;
                struct report_territory *rt = &ev->terr[ev->n_terr++];
                rt->id = rows[t].territory_id;
                rt->name = xstrdup(rows[t].territory_name);
                memcpy(rt->stage, rows[t].stage, sizeof(rt->stage));
            }
            if (o->territory_id && ev->n_terr == 0) {
                rc = err_set(e, ERR_NOT_FOUND, "territory %lld not found",
                             (long long)o->territory_id);
                goto out;
            }
            size_t n_cells = ev->n_terr * ev->n_years * fw->n;
            ev->v = xmallocarray(n_cells ? n_cells : 1, sizeof(*ev->v));
            ev->entered_by = xcalloc(n_cells ? n_cells : 1, sizeof(*ev->entered_by));
            ev->entered_by_email = xcalloc(n_cells ? n_cells : 1, sizeof(*ev->entered_by_email));
            ev->is_closed = xcalloc(ev->n_terr * ev->n_years + 1, sizeof(*ev->is_closed));
            ev->raw = xcalloc(ev->n_terr * ev->n_years + 1, sizeof(*ev->raw));
            ev->potential = xcalloc(ev->n_terr + 1, sizeof(*ev->potential));
            for (size_t k = 0; k < n_cells; k++)
                ev->v[k] = NAN;
        }
        for (size_t r = 0; r < n_rows; r++) {
            long t = report_eval_find(ev, rows[r].territory_id);
            if (t < 0)
                continue;
            struct store_eval_computed *raw = &ev->raw[(size_t)t * ev->n_years + y];
            *raw = rows[r];
            raw->territory_name = NULL; /* the name lives in ev->terr */
            for (size_t i = 0; i < fw->n; i++) {
                if (fw->ind[i].kind == REPORT_KIND_COMPUTED)
                    ev->v[cell(ev, (size_t)t, y, i)] = metric_value(&rows[r], fw->ind[i].metric);
            }
        }
        store_eval_computed_free(rows, n_rows);
        rows = NULL;
        n_rows = 0;
    }
    if (o->org_id == 0 && !o->is_all_time) {
        rc = store_eval_values_list(s, o->territory_id, ev->year_from, ev->year_to, &vals, &n_vals,
                                    e);
        for (size_t k = 0; rc == ERR_OK && k < n_vals; k++) {
            long t = report_eval_find(ev, vals[k].territory_id);
            long i = report_framework_find(fw, vals[k].indicator);
            /* a value of an indicator the framework no longer has is kept
             * in the store but not shown */
            if (t < 0 || i < 0 || fw->ind[i].kind == REPORT_KIND_COMPUTED)
                continue;
            size_t c = cell(ev, (size_t)t, (size_t)(vals[k].year - ev->year_from), (size_t)i);
            ev->v[c] = vals[k].value;
            ev->entered_by[c] = vals[k].entered_by;
            memcpy(ev->entered_by_email[c], vals[k].entered_by_email,
                   sizeof(ev->entered_by_email[c]));
        }
        if (rc == ERR_OK)
            rc = store_eval_closed_list(s, o->territory_id, ev->year_from, ev->year_to, &closed,
                                        &n_closed, e);
        for (size_t k = 0; rc == ERR_OK && k < n_closed; k++) {
            long t = report_eval_find(ev, closed[k].territory_id);
            if (t >= 0)
                ev->is_closed[(size_t)t * ev->n_years + (size_t)(closed[k].year - ev->year_from)] =
                    true;
        }
    }
    if (rc == ERR_OK && o->with_potential && o->org_id == 0)
        rc = potential_build(s, ev, e);
out:
    store_eval_computed_free(rows, n_rows);
    free(vals);
    free(closed);
    if (rc)
        report_eval_release(ev);
    return rc;
}

void report_eval_release(struct report_eval *ev)
{
    for (size_t t = 0; ev->terr && t < ev->n_terr; t++)
        free(ev->terr[t].name);
    free(ev->terr);
    free(ev->v);
    free(ev->entered_by);
    free(ev->entered_by_email);
    free(ev->is_closed);
    free(ev->raw);
    free(ev->potential);
    memset(ev, 0, sizeof(*ev));
}

void report_eval_keep(struct report_eval *ev, const int64_t *ids, size_t n)
{
    size_t k = 0, ny = ev->n_years, ni = ev->fw->n;
    for (size_t t = 0; t < ev->n_terr; t++) {
        bool is_kept = false;
        for (size_t j = 0; j < n; j++)
            is_kept = is_kept || ids[j] == ev->terr[t].id;
        if (!is_kept) {
            free(ev->terr[t].name);
            continue;
        }
        if (k != t) {
            ev->terr[k] = ev->terr[t];
            memmove(&ev->v[k * ny * ni], &ev->v[t * ny * ni], ny * ni * sizeof(*ev->v));
            memmove(&ev->entered_by[k * ny * ni], &ev->entered_by[t * ny * ni],
                    ny * ni * sizeof(*ev->entered_by));
            memmove(&ev->entered_by_email[k * ny * ni], &ev->entered_by_email[t * ny * ni],
                    ny * ni * sizeof(*ev->entered_by_email));
            memmove(&ev->is_closed[k * ny], &ev->is_closed[t * ny], ny * sizeof(*ev->is_closed));
            memmove(&ev->raw[k * ny], &ev->raw[t * ny], ny * sizeof(*ev->raw));
            ev->potential[k] = ev->potential[t];
        }
        k++;
    }
    ev->n_terr = k;
}

long report_eval_find(const struct report_eval *ev, int64_t territory_id)
{
    for (size_t t = 0; t < ev->n_terr; t++) {
        if (ev->terr[t].id == territory_id)
            return (long)t;
    }
    return -1;
}

long report_eval_year(const struct report_eval *ev, int year)
{
    if (year < ev->year_from || year > ev->year_to)
        return -1;
    return year - ev->year_from;
}

int report_doc_locate(const struct report_doc *d, long *yi, long *t, struct err *e)
{
    *yi = report_eval_year(d->ev, d->year);
    if (*yi < 0)
        return err_set(e, ERR_INPUT, "year %d: not in the evaluation", d->year);
    *t = -1;
    if (d->territory_id) {
        *t = report_eval_find(d->ev, d->territory_id);
        if (*t < 0)
            return err_set(e, ERR_NOT_FOUND, "territory %lld not found",
                           (long long)d->territory_id);
    }
    return ERR_OK;
}

double report_eval_value(const struct report_eval *ev, size_t t, size_t y, size_t i)
{
    return ev->v[cell(ev, t, y, i)];
}

double report_eval_region(const struct report_eval *ev, size_t y, size_t i)
{
    double sum = 0;
    size_t n = 0;
    for (size_t t = 0; t < ev->n_terr; t++) {
        double v = report_eval_value(ev, t, y, i);
        if (isnan(v))
            continue;
        sum += v;
        n++;
    }
    if (n == 0)
        return NAN;
    return ev->fw->ind[i].is_mean ? sum / (double)n : sum;
}

size_t report_eval_missing(const struct report_eval *ev, size_t t, size_t y, struct sb *b)
{
    size_t n = 0;
    for (size_t i = 0; i < ev->fw->n; i++) {
        const struct report_indicator *ind = &ev->fw->ind[i];
        if (!ind->is_mandatory || ind->kind == REPORT_KIND_COMPUTED ||
            !isnan(report_eval_value(ev, t, y, i)))
            continue;
        if (n++)
            sb_adds(b, ", ");
        sb_adds(b, ind->id);
    }
    return n;
}

static double value_at(const struct report_eval *ev, long t, size_t y, size_t i)
{
    return t < 0 ? report_eval_region(ev, y, i) : report_eval_value(ev, (size_t)t, y, i);
}

size_t report_eval_radar(const struct report_eval *ev, long t, size_t y, enum report_family fam,
                         double *out, size_t *idx)
{
    size_t n = 0;
    for (size_t i = 0; i < ev->fw->n; i++) {
        const struct report_indicator *ind = &ev->fw->ind[i];
        if (ind->family != fam)
            continue;
        double v = value_at(ev, t, y, i);
        double scale = REPORT_LEVEL_MAX;
        if (ind->kind != REPORT_KIND_LEVEL) {
            scale = 0;
            for (size_t tt = 0; tt < ev->n_terr; tt++) {
                for (size_t yy = 0; yy < ev->n_years; yy++) {
                    double w = report_eval_value(ev, tt, yy, i);
                    if (!isnan(w) && w > scale)
                        scale = w;
                }
            }
            if (t < 0) {
                for (size_t yy = 0; yy < ev->n_years; yy++) {
                    double w = report_eval_region(ev, yy, i);
                    if (!isnan(w) && w > scale)
                        scale = w;
                }
            }
        }
        out[n] = isnan(v) || !(scale > 0) ? 0 : fmin(1, fmax(0, v / scale));
        idx[n++] = i;
    }
    return n;
}

double report_eval_maturity(const struct report_eval *ev, long t, size_t y)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < ev->fw->n; i++) {
        if (ev->fw->ind[i].kind != REPORT_KIND_LEVEL)
            continue;
        double v = value_at(ev, t, y, i);
        if (isnan(v))
            continue;
        sum += v;
        n++;
    }
    return n ? sum / (double)n : NAN;
}

const char *report_maturity_label(double m)
{
    static const char *const names[] = {"émergence", "lancement", "structuration", "consolidation",
                                        "rayonnement"};
    if (isnan(m))
        return "non évaluée";
    int k = (int)floor(m + 1e-9);
    if (k < 0)
        k = 0;
    if (k > REPORT_LEVEL_MAX)
        k = REPORT_LEVEL_MAX;
    return names[k];
}
