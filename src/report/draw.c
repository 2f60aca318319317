/* SPDX-License-Identifier: MIT */
/*
 * draw.c - formatting shared by the PDF and XLSX documents.
 */
#include "draw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *report_fmt(char *buf, size_t cap, double v, int decimals)
{
    if (isnan(v)) {
        snprintf(buf, cap, "—");
        return buf;
    }
    numfmt_fixed(buf, cap, v, decimals, ',', true);
    return buf;
}

int report_decimals(const struct report_indicator *ind)
{
    if (ind->kind == REPORT_KIND_LEVEL)
        return 0;
    switch (ind->metric) {
    case REPORT_M_TONNES_DIVERTED:
    case REPORT_M_CO2E_AVOIDED_T:
        return 1;
    default:
        break;
    }
    if (ind->kind == REPORT_KIND_NUMBER && ind->max <= 1000)
        return 1;
    return 0;
}

void report_day(int64_t at, char buf[11])
{
    time_t tt = (time_t)at;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || strftime(buf, 11, "%d/%m/%Y", &tm) == 0)
        buf[0] = '\0';
}

/* Coarsened as DESIGN.md asks outside the reader's scope: the activity's
 * division (2-digit NACE) and the intercommunality, never the name. */
bool report_party_named(const struct report_doc *d, int64_t territory_id)
{
    if (d->reader == REPORT_READER_FULL)
        return true;
    return d->reader == REPORT_READER_TERRITORY && territory_id != 0 &&
           territory_id == d->territory_id;
}

void report_party(const struct report_doc *d, int64_t org_id, int64_t territory_id,
                  const char *name, const char *naf, const char *commune, struct sb *out)
{
    if (report_party_named(d, territory_id)) {
        sb_adds(out, name);
        return;
    }
    /* the label every anonymised view shows, shared by at least
     * NETWORK_ANON_K organisations (docs/confidentiality.md) */
    const struct network_anon_label *l = d->anon ? network_anon_find(d->anon, org_id) : NULL;
    if (l) {
        sb_adds(out, l->activity);
        sb_adds(out, " (");
        sb_adds(out, l->area);
        sb_addc(out, ')');
        return;
    }
    char div[3] = {0};
    if (naf && strlen(naf) >= 2)
        memcpy(div, naf, 2);
    const struct ref_nace *n = d->r && div[0] ? ref_nace_find(d->r, div) : NULL;
    sb_adds(out, n ? n->label_fr : "Activité non renseignée");
    const struct ref_commune *c = d->r && commune ? ref_commune_find(d->r, commune) : NULL;
    if (c && c->epci_name && c->epci_name[0]) {
        sb_adds(out, " (");
        sb_adds(out, c->epci_name);
        sb_addc(out, ')');
    }
}

struct geo_point report_party_pos(const struct report_doc *d, int64_t org_id, const char *commune)
{
    const struct network_anon_label *l = d->anon ? network_anon_find(d->anon, org_id) : NULL;
    if (l)
        return l->pos;
    const struct ref_commune *c = d->r && commune[0] ? ref_commune_find(d->r, commune) : NULL;
    struct geo_point none = {0, 0};
    return c ? c->pos : none;
}
