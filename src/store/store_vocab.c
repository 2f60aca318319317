/* SPDX-License-Identifier: MIT */
/*
 * store_vocab.c - names of the enumerated columns and the codes of the
 * non-material flow families. The names are stored in the database and
 * appear in CSV, JSON and the CLI: never rename one.
 */
#include "store_int.h"

#include <string.h>

static const char *const territory_kinds[] = {"intercommunality", "business_park", "departement"};
static const char *const stages[] = {"mobilisation", "data_collection", "detection",
                                     "feasibility",  "implementation",  "evaluation"};
static const char *const org_kinds[] = {"company", "public_body", "chamber", "association",
                                        "social_economy"};
static const char *const directions[] = {"offer", "need"};
static const char *const families[] = {"material", "energy",   "water",
                                       "service",  "purchase", "training"};
static const char *const states[] = {"", "solid", "liquid", "sludge", "gas"};
static const char *const availabilities[] = {"continuous", "seasonal", "one_off"};
static const char *const confidentialities[] = {"public", "anonymised", "facilitator_only"};
static const char *const synergy_kinds[] = {"substitution", "mutualisation"};
static const char *const statuses[] = {"suggested", "studied", "in_progress", "implemented",
                                       "abandoned"};
static const char *const roles[] = {"regional_admin", "facilitator", "member", "collector",
                                    "observer"};
static const char *const pool_kinds[] = {"collection", "purchase", "training", "room"};

#define VOCAB_(names, label)                                                                       \
    {                                                                                              \
        names, sizeof(names) / sizeof(names[0]), label                                             \
    }
static const struct {
    const char *const *names;
    int n;
    const char *label; /* for error messages */
} vocabs[STORE_V_COUNT] = {
    [STORE_V_TERRITORY_KIND] = VOCAB_(territory_kinds, "territory kind"),
    [STORE_V_STAGE] = VOCAB_(stages, "stage"),
    [STORE_V_ORG_KIND] = VOCAB_(org_kinds, "organisation kind"),
    [STORE_V_DIRECTION] = VOCAB_(directions, "direction"),
    [STORE_V_FAMILY] = VOCAB_(families, "family"),
    [STORE_V_STATE] = VOCAB_(states, "physical state"),
    [STORE_V_AVAILABILITY] = VOCAB_(availabilities, "availability"),
    [STORE_V_CONFIDENTIALITY] = VOCAB_(confidentialities, "confidentiality"),
    [STORE_V_SYNERGY_KIND] = VOCAB_(synergy_kinds, "synergy kind"),
    [STORE_V_STATUS] = VOCAB_(statuses, "status"),
    [STORE_V_ROLE] = VOCAB_(roles, "role"),
    [STORE_V_POOL_KIND] = VOCAB_(pool_kinds, "pool kind"),
};
#undef VOCAB_

const char *store_vocab_name(enum store_vocab voc, int v)
{
    if ((int)voc < 0 || voc >= STORE_V_COUNT || v < 0 || v >= vocabs[voc].n)
        return "";
    return vocabs[voc].names[v];
}

int store_vocab_count(enum store_vocab voc)
{
    if ((int)voc < 0 || voc >= STORE_V_COUNT)
        return 0;
    return vocabs[voc].n;
}

/* Case-insensitive compare where '-' and ' ' in the input match '_'. */
static bool vocab_eq(struct slice in, const char *name)
{
    size_t n = strlen(name);
    if (in.len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = in.p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c == '-' || c == ' ')
            c = '_';
        if (c != name[i])
            return false;
    }
    return true;
}

int store_vocab_parse(enum store_vocab voc, struct slice name, int *out, struct err *e)
{
    if ((int)voc < 0 || voc >= STORE_V_COUNT)
        return err_set(e, ERR_INTERNAL, "unknown vocabulary %d", (int)voc);
    struct slice t = slice_trim(name);
    for (int i = 0; i < vocabs[voc].n; i++) {
        if (vocab_eq(t, vocabs[voc].names[i])) {
            *out = i;
            return ERR_OK;
        }
    }
    return err_set(e, ERR_INPUT, "unknown %s '%.*s'", vocabs[voc].label,
                   (int)(t.len > 40 ? 40 : t.len), t.p);
}

/* --------------------------------------------- codes of non-material flows */

static const char *const energy_codes[] = {"heat",   "steam",    "cold",           "electricity",
                                           "biogas", "hydrogen", "compressed_air", NULL};
static const char *const water_codes[] = {"process_water",      "cooling_water", "rainwater",
                                          "treated_wastewater", "wastewater",    NULL};
static const char *const service_codes[] = {
    "meeting_room", "storage_space", "parking",   "vehicle", "equipment", "workshop",
    "laboratory",   "land",          "expertise", "canteen", "logistics", NULL};
static const char *const purchase_codes[] = {
    "packaging",    "pallets",  "office_supplies", "cleaning_products", "ppe", "chemicals", "fuel",
    "it_equipment", "raw_wood", "energy_supply",   "water_supply",      NULL};
static const char *const training_codes[] = {
    "safety", "first_aid",  "forklift",   "environment", "energy_efficiency",
    "hazmat", "eco_design", "management", "digital",     "waste_sorting",
    NULL};
static const char *const no_codes[] = {NULL};

const char *const *store_family_codes(enum store_family family)
{
    switch (family) {
    case STORE_FAM_ENERGY:
        return energy_codes;
    case STORE_FAM_WATER:
        return water_codes;
    case STORE_FAM_SERVICE:
        return service_codes;
    case STORE_FAM_PURCHASE:
        return purchase_codes;
    case STORE_FAM_TRAINING:
        return training_codes;
    default:
        return no_codes;
    }
}

bool store_code_family(const char *code, enum store_family *family)
{
    for (int f = STORE_FAM_ENERGY; f <= STORE_FAM_TRAINING; f++) {
        for (const char *const *c = store_family_codes((enum store_family)f); *c; c++) {
            if (strcmp(*c, code) == 0) {
                *family = (enum store_family)f;
                return true;
            }
        }
    }
    return false;
}
