/* SPDX-License-Identifier: MIT */
/*
 * cmd_import.c - `symbiose import organisations|flows FILE.csv`: validates
 * every row, prints every bad one as FILE:LINE: field: reason, and writes
 * all rows in one transaction only if none was bad.
 */
#include "cli.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_import_help[] =
    "usage : symbiose import organisations FICHIER.csv\n"
    "        symbiose import flows FICHIER.csv\n"
    "\n"
    "Importe un fichier CSV (UTF-8, ligne d'en-tête, colonnes dans n'importe\n"
    "quel ordre) tout ou rien : chaque ligne fautive est signalée sous la forme\n"
    "FICHIER:LIGNE: champ: raison et rien n'est écrit.\n"
    "  organisations : siret,name,naf,commune_insee obligatoires ; lat, lon,\n"
    "                  address, postal_code, headcount, kind, territory facultatifs\n"
    "  flows         : siret,direction,code,quantity,unit obligatoires ; family,\n"
    "                  description, period, hazardous, temperature_c, availability,\n"
    "                  cost_eur_per_unit, confidentiality facultatifs\n"
    "\n"
    "options : aucune\n"
    "\n"
    "exemple :\n"
    "  symbiose import organisations entreprises.csv\n";

/* Errors printed at most; the rest are counted. */
#define IMPORT_MAX_PRINTED 1000

static int import_report(const struct err_list *errs)
{
    for (size_t i = 0; i < errs->n; i++)
        fprintf(stderr, "%s\n", errs->lines[i]);
    if (errs->n_dropped)
        fprintf(stderr, "... et %zu autres erreurs\n", errs->n_dropped);
    fprintf(stderr, "symbiose: %zu erreur(s), rien n'a été importé\n", err_list_count(errs));
    return CLI_EXIT_DATA;
}

int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "organisations") != 0 && strcmp(argv[1], "flows") != 0))
        return cli_usage("import : organisations ou flows puis un fichier CSV attendus (voir « "
                         "symbiose help import »)");
    bool is_orgs = strcmp(argv[1], "organisations") == 0;
    const char *path = argv[2];
    struct err e;
    err_init(&e);
    struct err_list errs;
    err_list_init(&errs, IMPORT_MAX_PRINTED);
    struct store_import imp;
    store_import_init(&imp, path);
    struct ref *r = NULL;
    struct store *s = NULL;
    char *buf = NULL;
    size_t len = 0;
    int status = CLI_EXIT_OK;
    double t0 = core_now_s();

    int rc = file_read_all(path, STORE_IMPORT_MAX_BYTES, &buf, &len, &e);
    if (rc == ERR_OK)
        rc = ref_load(&r, ctx->data_dir, &e);
    if (rc) {
        status = cli_fail(&e);
        goto out;
    }
    if (is_orgs)
        store_import_parse_orgs(&imp, r, buf, len, &errs);
    else
        store_import_parse_flows(&imp, r, buf, len, &errs);
    rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = store_tx_begin(s, &e);
    if (rc) {
        status = cli_fail(&e);
        goto out;
    }
    /* database checks run even after parse errors, so one pass shows them all */
    rc = store_import_apply(s, &imp, &errs, &e);
    if (err_list_count(&errs)) {
        status = import_report(&errs);
        goto out;
    }
    if (rc == ERR_OK)
        rc = store_audit_add(s, 0, "import", is_orgs ? "organisation" : "flow", 0, "", "", &e);
    if (rc == ERR_OK)
        rc = store_tx_commit(s, &e);
    if (rc) {
        status = cli_fail(&e);
        goto out;
    }
    if (is_orgs)
        printf("%zu organisations importées depuis %s (%.2f s)\n", imp.n_orgs, path,
               core_now_s() - t0);
    else
        printf("%zu flux importés depuis %s (%.2f s)\n", imp.n_flows, path, core_now_s() - t0);
out:
    if (s)
        store_tx_rollback(s);
    store_close(s);
    ref_free(r);
    free(buf);
    store_import_release(&imp);
    err_list_release(&errs);
    return status;
}
