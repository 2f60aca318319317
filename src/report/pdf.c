/* SPDX-License-Identifier: MIT */
/*
 * pdf.c - the yearly evaluation as an A4 PDF in French (cairo): cover,
 * key figures, a radar per family, curves per indicator over the years,
 * the map and table of the implemented synergies (as the reader may see
 * them), the method stage and next steps. The regional document has the
 * region's figures and territory table, then one page per territory.
 */
#include "draw.h"

#include "network/network.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE_W 595.28 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 48.0
#define FONT "DejaVu Sans"

struct pdf {
    cairo_surface_t *surf;
    cairo_t *cr;
    const struct report_doc *d;
    int page;            /* 1-based number of the page being drawn */
    const char *running; /* running title of the footer */
};

static const double fam_rgb[REPORT_N_FAMILIES][3] = {
    {0.18, 0.43, 0.71}, {0.71, 0.48, 0.04}, {0.04, 0.43, 0.31}};

static void rgb(cairo_t *cr, double r, double g, double b)
{
    cairo_set_source_rgb(cr, r, g, b);
}

static void font(cairo_t *cr, double size, bool is_bold)
{
    cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           is_bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_w(cairo_t *cr, const char *s)
{
    cairo_text_extents_t te;
    cairo_text_extents(cr, s, &te);
    return te.x_advance;
}

/* Draws s at (x, y) aligned left (align 0), centred (1) or right (2),
 * cut with "…" to fit max_w when max_w > 0. */
static void text(cairo_t *cr, double x, double y, int align, double max_w, const char *s)
{
    char buf[512];
    /* copied whole characters only, with room left for "…" after any cut:
     * a split UTF-8 sequence would put cairo in an error state */
    size_t n = strlen(s);
    bool is_cut = n > sizeof(buf) - sizeof("…");
    if (is_cut) {
        n = sizeof(buf) - sizeof("…");
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (is_cut)
        memcpy(buf + n, "…", sizeof("…"));
    if (max_w > 0 && text_w(cr, buf) > max_w) {
        while (n > 0) {
            do
                n--;
            while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80);
            memcpy(buf + n, "…", sizeof("…"));
            if (text_w(cr, buf) <= max_w)
                break;
        }
    }
    double w = align ? text_w(cr, buf) : 0;
    cairo_move_to(cr, align == 1 ? x - w / 2 : align == 2 ? x - w : x, y);
    cairo_show_text(cr, buf);
}

static void page_begin(struct pdf *p, const char *title)
{
    cairo_t *cr = p->cr;
    rgb(cr, 0.04, 0.43, 0.31);
    cairo_rectangle(cr, 0, 0, PAGE_W, 6);
    cairo_fill(cr);
    if (title) {
        rgb(cr, 0.1, 0.1, 0.1);
        font(cr, 17, true);
        text(cr, MARGIN, MARGIN + 8, 0, PAGE_W - 2 * MARGIN, title);
    }
}

static void page_end(struct pdf *p)
{
    cairo_t *cr = p->cr;
    char buf[320];
    rgb(cr, 0.45, 0.45, 0.45);
    font(cr, 8, false);
    snprintf(buf, sizeof(buf), "%s — page %d", p->running, p->page);
    text(cr, PAGE_W - MARGIN, PAGE_H - 24, 2, 0, buf);
    text(cr, MARGIN, PAGE_H - 24, 0, 0, "symbiose — évaluation annuelle de l'EIT");
    cairo_show_page(cr);
    p->page++;
}

static const char *year_label(const struct report_doc *d, char *buf, size_t cap)
{
    snprintf(buf, cap, "%d", d->year);
    return buf;
}

/* ------------------------------------------------------------- key figures */

static void kpi_box(cairo_t *cr, double x, double y, double w, const char *value, const char *label)
{
    rgb(cr, 0.94, 0.96, 0.95);
    cairo_rectangle(cr, x, y, w, 56);
    cairo_fill(cr);
    rgb(cr, 0.04, 0.43, 0.31);
    font(cr, 16, true);
    text(cr, x + 8, y + 26, 0, w - 16, value);
    rgb(cr, 0.25, 0.25, 0.25);
    font(cr, 8, false);
    text(cr, x + 8, y + 44, 0, w - 16, label);
}

/* Six headline figures of territory t (-1: region), as boxes from y. */
static double key_figures(struct pdf *p, long t, size_t yi, double y)
{
    const struct report_eval *ev = p->d->ev;
    static const enum report_metric keys[] = {
        REPORT_M_COMPANIES_ENGAGED, REPORT_M_SYNERGIES_IMPLEMENTED,
        REPORT_M_TONNES_DIVERTED,   REPORT_M_CO2E_AVOIDED_T,
        REPORT_M_EUR_SAVED,         REPORT_M_JOBS_DECLARED};
    double w = (PAGE_W - 2 * MARGIN - 2 * 10) / 3;
    size_t k = 0;
    for (size_t m = 0; m < sizeof(keys) / sizeof(keys[0]); m++) {
        for (size_t i = 0; i < ev->fw->n; i++) {
            const struct report_indicator *ind = &ev->fw->ind[i];
            if (ind->kind != REPORT_KIND_COMPUTED || ind->metric != keys[m])
                continue;
            double v =
                t < 0 ? report_eval_region(ev, yi, i) : report_eval_value(ev, (size_t)t, yi, i);
            char num[64], val[128];
            snprintf(val, sizeof(val), "%s %s",
                     report_fmt(num, sizeof(num), v, report_decimals(ind)), ind->unit);
            kpi_box(p->cr, MARGIN + (double)(k % 3) * (w + 10), y + (double)(k / 3) * 66, w, val,
                    ind->label);
            k++;
            break;
        }
    }
    return y + (double)((k + 2) / 3) * 66;
}

/* Every indicator of the year: label, value and unit, where it comes from. */
static double indicator_table(struct pdf *p, long t, size_t yi, double y, double row_h)
{
    cairo_t *cr = p->cr;
    const struct report_eval *ev = p->d->ev;
    for (int fam = 0; fam < REPORT_N_FAMILIES; fam++) {
        rgb(cr, fam_rgb[fam][0], fam_rgb[fam][1], fam_rgb[fam][2]);
        font(cr, 10, true);
        text(cr, MARGIN, y, 0, 0, report_family_label((enum report_family)fam));
        y += row_h + 1.5;
        for (size_t i = 0; i < ev->fw->n; i++) {
            const struct report_indicator *ind = &ev->fw->ind[i];
            if ((int)ind->family != fam)
                continue;
            double v =
                t < 0 ? report_eval_region(ev, yi, i) : report_eval_value(ev, (size_t)t, yi, i);
            char num[64], val[160];
            if (ind->kind == REPORT_KIND_LEVEL && !isnan(v))
                snprintf(val, sizeof(val), "%s / 4", report_fmt(num, sizeof(num), v, 1));
            else
                snprintf(val, sizeof(val), "%s %s",
                         report_fmt(num, sizeof(num), v, report_decimals(ind)), ind->unit);
            rgb(cr, 0.15, 0.15, 0.15);
            font(cr, 8.5, false);
            char lab[300];
            snprintf(lab, sizeof(lab), "%s%s", ind->label, ind->is_mandatory ? " *" : "");
            text(cr, MARGIN + 8, y, 0, 300, lab);
            font(cr, 8.5, true);
            text(cr, MARGIN + 420, y, 2, 110, val);
            font(cr, 7.5, false);
            rgb(cr, 0.45, 0.45, 0.45);
            text(cr, MARGIN + 430, y, 0, PAGE_W - 2 * MARGIN - 430,
                 ind->kind == REPORT_KIND_COMPUTED ? "calculé"
                 : isnan(v)                        ? "non saisi"
                                                   : "saisi");
            y += row_h;
        }
        y += 3;
    }
    font(cr, 7.5, false);
    rgb(cr, 0.45, 0.45, 0.45);
    text(cr, MARGIN, y, 0, 0, "* indicateur obligatoire pour clore l'année");
    return y + 12;
}

/* ------------------------------------------------------------------ radar */

static void radar(struct pdf *p, double cx, double cy, double r, long t, size_t yi,
                  enum report_family fam, bool has_labels)
{
    cairo_t *cr = p->cr;
    const struct report_eval *ev = p->d->ev;
    double vals[256];
    size_t idx[256];
    if (ev->fw->n > 256)
        return;
    size_t n = report_eval_radar(ev, t, yi, fam, vals, idx);
    if (n < 3) {
        font(cr, 8, false);
        text(cr, cx, cy, 1, 0, "moins de 3 indicateurs");
        return;
    }
    cairo_set_line_width(cr, 0.5);
    rgb(cr, 0.8, 0.8, 0.8);
    for (int ring = 1; ring <= 4; ring++) {
        for (size_t k = 0; k <= n; k++) {
            double a = -M_PI / 2 + 2 * M_PI * (double)(k % n) / (double)n;
            double x = cx + r * ring / 4 * cos(a), y = cy + r * ring / 4 * sin(a);
            if (k == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
        cairo_stroke(cr);
    }
    for (size_t k = 0; k < n; k++) {
        double a = -M_PI / 2 + 2 * M_PI * (double)k / (double)n;
        cairo_move_to(cr, cx, cy);
        cairo_line_to(cr, cx + r * cos(a), cy + r * sin(a));
    }
    cairo_stroke(cr);
    for (size_t k = 0; k <= n; k++) {
        double a = -M_PI / 2 + 2 * M_PI * (double)(k % n) / (double)n;
        double x = cx + r * vals[k % n] * cos(a), y = cy + r * vals[k % n] * sin(a);
        if (k == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_set_source_rgba(cr, fam_rgb[fam][0], fam_rgb[fam][1], fam_rgb[fam][2], 0.3);
    cairo_fill_preserve(cr);
    rgb(cr, fam_rgb[fam][0], fam_rgb[fam][1], fam_rgb[fam][2]);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
    if (!has_labels)
        return;
    rgb(cr, 0.2, 0.2, 0.2);
    font(cr, 6.5, false);
    for (size_t k = 0; k < n; k++) {
        double a = -M_PI / 2 + 2 * M_PI * (double)k / (double)n;
        double x = cx + (r + 8) * cos(a), y = cy + (r + 8) * sin(a) + 2;
        int align = fabs(cos(a)) < 0.2 ? 1 : cos(a) > 0 ? 0 : 2;
        text(cr, x, y, align, 95, ev->fw->ind[idx[k]].label);
    }
}

static void radar_page(struct pdf *p, long t, size_t yi)
{
    cairo_t *cr = p->cr;
    page_begin(p, "Profil par famille d'indicateurs");
    font(cr, 8.5, false);
    rgb(cr, 0.3, 0.3, 0.3);
    text(cr, MARGIN, MARGIN + 26, 0, 0,
         "Chaque axe : un niveau sur 4, ou la valeur rapportée à la plus grande observée "
         "(territoires et années du document).");
    double ys[3] = {MARGIN + 150, MARGIN + 380, MARGIN + 600};
    for (int fam = 0; fam < REPORT_N_FAMILIES; fam++) {
        rgb(cr, fam_rgb[fam][0], fam_rgb[fam][1], fam_rgb[fam][2]);
        font(cr, 11, true);
        text(cr, MARGIN, ys[fam] - 90, 0, 0, report_family_label((enum report_family)fam));
        radar(p, PAGE_W / 2, ys[fam] + 10, 80, t, yi, (enum report_family)fam, true);
    }
    double m = report_eval_maturity(p->d->ev, t, yi);
    char num[32], buf[160];
    snprintf(buf, sizeof(buf), "Niveau de maturité : %s / 4 (%s)",
             report_fmt(num, sizeof(num), m, 1), report_maturity_label(m));
    rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 11, true);
    text(cr, MARGIN, PAGE_H - 44, 0, 0, buf);
    page_end(p);
}

/* ----------------------------------------------------------------- curves */

static void curve(struct pdf *p, double x, double y, double w, double h, size_t t, size_t i)
{
    cairo_t *cr = p->cr;
    const struct report_eval *ev = p->d->ev;
    const struct report_indicator *ind = &ev->fw->ind[i];
    rgb(cr, 0.15, 0.15, 0.15);
    font(cr, 7.5, true);
    text(cr, x, y, 0, w, ind->label);
    double top = y + 8, bottom = y + h - 12, left = x + 4, right = x + w - 4;
    double max = 0;
    for (size_t yy = 0; yy < ev->n_years; yy++) {
        double v = report_eval_value(ev, t, yy, i);
        if (!isnan(v) && v > max)
            max = v;
    }
    if (ind->kind == REPORT_KIND_LEVEL)
        max = REPORT_LEVEL_MAX;
    rgb(cr, 0.85, 0.85, 0.85);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, left, bottom);
    cairo_line_to(cr, right, bottom);
    cairo_stroke(cr);
    font(cr, 6.5, false);
    char num[64];
    rgb(cr, 0.4, 0.4, 0.4);
    text(cr, left, top + 6, 0, 0, report_fmt(num, sizeof(num), max, report_decimals(ind)));
    bool has_prev = false;
    double step = ev->n_years > 1 ? (right - left) / (double)(ev->n_years - 1) : 0;
    rgb(cr, 0.04, 0.43, 0.31);
    cairo_set_line_width(cr, 1.2);
    for (size_t yy = 0; yy < ev->n_years; yy++) {
        double v = report_eval_value(ev, t, yy, i);
        double px = ev->n_years > 1 ? left + step * (double)yy : (left + right) / 2;
        if (isnan(v)) {
            has_prev = false;
            continue;
        }
        double py = bottom - (max > 0 ? v / max : 0) * (bottom - top - 8);
        if (has_prev)
            cairo_line_to(cr, px, py);
        else
            cairo_move_to(cr, px, py);
        has_prev = true;
    }
    cairo_stroke(cr);
    for (size_t yy = 0; yy < ev->n_years; yy++) {
        double v = report_eval_value(ev, t, yy, i);
        double px = ev->n_years > 1 ? left + step * (double)yy : (left + right) / 2;
        if (!isnan(v)) {
            double py = bottom - (max > 0 ? v / max : 0) * (bottom - top - 8);
            cairo_new_sub_path(cr); /* no line from the last text drawn */
            cairo_arc(cr, px, py, 1.8, 0, 2 * M_PI);
            cairo_fill(cr);
        }
        if (yy == 0 || yy + 1 == ev->n_years) {
            char yb[8];
            snprintf(yb, sizeof(yb), "%d", ev->year_from + (int)yy);
            rgb(cr, 0.4, 0.4, 0.4);
            font(cr, 6.5, false);
            text(cr, px, bottom + 9, 1, 0, yb);
            rgb(cr, 0.04, 0.43, 0.31);
        }
    }
}

static void curve_pages(struct pdf *p, size_t t)
{
    const struct report_eval *ev = p->d->ev;
    const size_t per_page = 15, cols = 3;
    double w = (PAGE_W - 2 * MARGIN - 20) / 3, h = 130;
    size_t k = 0;
    char title[120];
    snprintf(title, sizeof(title), "Évolution des indicateurs %d–%d", ev->year_from, ev->year_to);
    for (size_t i = 0; i < ev->fw->n; i++) {
        if (k % per_page == 0)
            page_begin(p, title);
        size_t slot = k % per_page;
        curve(p, MARGIN + (double)(slot % cols) * (w + 10), MARGIN + 40 + (double)(slot / cols) * h,
              w, h - 10, t, i);
        k++;
        if (k % per_page == 0)
            page_end(p);
    }
    if (k % per_page)
        page_end(p);
}

/* ------------------------------------------------------------ synergies */

/* Where a party is drawn: its establishment, or for a reader who may not
 * see it, the centre of its commune (0,0 when unknown: not drawn). */
static struct geo_point map_pos(const struct report_doc *d, int64_t org_id, int64_t territory_id,
                                struct geo_point pos, const char *commune)
{
    return report_party_named(d, territory_id) ? pos : report_party_pos(d, org_id, commune);
}

static void synergy_map(struct pdf *p, const struct store_eval_synergy *in, size_t n, double x,
                        double y, double w, double h)
{
    cairo_t *cr = p->cr;
    struct store_eval_synergy *ss = xcalloc(n + 1, sizeof(*ss));
    for (size_t k = 0; k < n; k++) {
        ss[k].offer_pos = map_pos(p->d, in[k].offer_org_id, in[k].territory_id, in[k].offer_pos,
                                  in[k].offer_commune);
        ss[k].receiver_pos = map_pos(p->d, in[k].receiver_org_id, in[k].receiver_territory_id,
                                     in[k].receiver_pos, in[k].receiver_commune);
    }
    rgb(cr, 0.96, 0.97, 0.98);
    cairo_rectangle(cr, x, y, w, h);
    cairo_fill(cr);
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    for (size_t k = 0; k < n; k++) {
        const struct geo_point pts[2] = {ss[k].offer_pos, ss[k].receiver_pos};
        for (int j = 0; j < 2; j++) {
            if (pts[j].lat == 0 && pts[j].lon == 0)
                continue;
            lat0 = fmin(lat0, pts[j].lat);
            lat1 = fmax(lat1, pts[j].lat);
            lon0 = fmin(lon0, pts[j].lon);
            lon1 = fmax(lon1, pts[j].lon);
        }
    }
    if (lat0 > lat1) {
        rgb(cr, 0.4, 0.4, 0.4);
        font(cr, 9, false);
        text(cr, x + w / 2, y + h / 2, 1, 0, "aucune synergie réalisée à placer sur la carte");
        free(ss);
        return;
    }
    /* equirectangular at the mean latitude, with a margin */
    double kx = cos((lat0 + lat1) / 2 * M_PI / 180);
    double dx = fmax((lon1 - lon0) * kx, 0.02), dy = fmax(lat1 - lat0, 0.02);
    double sc = fmin((w - 40) / dx, (h - 40) / dy);
    double ox = x + (w - dx * sc) / 2, oy = y + (h + dy * sc) / 2;
#define PX(pt) (ox + ((pt).lon - lon0) * kx * sc)
#define PY(pt) (oy - ((pt).lat - lat0) * sc)
    cairo_set_line_width(cr, 1.2);
    for (size_t k = 0; k < n; k++) {
        bool has_a = ss[k].offer_pos.lat != 0 || ss[k].offer_pos.lon != 0;
        bool has_b = ss[k].receiver_pos.lat != 0 || ss[k].receiver_pos.lon != 0;
        rgb(cr, 0.04, 0.43, 0.31);
        if (has_a && has_b) {
            cairo_move_to(cr, PX(ss[k].offer_pos), PY(ss[k].offer_pos));
            cairo_line_to(cr, PX(ss[k].receiver_pos), PY(ss[k].receiver_pos));
            cairo_stroke(cr);
        }
        if (has_a) {
            rgb(cr, 0.71, 0.48, 0.04);
            cairo_new_sub_path(cr);
            cairo_arc(cr, PX(ss[k].offer_pos), PY(ss[k].offer_pos), 2.5, 0, 2 * M_PI);
            cairo_fill(cr);
        }
        if (has_b) {
            rgb(cr, 0.18, 0.43, 0.71);
            cairo_new_sub_path(cr);
            cairo_arc(cr, PX(ss[k].receiver_pos), PY(ss[k].receiver_pos), 2.5, 0, 2 * M_PI);
            cairo_fill(cr);
        }
    }
#undef PX
#undef PY
    rgb(cr, 0.3, 0.3, 0.3);
    font(cr, 7, false);
    text(
        cr, x + 6, y + h - 6, 0, 0,
        p->d->reader == REPORT_READER_FULL ? "● offreur  ● receveur — positions des établissements"
        : p->d->reader == REPORT_READER_TERRITORY
            ? "● offreur  ● receveur — établissements du territoire ; les autres au centre de leur "
              "commune"
            : "● offreur  ● receveur — au centre de leur commune (anonymisé)");
    free(ss);
}

/* Columns of the synergy table: left edge (text) or right edge (numbers). */
static const double syn_x[] = {0, 145, 290, 385, 435, 485, 492};

static void synergy_header(cairo_t *cr, double y)
{
    static const char *const cols[] = {"Offreur",   "Receveur", "Code",  "t/an",
                                       "t CO2e/an", "€/an",     "Depuis"};
    rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 7.5, true);
    for (int c = 0; c < 7; c++)
        text(cr, MARGIN + syn_x[c], y, c >= 3 && c < 6 ? 2 : 0, 0, cols[c]);
}

static int synergies_pages(struct pdf *p, int64_t territory_id, struct err *e)
{
    const struct report_doc *d = p->d;
    cairo_t *cr = p->cr;
    int64_t from, to;
    report_year_span(d->year, &from, &to);
    struct store_eval_synergy *ss = NULL;
    size_t n = 0;
    int rc = store_eval_implemented(d->s, territory_id, to, &ss, &n, e);
    if (rc)
        return rc;
    page_begin(p, "Synergies réalisées");
    synergy_map(p, ss, n, MARGIN, MARGIN + 24, PAGE_W - 2 * MARGIN, 260);
    double y = MARGIN + 310;
    synergy_header(cr, y);
    y += 14;
    if (n == 0) {
        font(cr, 8.5, false);
        text(cr, MARGIN, y, 0, 0,
             "Aucune synergie réalisée en fonctionnement à la fin de l'année.");
    }
    for (size_t k = 0; k < n; k++) {
        if (y > PAGE_H - 60) {
            page_end(p);
            page_begin(p, "Synergies réalisées (suite)");
            y = MARGIN + 30;
            synergy_header(cr, y);
            y += 14;
        }
        struct sb a, b;
        sb_init(&a, 0);
        sb_init(&b, 0);
        report_party(d, ss[k].offer_org_id, ss[k].territory_id, ss[k].offer_name, ss[k].offer_naf,
                     ss[k].offer_commune, &a);
        if (ss[k].is_pool)
            sb_adds(&b, "mutualisation");
        else
            report_party(d, ss[k].receiver_org_id, ss[k].receiver_territory_id, ss[k].receiver_name,
                         ss[k].receiver_naf, ss[k].receiver_commune, &b);
        char num[64], day[11];
        rgb(cr, 0.15, 0.15, 0.15);
        font(cr, 7.5, false);
        text(cr, MARGIN + syn_x[0], y, 0, 140, a.buf);
        text(cr, MARGIN + syn_x[1], y, 0, 140, b.buf);
        text(cr, MARGIN + syn_x[2], y, 0, 50, ss[k].code);
        text(cr, MARGIN + syn_x[3], y, 2, 0, report_fmt(num, sizeof(num), ss[k].t_diverted, 1));
        text(cr, MARGIN + syn_x[4], y, 2, 0, report_fmt(num, sizeof(num), ss[k].co2e_t, 1));
        text(cr, MARGIN + syn_x[5], y, 2, 0, report_fmt(num, sizeof(num), ss[k].eur_saved, 0));
        report_day(ss[k].implemented_at, day);
        text(cr, MARGIN + syn_x[6], y, 0, 0, day);
        sb_release(&a);
        sb_release(&b);
        y += 12;
    }
    page_end(p);
    store_eval_synergies_free(ss, n);
    return ERR_OK;
}

/* ------------------------------------------------------------ method page */

static int method_page(struct pdf *p, size_t t, struct err *e)
{
    cairo_t *cr = p->cr;
    const struct report_territory *rt = &p->d->ev->terr[t];
    int stage = network_stage_index(rt->stage);
    page_begin(p, "Étape de la démarche et prochaines étapes");
    char buf[300];
    rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 11, false);
    snprintf(buf, sizeof(buf), "Étape actuelle : %s",
             stage >= 0 ? network_stage_label(stage) : rt->stage);
    text(cr, MARGIN, MARGIN + 36, 0, 0, buf);
    double y = MARGIN + 64;
    for (int sidx = 0; sidx < 6; sidx++) {
        rgb(cr, sidx == stage ? 0.04 : 0.7, sidx == stage ? 0.43 : 0.7, sidx == stage ? 0.31 : 0.7);
        cairo_rectangle(cr, MARGIN + sidx * 84.0, y, 80, 22);
        cairo_fill(cr);
        rgb(cr, 1, 1, 1);
        font(cr, 7, true);
        text(cr, MARGIN + sidx * 84.0 + 40, y + 14, 1, 76, network_stage_label(sidx));
    }
    y += 50;
    if (stage < 0)
        stage = 0;
    const char *const *items = NULL;
    size_t n_items = 0;
    network_checklist(stage, &items, &n_items);
    bool done[64] = {0};
    if (n_items > 64)
        n_items = 64;
    int rc = store_checklist_get(p->d->s, rt->id, network_stage_name(stage), done, n_items, e);
    if (rc)
        return rc;
    rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 11, true);
    text(cr, MARGIN, y, 0, 0, "Prochaines étapes (méthode partagée du réseau)");
    y += 18;
    size_t n_todo = 0;
    font(cr, 9, false);
    for (size_t k = 0; k < n_items; k++) {
        if (done[k])
            continue;
        snprintf(buf, sizeof(buf), "☐ %s", items[k]);
        text(cr, MARGIN + 8, y, 0, PAGE_W - 2 * MARGIN - 8, buf);
        y += 14;
        n_todo++;
    }
    if (n_todo == 0 && stage < 5) {
        snprintf(buf, sizeof(buf), "Étape terminée : passer à « %s ».",
                 network_stage_label(stage + 1));
        text(cr, MARGIN + 8, y, 0, 0, buf);
        y += 14;
    }
    long yi = report_eval_year(p->d->ev, p->d->year);
    struct sb miss;
    sb_init(&miss, 0);
    if (yi >= 0 && report_eval_missing(p->d->ev, t, (size_t)yi, &miss)) {
        y += 10;
        font(cr, 9, true);
        text(cr, MARGIN, y, 0, 0, "Indicateurs obligatoires à saisir avant de clore l'année :");
        font(cr, 8, false);
        y += 14;
        /* wrap the list on commas */
        const char *s = miss.buf;
        while (*s) {
            char line[200];
            size_t n = strlen(s) > 110 ? 110 : strlen(s);
            while (n < strlen(s) && n > 0 && s[n] != ' ')
                n--;
            if (n == 0)
                n = strlen(s) > 110 ? 110 : strlen(s);
            snprintf(line, sizeof(line), "%.*s", (int)n, s);
            text(cr, MARGIN + 8, y, 0, 0, line);
            y += 12;
            s += n;
            while (*s == ' ')
                s++;
        }
    }
    sb_release(&miss);
    page_end(p);
    return ERR_OK;
}

