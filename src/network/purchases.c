/* SPDX-License-Identifier: MIT */
/*
 * purchases.c - group purchases: a pool with a category, a unit and a
 * deadline; member organisations add their quantities until the end of
 * the deadline day (Paris time); the totals and the list for the
 * supplier come out as CSV.
 */
#include "network_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First instant after the deadline day, Paris time. */
static int64_t deadline_end(const char *date)
{
    int64_t days = 0, t = 0;
    if (network_date_parse("deadline", date, &days, NULL) != ERR_OK)
        return 0;
    struct network_civil c = {0};
    network__civil_from_days(days + 1, &c.year, &c.month, &c.day);
    /* midnight always exists in Paris (changes happen at 02:00 and 03:00) */
    if (network_paris_to_utc("deadline", &c, NETWORK_TZ_EARLIER, &t, NULL) != ERR_OK)
        return 0;
    return t;
}

int network_purchase_create(struct store *s, const struct store_account *who, int64_t now_s,
                            const struct network_purchase_input *in, int64_t *id, struct err *e)
{
    int64_t days;
    int rc = network_check_text("title", in->title, true, false, 200, e);
    if (rc == ERR_OK)
        rc = network_check_text("category", in->category, true, false, 100, e);
    if (rc == ERR_OK)
        rc = network_check_text("unit", in->unit, true, false, 30, e);
    if (rc == ERR_OK)
        rc = network_date_parse("deadline", in->deadline, &days, e);
    if (rc == ERR_OK && deadline_end(in->deadline) <= now_s)
        rc = err_set(e, ERR_INPUT, "deadline : la date limite %s est déjà passée", in->deadline);
    if (rc == ERR_OK)
        rc = network_check_text("description", in->description, false, true, 10000, e);
    if (rc == ERR_OK)
        rc = network__check_participant(who, "lancer un achat groupé", e);
    if (rc == ERR_OK && in->territory_id && who && who->role == STORE_ROLE_FACILITATOR &&
        !network__facilitates(who, in->territory_id))
        rc = network__forbidden(e, "lancer un achat groupé sur ce territoire");
    /* a member opens a purchase in its organisation's territory only */
    int64_t territory_id = in->territory_id;
    if (rc == ERR_OK && who && who->role == STORE_ROLE_MEMBER) {
        struct store_org o;
        memset(&o, 0, sizeof(o));
        rc = store_org_get(s, who->org_id, &o, e);
        int64_t own = o.territory_id;
        store_org_release(&o);
        if (rc == ERR_NOT_FOUND)
            rc = network__forbidden(e, "lancer un achat groupé sans organisation");
        else if (rc == ERR_OK && territory_id && territory_id != own)
            rc = network__forbidden(e, "lancer un achat groupé sur ce territoire");
        else if (rc == ERR_OK)
            territory_id = own;
    }
    if (rc)
        return rc;
    struct store_purchase p = {.title = (char *)in->title,
                               .category = (char *)in->category,
                               .unit = (char *)in->unit,
                               .description = (char *)(in->description ? in->description : ""),
                               .territory_id = territory_id,
                               .created_by = network__who_id(who)};
    memcpy(p.deadline, in->deadline, 10);
    rc = store_purchase_insert(s, &p, id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_INPUT, "territory_id : territoire %lld introuvable",
                       (long long)in->territory_id);
    return rc;
}

int network_purchase_set_quantity(struct store *s, const struct store_account *who, int64_t now_s,
                                  int64_t purchase_id, int64_t org_id, double quantity,
                                  const char *comment, struct err *e)
{
    struct store_purchase p;
    if (!isfinite(quantity) || quantity < 0 || quantity > 1e9)
        return err_set(e, ERR_INPUT, "quantity : doit être un nombre entre 0 et 1 000 000 000");
    int rc = network_check_text("comment", comment, false, true, 1000, e);
    if (rc)
        return rc;
    if (org_id == 0)
        org_id = who ? who->org_id : 0;
    if (org_id <= 0)
        return err_set(e, ERR_INPUT, "org_id : organisation obligatoire");
    if (!network__acts_for_org(s, who, org_id))
        return network__forbidden(e, "commander pour cette organisation");
    rc = store_purchase_get(s, purchase_id, &p, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "achat groupé %lld introuvable", (long long)purchase_id);
    if (rc)
        return rc;
    if (now_s >= deadline_end(p.deadline))
        rc = err_set(e, ERR_CONFLICT, "quantity : la date limite (%s) de « %s » est passée",
                     p.deadline, p.title);
    if (rc == ERR_OK) {
        struct store_purchase_line l = {.purchase_id = purchase_id,
                                        .org_id = org_id,
                                        .quantity = quantity,
                                        .comment = (char *)(comment ? comment : ""),
                                        .account_id = network__who_id(who)};
        rc = store_purchase_set_line(s, &l, e);
        if (rc == ERR_CONFLICT)
            rc = err_set(e, ERR_INPUT, "org_id : organisation %lld introuvable", (long long)org_id);
    }
    store_purchase_release(&p);
    return rc;
}

