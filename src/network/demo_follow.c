/* SPDX-License-Identifier: MIT */
/*
 * demo_follow.c - the demo after detection: a few suggested substitutions
 * of each territory moved along the pipeline as far as its stage of the
 * approach suggests (studied, in progress, implemented with measured
 * effects, abandoned with a reason), so that boards, dashboards and
 * indicators show real numbers; then the library's documents, written by
 * the program: the shared method as a text sheet, a good practice and the
 * network's yearly summary as PDF notes (a minimal PDF 1.4 with the
 * standard Helvetica fonts, built here), uploaded through the library
 * service.
 */
#include "network_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FOLLOW_SEED 0xf0110eu

/* How many of a territory's suggestions end in each status, by stage. */
static const struct {
    size_t studied, in_progress, implemented, abandoned;
} follow_plan[NETWORK_N_STAGES] = {
    {0, 0, 0, 0}, /* mobilisation */
    {1, 0, 0, 0}, /* data collection */
    {3, 0, 0, 1}, /* detection */
    {4, 2, 0, 1}, /* feasibility */
    {3, 3, 4, 2}, /* implementation */
    {2, 2, 6, 2}, /* evaluation */
};

static const char *const abandon_reasons[] = {
    "Qualité du gisement insuffisante après analyse (taux d'indésirables trop élevé)",
    "Distance et coût du transport supérieurs au gain attendu",
    "Le preneur a trouvé une solution interne",
    "Statut de déchet : la procédure de sortie de statut est trop lourde pour ces volumes",
    "Fermeture du site fournisseur",
};

/* Measured effects of an implemented synergy: what the exchange really
 * carried, between 60 % and 110 % of the estimate. */
static void follow_measured(struct network__rng *g, const struct store_effects *est,
                            struct store_effects *meas)
{
    double f = 0.6 + 0.5 * network__rng_unit(g);
    double fkm = 0.9 + 0.3 * network__rng_unit(g);
    meas->t_diverted = round(est->t_diverted * f * 10) / 10;
    meas->co2e_t = round(est->co2e_t * f * 10) / 10;
    meas->eur_saved = round(est->eur_saved * f);
    meas->km = round(est->km * fkm);
}

/* Moves synergy id through the statuses up to `to`, as its facilitator. */
static int follow_move(struct store *s, struct network__rng *g, int64_t id, enum store_status to,
                       int64_t actor, struct err *e)
{
    int rc = store_synergy_set_status(s, id, STORE_STATUS_STUDIED, "", actor, e);
    if (rc == ERR_OK && to == STORE_STATUS_ABANDONED)
        return store_synergy_set_status(
            s, id, to,
            abandon_reasons[network__rng_below(g, sizeof(abandon_reasons) /
                                                      sizeof(abandon_reasons[0]))],
            actor, e);
    if (rc == ERR_OK && (to == STORE_STATUS_IN_PROGRESS || to == STORE_STATUS_IMPLEMENTED))
        rc = store_synergy_set_status(s, id, STORE_STATUS_IN_PROGRESS, "", actor, e);
    if (rc == ERR_OK && to == STORE_STATUS_IMPLEMENTED)
        rc = store_synergy_set_status(s, id, to, "", actor, e);
    if (rc == ERR_OK && to == STORE_STATUS_IMPLEMENTED) {
        struct store_synergy syn;
        rc = store_synergy_get(s, id, &syn, e);
        if (rc)
            return rc;
        struct store_effects meas;
        follow_measured(g, &syn.estimated, &meas);
        rc = store_synergy_set_effects(s, id, &syn.estimated, &meas, e);
        store_synergy_release(&syn);
    }
    return rc;
}

