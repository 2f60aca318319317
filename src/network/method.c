/* SPDX-License-Identifier: MIT */
/*
 * method.c - the territories registry and the shared method: the six
 * stages of an EIT approach with their checklist (data, in French), the
 * roles of the actors, key dates, and the comparable indicators with
 * their sortable CSV export.
 */
#include "network_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* NULL-terminated for network__check_enum */
static const char *const stage_names[NETWORK_N_STAGES + 1] = {
    "mobilisation",   "data_collection", "detection", "feasibility",
    "implementation", "evaluation",      NULL,
};

static const char *const stage_labels[NETWORK_N_STAGES] = {
    "Mobilisation des acteurs", "Collecte des données", "Détection des synergies",
    "Études de faisabilité",    "Mise en œuvre",        "Évaluation et pérennisation",
};

static const char *const check_mobilisation[] = {
    "Identifier la structure pilote et le ou la chargé·e de mission EIT",
    "Réunir un comité de pilotage (collectivité, chambres consulaires, développeurs "
    "économiques)",
    "Définir le périmètre : zones d'activités et communes concernées",
    "Présenter la démarche aux entreprises lors d'une réunion de lancement",
    "Obtenir l'engagement écrit d'au moins dix entreprises",
    "Arrêter le plan de financement et le calendrier",
};
static const char *const check_data_collection[] = {
    "Préparer la grille de collecte (flux entrants, sortants, besoins mutualisables)",
    "Réaliser les visites ou entretiens dans chaque entreprise engagée",
    "Saisir les flux avec leurs codes déchets, quantités et unités",
    "Vérifier la confidentialité choisie pour chaque flux",
    "Compléter les coordonnées et les effectifs des établissements",
};
static const char *const check_detection[] = {
    "Lancer la recherche de synergies de substitution sur la plateforme",
    "Repérer les besoins communs à mutualiser (collectes, achats, formations, salles)",
    "Animer un atelier de détection avec les entreprises",
    "Qualifier les pistes retenues avec les entreprises concernées",
    "Prioriser les synergies selon le gain, le CO2e évité et la faisabilité",
};
static const char *const check_feasibility[] = {
    "Vérifier la réglementation applicable (statut de déchet, transport, ICPE)",
    "Estimer les coûts, les gains et les tonnes détournées",
    "Mettre en relation les entreprises et organiser les rencontres",
    "Identifier les aides mobilisables (agence de l'environnement, Région)",
    "Rédiger une fiche de faisabilité par synergie",
};
static const char *const check_implementation[] = {
    "Formaliser l'accord entre les parties (convention ou contrat)",
    "Organiser la logistique (collecte, stockage, transport)",
    "Lancer les premiers échanges et les mutualisations",
    "Suivre chaque synergie jusqu'au statut « réalisée »",
    "Communiquer sur les premières réussites",
};
static const char *const check_evaluation[] = {
    "Mesurer les effets réels : tonnes détournées, CO2e évité, euros économisés",
    "Compter les emplois créés ou maintenus",
    "Remonter les indicateurs au réseau régional",
    "Partager une fiche de bonne pratique dans la bibliothèque",
    "Décider de la suite : nouveau cycle de détection ou extension du périmètre",
};

static const struct {
    const char *const *items;
    size_t n;
} checklists[NETWORK_N_STAGES] = {
#define CHECKLIST_(a)                                                                              \
    {                                                                                              \
        a, sizeof(a) / sizeof(a[0])                                                                \
    }
    CHECKLIST_(check_mobilisation), CHECKLIST_(check_data_collection), CHECKLIST_(check_detection),
    CHECKLIST_(check_feasibility),  CHECKLIST_(check_implementation),  CHECKLIST_(check_evaluation),
#undef CHECKLIST_
};

const char *network_stage_name(int i)
{
    return i >= 0 && i < NETWORK_N_STAGES ? stage_names[i] : NULL;
}

const char *network_stage_label(int i)
{
    return i >= 0 && i < NETWORK_N_STAGES ? stage_labels[i] : NULL;
}

int network_stage_index(const char *name)
{
    for (int i = 0; name && i < NETWORK_N_STAGES; i++)
        if (!strcmp(name, stage_names[i]))
            return i;
    return -1;
}

void network_checklist(int stage, const char *const **items, size_t *n)
{
    if (stage < 0 || stage >= NETWORK_N_STAGES) {
        *items = NULL;
        *n = 0;
        return;
    }
    *items = checklists[stage].items;
    *n = checklists[stage].n;
}

static const char *const role_names[] = {
    "pilot", "facilitator", "chamber", "economic_developer", "company", "funder", "commune", NULL,
};
static const char *const role_labels[] = {
    "structure pilote",
    "animateur·rice",
    "chambre consulaire",
    "développeur économique",
    "entreprise",
    "financeur",
    "commune",
};

