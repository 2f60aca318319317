/* SPDX-License-Identifier: MIT */
/*
 * optim_fixture.h - flows and synergies for the optimisation tests, on
 * top of network_fixture.h (header-only: the Makefile builds only
 * *_test.c files).
 */
#ifndef SYMBIOSE_OPTIM_FIXTURE_H
#define SYMBIOSE_OPTIM_FIXTURE_H

#include "network_fixture.h"

/* A material flow of t tonnes per year of 150101; returns its id. */
static inline int64_t fixture_flow(struct fixture *f, int64_t org, enum store_direction dir,
                                   double t)
{
    struct store_flow fl = {.org_id = org,
                            .direction = dir,
                            .family = STORE_FAM_MATERIAL,
                            .quantity = t,
                            .qty_per_yr = t,
                            .availability = STORE_AVAIL_CONTINUOUS,
                            .months_mask = 0xFFF,
                            .description = (char *)""};
    memcpy(fl.code, "150101", 7);
    memcpy(fl.unit, "t", 2);
    memcpy(fl.base_unit, "t", 2);
    int64_t id = 0;
    struct err e;
    err_init(&e);
    if (store_flow_insert(f->s, &fl, &id, &e)) {
        fprintf(stderr, "fixture flow: %s\n", e.msg);
        abort();
    }
    return id;
}

/* A substitution synergy estimated at t tonnes, eur euros and t/10 t
 * CO2e per year; returns its id. */
static inline int64_t fixture_synergy(struct fixture *f, int64_t offer, int64_t need,
                                      int64_t receiver, double t, double eur,
                                      enum store_status status)
{
    struct store_synergy y = {.kind = STORE_SYN_SUBSTITUTION,
                              .offer_flow_id = offer,
                              .need_flow_id = need,
                              .receiver_org_id = receiver,
                              .status = status,
                              .reason = (char *)(status == STORE_STATUS_ABANDONED ? "non" : ""),
                              .note = (char *)""};
    store_effects_unknown(&y.estimated);
    store_effects_unknown(&y.measured);
    y.estimated.t_diverted = t;
    y.estimated.eur_saved = eur;
    y.estimated.co2e_t = t / 10;
    int64_t id = 0;
    struct err e;
    err_init(&e);
    if (store_synergy_insert(f->s, &y, 0, &id, &e)) {
        fprintf(stderr, "fixture synergy: %s\n", e.msg);
        abort();
    }
    return id;
}

#endif /* SYMBIOSE_OPTIM_FIXTURE_H */
