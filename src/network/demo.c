/* SPDX-License-Identifier: MIT */
/*
 * demo.c - the demo region, generated from the reference data with a
 * fixed seed: territories are real intercommunalities (EPCI) of the
 * communes file, organisations follow an activity profile table (what a
 * sawmill, a paper mill, a foundry... offers and needs), so that matching
 * finds meaningful synergies. Everything is generated in the same order
 * on every run; inserts skip what exists, which makes the load idempotent.
 */
#include "network_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_SEED 0x5eed2026u
#define DEMO_ORGS_PER_TERRITORY 42

/* --- territories: the first eight have DEMO_ORGS_PER_TERRITORY organisations
 * (the demo of earlier versions, drawn first so it stays the same); the
 * others as many as their stage suggests (n_orgs). */
static const struct {
    const char *epci; /* epci_name in communes_pdl.csv, also the territory name */
    const char *pilot;
    enum store_stage stage;
    const char *start_date;
    size_t n_orgs;           /* organisations enrolled */
    const char *facilitator; /* display name of the facilitator account */
} demo_territories[] = {
    {"Nantes Métropole", "Nantes Métropole - direction de l'économie circulaire",
     STORE_STAGE_IMPLEMENTATION, "2019-03-01", DEMO_ORGS_PER_TERRITORY, "Claire Moreau"},
    {"CU Angers Loire Métropole", "CCI Maine-et-Loire", STORE_STAGE_FEASIBILITY, "2020-09-15",
     DEMO_ORGS_PER_TERRITORY, "Julien Perrin"},
    {"CA de la Région Nazairienne et de l'Estuaire (CARENE)", "CARENE - service développement",
     STORE_STAGE_EVALUATION, "2017-01-10", DEMO_ORGS_PER_TERRITORY, "Sophie Le Goff"},
    {"CU Le Mans Métropole", "CCI Le Mans Sarthe", STORE_STAGE_DETECTION, "2022-02-01",
     DEMO_ORGS_PER_TERRITORY, "Thomas Garnier"},
    {"CA Laval Agglomération", "Laval Économie", STORE_STAGE_DATA_COLLECTION, "2023-05-01",
     DEMO_ORGS_PER_TERRITORY, "Camille Rousseau"},
    {"CC du Pays d'Ancenis", "COMPA - pôle économie", STORE_STAGE_DETECTION, "2021-11-01",
     DEMO_ORGS_PER_TERRITORY, "Nicolas Hamon"},
    {"CA La Roche-sur-Yon - Agglomération", "Association des entreprises vendéennes",
     STORE_STAGE_MOBILISATION, "2024-01-15", DEMO_ORGS_PER_TERRITORY, "Émilie Gautier"},
    {"CA Cholet Agglomération", "CMA Pays de la Loire", STORE_STAGE_FEASIBILITY, "2021-04-01",
     DEMO_ORGS_PER_TERRITORY, "Antoine Brunet"},
    {"CA Saumur Val de Loire", "Saumur Val de Loire - service économie", STORE_STAGE_FEASIBILITY,
     "2021-09-01", 28, "Laure Tessier"},
    {"CA Mauges Communauté", "Mauges Communauté - transition écologique",
     STORE_STAGE_IMPLEMENTATION, "2019-10-01", 28, "Mathieu Poirier"},
    {"CA de la Presqu'île de Guérande Atlantique (Cap Atlantique)",
     "Cap Atlantique - développement économique", STORE_STAGE_DETECTION, "2022-09-01", 28,
     "Élodie Marchand"},
    {"CA Les Sables d'Olonne Agglomération", "CCI Vendée", STORE_STAGE_DATA_COLLECTION,
     "2024-03-01", 20, "Hugo Barbier"},
    {"CA Terres de Montaigu", "Terres de Montaigu - pôle économie", STORE_STAGE_EVALUATION,
     "2016-06-01", 28, "Pauline Renaud"},
    {"CC Châteaubriant-Derval", "Club d'entreprises du Castelbriantais", STORE_STAGE_MOBILISATION,
     "2025-02-01", 12, "Romain Colin"},
    {"CC Mayenne Communauté", "CCI de la Mayenne", STORE_STAGE_DATA_COLLECTION, "2024-06-01", 20,
     "Manon Olivier"},
    {"CC du Pays des Herbiers", "Pays des Herbiers - service économie", STORE_STAGE_IMPLEMENTATION,
     "2020-01-15", 28, "Alexandre Joly"},
    {"CC du Pays de Château-Gontier", "Pays de Château-Gontier - développement",
     STORE_STAGE_DETECTION, "2023-01-10", 28, "Lucie Caron"},
    {"CC du Val de Sarthe", "CCI Le Mans Sarthe", STORE_STAGE_MOBILISATION, "2025-04-01", 12,
     "Maxime Aubert"},
    {"CC du Pays Sabolien", "Pays Sabolien - service économie", STORE_STAGE_FEASIBILITY,
     "2022-05-01", 28, "Sarah Vidal"},
    {"CA Clisson Sèvre et Maine Agglo", "Clisson Sèvre et Maine - développement",
     STORE_STAGE_DETECTION, "2023-09-01", 28, "Quentin Bertin"},
};
#define DEMO_N_TERRITORIES (sizeof(demo_territories) / sizeof(demo_territories[0]))