bool network_actor_role_valid(const char *role)
{
    return *network_actor_role_label(role) != '\0';
}

const char *network_actor_role_label(const char *role)
{
    for (size_t i = 0; role && role_names[i]; i++)
        if (!strcmp(role, role_names[i]))
            return role_labels[i];
    return "";
}

/* ERR_NOT_FOUND unless the territory exists; ERR_FORBIDDEN unless who runs it. */
static int check_territory(struct store *s, const struct store_account *who, int64_t territory_id,
                           const char *action, struct err *e)
{
    struct store_territory t;
    int rc = store_territory_get(s, territory_id, &t, NULL);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "territory_id : territoire %lld introuvable",
                       (long long)territory_id);
    if (rc)
        return store_territory_get(s, territory_id, &t, e);
    store_territory_release(&t);
    if (!network__facilitates(who, territory_id))
        return network__forbidden(e, action);
    return ERR_OK;
}

int network_actor_add(struct store *s, const struct store_account *who,
                      const struct network_actor_input *in, int64_t *id, struct err *e)
{
    int rc = network__check_enum("role", in->role, role_names, e);
    if (rc == ERR_OK)
        rc = network_check_text("name", in->name, true, false, 200, e);
    if (rc == ERR_OK && in->email && *in->email &&
        (!strchr(in->email, '@') || strpbrk(in->email, " \t\r\n")))
        rc = err_set(e, ERR_INPUT, "email : adresse invalide « %.80s »", in->email);
    if (rc == ERR_OK)
        rc = network_check_text("email", in->email, false, false, 254, e);
    if (rc == ERR_OK)
        rc = check_territory(s, who, in->territory_id, "acteurs du territoire", e);
    if (rc)
        return rc;
    struct store_actor a = {.territory_id = in->territory_id,
                            .name = (char *)in->name,
                            .org_id = in->org_id,
                            .account_id = in->account_id,
                            .email = (char *)(in->email ? in->email : "")};
    int w = snprintf(a.role, sizeof(a.role), "%s", in->role);
    if (w < 0 || (size_t)w >= sizeof(a.role))
        return err_set(e, ERR_INPUT, "role : trop long");
    rc = store_actor_insert(s, &a, id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_INPUT, "org_id : organisation ou compte inconnu");
    return rc;
}

int network_actor_remove(struct store *s, const struct store_account *who, int64_t territory_id,
                         int64_t actor_id, struct err *e)
{
    int rc = check_territory(s, who, territory_id, "acteurs du territoire", e);
    return rc ? rc : store_actor_delete(s, territory_id, actor_id, e);
}

int network_key_date_add(struct store *s, const struct store_account *who, int64_t territory_id,
                         const char *date, const char *label, int64_t *id, struct err *e)
{
    int64_t days;
    int rc = network_date_parse("date", date, &days, e);
    if (rc == ERR_OK)
        rc = network_check_text("label", label, true, false, 200, e);
    if (rc == ERR_OK)
        rc = check_territory(s, who, territory_id, "dates clés", e);
    if (rc)
        return rc;
    struct store_key_date d = {.territory_id = territory_id, .label = (char *)label};
    memcpy(d.date, date, 10);
    return store_key_date_insert(s, &d, id, e);
}

int network_checklist_set(struct store *s, const struct store_account *who, int64_t territory_id,
                          const char *stage, int item, bool is_done, struct err *e)
{
    int i = network_stage_index(stage);
    if (i < 0)
        return network__check_enum("stage", stage, stage_names, e);
    if (item < 0 || (size_t)item >= checklists[i].n)
        return err_set(e, ERR_INPUT, "item : l'étape « %s » compte %zu points (0 à %zu)", stage,
                       checklists[i].n, checklists[i].n - 1);
    int rc = check_territory(s, who, territory_id, "liste de contrôle", e);
    return rc ? rc
              : store_checklist_set(s, territory_id, stage, item, is_done, network__who_id(who), e);
}

int network_territory_set_stage(struct store *s, const struct store_account *who,
                                int64_t territory_id, const char *stage, struct err *e)
{
    int i = network_stage_index(stage);
    if (i < 0)
        return network__check_enum("stage", stage, stage_names, e);
    int rc = check_territory(s, who, territory_id, "étape de la démarche", e);
    return rc ? rc : store_territory_set_stage(s, territory_id, (enum store_stage)i, e);
}