static bool follow_has(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

/* The pipeline of territory t: declared-need suggestions, each offer and
 * each need used once, in id order (detection's deterministic order). */
static int follow_territory(struct network__demo *d, struct network__rng *g, size_t t,
                            struct err *e)
{
    size_t want[4] = {follow_plan[d->stages[t]].implemented, follow_plan[d->stages[t]].in_progress,
                      follow_plan[d->stages[t]].abandoned, follow_plan[d->stages[t]].studied};
    static const enum store_status to[4] = {STORE_STATUS_IMPLEMENTED, STORE_STATUS_IN_PROGRESS,
                                            STORE_STATUS_ABANDONED, STORE_STATUS_STUDIED};
    size_t total = want[0] + want[1] + want[2] + want[3];
    if (total == 0)
        return ERR_OK;
    struct store_filter f;
    store_filter_init(&f);
    f.territory_id = d->territory_ids[t];
    struct store_synergy *syns = NULL;
    size_t n = 0, done = 0, k = 0;
    int64_t *used = xcalloc(2 * total, sizeof(*used));
    int rc = store_synergy_list(d->s, &f, &syns, &n, e);
    for (size_t i = 0; rc == ERR_OK && i < n && done < total; i++) {
        const struct store_synergy *sy = &syns[i];
        if (sy->kind != STORE_SYN_SUBSTITUTION || sy->status != STORE_STATUS_SUGGESTED ||
            !sy->need_flow_id || follow_has(used, 2 * done, sy->offer_flow_id) ||
            follow_has(used, 2 * done, sy->need_flow_id))
            continue;
        while (want[k] == 0)
            k++;
        rc = follow_move(d->s, g, sy->id, to[k], d->facilitator_ids[t], e);
        want[k]--;
        used[2 * done] = sy->offer_flow_id;
        used[2 * done + 1] = sy->need_flow_id;
        done++;
        if (rc == ERR_OK)
            d->res->n_synergies_added++;
    }
    free(used);
    store_synergies_free(syns, n);
    return rc;
}

static int follow_pipeline(struct network__demo *d, struct err *e)
{
    struct store_filter f;
    store_filter_init(&f);
    struct store_synergy *syns = NULL;
    size_t n = 0;
    bool is_followed = false;
    int rc = store_synergy_list(d->s, &f, &syns, &n, e);
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        is_followed = is_followed || syns[i].status != STORE_STATUS_SUGGESTED;
    store_synergies_free(syns, n);
    if (rc || is_followed)
        return rc;
    struct network__rng g = {FOLLOW_SEED};
    for (size_t t = 0; rc == ERR_OK && t < d->n_territories; t++)
        rc = follow_territory(d, &g, t, e);
    return rc;
}

/* ------------------------------------------------------------- PDF */

/* Appends a UTF-8 text as a PDF string body in WinAnsiEncoding (Latin-1
 * plus the typographic signs French uses); other characters become '?'. */
static void pdf_text(struct sb *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned cp = *p++;
        if ((cp & 0xE0) == 0xC0 && p < end) {
            cp = ((cp & 0x1Fu) << 6) | (*p++ & 0x3Fu);
        } else if ((cp & 0xF0) == 0xE0 && end - p >= 2) {
            cp = ((cp & 0x0Fu) << 12) | ((p[0] & 0x3Fu) << 6) | (p[1] & 0x3Fu);
            p += 2;
        } else if (cp >= 0x80) {
            cp = '?';
        }
        unsigned char c = '?';
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
            c = (unsigned char)cp;
        else if (cp == 0x0153) /* œ */
            c = 0x9C;
        else if (cp == 0x2019) /* ’ */
            c = 0x92;
        else if (cp == 0x2013) /* – */
            c = 0x96;
        else if (cp == 0x2014) /* — */
            c = 0x97;
        else if (cp == 0x20AC) /* € */
            c = 0x80;
        else if (cp == 0x2022) /* • */
            c = 0x95;
        if (c == '(' || c == ')' || c == '\\')
            sb_addc(out, '\\');
        sb_addc(out, (char)c);
    }
}

/* Number of characters of a UTF-8 string (continuation bytes not counted). */
static size_t pdf_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

#define PDF_TOP 780
#define PDF_BOTTOM 60
#define PDF_LEADING 15
#define PDF_WRAP 92 /* characters of 10-point Helvetica on a line 483 points wide */

/* One line of text at height *y, if there is room on the page. */
static void pdf_line(struct sb *content, const char *font, int size, const char *text, size_t len,
                     int *y)
{
    if (*y < PDF_BOTTOM)
        return;
    sb_addf(content, "BT /%s %d Tf 56 %d Td (", font, size, *y);
    pdf_text(content, text, len);
    sb_adds(content, ") Tj ET\n");
    *y -= size > 12 ? PDF_LEADING + 9 : PDF_LEADING;
}

