/* SPDX-License-Identifier: MIT */
/*
 * cmd_demo.c - `symbiose demo`: loads the demo region (idempotent, one
 * transaction) and prints what the database then holds, with the demo
 * accounts and their passwords. Between the region and its follow-up,
 * detection runs on the whole region (optim_detect, as `symbiose match`
 * does on the database) when this run added organisations, so that every
 * facilitator and member finds suggestions at first login; a run that
 * adds nothing changes nothing. The rounds of the demo's pooled
 * collection are computed and saved when this run added the collection,
 * so that its collector has a round to drive. The network's calendar is
 * placed around the day of the first run; later runs leave it where it is.
 */
#include "cli.h"
#include "network/network.h"
#include "optim/optim.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char cmd_demo_help[] =
    "usage : symbiose demo\n"
    "\n"
    "Charge la région de démonstration (territoires, organisations, flux,\n"
    "comptes) dans la base, qu'elle crée si besoin. Relancée, elle ne crée\n"
    "aucun doublon.\n"
    "\n"
    "options : aucune\n"
    "\n"
    "exemple :\n"
    "  symbiose --db demo.db demo\n";

/* Synergies of the database by status, one line. */
static int demo_synergy_counts(struct store *s, struct err *e)
{
    struct store_filter f;
    store_filter_init(&f);
    struct store_synergy *syns = NULL;
    size_t n = 0, by_status[5] = {0};
    int rc = store_synergy_list(s, &f, &syns, &n, e);
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        if ((int)syns[i].status >= 0 && (int)syns[i].status < 5)
            by_status[syns[i].status]++;
    store_synergies_free(syns, n);
    if (rc)
        return rc;
    printf("Synergies : %zu :", n);
    for (int st = 0; st < 5; st++)
        printf(" %s %zu", store_vocab_name(STORE_V_STATUS, st), by_status[st]);
    putchar('\n');
    return ERR_OK;
}

/* Detection on the whole region with the default parameters. */
static int demo_detect(struct cli_ctx *ctx, struct store *s, const struct ref *r,
                       struct optim_detect_counts *c, struct err *e)
{
    struct ref_rules *rules = NULL;
    struct engine_match_params p;
    int rc = ref_rules_load(&rules, r, ctx->data_dir, e);
    if (rc)
        return rc;
    optim_match_params_init(&p, r);
    rc = optim_detect(s, rules, &p, 0, 0, c, e);
    ref_rules_free(rules);
    return rc;
}

/* The rounds of the demo's pooled collection (optim_rounds_build with
 * the default assumptions), planned a week ahead, saved. */
static int demo_rounds(struct cli_ctx *ctx, struct store *s, const struct ref *r,
                       int64_t collection_id, int64_t now_s, struct err *e)
{
    struct ref_sites sites = {0};
    struct optim_rounds out = {0};
    struct optim_rounds_params p;
    char when[NETWORK_TIME_BUF];
    optim_rounds_params_init(&p);
    p.collection_id = collection_id;
    network_time_format_iso(now_s + 7 * 86400, when);
    memcpy(p.date, when, 10);
    p.date[10] = '\0';
    int rc = ref_sites_load(ctx->data_dir, &sites, e);
    if (rc == ERR_OK)
        rc = optim_rounds_build(s, r, &sites, &p, &out, e);
    if (rc == ERR_OK)
        rc = store_round_insert(s, &out.round, out.stops, out.n_stops, &out.round.id, e);
    optim_rounds_release(&out);
    ref_sites_release(&sites);
    return rc;
}