static const char *const demo_surnames[] = {
    "Martin",    "Bernard", "Durand",  "Moreau",  "Guérin",   "Lefèvre",   "Rousseau", "Garnier",
    "Chevalier", "Gautier", "Perrin",  "Robin",   "Morin",    "Blanchard", "Renaud",   "Brunet",
    "Marchand",  "Barbier", "Poirier", "Boucher", "Gaillard", "Joly",      "Olivier",  "Aubert",
    "Leroux",    "Colin",   "Vidal",   "Caron",   "Bertin",   "Hamon",     "Le Goff",  "Tessier",
};

uint64_t network__rng_next(struct network__rng *g)
{
    g->state ^= g->state >> 12;
    g->state ^= g->state << 25;
    g->state ^= g->state >> 27;
    return g->state * 0x2545F4914F6CDD1DULL;
}

size_t network__rng_below(struct network__rng *g, size_t n)
{
    return n ? (size_t)(network__rng_next(g) % n) : 0;
}

double network__rng_unit(struct network__rng *g)
{
    return (double)(network__rng_next(g) >> 11) / 9007199254740992.0;
}

/* A SIRET whose 14 digits pass the Luhn check (never La Poste's SIREN). */
static void demo_siret(struct network__rng *g, char out[15])
{
    do {
        for (int i = 0; i < 13; i++)
            out[i] = (char)('0' + network__rng_below(g, 10));
        out[0] = (char)('1' + network__rng_below(g, 9));
        out[14] = '\0';
        for (int d = 0; d < 10; d++) {
            out[13] = (char)('0' + d);
            if (siret_luhn_ok(out))
                break;
        }
    } while (memcmp(out, "356000000", 9) == 0);
}

static const struct network__demo_profile *demo_pick_profile(struct network__rng *g)
{
    int total = 0;
    size_t n = 0;
    const struct network__demo_profile *table = network__demo_profile_table(&n);
    for (size_t i = 0; i < n; i++)
        total += table[i].weight;
    int x = (int)network__rng_below(g, (size_t)total);
    for (size_t i = 0; i < n; i++) {
        x -= table[i].weight;
        if (x < 0)
            return &table[i];
    }
    return &table[0];
}

/* Communes of one EPCI, as pointers into ref. */
static size_t demo_communes(const struct ref *r, const char *epci, const struct ref_commune ***out)
{
    size_t n = 0, cap = 0;
    const struct ref_commune **cs = NULL;
    for (size_t i = 0; i < ref_commune_count(r); i++) {
        const struct ref_commune *c = ref_commune_at(r, i);
        if (c->epci_name && strcmp(c->epci_name, epci) == 0) {
            CORE_GROW(cs, cap, n + 1);
            cs[n++] = c;
        }
    }
    *out = cs;
    return n;
}