/* ------------------------------------------------------------------ pages */

static void cover(struct pdf *p, const char *who, const char *stage_label, long t, size_t yi)
{
    cairo_t *cr = p->cr;
    char buf[320], num[32];
    rgb(cr, 0.04, 0.43, 0.31);
    cairo_rectangle(cr, 0, 0, PAGE_W, 300);
    cairo_fill(cr);
    rgb(cr, 1, 1, 1);
    font(cr, 13, false);
    text(cr, MARGIN, 120, 0, 0, "Écologie industrielle et territoriale");
    font(cr, 26, true);
    text(cr, MARGIN, 165, 0, PAGE_W - 2 * MARGIN, "Évaluation annuelle");
    font(cr, 20, false);
    snprintf(buf, sizeof(buf), "%s — %s", who, year_label(p->d, num, sizeof(num)));
    text(cr, MARGIN, 205, 0, PAGE_W - 2 * MARGIN, buf);
    rgb(cr, 0.1, 0.1, 0.1);
    font(cr, 11, false);
    double y = 360;
    if (stage_label) {
        snprintf(buf, sizeof(buf), "Étape de la démarche : %s", stage_label);
        text(cr, MARGIN, y, 0, 0, buf);
        y += 20;
    }
    double m = report_eval_maturity(p->d->ev, t, yi);
    snprintf(buf, sizeof(buf), "Niveau de maturité : %s / 4 (%s)",
             report_fmt(num, sizeof(num), m, 1), report_maturity_label(m));
    text(cr, MARGIN, y, 0, 0, buf);
    y += 20;
    if (t >= 0) {
        bool is_closed = p->d->ev->is_closed[(size_t)t * p->d->ev->n_years + yi];
        text(cr, MARGIN, y, 0, 0,
             is_closed ? "Année close : valeurs validées" : "Année ouverte : valeurs provisoires");
        y += 20;
    }
    char day[11];
    report_day((int64_t)time(NULL), day);
    snprintf(buf, sizeof(buf), "Document établi le %s par symbiose", day);
    rgb(cr, 0.4, 0.4, 0.4);
    font(cr, 9, false);
    text(cr, MARGIN, PAGE_H - 80, 0, 0, buf);
    text(cr, MARGIN, PAGE_H - 66, 0, 0,
         p->d->reader == REPORT_READER_FULL ? "Diffusion restreinte : les entreprises sont nommées."
         : p->d->reader == REPORT_READER_TERRITORY
             ? "Diffusion restreinte : les entreprises du territoire sont nommées, les autres "
               "désignées par leur activité."
             : "Version anonymisée : les entreprises sont désignées par leur activité.");
    page_end(p);
}