int network_territory_set_jobs(struct store *s, const struct store_account *who,
                               int64_t territory_id, int64_t jobs, struct err *e)
{
    int rc = network_check_range("jobs_created", jobs, 0, 1000000, e);
    if (rc == ERR_OK)
        rc = check_territory(s, who, territory_id, "emplois créés", e);
    return rc ? rc : store_territory_set_jobs(s, territory_id, jobs, e);
}

/* ----------------------------------------------------------- indicators */

enum ind_col {
    IND_ID,
    IND_NAME,
    IND_STAGE,
    IND_COMPANIES,
    IND_FLOWS,
    IND_SYN0, /* five columns, one per synergy status */
    IND_T = IND_SYN0 + 5,
    IND_CO2E,
    IND_EUR,
    IND_JOBS,
    IND_N_COLS
};

static const char *const ind_cols[IND_N_COLS + 1] = {
    "territory_id",
    "territory",
    "stage",
    "companies",
    "flows",
    "synergies_suggested",
    "synergies_studied",
    "synergies_in_progress",
    "synergies_implemented",
    "synergies_abandoned",
    "t_diverted",
    "co2e_t",
    "eur_saved",
    "jobs_created",
    NULL,
};

/* Numeric value of a column (text columns are compared apart). */
static double ind_value(const struct store_indicators *r, int col)
{
    if (col >= IND_SYN0 && col < IND_SYN0 + 5)
        return (double)r->synergies[col - IND_SYN0];
    switch (col) {
    case IND_COMPANIES:
        return (double)r->companies;
    case IND_FLOWS:
        return (double)r->flows;
    case IND_T:
        return r->t_diverted;
    case IND_CO2E:
        return r->co2e_t;
    case IND_EUR:
        return r->eur_saved;
    case IND_JOBS:
        return (double)r->jobs_created;
    default:
        return (double)r->territory_id;
    }
}

static int ind_compare(const struct store_indicators *a, const struct store_indicators *b, int col)
{
    int c = 0;
    if (col == IND_NAME) {
        struct sb fa, fb;
        sb_init(&fa, 0);
        sb_init(&fb, 0);
        text_fold(&fa, a->territory_name, strlen(a->territory_name));
        text_fold(&fb, b->territory_name, strlen(b->territory_name));
        c = strcmp(fa.buf, fb.buf);
        sb_release(&fa);
        sb_release(&fb);
    } else if (col == IND_STAGE) {
        c = network_stage_index(a->stage) - network_stage_index(b->stage);
    } else {
        double va = ind_value(a, col), vb = ind_value(b, col);
        c = (va > vb) - (va < vb);
    }
    return c;
}

/* Insertion sort: stable, and a region has a few dozen territories. */
static void ind_sort(struct store_indicators *rows, size_t n, int col, bool is_desc)
{
    for (size_t i = 1; i < n; i++) {
        struct store_indicators cur = rows[i];
        size_t j = i;
        while (j > 0) {
            int c = ind_compare(&rows[j - 1], &cur, col);
            if (is_desc)
                c = -c;
            if (c < 0 || (c == 0 && rows[j - 1].territory_id <= cur.territory_id))
                break;
            rows[j] = rows[j - 1];
            j--;
        }
        rows[j] = cur;
    }
}

static void add_num(struct sb *out, double v)
{
    if (!isfinite(v))
        v = 0;
    sb_addf(out, ",%.3f", v);
}

int network_indicators_csv(struct store_indicators *rows, size_t n, const char *sort,
                           struct sb *out, struct err *e)
{
    bool is_desc = sort && sort[0] == '-';
    const char *key = sort && *sort ? sort + is_desc : "territory_id";
    int col = -1;
    for (int i = 0; i < IND_N_COLS; i++)
        if (!strcmp(key, ind_cols[i]))
            col = i;
    if (col < 0)
        return network__check_enum("sort", key, ind_cols, e);
    ind_sort(rows, n, col, is_desc);
    for (int i = 0; i < IND_N_COLS; i++) {
        sb_adds(out, ind_cols[i]);
        sb_addc(out, i + 1 < IND_N_COLS ? ',' : '\n');
    }
    for (size_t i = 0; i < n; i++) {
        const struct store_indicators *r = &rows[i];
        sb_addf(out, "%lld,", (long long)r->territory_id);
        sb_add_csv_text(out, r->territory_name);
        sb_addc(out, ',');
        sb_add_csv_text(out, r->stage);
        sb_addf(out, ",%lld,%lld", (long long)r->companies, (long long)r->flows);
        for (int k = 0; k < 5; k++)
            sb_addf(out, ",%lld", (long long)r->synergies[k]);
        add_num(out, r->t_diverted);
        add_num(out, r->co2e_t);
        add_num(out, r->eur_saved);
        sb_addf(out, ",%lld\n", (long long)r->jobs_created);
    }
    return sb_finish(out, e);
}