static int demo_summary(struct store *s, const struct network_demo_result *res,
                        const struct optim_detect_counts *detected, struct err *e)
{
    struct store_territory *ts = NULL;
    size_t n_ts = 0, n = 0;
    int rc = store_territory_list(s, &ts, &n_ts, e);
    if (rc)
        return rc;
    printf("Territoires (%zu) :\n", n_ts);
    for (size_t i = 0; i < n_ts; i++) {
        const char *stage = store_vocab_name(STORE_V_STAGE, (int)ts[i].stage);
        const char *label = network_stage_label(network_stage_index(stage));
        printf("  %2lld  %-55s %3zu communes  %3zu organisations  étape « %s »\n",
               (long long)ts[i].id, ts[i].name, ts[i].n_communes, ts[i].n_organisations,
               label ? label : stage);
    }
    store_territories_free(ts, n_ts);
    struct store_filter f;
    store_filter_init(&f);
    rc = store_org_count(s, &f, &n, e);
    if (rc)
        return rc;
    printf("Organisations : %zu\n", n);
    rc = store_flow_count(s, &f, &n, e);
    if (rc)
        return rc;
    printf("Flux : %zu\n", n);
    for (int d = 0; d < store_vocab_count(STORE_V_DIRECTION); d++) {
        f.direction = d;
        f.family = -1;
        rc = store_flow_count(s, &f, &n, e);
        if (rc)
            return rc;
        printf("  %-6s %5zu :", d == STORE_DIR_OFFER ? "offres" : "besoins", n);
        for (int fam = 0; fam < store_vocab_count(STORE_V_FAMILY); fam++) {
            f.family = fam;
            rc = store_flow_count(s, &f, &n, e);
            if (rc)
                return rc;
            printf(" %s %zu", store_vocab_name(STORE_V_FAMILY, fam), n);
        }
        putchar('\n');
    }
    rc = demo_synergy_counts(s, e);
    if (rc)
        return rc;
    printf("Ajouts de ce lancement : %zu territoires, %zu organisations, %zu flux, %zu comptes, "
           "%zu synergies, %zu collectes mutualisées\n",
           res->n_territories_added, res->n_orgs_added, res->n_flows_added, res->n_accounts_added,
           res->n_synergies_added, res->n_collections_added);
    printf("  réseau : %zu suggestions détectées, %zu événements, %zu inscriptions, %zu salles, "
           "%zu réservations, %zu formations, %zu achats groupés (%zu participants), "
           "%zu discussions (%zu réponses), %zu documents\n",
           detected->n_new, res->n_events_added, res->n_registrations_added, res->n_rooms_added,
           res->n_bookings_added, res->n_trainings_added, res->n_purchases_added,
           res->n_purchase_lines_added, res->n_threads_added, res->n_posts_added,
           res->n_documents_added);
    printf("Comptes de démonstration (%zu) :\n", res->n_accounts);
    for (size_t i = 0; i < res->n_accounts; i++) {
        const struct network_demo_account *a = &res->accounts[i];
        printf("  %-32s mot de passe %-20s %-15s %s\n", a->email, a->password, a->role, a->scope);
    }
    return ERR_OK;
}

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    int status = cli_args_check(argc, argv, used);
    free(used);
    if (status != CLI_EXIT_OK)
        return status;
    struct err e;
    err_init(&e);
    struct ref *r = NULL;
    struct store *s = NULL;
    struct network_demo_result res = {0};
    struct optim_detect_counts detected = {0};
    struct sb files;
    sb_init(&files, 4096);
    sb_addf(&files, "%s.files", ctx->db_path); /* where the server keeps the library's files */
    struct network_demo_options opts = {.now_s = (int64_t)time(NULL), .files_dir = files.buf};
    int rc = sb_finish(&files, &e);
    if (rc == ERR_OK)
        rc = ref_load(&r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = store_open(&s, ctx->db_path, STORE_OPEN_CREATE, &e);
    if (rc == ERR_OK)
        rc = store_tx_begin(s, &e);
    if (rc == ERR_OK)
        rc = network_demo_load(s, r, &opts, &res, &e);
    if (rc == ERR_OK && res.n_orgs_added > 0)
        rc = demo_detect(ctx, s, r, &detected, &e);
    if (rc == ERR_OK)
        rc = network_demo_follow(s, r, &opts, &res, &e);
    if (rc == ERR_OK && res.collection_id)
        rc = demo_rounds(ctx, s, r, res.collection_id, opts.now_s, &e);
    if (rc == ERR_OK && res.n_orgs_added + res.n_accounts_added + res.n_territories_added)
        rc = store_audit_add(s, 0, "demo", "region", 0, "", "", &e);
    if (rc == ERR_OK)
        rc = store_tx_commit(s, &e);
    if (rc == ERR_OK)
        rc = demo_summary(s, &res, &detected, &e);
    store_tx_rollback(s);
    store_close(s);
    ref_free(r);
    network_demo_result_release(&res);
    sb_release(&files);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}