static void potential_line(struct pdf *p, long t, double y)
{
    const struct report_eval *ev = p->d->ev;
    if (!ev->has_potential)
        return;
    struct report_potential sum = {0};
    for (size_t k = 0; k < ev->n_terr; k++) {
        if (t >= 0 && (long)k != t)
            continue;
        sum.t += ev->potential[k].t;
        sum.eur += ev->potential[k].eur;
        sum.co2e_t += ev->potential[k].co2e_t;
        sum.n_synergies += ev->potential[k].n_synergies;
    }
    char a[48], b[48], c[48], buf[320];
    snprintf(buf, sizeof(buf),
             "Potentiel des synergies en cours (répartition optimale, chaque offre comptée une "
             "fois) : %s t, %s t CO2e, %s € par an",
             report_fmt(a, sizeof(a), sum.t, 1), report_fmt(b, sizeof(b), sum.co2e_t, 1),
             report_fmt(c, sizeof(c), sum.eur, 0));
    rgb(p->cr, 0.25, 0.25, 0.25);
    font(p->cr, 7.5, false);
    text(p->cr, MARGIN, y, 0, PAGE_W - 2 * MARGIN, buf);
}

static int territory_doc(struct pdf *p, size_t t, size_t yi, struct err *e)
{
    const struct report_territory *rt = &p->d->ev->terr[t];
    int stage = network_stage_index(rt->stage);
    cover(p, rt->name, stage >= 0 ? network_stage_label(stage) : rt->stage, (long)t, yi);
    page_begin(p, "Chiffres clés");
    double y = key_figures(p, (long)t, yi, MARGIN + 26);
    potential_line(p, (long)t, y + 4);
    indicator_table(p, (long)t, yi, y + 26, 12.5);
    page_end(p);
    radar_page(p, (long)t, yi);
    curve_pages(p, t);
    int rc = synergies_pages(p, rt->id, e);
    if (rc == ERR_OK)
        rc = method_page(p, t, e);
    return rc;
}

