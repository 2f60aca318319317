/* SPDX-License-Identifier: MIT */
/*
 * cmd_user.c - `symbiose user add EMAIL --role ROLE [--territory ID]...
 * [--org ID] --password-stdin`: creates an account; the password is read
 * from the first line of standard input and hashed with argon2id.
 */
#include "cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_user_help[] =
    "usage : symbiose user add EMAIL --role ROLE [--territory ID] [--org ID] --password-stdin\n"
    "\n"
    "Crée un compte ; le mot de passe est la première ligne de l'entrée\n"
    "standard, haché avec argon2id.\n"
    "\n"
    "options :\n"
    "  --role ROLE         regional_admin, facilitator, member, collector ou observer\n"
    "  --territory ID      territoire animé (facilitator), répétable\n"
    "  --org ID            organisation du compte (member, collector)\n"
    "  --password-stdin    lit le mot de passe sur l'entrée standard (obligatoire)\n"
    "\n"
    "exemple :\n"
    "  echo 'mot-de-passe-solide' | symbiose user add anim@exemple.fr --role facilitator "
    "--territory 1 --password-stdin\n";

/* Longest password read from stdin, bytes. */
#define USER_MAX_PASSWORD 1024

static int user_read_password(char *buf, size_t size, struct err *e)
{
    if (!fgets(buf, (int)size, stdin))
        return err_set(e, ERR_INPUT, "mot de passe : rien sur l'entrée standard");
    size_t n = strlen(buf);
    if (n == size - 1 && buf[n - 1] != '\n')
        return err_set(e, ERR_INPUT, "mot de passe : plus de %d octets", USER_MAX_PASSWORD);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    if (!utf8_valid(buf, n))
        return err_set(e, ERR_INPUT, "mot de passe : UTF-8 invalide");
    return ERR_OK;
}

int cmd_user(struct cli_ctx *ctx, int argc, char **argv)
{
    static const char usage[] = "user : add EMAIL --role ROLE --password-stdin attendus (voir « "
                                "symbiose help user »)";
    if (argc < 3 || strcmp(argv[1], "add") != 0 || argv[2][0] == '-')
        return cli_usage("%s", usage);
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    used[1] = used[2] = true;
    struct err e;
    err_init(&e);
    struct store_account a;
    memset(&a, 0, sizeof(a));
    a.email = argv[2];
    int64_t terr_id = 0;
    int status = CLI_EXIT_OK;
    const char *role = cli_opt(argc, argv, used, "--role");
    const char *terr = cli_opt(argc, argv, used, "--territory");
    const char *org = cli_opt(argc, argv, used, "--org");
    bool has_stdin = cli_opt_flag(argc, argv, used, "--password-stdin");
    int v = 0;
    if (!role || !has_stdin)
        status = cli_usage("%s", usage);
    else if (store_vocab_parse(STORE_V_ROLE, slice_cstr(role), &v, &e) != ERR_OK)
        status = cli_usage("user add : --role : %s", e.msg);
    else if (terr && (parse_int64(slice_cstr(terr), &terr_id, &e) != ERR_OK || terr_id <= 0))
        status = cli_usage("user add : --territory attend un identifiant, reçu « %s »", terr);
    else if (org && (parse_int64(slice_cstr(org), &a.org_id, &e) != ERR_OK || a.org_id <= 0))
        status = cli_usage("user add : --org attend un identifiant, reçu « %s »", org);
    if (status == CLI_EXIT_OK)
        status = cli_args_check(argc, argv, used);
    free(used);
    if (status != CLI_EXIT_OK)
        return status;
    a.role = (enum store_role)v;
    if (terr_id) {
        a.territory_ids = &terr_id;
        a.n_territories = 1;
    }
    char *password = xcalloc(USER_MAX_PASSWORD + 2, 1);
    struct store *s = NULL;
    int64_t id = 0;
    int rc = user_read_password(password, USER_MAX_PASSWORD + 2, &e);
    if (rc == ERR_OK)
        rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK)
        rc = store_tx_begin(s, &e);
    if (rc == ERR_OK)
        rc = store_account_insert(s, &a, password, &id, &e);
    if (rc == ERR_OK)
        rc = store_audit_add(s, 0, "create", "account", id, "", "", &e);
    if (rc == ERR_OK)
        rc = store_tx_commit(s, &e);
    store_tx_rollback(s);
    store_close(s);
    memset(password, 0, USER_MAX_PASSWORD + 2);
    free(password);
    if (rc)
        return cli_fail(&e);
    printf("compte %lld créé : %s (%s)\n", (long long)id, a.email, role);
    return CLI_EXIT_OK;
}