/* A paragraph wrapped at word boundaries, then a blank half line. */
static void pdf_paragraph(struct sb *content, const char *text, int *y)
{
    const char *p = text;
    while (*p) {
        size_t n = strlen(p), cut = n;
        if (pdf_chars(p, n) > PDF_WRAP) {
            cut = 0;
            for (size_t i = 0; i < n && pdf_chars(p, i) <= PDF_WRAP; i++)
                if (p[i] == ' ')
                    cut = i;
            if (cut == 0)
                cut = n;
        }
        pdf_line(content, "F1", 10, p, cut, y);
        p += cut;
        while (*p == ' ')
            p++;
    }
    *y -= PDF_LEADING / 2;
}

/*
 * A one-page PDF 1.4 document: a title then paragraphs (text beyond the
 * page is left out). Objects: catalog, pages, page, two standard fonts,
 * the content stream; the cross-reference table gives each object's
 * byte offset, 20 bytes an entry as the format requires.
 */
static void pdf_document(struct sb *out, const char *title, const char *const *paras, size_t n)
{
    struct sb content;
    sb_init(&content, 1 << 20);
    int y = PDF_TOP;
    pdf_line(&content, "F2", 16, title, strlen(title), &y);
    for (size_t i = 0; i < n; i++)
        pdf_paragraph(&content, paras[i], &y);
    size_t off[7];
    sb_adds(out, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    off[1] = out->len;
    sb_adds(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = out->len;
    sb_adds(out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    off[3] = out->len;
    sb_adds(out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                 "<< /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>\nendobj\n");
    off[4] = out->len;
    sb_adds(out, "4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
                 "/WinAnsiEncoding >>\nendobj\n");
    off[5] = out->len;
    sb_adds(out, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding "
                 "/WinAnsiEncoding >>\nendobj\n");
    off[6] = out->len;
    sb_addf(out, "6 0 obj\n<< /Length %zu >>\nstream\n", content.len);
    sb_add(out, content.buf, content.len);
    sb_adds(out, "endstream\nendobj\n");
    size_t xref = out->len;
    sb_adds(out, "xref\n0 7\n0000000000 65535 f \n");
    for (int i = 1; i <= 6; i++)
        sb_addf(out, "%010zu 00000 n \n", off[i]);
    sb_addf(out, "trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    sb_release(&content);
}

/* --------------------------------------------------------- library */

/* The shared method, stage by stage, from the checklists of method.c. */
static void doc_method(struct sb *out)
{
    sb_adds(out, "La méthode commune du réseau EIT des Pays de la Loire\n"
                 "====================================================\n\n"
                 "Chaque démarche d'écologie industrielle et territoriale avance en six "
                 "étapes. La plateforme suit pour chaque territoire la liste de contrôle "
                 "ci-dessous ; cochez les points au fil de l'avancement.\n");
    for (int st = 0; st < NETWORK_N_STAGES; st++) {
        const char *const *items = NULL;
        size_t n = 0;
        network_checklist(st, &items, &n);
        sb_addf(out, "\n%d. %s\n", st + 1, network_stage_label(st));
        for (size_t i = 0; i < n; i++)
            sb_addf(out, "   - %s\n", items[i]);
    }
}

static void doc_heat(struct sb *out)
{
    static const char *const paras[] = {
        "Le constat : une fonderie, une papeterie ou une laiterie rejettent chaque année des "
        "milliers de MWh de chaleur à 45-200 °C. À moins de quelques kilomètres, des serres, un "
        "réseau de chaleur ou une conserverie brûlent du gaz pour la même chaleur.",
        "La démarche : repérer les offres de chaleur (température, puissance, saisonnalité) et "
        "les besoins dans un rayon de 5 km ; vérifier que les saisons se recouvrent ; estimer "
        "l'échangeur et la canalisation ; comparer au prix du gaz évité.",
        "Les clés du succès : une convention longue (10 ans), un prix du MWh indexé avec un "
        "plancher, un appoint prévu quand la source s'arrête, un préavis en cas d'arrêt du "
        "process.",
        "Les effets mesurés sur les synergies réalisées du réseau : les tonnes de CO2e évitées et "
        "les euros économisés sont suivis dans le tableau de bord de chaque territoire.",
        "Contact : l'animateur·rice EIT de votre territoire, via la plateforme.",
    };
    pdf_document(out, "Bonne pratique : valoriser la chaleur fatale", paras,
                 sizeof(paras) / sizeof(paras[0]));
}

/* The network's summary from the indicators: region totals only, never
 * a territory's or an organisation's figures. */
static int doc_summary(struct network__demo *d, struct sb *out, struct err *e)
{
    struct store_indicators *rows = NULL;
    size_t n = 0;
    int rc = store_indicators_list(d->s, &rows, &n, e);
    if (rc)
        return rc;
    int64_t by_stage[NETWORK_N_STAGES] = {0}, syn[5] = {0}, companies = 0, jobs = 0;
    double t = 0, co2e = 0, eur = 0;
    for (size_t i = 0; i < n; i++) {
        int st = network_stage_index(rows[i].stage);
        if (st >= 0)
            by_stage[st]++;
        for (int k = 0; k < 5; k++)
            syn[k] += rows[i].synergies[k];
        companies += rows[i].companies;
        jobs += rows[i].jobs_created;
        t += rows[i].t_diverted;
        co2e += rows[i].co2e_t;
        eur += rows[i].eur_saved;
    }
    store_indicators_free(rows, n);
    char p1[400], p2[400], p3[400];
    struct sb stages;
    sb_init(&stages, 1000);
    sb_addf(&stages, "Territoires par étape :");
    for (int st = 0; st < NETWORK_N_STAGES; st++)
        sb_addf(&stages, " %s %lld%s", network_stage_label(st), (long long)by_stage[st],
                st + 1 < NETWORK_N_STAGES ? " ;" : ".");
    int w1 = snprintf(p1, sizeof(p1),
                      "Le réseau compte %zu démarches territoriales et %lld entreprises "
                      "engagées.",
                      n, (long long)companies);
    int w2 = snprintf(p2, sizeof(p2),
                      "Synergies : %lld suggérées, %lld à l'étude, %lld en cours, %lld réalisées, "
                      "%lld abandonnées.",
                      (long long)syn[0], (long long)syn[1], (long long)syn[2], (long long)syn[3],
                      (long long)syn[4]);
    int w3 = snprintf(p3, sizeof(p3),
                      "Effets des synergies réalisées : %.0f t détournées par an, %.0f t CO2e "
                      "évitées, %.0f euros économisés, %lld emplois créés.",
                      t, co2e, eur, (long long)jobs);
    if (w1 < 0 || (size_t)w1 >= sizeof(p1) || w2 < 0 || (size_t)w2 >= sizeof(p2) || w3 < 0 ||
        (size_t)w3 >= sizeof(p3))
        rc = err_set(e, ERR_INTERNAL, "demo: summary text too long");
    const char *paras[] = {
        "Bilan établi par la coordination régionale à partir des indicateurs que chaque "
        "territoire renseigne sur la plateforme (effets mesurés quand ils sont connus, sinon "
        "estimés).",
        p1,
        stages.buf,
        p2,
        p3,
        "Document réservé aux animateur·rices : les chiffres par territoire sont dans le tableau "
        "de bord des indicateurs."};
    if (rc == ERR_OK)
        pdf_document(out, "Bilan du réseau EIT des Pays de la Loire", paras,
                     sizeof(paras) / sizeof(paras[0]));
    sb_release(&stages);
    return rc;
}

static int follow_add(struct network__demo *d, const struct store_account *who,
                      const struct network_resource_input *in, struct sb *data, struct err *e)
{
    int64_t id = 0;
    int rc = sb_finish(data, e);
    if (rc == ERR_OK)
        rc = network_library_add(d->s, who, d->opts->files_dir, in, data->buf, data->len, NULL, &id,
                                 e);
    if (rc)
        return err_prefix(e, "demo: document '%s'", in->title);
    d->res->n_documents_added++;
    return ERR_OK;
}

static int follow_library(struct network__demo *d, struct err *e)
{
    struct store_resource *rs = NULL;
    size_t n = 0;
    int rc = store_resource_list(d->s, &rs, &n, e);
    store_resources_free(rs, n);
    if (rc || n > 0 || !d->opts->files_dir)
        return rc;
    struct store_account admin, fac_heat, fac_local;
    rc = store_account_get(d->s, d->admin_id, &admin, e);
    if (rc)
        return rc;
    /* the good practice comes from the territory in evaluation furthest along */
    size_t heat_t = 0;
    for (size_t t = d->n_territories; t-- > 0;)
        if (d->stages[t] == STORE_STAGE_EVALUATION)
            heat_t = t;
    rc = store_account_get(d->s, d->facilitator_ids[heat_t], &fac_heat, e);
    if (rc) {
        store_account_release(&admin);
        return rc;
    }
    rc = store_account_get(d->s, d->facilitator_ids[0], &fac_local, e);
    if (rc) {
        store_account_release(&fac_heat);
        store_account_release(&admin);
        return rc;
    }
    struct sb b;
    sb_init(&b, 1 << 20);
    doc_method(&b);
    struct network_resource_input in = {
        .kind = "method_sheet",
        .title = "La méthode commune en six étapes",
        .description = "Les étapes d'une démarche EIT et la liste de contrôle de chacune, "
                       "telles que la plateforme les suit pour chaque territoire.",
        .visibility = "network",
        .original_name = "methode-commune-eit.txt"};
    rc = follow_add(d, &admin, &in, &b, e);
    sb_reset(&b);
    doc_heat(&b);
    in = (struct network_resource_input){
        .kind = "good_practice",
        .title = "Bonne pratique : valoriser la chaleur fatale",
        .description = "Du repérage des sources de chaleur à la convention entre fournisseur et "
                       "preneur : les clés des synergies de chaleur du réseau.",
        .visibility = "network",
        .original_name = "bonne-pratique-chaleur-fatale.pdf"};
    if (rc == ERR_OK)
        rc = follow_add(d, &fac_heat, &in, &b, e);
    sb_reset(&b);
    if (rc == ERR_OK)
        rc = doc_summary(d, &b, e);
    in = (struct network_resource_input){
        .kind = "other",
        .title = "Bilan du réseau EIT des Pays de la Loire",
        .description = "Les démarches par étape, les synergies par statut et leurs effets, "
                       "pour l'ensemble de la région.",
        .visibility = "facilitators",
        .original_name = "bilan-reseau-eit.pdf"};
    if (rc == ERR_OK)
        rc = follow_add(d, &admin, &in, &b, e);
    sb_reset(&b);
    sb_addf(&b,
            "Compte rendu du comité de pilotage EIT — %s\n\n"
            "Présents : la structure pilote, les chambres consulaires, l'animateur·rice EIT.\n\n"
            "1. Avancement : les flux des entreprises engagées sont saisis ; la détection a "
            "proposé des pistes, les premières sont à l'étude.\n"
            "2. Priorités : synergies de chaleur et de cartons, collecte mutualisée des petites "
            "quantités.\n"
            "3. Prochaines étapes : atelier de détection, visites de faisabilité, bilan au "
            "prochain comité.\n",
            d->territory_names[0]);
    in = (struct network_resource_input){.kind = "other",
                                         .title = "Compte rendu du dernier comité de pilotage",
                                         .description = "Avancement, priorités et prochaines "
                                                        "étapes de la démarche du territoire.",
                                         .visibility = "territory",
                                         .territory_id = d->territory_ids[0],
                                         .original_name = "compte-rendu-copil.txt"};
    if (rc == ERR_OK)
        rc = follow_add(d, &fac_local, &in, &b, e);
    sb_release(&b);
    store_account_release(&fac_local);
    store_account_release(&fac_heat);
    store_account_release(&admin);
    return rc;
}

int network_demo_follow(struct store *s, const struct ref *r,
                        const struct network_demo_options *opts, struct network_demo_result *out,
                        struct err *e)
{
    struct network__demo d = {0};
    int rc = network__demo_init(&d, s, r, opts, out, e);
    if (rc == ERR_OK)
        rc = follow_pipeline(&d, e);
    if (rc == ERR_OK)
        rc = follow_library(&d, e);
    network__demo_release(&d);
    return rc;
}