/* Inserts territory t unless its name exists; *id either way. */
static int demo_territory(struct store *s, const struct ref *r, size_t t, int64_t *id, bool *is_new,
                          struct err *e)
{
    *is_new = false;
    struct err fe;
    err_init(&fe);
    int rc = store_territory_find(s, demo_territories[t].epci, id, &fe);
    if (rc != ERR_NOT_FOUND)
        return rc ? err_set(e, fe.code, "%s", fe.msg) : ERR_OK;
    const struct ref_commune **cs = NULL;
    size_t n = demo_communes(r, demo_territories[t].epci, &cs);
    if (n == 0) {
        free(cs);
        return err_set(e, ERR_INTERNAL, "demo: no commune in EPCI '%s'", demo_territories[t].epci);
    }
    struct store_territory terr;
    memset(&terr, 0, sizeof(terr));
    terr.name = (char *)demo_territories[t].epci;
    terr.kind = STORE_TK_INTERCOMMUNALITY;
    terr.pilot = (char *)demo_territories[t].pilot;
    terr.stage = demo_territories[t].stage;
    memcpy(terr.start_date, demo_territories[t].start_date, 11);
    terr.communes = xcalloc(n, sizeof(char *));
    terr.n_communes = n;
    for (size_t i = 0; i < n; i++)
        terr.communes[i] = (char *)cs[i]->insee;
    rc = store_territory_insert(s, &terr, id, e);
    free(terr.communes);
    free(cs);
    *is_new = rc == ERR_OK;
    return rc;
}

/* Fills a flow from its template, quantity drawn and scaled. */
static int demo_flow_fill(struct network__rng *g, const struct network__demo_flow *df, double scale,
                          struct store_flow *fl, struct err *e)
{
    memset(fl, 0, sizeof(*fl));
    fl->direction = df->dir;
    enum store_family fam = STORE_FAM_MATERIAL;
    if (!store_code_family(df->code, &fam))
        fam = STORE_FAM_MATERIAL;
    fl->family = fam;
    size_t n = strlen(df->code);
    if (n >= sizeof(fl->code))
        return err_set(e, ERR_INTERNAL, "demo: code '%s' too long", df->code);
    memcpy(fl->code, df->code, n + 1);
    double q = df->qty_min + (df->qty_max - df->qty_min) * network__rng_unit(g);
    q *= scale;
    q = q >= 100 ? round(q / 10) * 10 : round(q * 10) / 10;
    if (q <= 0)
        q = 1;
    fl->quantity = q;
    memcpy(fl->unit, df->unit, strlen(df->unit) + 1);
    struct qty nq;
    int rc = qty_normalise(&nq, q, slice_cstr(df->unit), slice_from("", 0), e);
    if (rc)
        return err_prefix(e, "demo: %s", df->code);
    fl->qty_per_yr = nq.per_yr;
    memcpy(fl->base_unit, qty_dim_unit(nq.dim), strlen(qty_dim_unit(nq.dim)) + 1);
    fl->state = df->state;
    fl->has_temperature = !isnan(df->temperature_c);
    fl->temperature_c = fl->has_temperature ? df->temperature_c : 0;
    fl->availability = STORE_AVAIL_CONTINUOUS;
    fl->months_mask = 0xFFFu;
    if (fam == STORE_FAM_ENERGY && network__rng_below(g, 4) == 0) {
        fl->availability = STORE_AVAIL_SEASONAL;
        fl->months_mask = 0xE07u; /* October to March: the heating season */
    }
    fl->confidentiality =
        (enum store_confidentiality)(network__rng_below(g, 10) < 7   ? STORE_CONF_PUBLIC
                                     : network__rng_below(g, 2) == 0 ? STORE_CONF_ANONYMISED
                                                                     : STORE_CONF_FACILITATOR_ONLY);
    fl->description = (char *)df->description;
    return ERR_OK;
}

/* Checks a template code against the reference data. */
static int demo_check_code(const struct ref *r, const char *code, bool *is_hazardous, struct err *e)
{
    enum store_family fam;
    *is_hazardous = false;
    if (store_code_family(code, &fam))
        return ERR_OK;
    const struct ref_low *low = ref_low_find(r, code);
    if (!low || low->level != 3)
        return err_set(e, ERR_INTERNAL, "demo: unknown code '%s'", code);
    *is_hazardous = low->is_hazardous;
    return ERR_OK;
}

