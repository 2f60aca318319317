/* SPDX-License-Identifier: MIT */
/*
 * cmd_sirene.c - `symbiose sirene import|list`: the register of
 * establishments (SIRENE StockEtablissement) as prospects. The import
 * streams the file in one transaction and writes nothing if any row is
 * bad (every bad row printed as FILE:LINE: field: reason); `--check`
 * validates without writing. The list prints CSV (neutralised text) or
 * JSON, one prospect at a time.
 */
#include "cli.h"
#include "optim/optim.h"
#include "store/store.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_sirene_help[] =
    "usage : symbiose sirene import FICHIER.csv [--departements 44,49,...] [--territory ID] "
    "[--check]\n"
    "        symbiose sirene list [--territory ID] [--format csv|json]\n"
    "        symbiose sirene rank --territory ID [--naf PREFIXE] [--min-employees N] [--limit N]\n"
    "        symbiose sirene enrol SIRET [--territory ID]\n"
    "\n"
    "Importe le fichier des établissements SIRENE (StockEtablissement, CSV UTF-8) comme\n"
    "prospects : établissements actifs de la région, filtrés par départements ou par\n"
    "territoire. Tout ou rien : une ligne erronée et rien n'est importé. Une réimportation\n"
    "met à jour, ferme et ajoute ; une organisation déjà inscrite n'est jamais modifiée (sa\n"
    "fermeture est seulement signalée). rank écrit la liste d'appels (CSV) : les prospects\n"
    "du territoire classés par potentiel de synergies de leurs flux estimés (flux types de\n"
    "leur activité et de leur taille), avec les raisons ; ces flux sont des estimations,\n"
    "jamais des flux déclarés. enrol inscrit un prospect comme organisation en une étape\n"
    "(SIRET, adresse et position conservés) ; ses flux estimés deviennent des brouillons.\n"
    "\n"
    "options :\n"
    "  --departements L    (import) départements gardés, séparés par des virgules\n"
    "                      (défaut : ceux de la région)\n"
    "  --territory ID      (import) les communes d'un territoire ; (list, enrol) le\n"
    "                      territoire ; (rank) obligatoire\n"
    "  --check             (import) vérifie le fichier sans rien écrire\n"
    "  --format F          (list) csv ou json (défaut csv)\n"
    "  --naf PREFIXE       (rank) activités dont le code NAF commence ainsi\n"
    "  --min-employees N   (rank) effectif minimal (défaut 0)\n"
    "  --limit N           (rank) lignes au plus (défaut : toutes)\n"
    "\n"
    "exemple :\n"
    "  symbiose sirene import StockEtablissement_utf8.csv --departements 44,85\n";

#define SIRENE_MAX_PRINTED 1000
#define SIRENE_MAX_DEPS 16

/* "44,49" -> deps (pointers into buf, which the caller owns). */
static int sirene_parse_deps(char *buf, const char **deps, size_t *n)
{
    *n = 0;
    char *p = buf;
    for (;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        size_t len = strlen(p);
        bool is_ok = len == 2 || len == 3;
        for (size_t i = 0; i < len && is_ok; i++)
            is_ok = (p[i] >= '0' && p[i] <= '9') || (i == 1 && (p[i] == 'A' || p[i] == 'B'));
        if (!is_ok || *n == SIRENE_MAX_DEPS)
            return cli_usage("--departements: '%s' n'est pas un code de département", p);
        deps[(*n)++] = p;
        if (!comma)
            return CLI_EXIT_OK;
        p = comma + 1;
    }
}

static int sirene_parse_id(const char *v, const char *opt, int64_t *out)
{
    *out = 0;
    if (!v)
        return CLI_EXIT_OK;
    char *end = NULL;
    errno = 0;
    long long id = strtoll(v, &end, 10);
    if (errno || end == v || *end || id <= 0)
        return cli_usage("%s: '%s' n'est pas un identifiant", opt, v);
    *out = id;
    return CLI_EXIT_OK;
}

