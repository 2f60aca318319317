/* SPDX-License-Identifier: MIT */
/*
 * xlsx.c - the yearly evaluation as an XLSX workbook (libxlsxwriter),
 * ready for a funder's spreadsheet: one sheet per table, numbers written
 * as numbers, dates as dates, a frozen header row, set column widths.
 * Text written by people (names) is written as strings: a cell of an
 * XLSX written as a string is never run as a formula.
 */
#include "draw.h"

#include "network/network.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct book {
    lxw_workbook *wb;
    lxw_format *head, *num0, *num1, *date, *bold, *bold_num1;
    const struct report_doc *d;
};

static void header_row(struct book *b, lxw_worksheet *ws, const char *const *cols, size_t n,
                       const double *widths)
{
    for (size_t c = 0; c < n; c++) {
        worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c], b->head);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
}

static void write_num(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
                      int decimals, bool is_bold)
{
    if (isnan(v))
        return; /* an empty cell: not entered */
    worksheet_write_number(ws, r, c, v, is_bold ? b->bold_num1 : decimals ? b->num1 : b->num0);
}

/* Indicators: one row each, the values of the document's scope per year. */
static void sheet_indicators(struct book *b, long t)
{
    const struct report_eval *ev = b->d->ev;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Indicateurs");
    const char *cols[6 + 30];
    double widths[6 + 30];
    static const char *const fixed[] = {"Famille", "Identifiant", "Indicateur",
                                        "Unité",   "Type",        "Obligatoire"};
    static const double fixed_w[] = {22, 28, 52, 14, 10, 12};
    char years[30][8];
    size_t n_cols = 6;
    for (size_t c = 0; c < 6; c++) {
        cols[c] = fixed[c];
        widths[c] = fixed_w[c];
    }
    for (size_t y = 0; y < ev->n_years && y < 30; y++) {
        snprintf(years[y], sizeof(years[y]), "%d", ev->year_from + (int)y);
        cols[n_cols] = years[y];
        widths[n_cols++] = 13;
    }
    header_row(b, ws, cols, n_cols, widths);
    for (size_t i = 0; i < ev->fw->n; i++) {
        const struct report_indicator *ind = &ev->fw->ind[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        worksheet_write_string(ws, r, 0, report_family_label(ind->family), NULL);
        worksheet_write_string(ws, r, 1, ind->id, NULL);
        worksheet_write_string(ws, r, 2, ind->label, NULL);
        worksheet_write_string(ws, r, 3, ind->unit, NULL);
        worksheet_write_string(ws, r, 4,
                               ind->kind == REPORT_KIND_COMPUTED ? "calculé"
                               : ind->kind == REPORT_KIND_LEVEL  ? "niveau"
                                                                 : "saisi",
                               NULL);
        worksheet_write_string(ws, r, 5, ind->is_mandatory ? "oui" : "non", NULL);
        for (size_t y = 0; y < ev->n_years && y < 30; y++) {
            double v =
                t < 0 ? report_eval_region(ev, y, i) : report_eval_value(ev, (size_t)t, y, i);
            write_num(b, ws, r, (lxw_col_t)(6 + y), v, report_decimals(ind) ? 1 : 0, false);
        }
    }
}

/* Territories side by side for the document's year, with the region's row. */
static void sheet_territories(struct book *b, size_t yi)
{
    const struct report_eval *ev = b->d->ev;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Territoires");
    size_t n_cols = 3 + ev->fw->n;
    const char **cols = xcalloc(n_cols, sizeof(*cols));
    double *widths = xcalloc(n_cols, sizeof(*widths));
    cols[0] = "Territoire";
    cols[1] = "Étape";
    cols[2] = "Année close";
    widths[0] = 34;
    widths[1] = 20;
    widths[2] = 12;
    for (size_t i = 0; i < ev->fw->n; i++) {
        cols[3 + i] = ev->fw->ind[i].label;
        widths[3 + i] = 16;
    }
    header_row(b, ws, cols, n_cols, widths);
    worksheet_freeze_panes(ws, 1, 1);
    for (size_t t = 0; t <= ev->n_terr; t++) {
        bool is_total = t == ev->n_terr;
        lxw_row_t r = (lxw_row_t)(t + 1);
        if (is_total) {
            worksheet_write_string(ws, r, 0, "Région (total)", b->bold);
        } else {
            int st = network_stage_index(ev->terr[t].stage);
            worksheet_write_string(ws, r, 0, ev->terr[t].name, NULL);
            worksheet_write_string(ws, r, 1, st >= 0 ? network_stage_label(st) : ev->terr[t].stage,
                                   NULL);
            worksheet_write_string(ws, r, 2, ev->is_closed[t * ev->n_years + yi] ? "oui" : "non",
                                   NULL);
        }
        for (size_t i = 0; i < ev->fw->n; i++) {
            double v = is_total ? report_eval_region(ev, yi, i) : report_eval_value(ev, t, yi, i);
            write_num(b, ws, r, (lxw_col_t)(3 + i), v, report_decimals(&ev->fw->ind[i]) ? 1 : 0,
                      is_total);
        }
    }
    free(cols);
    free(widths);
}

static int sheet_synergies(struct book *b, long t, struct err *e)
{
    const struct report_doc *d = b->d;
    const struct report_eval *ev = d->ev;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Synergies réalisées");
    static const char *const cols[] = {"Territoire", "Offreur",        "Receveur",
                                       "Code",       "t/an",           "t CO2e/an",
                                       "€/an",       "Effets mesurés", "Réalisée le"};
    static const double widths[] = {30, 40, 40, 12, 12, 12, 14, 15, 13};
    header_row(b, ws, cols, 9, widths);
    int64_t from, to;
    report_year_span(d->year, &from, &to);
    lxw_row_t r = 1;
    for (size_t k = 0; k < ev->n_terr; k++) {
        if (t >= 0 && (long)k != t)
            continue;
        struct store_eval_synergy *ss = NULL;
        size_t n = 0;
        int rc = store_eval_implemented(d->s, ev->terr[k].id, to, &ss, &n, e);
        if (rc)
            return rc;
        for (size_t j = 0; j < n; j++, r++) {
            struct sb a, c;
            sb_init(&a, 0);
            sb_init(&c, 0);
            report_party(d, ss[j].offer_org_id, ss[j].territory_id, ss[j].offer_name,
                         ss[j].offer_naf, ss[j].offer_commune, &a);
            if (ss[j].is_pool)
                sb_adds(&c, "mutualisation");
            else
                report_party(d, ss[j].receiver_org_id, ss[j].receiver_territory_id,
                             ss[j].receiver_name, ss[j].receiver_naf, ss[j].receiver_commune, &c);
            worksheet_write_string(ws, r, 0, ev->terr[k].name, NULL);
            worksheet_write_string(ws, r, 1, a.buf, NULL);
            worksheet_write_string(ws, r, 2, c.buf, NULL);
            worksheet_write_string(ws, r, 3, ss[j].code, NULL);
            write_num(b, ws, r, 4, ss[j].t_diverted, 1, false);
            write_num(b, ws, r, 5, ss[j].co2e_t, 1, false);
            write_num(b, ws, r, 6, ss[j].eur_saved, 0, false);
            worksheet_write_string(ws, r, 7, ss[j].is_measured ? "oui" : "non (estimés)", NULL);
            worksheet_write_unixtime(ws, r, 8, ss[j].implemented_at, b->date);
            sb_release(&a);
            sb_release(&c);
        }
        store_eval_synergies_free(ss, n);
    }
    return ERR_OK;
}

static void sheet_method(struct book *b)
{
    const struct report_eval *ev = b->d->ev;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "Méthode");
    static const char *const cols[] = {"Identifiant", "Indicateur", "Calcul ou niveaux", "Sources"};
    static const double widths[] = {28, 50, 100, 24};
    header_row(b, ws, cols, 4, widths);
    for (size_t i = 0; i < ev->fw->n; i++) {
        const struct report_indicator *ind = &ev->fw->ind[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        worksheet_write_string(ws, r, 0, ind->id, NULL);
        worksheet_write_string(ws, r, 1, ind->label, NULL);
        struct sb how;
        sb_init(&how, 0);
        if (ind->kind == REPORT_KIND_COMPUTED) {
            sb_adds(&how, ind->method);
        } else if (ind->kind == REPORT_KIND_LEVEL) {
            for (int k = 0; k <= REPORT_LEVEL_MAX; k++)
                sb_addf(&how, "%s%d : %s", k ? " ; " : "", k, ind->levels[k]);
        } else {
            sb_adds(&how, "saisi par l'animateur·rice");
        }
        worksheet_write_string(ws, r, 2, how.buf, NULL);
        worksheet_write_string(ws, r, 3, ind->source, NULL);
        sb_release(&how);
    }
}

int report_xlsx_write(const struct report_doc *d, const char *path, struct err *e)
{
    long yi = -1, t = -1;
    int rc = report_doc_locate(d, &yi, &t, e);
    if (rc)
        return rc;
    struct book b = {0};
    b.d = d;
    b.wb = workbook_new(path);
    if (!b.wb)
        return err_set(e, ERR_IO, "%s: cannot write", path);
    b.head = workbook_add_format(b.wb);
    format_set_bold(b.head);
    format_set_bg_color(b.head, 0xDCEFE7);
    format_set_text_wrap(b.head);
    b.num0 = workbook_add_format(b.wb);
    format_set_num_format(b.num0, "#,##0");
    b.num1 = workbook_add_format(b.wb);
    format_set_num_format(b.num1, "#,##0.0");
    b.date = workbook_add_format(b.wb);
    format_set_num_format(b.date, "dd/mm/yyyy");
    b.bold = workbook_add_format(b.wb);
    format_set_bold(b.bold);
    b.bold_num1 = workbook_add_format(b.wb);
    format_set_bold(b.bold_num1);
    format_set_num_format(b.bold_num1, "#,##0.0");
    sheet_indicators(&b, t);
    if (t < 0)
        sheet_territories(&b, (size_t)yi);
    rc = sheet_synergies(&b, t, e);
    sheet_method(&b);
    lxw_error xe = workbook_close(b.wb);
    if (rc == ERR_OK && xe != LXW_NO_ERROR)
        rc = err_set(e, ERR_IO, "%s: cannot write: %s", path, lxw_strerror(xe));
    return rc;
}