/* One organisation and its flows; skipped (with its flows) if its SIRET exists. */
static int demo_org(struct store *s, const struct ref *r, struct network__rng *g, int64_t terr_id,
                    const struct ref_commune *com, struct network_demo_result *res, int64_t *org_id,
                    const struct network__demo_profile **picked, struct err *e)
{
    const struct network__demo_profile *p = demo_pick_profile(g);
    *picked = p;
    struct store_org o;
    memset(&o, 0, sizeof(o));
    demo_siret(g, o.siret);
    char naf[8];
    int rc = ref_naf_parse(r, slice_cstr(p->naf), naf, e);
    if (rc)
        return err_prefix(e, "demo profile");
    memcpy(o.naf, naf, sizeof(naf));
    o.kind = p->kind;
    o.headcount = p->headcount_min +
                  (int64_t)network__rng_below(g, (size_t)(p->headcount_max - p->headcount_min + 1));
    struct sb name;
    sb_init(&name, 400);
    if (p->kind == STORE_ORG_PUBLIC_BODY)
        sb_addf(&name, "%s de %s", p->stem, com->name);
    else
        sb_addf(
            &name, "%s %s", p->stem,
            demo_surnames[network__rng_below(g, sizeof(demo_surnames) / sizeof(demo_surnames[0]))]);
    sb_addf(&name, " (%s)", com->name);
    o.name = name.buf;
    struct sb addr;
    sb_init(&addr, 400);
    sb_addf(&addr, "%zu rue de l'Industrie, %s %s", 1 + network__rng_below(g, 120),
            com->postal_code, com->name);
    o.address = addr.buf;
    memcpy(o.postal_code, com->postal_code, sizeof(o.postal_code));
    memcpy(o.commune_insee, com->insee, sizeof(o.commune_insee));
    struct geo_point pos = {com->pos.lat + (network__rng_unit(g) - 0.5) * 0.02,
                            com->pos.lon + (network__rng_unit(g) - 0.5) * 0.03};
    o.pos = ref_in_region(r, pos) ? pos : com->pos;
    o.territory_id = terr_id;
    /* draw every flow before deciding to insert, so the sequence never depends on the database */
    struct store_flow flows[NETWORK__DEMO_MAX_FLOWS];
    size_t n_flows = 0;
    double scale = 0.5 + network__rng_unit(g);
    for (size_t i = 0; rc == ERR_OK && i < NETWORK__DEMO_MAX_FLOWS && p->flows[i].code; i++) {
        const struct network__demo_flow *df = &p->flows[i];
        bool keep = network__rng_below(g, 10) < 9; /* most profiles' flows are declared */
        bool hazardous = false;
        rc = demo_check_code(r, df->code, &hazardous, e);
        if (rc || !keep || df->qty_max <= 0)
            continue;
        rc = demo_flow_fill(g, df, scale, &flows[n_flows], e);
        flows[n_flows].is_hazardous = hazardous;
        n_flows++;
    }
    struct err fe;
    err_init(&fe);
    int64_t existing = 0;
    if (rc == ERR_OK) {
        rc = store_org_find_siret(s, o.siret, &existing, &fe);
        if (rc == ERR_OK) {
            *org_id = existing;
        } else if (rc == ERR_NOT_FOUND) {
            rc = store_org_insert(s, &o, org_id, e);
            if (rc == ERR_OK)
                res->n_orgs_added++;
            for (size_t i = 0; rc == ERR_OK && i < n_flows; i++) {
                flows[i].org_id = *org_id;
                rc = store_flow_insert(s, &flows[i], NULL, e);
                if (rc == ERR_OK)
                    res->n_flows_added++;
            }
        } else {
            rc = err_set(e, fe.code, "%s", fe.msg);
        }
    }
    sb_release(&name);
    sb_release(&addr);
    return rc;
}

/* --- accounts */
#define DEMO_PW_ADMIN "demo-admin-2026"
#define DEMO_PW_FACILITATOR "demo-animation-2026"
#define DEMO_PW_MEMBER "demo-membre-2026"
#define DEMO_N_MEMBERS NETWORK__DEMO_MEMBERS /* members of the first territories */