static void region_table(struct pdf *p, size_t yi, double y)
{
    cairo_t *cr = p->cr;
    const struct report_eval *ev = p->d->ev;
    static const enum report_metric cols[] = {
        REPORT_M_COMPANIES_ENGAGED, REPORT_M_SYNERGIES_IMPLEMENTED, REPORT_M_TONNES_DIVERTED,
        REPORT_M_CO2E_AVOIDED_T, REPORT_M_EUR_SAVED};
    static const char *const heads[] = {"Entreprises", "Synergies", "t/an", "t CO2e/an", "€/an"};
    long ci[5];
    for (int c = 0; c < 5; c++) {
        ci[c] = -1;
        for (size_t i = 0; i < ev->fw->n; i++) {
            if (ev->fw->ind[i].kind == REPORT_KIND_COMPUTED && ev->fw->ind[i].metric == cols[c])
                ci[c] = (long)i;
        }
    }
    font(cr, 7.5, true);
    rgb(cr, 0.1, 0.1, 0.1);
    text(cr, MARGIN, y, 0, 0, "Territoire");
    for (int c = 0; c < 5; c++)
        text(cr, MARGIN + 250 + c * 52.0, y, 2, 0, heads[c]);
    text(cr, PAGE_W - MARGIN, y, 2, 0, "Maturité");
    y += 13;
    for (size_t t = 0; t <= ev->n_terr; t++) {
        bool is_total = t == ev->n_terr;
        if (y > PAGE_H - 50)
            break;
        font(cr, 7.5, is_total);
        rgb(cr, 0.15, 0.15, 0.15);
        text(cr, MARGIN, y, 0, 190, is_total ? "Région (total)" : ev->terr[t].name);
        char num[48];
        for (int c = 0; c < 5; c++) {
            if (ci[c] < 0)
                continue;
            double v = is_total ? report_eval_region(ev, yi, (size_t)ci[c])
                                : report_eval_value(ev, t, yi, (size_t)ci[c]);
            text(cr, MARGIN + 250 + c * 52.0, y, 2, 0,
                 report_fmt(num, sizeof(num), v, c >= 2 && c <= 3 ? 1 : 0));
        }
        double m = report_eval_maturity(ev, is_total ? -1 : (long)t, yi);
        text(cr, PAGE_W - MARGIN, y, 2, 0, report_fmt(num, sizeof(num), m, 1));
        y += 11.5;
    }
}

