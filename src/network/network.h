/* SPDX-License-Identifier: MIT */
/*
 * network.h - the public header of the network module: the services of
 * the regional network built on the store (territories' life, events,
 * forum, library, rooms, trainings, purchases) and the demo region.
 */
#ifndef SYMBIOSE_NETWORK_H
#define SYMBIOSE_NETWORK_H

#include "core/core.h"
#include "ref/ref.h"
#include "store/store.h"

/* ------------------------------------------------- demo region (helper store) */

/* One demo account, with its known password (for trying the web interface). */
struct network_demo_account {
    const char *email;
    const char *password;
    const char *role;  /* store role name */
    const char *scope; /* territory or organisation name, "" for the region */
};

/* What network_demo_load did; the accounts point into static storage
 * except scope strings, which the struct owns (network_demo_result_release). */
struct network_demo_result {
    size_t n_territories_added;
    size_t n_orgs_added;
    size_t n_flows_added;
    size_t n_accounts_added;
    size_t n_synergies_added;
    struct network_demo_account *accounts; /* every demo account, added or not */
    size_t n_accounts;
};

/*
 * network_demo_load - builds the demo region from the reference data with a
 * fixed seed: territories named after real intercommunalities (EPCI) with
 * their member communes, organisations with plausible NAF codes and valid
 * SIRETs placed in those communes, flows that fit each organisation's
 * activity (an activity profile table), demo accounts and a few followed
 * synergies. Idempotent: what already exists (same territory name, SIRET,
 * email) is left as is, so a second run changes nothing. Call inside a
 * transaction. *out is filled even when nothing was added.
 */
int network_demo_load(struct store *s, const struct ref *r, struct network_demo_result *out,
                      struct err *e);
void network_demo_result_release(struct network_demo_result *res);

#endif /* SYMBIOSE_NETWORK_H */