static int demo_account(struct store *s, struct network_demo_result *res, const char *email,
                        const char *password, enum store_role role, int64_t terr_id, int64_t org_id,
                        const char *display, const char *scope, struct err *e)
{
    struct network_demo_account *a = &res->accounts[res->n_accounts++];
    a->email = xstrdup(email);
    a->password = password;
    a->role = store_vocab_name(STORE_V_ROLE, (int)role);
    a->scope = xstrdup(scope);
    int64_t id = 0;
    struct err fe;
    err_init(&fe);
    int rc = store_account_find_email(s, email, &id, &fe);
    if (rc == ERR_OK)
        return ERR_OK;
    if (rc != ERR_NOT_FOUND)
        return err_set(e, fe.code, "%s", fe.msg);
    struct store_account acc;
    memset(&acc, 0, sizeof(acc));
    acc.email = (char *)email;
    acc.display_name = (char *)display;
    acc.role = role;
    acc.org_id = org_id;
    if (terr_id) {
        acc.territory_ids = &terr_id;
        acc.n_territories = 1;
    }
    rc = store_account_insert(s, &acc, password, NULL, e);
    if (rc == ERR_OK)
        res->n_accounts_added++;
    return rc;
}

/* --- pooled collection: a social-economy collector of the region and the
 * small quantities of cardboard and pallets of one territory's members */
#define DEMO_COLLECTION_SEED 0xc011ec7eu
#define DEMO_COLLECTION_MEMBERS 10
#define DEMO_PW_COLLECTOR "demo-collecte-2026"

/* The collector organisation (no territory: it serves the region). */
static int demo_collector_org(struct store *s, const struct ref *r, struct network__rng *g,
                              struct network_demo_result *res, int64_t *org_id, struct err *e)
{
    const struct ref_commune *com = ref_commune_find(r, "44109");
    if (!com)
        return err_set(e, ERR_INTERNAL, "demo: commune 44109 missing from the reference data");
    struct store_org o;
    memset(&o, 0, sizeof(o));
    demo_siret(g, o.siret);
    struct err fe;
    err_init(&fe);
    int rc = store_org_find_siret(s, o.siret, org_id, &fe);
    if (rc != ERR_NOT_FOUND)
        return rc ? err_set(e, fe.code, "%s", fe.msg) : ERR_OK;
    rc = ref_naf_parse(r, slice_cstr("38.11Z"), o.naf, e);
    if (rc)
        return err_prefix(e, "demo collector");
    o.name = "Ressourcerie du Port (collecte solidaire)";
    o.kind = STORE_ORG_SOCIAL_ECONOMY;
    o.address = "12 quai de la Fosse, 44000 Nantes";
    memcpy(o.postal_code, "44000", 6);
    memcpy(o.commune_insee, com->insee, sizeof(o.commune_insee));
    o.pos = (struct geo_point){com->pos.lat - 0.006, com->pos.lon - 0.012};
    o.headcount = 18;
    rc = store_org_insert(s, &o, org_id, e);
    if (rc == ERR_OK)
        res->n_orgs_added++;
    return rc;
}

/* Its depot and its light truck, when it is not a collector yet. */
static int demo_collector(struct store *s, int64_t org_id, struct geo_point depot, struct err *e)
{
    int64_t id = 0;
    struct err fe;
    err_init(&fe);
    int rc = store_collector_find_org(s, org_id, &id, &fe);
    if (rc != ERR_NOT_FOUND)
        return rc ? err_set(e, fe.code, "%s", fe.msg) : ERR_OK;
    rc = store_collector_insert(s, org_id, &id, e);
    struct store_depot d = {.collector_id = id,
                            .name = "Dépôt du quai de la Fosse",
                            .address = "12 quai de la Fosse, 44000 Nantes",
                            .pos = depot};
    if (rc == ERR_OK)
        rc = store_depot_insert(s, &d, NULL, e);
    struct store_vehicle v = {.collector_id = id,
                              .name = "Camion 3,5 t",
                              .capacity_kg = 1200,
                              .cost_eur_per_km = 0.9,
                              .co2e_kg_per_km = 0.28};
    if (rc == ERR_OK)
        rc = store_vehicle_insert(s, &v, NULL, e);
    return rc;
}

/* The pool of the territory, unless one of that name exists. Members: the
 * territory's first companies, each with cardboard and sometimes pallets. */
