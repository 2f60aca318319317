/* SPDX-License-Identifier: MIT */
/*
 * cmd_report.c - `symbiose report`: the yearly evaluation of a territory
 * or of the whole region as a PDF (A4, French) or an XLSX workbook, with
 * the year and the four before it for the curves. The command line reads
 * the database directly, so the document names the companies (the web
 * interface anonymises them for readers who may not see them).
 */
#include "cli.h"
#include "report/report.h"
#include "ref/ref.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

const char cmd_report_help[] =
    "usage : symbiose report (--territory ID | --region) --year AAAA --format pdf|xlsx -o FICHIER\n"
    "\n"
    "Évaluation annuelle : couverture, chiffres clés, radars par famille, courbes sur\n"
    "cinq ans, synergies réalisées, étape de la démarche (PDF) ou un tableau par feuille\n"
    "(XLSX). Le référentiel d'indicateurs est data/indicators.csv (ou $SYMBIOSE_DATA).\n"
    "\n"
    "options :\n"
    "  --territory ID      le territoire (obligatoire, sauf avec --region)\n"
    "  --region            la région puis une page par territoire\n"
    "  --year AAAA         l'année évaluée, 2000 à 2100 (obligatoire)\n"
    "  --format pdf|xlsx   le format du fichier (obligatoire)\n"
    "  -o FICHIER          le fichier écrit (obligatoire)\n"
    "\n"
    "exemple :\n"
    "  symbiose report --region --year 2026 --format pdf -o region-2026.pdf\n";

int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
    bool used[64] = {false};
    if (argc > 64)
        return cli_usage("report : trop d'arguments");
    used[0] = true;
    const char *terr = cli_opt(argc, argv, used, "--territory");
    bool is_region = cli_opt_flag(argc, argv, used, "--region");
    const char *year_s = cli_opt(argc, argv, used, "--year");
    const char *format = cli_opt(argc, argv, used, "--format");
    const char *out = cli_opt(argc, argv, used, "-o");
    int status = cli_args_check(argc, argv, used);
    if (status != CLI_EXIT_OK)
        return status;
    if ((terr != NULL) == is_region)
        return cli_usage("report : --territory ID ou --region (l'un des deux)\n%s",
                         cmd_report_help);
    if (!year_s || !format || !out)
        return cli_usage("report : --year, --format et -o sont obligatoires\n%s", cmd_report_help);
    enum report_format fmt;
    if (strcmp(format, "pdf") == 0)
        fmt = REPORT_FORMAT_PDF;
    else if (strcmp(format, "xlsx") == 0)
        fmt = REPORT_FORMAT_XLSX;
    else
        return cli_usage("report : --format pdf ou xlsx, reçu « %s »", format);
    struct err e;
    err_init(&e);
    long year = 0;
    int64_t territory_id = 0;
    if (parse_long(slice_cstr(year_s), &year, &e) || year < 2000 || year > 2100)
        return cli_usage("report : --year attend une année de 2000 à 2100, reçu « %s »", year_s);
    if (terr && (parse_int64(slice_cstr(terr), &territory_id, &e) || territory_id < 1))
        return cli_usage("report : --territory attend un identifiant, reçu « %s »", terr);
    struct store *s = NULL;
    struct ref *r = NULL;
    struct report_framework fw = {0};
    int rc = report_framework_load(&fw, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = ref_load(&r, ctx->data_dir, &e);
    if (rc == ERR_OK)
        rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = report_write(s, r, &fw, territory_id, (int)year, fmt, REPORT_READER_FULL, out, &e);
    store_close(s);
    ref_free(r);
    report_framework_release(&fw);
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}
