/* SPDX-License-Identifier: MIT */
/*
 * cmd_serve.c - `symbiose serve [--bind 127.0.0.1] [--port 8080]`: runs
 * the web interface and the JSON API until SIGINT or SIGTERM. Prints the
 * address and the demo accounts on start.
 */
#include "cli.h"
#include "http/http.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t serve_stop_flag;

static void serve_on_signal(int sig)
{
    (void)sig;
    serve_stop_flag = 1;
}

int cmd_serve(struct cli_ctx *ctx, int argc, char **argv)
{
    bool used[64] = {false};
    if (argc > 64)
        return cli_usage("serve: too many arguments");
    used[0] = true;
    const char *bind = cli_opt(argc, argv, used, "--bind");
    const char *port_s = cli_opt(argc, argv, used, "--port");
    const char *web = cli_opt(argc, argv, used, "--web");
    int rc = cli_args_check(argc, argv, used);
    if (rc != CLI_EXIT_OK)
        return rc;
    long port = 8080;
    struct err e;
    err_init(&e);
    if (port_s && (parse_long(slice_cstr(port_s), &port, &e) != ERR_OK || port < 0 || port > 65535))
        return cli_usage("serve: --port must be a number from 0 to 65535");
    struct http_config cfg = {0};
    cfg.bind = bind ? bind : "127.0.0.1";
    cfg.port = (int)port;
    cfg.web_dir = web ? web : getenv("SYMBIOSE_WEB");
    if (!cfg.web_dir)
        cfg.web_dir = "web";
    cfg.db_path = ctx->db_path;
    cfg.data_dir = ctx->data_dir;
    /* plain http: the cookie cannot be Secure unless a TLS proxy is in front */
    cfg.is_insecure_cookie = true;
    struct http_app *app = NULL;
    struct http_server *srv = NULL;
    if (http_app_new(&app, &cfg, &e) != ERR_OK)
        return cli_fail(&e);
    if (http_server_start(&srv, app, &cfg, &e) != ERR_OK) {
        http_app_free(app);
        return cli_fail(&e);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = serve_on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    printf("symbiose : serveur à l'écoute sur http://%s:%d/\n", cfg.bind, http_server_port(srv));
    printf("comptes de démonstration (après « symbiose demo », mot de passe : demo-symbiose) :\n"
           "  admin@demo.symbiose.fr        administrateur régional\n"
           "  animation@demo.symbiose.fr    animatrice de territoire\n"
           "  membre@demo.symbiose.fr       membre d'une entreprise\n"
           "  observateur@demo.symbiose.fr  observateur\n");
    fflush(stdout);
    log_info("http", "listening on %s:%d", cfg.bind, http_server_port(srv));
    while (!serve_stop_flag)
        pause();
    http_server_stop(srv);
    http_app_free(app);
    return CLI_EXIT_OK;
}
