/* SPDX-License-Identifier: MIT */
/*
 * export.c - the framework's yearly values as CSV and JSON, one row per
 * territory, year and indicator, for the national evaluation platform.
 */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void add_num(struct sb *b, double v)
{
    char num[48];
    if (isnan(v))
        return;
    sb_add(b, num, numfmt_fixed(num, sizeof(num), v, 3, '.', false));
}

void report_values_csv(const struct report_eval *ev, struct sb *b)
{
    sb_adds(b, "territory_id,territory,year,indicator,family,label_fr,unit,kind,mandatory,value,"
               "entered_by,closed\n");
    for (size_t t = 0; t < ev->n_terr; t++) {
        for (size_t y = 0; y < ev->n_years; y++) {
            for (size_t i = 0; i < ev->fw->n; i++) {
                const struct report_indicator *ind = &ev->fw->ind[i];
                size_t c = (t * ev->n_years + y) * ev->fw->n + i;
                sb_addf(b, "%lld,", (long long)ev->terr[t].id);
                sb_add_csv_text(b, ev->terr[t].name);
                sb_addf(b, ",%d,%s,%s,", ev->year_from + (int)y, ind->id,
                        report_family_name(ind->family));
                sb_add_csv_text(b, ind->label);
                sb_addc(b, ',');
                sb_add_csv_text(b, ind->unit);
                sb_addf(b, ",%s,%d,", report_kind_name(ind->kind), ind->is_mandatory);
                add_num(b, ev->v[c]);
                sb_addc(b, ',');
                sb_add_csv_text(b, ev->entered_by_email[c]);
                sb_addf(b, ",%d\n", ev->is_closed[t * ev->n_years + y]);
            }
        }
    }
}

void report_values_json(const struct report_eval *ev, struct sb *b)
{
    sb_adds(b, "{\"framework\":[");
    for (size_t i = 0; i < ev->fw->n; i++) {
        const struct report_indicator *ind = &ev->fw->ind[i];
        sb_adds(b, i ? ",{\"id\":" : "{\"id\":");
        sb_add_json_str(b, ind->id);
        sb_adds(b, ",\"family\":");
        sb_add_json_str(b, report_family_name(ind->family));
        sb_adds(b, ",\"label_fr\":");
        sb_add_json_str(b, ind->label);
        sb_adds(b, ",\"unit\":");
        sb_add_json_str(b, ind->unit);
        sb_adds(b, ",\"kind\":");
        sb_add_json_str(b, report_kind_name(ind->kind));
        sb_addf(b, ",\"mandatory\":%s}", ind->is_mandatory ? "true" : "false");
    }
    sb_adds(b, "],\"values\":[");
    bool is_first = true;
    for (size_t t = 0; t < ev->n_terr; t++) {
        for (size_t y = 0; y < ev->n_years; y++) {
            sb_adds(b, is_first ? "{\"territory_id\":" : ",{\"territory_id\":");
            is_first = false;
            sb_addf(b, "%lld,\"territory\":", (long long)ev->terr[t].id);
            sb_add_json_str(b, ev->terr[t].name);
            sb_addf(b, ",\"year\":%d,\"closed\":%s,\"indicators\":{", ev->year_from + (int)y,
                    ev->is_closed[t * ev->n_years + y] ? "true" : "false");
            for (size_t i = 0; i < ev->fw->n; i++) {
                size_t c = (t * ev->n_years + y) * ev->fw->n + i;
                if (i)
                    sb_addc(b, ',');
                sb_add_json_str(b, ev->fw->ind[i].id);
                sb_addc(b, ':');
                if (isnan(ev->v[c]))
                    sb_adds(b, "null");
                else
                    add_num(b, ev->v[c]);
            }
            sb_adds(b, "}}");
        }
    }
    sb_adds(b, "]}\n");
}

/* The k-anonymous labels of every organisation, as the API's anonymised
 * views show them (network_anon_build over the whole population). */
static int report_anon_build(struct store *s, const struct ref *r, struct network_anon *out,
                             struct err *e)
{
    struct store_filter f;
    store_filter_init(&f);
    struct store_org *os = NULL;
    size_t n = 0;
    int rc = store_org_list(s, &f, &os, &n, e);
    if (rc)
        return rc;
    struct network_anon_input *in = xmallocarray(n ? n : 1, sizeof(*in));
    for (size_t i = 0; i < n; i++)
        in[i] = (struct network_anon_input){os[i].id, os[i].naf, os[i].commune_insee,
                                            os[i].territory_id};
    rc = network_anon_build(r, in, n, NETWORK_ANON_K, out, e);
    free(in);
    store_orgs_free(os, n);
    return rc;
}

int report_write(struct store *s, const struct ref *r, const struct report_framework *fw,
                 int64_t territory_id, int year, enum report_format format,
                 enum report_reader reader, const char *path, struct err *e)
{
    struct report_eval ev;
    struct report_eval_opts o = {.year_from = year - (REPORT_YEARS_SHOWN - 1),
                                 .year_to = year,
                                 .territory_id = territory_id,
                                 .with_potential = true};
    int rc = report_eval_build(s, fw, &o, &ev, e);
    if (rc)
        return rc;
    struct network_anon anon = {0};
    bool has_anon = reader != REPORT_READER_FULL && r; /* labels need the communes */
    if (has_anon)
        rc = report_anon_build(s, r, &anon, e);
    struct report_doc d = {.s = s,
                           .r = r,
                           .ev = &ev,
                           .territory_id = territory_id,
                           .year = year,
                           .reader = reader,
                           .anon = has_anon ? &anon : NULL};
    /* written beside the target, then renamed: a failure (a database error
     * halfway, a full disk) leaves no truncated document and no clobbered
     * older one at path */
    struct sb part;
    sb_init(&part, 0);
    sb_addf(&part, "%s.part", path);
    if (rc == ERR_OK)
        rc = sb_finish(&part, e);
    if (rc == ERR_OK)
        rc = format == REPORT_FORMAT_PDF ? report_pdf_write(&d, part.buf, e)
                                         : report_xlsx_write(&d, part.buf, e);
    if (rc == ERR_OK && rename(part.buf, path) != 0)
        rc = err_set(e, ERR_IO, "%s: cannot write: %s", path, strerror(errno));
    if (rc)
        remove(part.buf);
    sb_release(&part);
    network_anon_release(&anon);
    report_eval_release(&ev);
    return rc;
}