static int demo_collection(struct store *s, struct network__rng *g, int64_t terr_id,
                           int64_t collector_org, struct geo_point depot,
                           struct network_demo_result *res, struct err *e)
{
    static const char name[] = "Cartons et palettes des petites entreprises (Nantes Métropole)";
    struct store_collection *cs = NULL;
    size_t n_cs = 0;
    int rc = store_collection_list(s, &cs, &n_cs, e);
    bool exists = false;
    for (size_t i = 0; rc == ERR_OK && i < n_cs; i++)
        exists = exists || strcmp(cs[i].name, name) == 0;
    store_collections_free(cs, n_cs);
    /* draw the quantities first, so the sequence never depends on the database */
    double kg[DEMO_COLLECTION_MEMBERS][2];
    for (size_t i = 0; i < DEMO_COLLECTION_MEMBERS; i++) {
        kg[i][0] = 20 * (double)(2 + network__rng_below(g, 14)); /* cardboard 40..300 kg a month */
        kg[i][1] = network__rng_below(g, 2) ? 50 * (double)(1 + network__rng_below(g, 6))
                                            : 0; /* pallets */
    }
    if (rc || exists)
        return rc;
    struct store_collection c = {.name = (char *)name,
                                 .territory_id = terr_id,
                                 .collector_org_id = collector_org,
                                 .depot = depot,
                                 .vehicle_capacity_kg = 1200,
                                 .round_frequency = "monthly"};
    int64_t cid = 0;
    rc = store_collection_insert(s, &c, &cid, e);
    struct store_filter f;
    store_filter_init(&f);
    f.territory_id = terr_id;
    struct store_org *os = NULL;
    size_t n_os = 0;
    if (rc == ERR_OK)
        rc = store_org_list(s, &f, &os, &n_os, e);
    size_t k = 0;
    for (size_t i = 0; rc == ERR_OK && i < n_os && k < DEMO_COLLECTION_MEMBERS; i++) {
        if (os[i].kind != STORE_ORG_COMPANY)
            continue;
        struct store_collection_item it = {
            .collection_id = cid, .org_id = os[i].id, .quantity_kg = kg[k][0]};
        memcpy(it.low_code, "150101", 7);
        memcpy(it.frequency, "monthly", 8);
        rc = store_collection_item_set(s, &it, NULL, e);
        if (rc == ERR_OK && kg[k][1] > 0) {
            memcpy(it.low_code, "150103", 7);
            it.quantity_kg = kg[k][1];
            memcpy(it.frequency, "quarterly", 10);
            rc = store_collection_item_set(s, &it, NULL, e);
        }
        k++;
    }
    store_orgs_free(os, n_os);
    if (rc == ERR_OK) {
        res->n_collections_added++;
        res->collection_id = cid;
    }
    return rc;
}

static int demo_pooled_collection(struct store *s, const struct ref *r, int64_t terr_id,
                                  struct network_demo_result *res, struct err *e)
{
    struct network__rng g = {DEMO_COLLECTION_SEED};
    int64_t org_id = 0;
    int rc = demo_collector_org(s, r, &g, res, &org_id, e);
    struct store_org o;
    if (rc == ERR_OK)
        rc = store_org_get(s, org_id, &o, e);
    if (rc)
        return rc;
    struct geo_point depot = o.pos;
    rc = demo_account(s, res, "collecte@demo.symbiose.fr", DEMO_PW_COLLECTOR, STORE_ROLE_COLLECTOR,
                      0, org_id, "Ressourcerie du Port", o.name, e);
    store_org_release(&o);
    if (rc == ERR_OK)
        rc = demo_collector(s, org_id, depot, e);
    if (rc == ERR_OK)
        rc = demo_collection(s, &g, terr_id, org_id, depot, res, e);
    return rc;
}

/* Display names of the member accounts, so that forum mentions read as people. */
static const char *const demo_member_names[DEMO_N_MEMBERS] = {
    "Marc Durand",    "Isabelle Robin",  "Patrick Morin",  "Nathalie Blanchard",
    "Olivier Leroux", "Céline Gaillard", "Franck Bernard", "Valérie Chevalier",
};

const char *network__demo_member_name(size_t m)
{
    return m < DEMO_N_MEMBERS ? demo_member_names[m] : "";
}

/* Whether an activity offers a material (a waste or a by-product): the
 * region always has takers for those, so its members see suggestions. */