static void territory_page(struct pdf *p, size_t t, size_t yi)
{
    const struct report_territory *rt = &p->d->ev->terr[t];
    int stage = network_stage_index(rt->stage);
    char buf[320], num[32];
    page_begin(p, rt->name);
    double m = report_eval_maturity(p->d->ev, (long)t, yi);
    snprintf(buf, sizeof(buf), "Étape : %s — maturité %s / 4 (%s) — année %s",
             stage >= 0 ? network_stage_label(stage) : rt->stage,
             report_fmt(num, sizeof(num), m, 1), report_maturity_label(m),
             p->d->ev->is_closed[t * p->d->ev->n_years + yi] ? "close" : "ouverte");
    font(p->cr, 9, false);
    rgb(p->cr, 0.3, 0.3, 0.3);
    text(p->cr, MARGIN, MARGIN + 26, 0, PAGE_W - 2 * MARGIN, buf);
    double y = key_figures(p, (long)t, yi, MARGIN + 40);
    potential_line(p, (long)t, y + 4);
    for (int fam = 0; fam < REPORT_N_FAMILIES; fam++) {
        double cx = MARGIN + 80 + fam * 170.0;
        rgb(p->cr, fam_rgb[fam][0], fam_rgb[fam][1], fam_rgb[fam][2]);
        font(p->cr, 9, true);
        text(p->cr, cx, y + 24, 1, 0, report_family_label((enum report_family)fam));
        radar(p, cx, y + 84, 50, (long)t, yi, (enum report_family)fam, false);
    }
    indicator_table(p, (long)t, yi, y + 158, 10.8);
    page_end(p);
}

