/* SPDX-License-Identifier: MIT */
/*
 * network_fixture.h - a small region for the network tests: a fresh
 * database file, two territories, organisations and one account of each
 * role. Included by the tests/unit/network_*_test.c files that need a
 * store (header-only: the Makefile builds only *_test.c files).
 */
#ifndef SYMBIOSE_NETWORK_FIXTURE_H
#define SYMBIOSE_NETWORK_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "network/network.h"

/* The tests' clock: 2030-01-01T00:00:00Z. Services that compare with the
 * present take it as now_s, so that dates in the tests are past or future
 * relative to it, whatever the real date is. */
#define FIXTURE_NOW ((int64_t)1893456000)

struct fixture {
    char dir[64];  /* temporary folder holding the database and files */
    char path[96]; /* the database file */
    char files[96];
    struct store *s;
    int64_t terr[2];
    int64_t org[4]; /* org[0], org[1] in terr[0]; org[2] in terr[1]; org[3] none */
    struct store_account admin, facil, member, member2, observer;
};

/* A SIRET with a valid Luhn key from a 13-digit prefix number. */
static inline void fixture_siret(long long n, char out[15])
{
    snprintf(out, 15, "%013lld", n);
    for (int d = 0; d <= 9; d++) {
        out[13] = (char)('0' + d);
        out[14] = '\0';
        if (siret_luhn_ok(out))
            return;
    }
}

static inline void fixture_account(struct fixture *f, struct store_account *a, const char *email,
                                   const char *name, enum store_role role, int64_t org,
                                   int64_t *terr, size_t n_terr)
{
    struct store_account in = {.email = (char *)email,
                               .display_name = (char *)name,
                               .role = role,
                               .org_id = org,
                               .territory_ids = terr,
                               .n_territories = n_terr};
    int64_t id = 0;
    struct err e;
    err_init(&e);
    if (store_account_insert(f->s, &in, "motdepasse-de-test", &id, &e) ||
        store_account_get(f->s, id, a, &e)) {
        fprintf(stderr, "fixture account: %s\n", e.msg);
        abort();
    }
}

static inline void fixture_open(struct fixture *f)
{
    struct err e;
    memset(f, 0, sizeof(*f));
    err_init(&e);
    snprintf(f->dir, sizeof(f->dir), "/tmp/symbiose-net-XXXXXX");
    if (!mkdtemp(f->dir))
        abort();
    snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
    snprintf(f->files, sizeof(f->files), "%s/files", f->dir);
    if (store_open(&f->s, f->path, STORE_OPEN_CREATE, &e)) {
        fprintf(stderr, "fixture open: %s\n", e.msg);
        abort();
    }
    static const char *const names[2] = {"Vallée de l'Arve", "Pays Voironnais"};
    for (int i = 0; i < 2; i++) {
        struct store_territory t = {
            .name = (char *)names[i], .kind = STORE_TK_INTERCOMMUNALITY, .pilot = (char *)"CCI"};
        if (store_territory_insert(f->s, &t, &f->terr[i], &e))
            abort();
    }
    static const struct {
        const char *name;
        double lat, lon;
        int terr; /* -1: none */
    } orgs[4] = {{"Scierie Dupont", 45.90, 6.12, 0},
                 {"Fonderie Arve", 46.07, 6.40, 0},
                 {"Papeterie Voiron", 45.36, 5.59, 1},
                 {"Atelier Solidaire", 45.19, 5.72, -1}};
    for (int i = 0; i < 4; i++) {
        struct store_org o = {.name = (char *)orgs[i].name,
                              .kind = STORE_ORG_COMPANY,
                              .address = (char *)"1 rue de l'Industrie",
                              .pos = {orgs[i].lat, orgs[i].lon},
                              .headcount = 10,
                              .territory_id = orgs[i].terr >= 0 ? f->terr[orgs[i].terr] : 0};
        fixture_siret(7328293200000LL + i * 17, o.siret);
        memcpy(o.naf, "16.10A", 7);
        memcpy(o.postal_code, "74000", 6);
        memcpy(o.commune_insee, "74010", 6);
        if (store_org_insert(f->s, &o, &f->org[i], &e)) {
            fprintf(stderr, "fixture org: %s\n", e.msg);
            abort();
        }
    }
    fixture_account(f, &f->admin, "admin@region.fr", "Alice Admin", STORE_ROLE_REGIONAL_ADMIN, 0,
                    NULL, 0);
    fixture_account(f, &f->facil, "anim@arve.fr", "Élodie Lefèvre", STORE_ROLE_FACILITATOR, 0,
                    &f->terr[0], 1);
    fixture_account(f, &f->member, "marie@scierie.fr", "Marie Dupont", STORE_ROLE_MEMBER, f->org[0],
                    NULL, 0);
    fixture_account(f, &f->member2, "paul@papeterie.fr", "Paul Martin", STORE_ROLE_MEMBER,
                    f->org[2], NULL, 0);
    fixture_account(f, &f->observer, "obs@ademe.fr", "", STORE_ROLE_OBSERVER, 0, NULL, 0);
}

static inline void fixture_close(struct fixture *f)
{
    char cmd[160];
    store_account_release(&f->admin);
    store_account_release(&f->facil);
    store_account_release(&f->member);
    store_account_release(&f->member2);
    store_account_release(&f->observer);
    store_close(f->s);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", f->dir);
}

/* Number of notifications of `kind` for account id. */
static inline size_t fixture_count_notifications(struct fixture *f, int64_t id, const char *kind)
{
    struct store_notification *n = NULL;
    size_t count = 0, hits = 0;
    if (store_notification_list(f->s, id, false, &n, &count, NULL) == ERR_OK)
        for (size_t i = 0; i < count; i++)
            hits += !strcmp(n[i].kind, kind);
    store_notifications_free(n, count);
    return hits;
}

#endif /* SYMBIOSE_NETWORK_FIXTURE_H */