static bool demo_profile_offers_material(const struct network__demo_profile *p)
{
    for (size_t i = 0; i < NETWORK__DEMO_MAX_FLOWS && p->flows[i].code; i++) {
        enum store_family fam;
        if (p->flows[i].dir == STORE_DIR_OFFER && !store_code_family(p->flows[i].code, &fam))
            return true;
    }
    return false;
}

/* The organisations of territory t. *member_org: the organisation of its
 * member account: the first one for the first four territories (as in
 * earlier versions of the demo), else the first that offers a material. */
static int demo_territory_orgs(struct store *s, const struct ref *r, struct network__rng *g,
                               size_t t, int64_t terr_id, struct network_demo_result *res,
                               int64_t *member_org, struct err *e)
{
    const struct ref_commune **cs = NULL;
    size_t n_cs = demo_communes(r, demo_territories[t].epci, &cs);
    int rc = ERR_OK;
    *member_org = 0;
    if (n_cs == 0)
        rc = err_set(e, ERR_INTERNAL, "demo: no commune in EPCI '%s'", demo_territories[t].epci);
    for (size_t k = 0; rc == ERR_OK && k < demo_territories[t].n_orgs; k++) {
        /* the central commune (most populated) hosts more organisations */
        const struct ref_commune *com = cs[network__rng_below(g, n_cs)];
        if (network__rng_below(g, 3) == 0) {
            for (size_t c = 0; c < n_cs; c++) {
                if (cs[c]->population > com->population)
                    com = cs[c];
            }
        }
        int64_t org_id = 0;
        const struct network__demo_profile *p = NULL;
        rc = demo_org(s, r, g, terr_id, com, res, &org_id, &p, e);
        if (rc == ERR_OK && !*member_org && (t < 4 || demo_profile_offers_material(p)))
            *member_org = org_id;
    }
    free(cs);
    return rc;
}

static int demo_email(char *buf, size_t size, const char *stem, size_t i, struct err *e)
{
    int w = snprintf(buf, size, "%s%zu@demo.symbiose.fr", stem, i);
    if (w < 0 || (size_t)w >= size)
        return err_set(e, ERR_INTERNAL, "demo: email too long");
    return ERR_OK;
}

/* The member account of territory t, for organisation org_id. */
static int demo_member(struct store *s, struct network_demo_result *res, size_t t, int64_t org_id,
                       struct err *e)
{
    char email[96];
    struct store_org o;
    int rc = demo_email(email, sizeof(email), "membre", t + 1, e);
    if (rc == ERR_OK && !org_id)
        rc = err_set(e, ERR_INTERNAL, "demo: no member organisation in '%s'",
                     demo_territories[t].epci);
    if (rc == ERR_OK)
        rc = store_org_get(s, org_id, &o, e);
    if (rc)
        return rc;
    rc = demo_account(s, res, email, DEMO_PW_MEMBER, STORE_ROLE_MEMBER, 0, org_id,
                      demo_member_names[t], o.name, e);
    store_org_release(&o);
    return rc;
}

/* Looks up an account by email into *id (ERR_INTERNAL if missing: the demo made it). */
static int demo_find_account(struct store *s, const char *email, int64_t *id, struct err *e)
{
    struct err fe;
    err_init(&fe);
    int rc = store_account_find_email(s, email, id, &fe);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_INTERNAL, "demo: account %s missing", email);
    return rc ? err_set(e, fe.code, "%s", fe.msg) : ERR_OK;
}

