/* SPDX-License-Identifier: MIT */
/*
 * http_pool_fixture.h - on top of http_fixture.h, the pooled-collection
 * world of the optimisation and collection API tests: "Ressourcerie
 * Delta" (social economy, territory 1) registered as collector 1 with a
 * depot and an 800 kg vehicle, the collector account working for it;
 * pool 1 in territory 1 (A and B, 150 kg of cardboard a month each,
 * collected by Delta), pool 2 in territory 2 (C, no collector). Plus the
 * row counter the matrices use.
 */
#ifndef SYMBIOSE_HTTP_POOL_FIXTURE_H
#define SYMBIOSE_HTTP_POOL_FIXTURE_H

#include "http_fixture.h"
#include "optim/optim.h"

#include <sqlite3.h>

static int64_t pool_add(struct store *s, const char *name, int64_t terr, int64_t collector_org,
                        const int64_t *orgs, size_t n)
{
    struct err e;
    struct store_collection c = {.name = (char *)name,
                                 .territory_id = terr,
                                 .collector_org_id = collector_org,
                                 .depot = {47.22, -1.55},
                                 .vehicle_capacity_kg = 800};
    memcpy(c.round_frequency, "monthly", 8);
    int64_t id = 0;
    fx_check(store_collection_insert(s, &c, &id, &e), &e);
    for (size_t i = 0; i < n; i++) {
        struct store_collection_item it = {
            .collection_id = id, .org_id = orgs[i], .quantity_kg = 150};
        memcpy(it.low_code, "150101", 7);
        memcpy(it.frequency, "monthly", 8);
        fx_check(store_collection_item_set(s, &it, NULL, &e), &e);
    }
    return id;
}

/* Builds the world in fx's database; fills pool[1], pool[2] and *org_d. */
static void pool_world(struct fx *fx, int64_t pool[3], int64_t *org_d)
{
    struct err e;
    struct store *s = NULL;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    struct store_org d = {.name = (char *)"Ressourcerie Delta",
                          .kind = STORE_ORG_SOCIAL_ECONOMY,
                          .address = (char *)"2 rue du Réemploi",
                          .pos = {47.22, -1.55},
                          .headcount = 8,
                          .territory_id = fx->terr[1]};
    memcpy(d.siret, "98765432100007", 15);
    memcpy(d.naf, "38.11Z", 7);
    memcpy(d.commune_insee, "44109", 6);
    fx_check(store_org_insert(s, &d, org_d, &e), &e);
    struct optim_collector_input in = {
        .org_id = *org_d, .depot = {47.22, -1.55}, .capacity_kg = 800, .co2e_kg_per_km = -1};
    int64_t col, dep, veh;
    fx_check(optim_collector_add(s, NULL, &in, &col, &dep, &veh, &e), &e);
    assert_int_equal(col, 1);
    int64_t ab[2] = {fx->org_a, fx->org_b};
    pool[1] = pool_add(s, "Cartons de l'Estuaire", fx->terr[1], *org_d, ab, 2);
    pool[2] = pool_add(s, "Cartons d'Anjou", fx->terr[2], 0, &fx->org_c, 1);
    store_close(s);
    /* the collector account works for Ressourcerie Delta */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(fx->db_path, &db), SQLITE_OK);
    char sql[160];
    snprintf(sql, sizeof(sql), "UPDATE accounts SET organisation_id = %lld WHERE email = '%s'",
             (long long)*org_d, fx_emails[FX_COLL]);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static int count_rows(struct fx *fx, const char *table)
{
    char sql[96];
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
    return fx_sql_int(fx, sql);
}

#endif /* SYMBIOSE_HTTP_POOL_FIXTURE_H */