/* Whether who organises purchase p (the supplier list is theirs). */
static bool organises(const struct store_account *who, const struct store_purchase *p)
{
    return network__facilitates(who, p->territory_id) ||
           (who && p->created_by && who->id == p->created_by);
}

/* Keeps the lines whose organisation who reads in full (network_view):
 * organising a purchase gives no right to other companies' identity. */
static int keep_visible_lines(struct store *s, const struct store_account *who,
                              struct store_purchase_line *lines, size_t *n, struct err *e)
{
    size_t kept = 0;
    int rc = ERR_OK;
    for (size_t i = 0; i < *n && rc == ERR_OK; i++) {
        struct store_org o;
        memset(&o, 0, sizeof(o));
        rc = store_org_get(s, lines[i].org_id, &o, e);
        bool is_related = false;
        if (rc == ERR_OK)
            rc = network_view_related(s, who, o.id, 0, &is_related, e);
        struct network_subject sub;
        network_subject_org(&sub, &o, is_related);
        bool is_full = rc == ERR_OK && network_view(who, &sub) == NETWORK_VIEW_FULL;
        store_org_release(&o);
        struct store_purchase_line tmp = lines[kept];
        if (!is_full)
            continue;
        lines[kept] = lines[i];
        lines[i] = tmp;
        kept++;
    }
    for (size_t i = kept; i < *n; i++) {
        free(lines[i].comment);
        free(lines[i].org_name);
        free(lines[i].address);
        lines[i].comment = lines[i].org_name = lines[i].address = NULL;
    }
    *n = kept;
    return rc;
}

int network_purchase_lines(struct store *s, const struct store_account *who, int64_t purchase_id,
                           struct store_purchase_line **out, size_t *n, struct err *e)
{
    struct store_purchase p;
    *out = NULL;
    *n = 0;
    int rc = store_purchase_get(s, purchase_id, &p, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "achat groupé %lld introuvable", (long long)purchase_id);
    if (rc)
        return rc;
    rc = store_purchase_lines(s, purchase_id, out, n, e);
    if (rc == ERR_OK)
        rc = keep_visible_lines(s, who, *out, n, e);
    store_purchase_release(&p);
    return rc;
}

/* Quantities without trailing zeros: 12, 12.5, 0.125. */
static void add_qty(struct sb *out, double q)
{
    char buf[64];
    int w = snprintf(buf, sizeof(buf), "%.6f", q);
    if (w <= 0 || (size_t)w >= sizeof(buf)) {
        sb_adds(out, "0");
        return;
    }
    size_t n = (size_t)w;
    while (n > 1 && buf[n - 1] == '0')
        n--;
    if (buf[n - 1] == '.')
        n--;
    sb_add(out, buf, n);
}

int network_purchase_csv(struct store *s, const struct store_account *who, int64_t purchase_id,
                         struct sb *out, struct err *e)
{
    struct store_purchase p;
    struct store_purchase_line *lines = NULL;
    size_t n = 0;
    int rc = store_purchase_get(s, purchase_id, &p, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "achat groupé %lld introuvable", (long long)purchase_id);
    if (rc)
        return rc;
    if (!organises(who, &p))
        rc = network__forbidden(e, "liste fournisseur");
    if (rc == ERR_OK)
        rc = store_purchase_lines(s, purchase_id, &lines, &n, e);
    size_t n_all = n;
    if (rc == ERR_OK)
        rc = keep_visible_lines(s, who, lines, &n, e);
    if (rc == ERR_OK) {
        sb_adds(out, "organisation,siret,adresse,code_postal,commune_insee,quantite,unite,"
                     "commentaire\n");
        for (size_t i = 0; i < n; i++) {
            const struct store_purchase_line *l = &lines[i];
            sb_add_csv_text(out, l->org_name);
            sb_addc(out, ',');
            sb_adds(out, l->siret);
            sb_addc(out, ',');
            sb_add_csv_text(out, l->address);
            sb_addf(out, ",%s,%s,", l->postal_code, l->commune_insee);
            add_qty(out, l->quantity);
            sb_addc(out, ',');
            sb_add_csv_text(out, p.unit);
            sb_addc(out, ',');
            sb_add_csv_text(out, l->comment);
            sb_addc(out, '\n');
        }
        sb_adds(out, "TOTAL,,,,,");
        add_qty(out, p.total);
        sb_addc(out, ',');
        sb_add_csv_text(out, p.unit);
        sb_addf(out, ",%zu organisations\n", n_all);
        rc = sb_finish(out, e);
    }
    store_purchase_lines_free(lines, n_all);
    store_purchase_release(&p);
    return rc;
}