static void sirene_print_stats(const struct store_sirene_stats *st, const char *path, double secs,
                               bool is_check)
{
    printf("%s : %zu lignes lues en %.2f s\n", path, st->n_rows, secs);
    if (is_check) {
        printf("fichier valide, rien n'a été écrit (--check)\n");
        return;
    }
    printf("  %zu ajoutés, %zu mis à jour, %zu fermés\n", st->n_added, st->n_updated, st->n_closed);
    printf("  %zu organisations inscrites laissées telles quelles, %zu signalées fermées\n",
           st->n_enrolled_kept, st->n_enrolled_closed);
    printf("  %zu placés au point de leur commune (coordonnées absentes ou non diffusibles)\n",
           st->n_commune_coords);
    printf("  ignorés : %zu fermés, %zu hors NAF rév. 2 ou sans activité, %zu hors périmètre\n",
           st->n_skipped_closed, st->n_skipped_naf, st->n_skipped_outside);
}

static int sirene_import(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    used[1] = used[2] = true;
    const char *path = argv[2];
    const char *deps_arg = cli_opt(argc, argv, used, "--departements");
    const char *terr_arg = cli_opt(argc, argv, used, "--territory");
    bool is_check = cli_opt_flag(argc, argv, used, "--check");
    int status = cli_args_check(argc, argv, used);
    free(used);
    if (status)
        return status;
    char *deps_buf = deps_arg ? xstrdup(deps_arg) : NULL;
    const char *deps[SIRENE_MAX_DEPS];
    struct store_sirene_opts o = {.deps = deps};
    if (deps_buf)
        status = sirene_parse_deps(deps_buf, deps, &o.n_deps);
    if (status == CLI_EXIT_OK)
        status = sirene_parse_id(terr_arg, "--territory", &o.territory_id);
    if (status) {
        free(deps_buf);
        return status;
    }

    struct err e;
    err_init(&e);
    struct err_list errs;
    err_list_init(&errs, SIRENE_MAX_PRINTED);
    struct ref *r = NULL;
    struct store *s = NULL;
    struct store_sirene_import *imp = NULL;
    struct store_sirene_stats st;
    memset(&st, 0, sizeof(st));
    double t0 = core_now_s();
    FILE *f = fopen(path, "rb");
    int rc = f ? ERR_OK : err_set(&e, ERR_IO, "cannot open '%s': %s", path, strerror(errno));
    if (rc == ERR_OK)
        rc = ref_load(&r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = store_sirene_import_new(&imp, r, &e);
    if (rc == ERR_OK)
        rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = store_tx_begin(s, &e);
    if (rc == ERR_OK)
        rc = store_sirene_import_run(imp, s, f, path, &o, &st, &errs, &e);
    if (err_list_count(&errs)) {
        for (size_t i = 0; i < errs.n; i++)
            fprintf(stderr, "%s\n", errs.lines[i]);
        if (errs.n_dropped)
            fprintf(stderr, "... et %zu autres erreurs\n", errs.n_dropped);
        fprintf(stderr, "symbiose: %zu erreur(s), rien n'a été importé\n", err_list_count(&errs));
        status = CLI_EXIT_DATA;
        goto out;
    }
    if (rc == ERR_OK && !is_check)
        rc = store_audit_add(s, 0, "sirene_import", "prospect", 0, "", "", &e);
    if (rc == ERR_OK && !is_check)
        rc = store_tx_commit(s, &e);
    if (rc) {
        status = cli_fail(&e);
        goto out;
    }
    sirene_print_stats(&st, path, core_now_s() - t0, is_check);
out:
    if (s)
        store_tx_rollback(s);
    store_close(s);
    store_sirene_import_free(imp);
    ref_free(r);
    if (f)
        fclose(f);
    err_list_release(&errs);
    free(deps_buf);
    return status;
}

/* Output of the list: the builder is flushed to stdout every row. */
struct sirene_out {
    struct sb b;
    bool is_json;
    size_t n;
};

static int sirene_list_row(const struct store_prospect *p, void *vctx, struct err *e)
{
    struct sirene_out *o = vctx;
    struct sb *b = &o->b;
    const char *status = p->is_closed ? "closed" : p->org_id ? "enrolled" : "active";
    if (o->is_json) {
        sb_adds(b, o->n ? ",\n" : "\n");
        sb_addf(b, "{\"siret\":\"%s\",\"name\":", p->siret);
        sb_add_json_str(b, p->name);
        sb_addf(b,
                ",\"naf\":\"%s\",\"employee_band\":\"%s\",\"employee_band_code\":\"%s\","
                "\"commune_insee\":\"%s\",\"lat\":%.6f,\"lon\":%.6f,\"status\":\"%s\","
                "\"position\":\"%s\",\"public\":%s}",
                p->naf, store_sirene_band_label(p->band), p->band, p->commune_insee, p->pos.lat,
                p->pos.lon, status, p->is_commune_pos ? "commune" : "sirene",
                p->is_public ? "true" : "false");
    } else {
        sb_adds(b, p->siret);
        sb_addc(b, ',');
        sb_add_csv_text(b, p->name);
        sb_addc(b, ',');
        sb_adds(b, p->naf);
        sb_addc(b, ',');
        sb_add_csv_text(b, store_sirene_band_label(p->band));
        sb_addc(b, ',');
        sb_adds(b, p->commune_insee);
        sb_addc(b, ',');
        sb_add_csv_num(b, p->pos.lat, true);
        sb_addc(b, ',');
        sb_add_csv_num(b, p->pos.lon, true);
        sb_addc(b, ',');
        sb_adds(b, status);
        sb_addc(b, ',');
        sb_adds(b, p->is_commune_pos ? "commune" : "sirene");
        sb_addc(b, '\n');
    }
    o->n++;
    int rc = sb_finish(b, e);
    if (rc)
        return rc;
    if (fwrite(b->buf, 1, b->len, stdout) != b->len)
        return err_set(e, ERR_IO, "cannot write the list");
    sb_reset(b);
    return ERR_OK;
}

static int sirene_list(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    used[1] = true;
    const char *terr_arg = cli_opt(argc, argv, used, "--territory");
    const char *format = cli_opt(argc, argv, used, "--format");
    int status = cli_args_check(argc, argv, used);
    free(used);
    if (status)
        return status;
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
        return cli_usage("--format: csv ou json, pas '%s'", format);
    int64_t terr = 0;
    status = sirene_parse_id(terr_arg, "--territory", &terr);
    if (status)
        return status;
    struct sirene_out o = {.is_json = format && strcmp(format, "json") == 0};
    sb_init(&o.b, 1 << 20);
    struct err e;
    err_init(&e);
    struct store *s = NULL;
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK) {
        if (o.is_json)
            fputs("[", stdout);
        else
            fputs("siret,name,naf,employee_band,commune_insee,lat,lon,status,position\n", stdout);
        rc = store_prospect_each(s, terr, sirene_list_row, &o, &e);
        if (o.is_json)
            fputs(o.n ? "\n]\n" : "]\n", stdout);
    }
    store_close(s);
    sb_release(&o.b);
    if (rc == ERR_OK && fflush(stdout) != 0)
        rc = err_set(&e, ERR_IO, "cannot write the list");
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

static int sirene_rank(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    used[1] = true;
    const char *terr_arg = cli_opt(argc, argv, used, "--territory");
    const char *naf = cli_opt(argc, argv, used, "--naf");
    const char *min_arg = cli_opt(argc, argv, used, "--min-employees");
    const char *limit_arg = cli_opt(argc, argv, used, "--limit");
    int status = cli_args_check(argc, argv, used);
    free(used);
    if (status)
        return status;
    struct optim_prospect_filter f = {.naf_prefix = naf};
    int64_t min = 0, limit = 0;
    status = sirene_parse_id(terr_arg, "--territory", &f.territory_id);
    if (status == CLI_EXIT_OK && !terr_arg)
        status = cli_usage("rank : --territory est obligatoire");
    if (status == CLI_EXIT_OK && min_arg)
        status = sirene_parse_id(min_arg, "--min-employees", &min);
    if (status == CLI_EXIT_OK)
        status = sirene_parse_id(limit_arg, "--limit", &limit);
    if (status)
        return status;
    f.min_employees = (double)min;
    struct err e;
    err_init(&e);
    struct ref *r = NULL;
    struct ref_rules *rules = NULL;
    struct ref_typical tf = {0};
    struct store *s = NULL;
    struct optim_prospect *ps = NULL;
    size_t n = 0;
    struct engine_match_params p;
    int rc = ref_load(&r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = ref_rules_load(&rules, r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = ref_typical_load(&tf, r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK) {
        optim_match_params_init(&p, r);
        rc = optim_prospects_rank(s, r, rules, &tf, &p, &f, &ps, &n, &e);
    }
    if (rc == ERR_OK) {
        struct sb b;
        sb_init(&b, 1 << 20);
        fputs(OPTIM_PROSPECT_CSV_HEADER, stdout);
        size_t shown = limit > 0 && (size_t)limit < n ? (size_t)limit : n;
        for (size_t i = 0; i < shown && rc == ERR_OK; i++) {
            optim_prospect_csv_row(&b, i + 1, &ps[i]);
            rc = sb_finish(&b, &e);
            if (rc == ERR_OK && fwrite(b.buf, 1, b.len, stdout) != b.len)
                rc = err_set(&e, ERR_IO, "cannot write the call list");
            sb_reset(&b);
        }
        sb_release(&b);
        if (rc == ERR_OK && fflush(stdout) != 0)
            rc = err_set(&e, ERR_IO, "cannot write the call list");
    }
    free(ps);
    store_close(s);
    ref_typical_release(&tf);
    ref_rules_free(rules);
    ref_free(r);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

static int sirene_enrol(struct cli_ctx *ctx, int argc, char **argv)
{
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    used[1] = used[2] = true;
    const char *siret = argv[2];
    const char *terr_arg = cli_opt(argc, argv, used, "--territory");
    int status = cli_args_check(argc, argv, used);
    free(used);
    int64_t terr = 0;
    if (status == CLI_EXIT_OK)
        status = sirene_parse_id(terr_arg, "--territory", &terr);
    if (status)
        return status;
    struct err e;
    err_init(&e);
    struct ref *r = NULL;
    struct ref_typical tf = {0};
    struct store *s = NULL;
    int64_t org_id = 0;
    size_t n_drafts = 0;
    int rc = siret_check(slice_cstr(siret), &e);
    if (rc == ERR_OK)
        rc = ref_load(&r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = ref_typical_load(&tf, r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = store_tx_begin(s, &e);
    if (rc == ERR_OK)
        rc = optim_prospect_enrol(s, r, &tf, siret, terr, &org_id, &n_drafts, &e);
    if (rc == ERR_OK)
        rc = store_audit_add(s, 0, "enrol_prospect", "organisation", org_id, "", "", &e);
    if (rc == ERR_OK)
        rc = store_tx_commit(s, &e);
    if (rc == ERR_OK)
        printf("organisation %lld inscrite (SIRET %s) ; %zu flux estimés en brouillon, à "
               "confirmer par l'entreprise\n",
               (long long)org_id, siret, n_drafts);
    if (s)
        store_tx_rollback(s);
    store_close(s);
    ref_typical_release(&tf);
    ref_free(r);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}

int cmd_sirene(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "import") == 0)
        return sirene_import(ctx, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "list") == 0)
        return sirene_list(ctx, argc, argv);
    if (argc >= 3 && strcmp(argv[1], "enrol") == 0)
        return sirene_enrol(ctx, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "rank") == 0)
        return sirene_rank(ctx, argc, argv);
    if (argc >= 2)
        return cli_usage("sirene : sous-commande inattendue « %s » (voir « symbiose help sirene »)",
                         argv[1]);
    return cli_usage("sirene : il manque la sous-commande (voir « symbiose help sirene »)");
}