static int region_doc(struct pdf *p, size_t yi, struct err *e)
{
    (void)e;
    cover(p, "Réseau régional", NULL, -1, yi);
    page_begin(p, "Chiffres clés de la région");
    double y = key_figures(p, -1, yi, MARGIN + 26);
    potential_line(p, -1, y + 4);
    font(p->cr, 11, true);
    rgb(p->cr, 0.1, 0.1, 0.1);
    text(p->cr, MARGIN, y + 28, 0, 0, "Les territoires côte à côte");
    region_table(p, yi, y + 46);
    page_end(p);
    radar_page(p, -1, yi);
    for (size_t t = 0; t < p->d->ev->n_terr; t++)
        territory_page(p, t, yi);
    return ERR_OK;
}

int report_pdf_write(const struct report_doc *d, const char *path, struct err *e)
{
    struct pdf p = {0};
    p.d = d;
    p.page = 1;
    long yi = -1, t = -1;
    int rc = report_doc_locate(d, &yi, &t, e);
    if (rc)
        return rc;
    char running[300];
    snprintf(running, sizeof(running), "%s — %d", t >= 0 ? d->ev->terr[t].name : "Région", d->year);
    p.running = running;
    p.surf = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    if (cairo_surface_status(p.surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(p.surf);
        return err_set(e, ERR_IO, "%s: cannot write", path);
    }
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_TITLE, running);
    cairo_pdf_surface_set_metadata(p.surf, CAIRO_PDF_METADATA_CREATOR, "symbiose");
    p.cr = cairo_create(p.surf);
    rc = t >= 0 ? territory_doc(&p, (size_t)t, (size_t)yi, e) : region_doc(&p, (size_t)yi, e);
    /* a drawing error (e.g. text cairo refuses) stops all later drawing */
    cairo_status_t cst = cairo_status(p.cr);
    if (rc == ERR_OK && cst != CAIRO_STATUS_SUCCESS)
        rc = err_set(e, ERR_INTERNAL, "%s: drawing failed: %s", path, cairo_status_to_string(cst));
    cairo_destroy(p.cr);
    cairo_surface_finish(p.surf);
    cairo_status_t st = cairo_surface_status(p.surf);
    cairo_surface_destroy(p.surf);
    if (rc == ERR_OK && st != CAIRO_STATUS_SUCCESS)
        rc = err_set(e, ERR_IO, "%s: cannot write: %s", path, cairo_status_to_string(st));
    return rc;
}