int network__demo_init(struct network__demo *d, struct store *s, const struct ref *r,
                       const struct network_demo_options *opts, struct network_demo_result *res,
                       struct err *e)
{
    memset(d, 0, sizeof(*d));
    d->s = s;
    d->r = r;
    d->opts = opts;
    d->res = res;
    d->n_territories = DEMO_N_TERRITORIES;
    d->territory_ids = xcalloc(DEMO_N_TERRITORIES, sizeof(*d->territory_ids));
    d->territory_names = xcalloc(DEMO_N_TERRITORIES, sizeof(*d->territory_names));
    d->stages = xcalloc(DEMO_N_TERRITORIES, sizeof(*d->stages));
    d->facilitator_ids = xcalloc(DEMO_N_TERRITORIES, sizeof(*d->facilitator_ids));
    d->facilitator_names = xcalloc(DEMO_N_TERRITORIES, sizeof(*d->facilitator_names));
    struct network_civil today;
    network_paris_from_utc(opts->now_s, &today);
    d->today_days = network__days_from_civil(today.year, today.month, today.day);
    char email[96];
    int rc = demo_find_account(s, "admin@demo.symbiose.fr", &d->admin_id, e);
    for (size_t t = 0; rc == ERR_OK && t < DEMO_N_TERRITORIES; t++) {
        struct err fe;
        err_init(&fe);
        d->territory_names[t] = demo_territories[t].epci;
        d->stages[t] = demo_territories[t].stage;
        d->facilitator_names[t] = demo_territories[t].facilitator;
        rc = store_territory_find(s, demo_territories[t].epci, &d->territory_ids[t], &fe);
        if (rc)
            rc = err_set(e, ERR_INTERNAL, "demo: territory '%s': %s", demo_territories[t].epci,
                         fe.msg);
        if (rc == ERR_OK)
            rc = demo_email(email, sizeof(email), "animation", t + 1, e);
        if (rc == ERR_OK)
            rc = demo_find_account(s, email, &d->facilitator_ids[t], e);
    }
    for (size_t m = 0; rc == ERR_OK && m < DEMO_N_MEMBERS; m++) {
        struct store_account a;
        rc = demo_email(email, sizeof(email), "membre", m + 1, e);
        if (rc == ERR_OK)
            rc = demo_find_account(s, email, &d->member_ids[m], e);
        if (rc == ERR_OK)
            rc = store_account_get(s, d->member_ids[m], &a, e);
        if (rc == ERR_OK) {
            d->member_orgs[m] = a.org_id;
            d->member_terr[m] = m;
            d->n_members++;
            store_account_release(&a);
        }
    }
    return rc;
}

void network__demo_release(struct network__demo *d)
{
    free(d->territory_ids);
    free(d->territory_names);
    free(d->stages);
    free(d->facilitator_ids);
    free(d->facilitator_names);
    memset(d, 0, sizeof(*d));
}

int network_demo_load(struct store *s, const struct ref *r, const struct network_demo_options *opts,
                      struct network_demo_result *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    out->accounts = xcalloc(2 + DEMO_N_TERRITORIES + DEMO_N_MEMBERS, sizeof(*out->accounts));
    struct network__rng g = {DEMO_SEED};
    int rc = demo_account(s, out, "admin@demo.symbiose.fr", DEMO_PW_ADMIN,
                          STORE_ROLE_REGIONAL_ADMIN, 0, 0, "Coordination régionale", "", e);
    int64_t first_terr = 0;
    for (size_t t = 0; rc == ERR_OK && t < DEMO_N_TERRITORIES; t++) {
        int64_t terr_id = 0, member_org = 0;
        bool is_new = false;
        char email[96];
        rc = demo_territory(s, r, t, &terr_id, &is_new, e);
        if (rc == ERR_OK && is_new)
            out->n_territories_added++;
        if (t == 0)
            first_terr = terr_id;
        if (rc == ERR_OK)
            rc = demo_territory_orgs(s, r, &g, t, terr_id, out, &member_org, e);
        if (rc == ERR_OK)
            rc = demo_email(email, sizeof(email), "animation", t + 1, e);
        if (rc == ERR_OK)
            rc = demo_account(s, out, email, DEMO_PW_FACILITATOR, STORE_ROLE_FACILITATOR, terr_id,
                              0, demo_territories[t].facilitator, demo_territories[t].epci, e);
        if (rc == ERR_OK && t < DEMO_N_MEMBERS)
            rc = demo_member(s, out, t, member_org, e);
    }
    if (rc == ERR_OK)
        rc = demo_pooled_collection(s, r, first_terr, out, e);
    struct network__demo d = {0};
    if (rc == ERR_OK)
        rc = network__demo_init(&d, s, r, opts, out, e);
    if (rc == ERR_OK)
        rc = network__demo_life(&d, e);
    network__demo_release(&d);
    return rc;
}

void network_demo_result_release(struct network_demo_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->n_accounts; i++) {
        free((char *)res->accounts[i].email);
        free((char *)res->accounts[i].scope);
    }
    free(res->accounts);
    memset(res, 0, sizeof(*res));
}
