/* SPDX-License-Identifier: MIT */
/*
 * cmd_serve.c - `symbiose serve [--bind 127.0.0.1] [--port 8080]
 * [--behind-tls] [--trusted-proxy ADDR] [--idle-timeout MIN]
 * [--max-conn-per-ip N]`: runs the web interface and the JSON API until
 * SIGINT or SIGTERM. Prints the address and the demo accounts on start.
 * The session cookie is Secure behind TLS and on any address that is not
 * a loopback one.
 */
#include "cli.h"
#include "http/http.h"
#include "network/network.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cmd_serve_help[] =
    "usage : symbiose serve [--bind ADRESSE] [--port PORT] [--web DOSSIER] [--behind-tls]\n"
    "                      [--trusted-proxy ADRESSE] [--idle-timeout MIN] [--max-conn-per-ip N]\n"
    "\n"
    "Lance l'interface web et l'API JSON (/api/v1, description OpenAPI à\n"
    "/api/v1/openapi.json) jusqu'à SIGINT ou SIGTERM ; affiche l'adresse et\n"
    "les comptes de démonstration.\n"
    "\n"
    "options :\n"
    "  --bind ADRESSE      adresse d'écoute (défaut 127.0.0.1)\n"
    "  --port PORT         port, 0 à 65535, 0 pour un port libre (défaut 8080)\n"
    "  --web DOSSIER       pages web servies (défaut : $SYMBIOSE_WEB, sinon web)\n"
    "  --behind-tls        cookie de session « Secure » (servi derrière HTTPS) ; activé\n"
    "                      d'office quand --bind n'est pas une adresse locale\n"
    "  --trusted-proxy ADRESSE  le proxy inverse dont on lit X-Forwarded-For (défaut : aucun)\n"
    "  --idle-timeout MIN  fin de session après MIN minutes d'inactivité, 1 à 480 (défaut 30)\n"
    "  --max-conn-per-ip N connexions simultanées par adresse, 1 à 1000 (défaut 32 ; sans\n"
    "                      limite par adresse avec --trusted-proxy)\n"
    "\n"
    "exemple :\n"
    "  symbiose serve --port 9000\n";

static volatile sig_atomic_t serve_stop_flag;

static void serve_on_signal(int sig)
{
    (void)sig;
    serve_stop_flag = 1;
}

/*
 * Prints the demo accounts when the demo region is loaded. Their
 * passwords come from the demo loader itself, run in a transaction that
 * is rolled back: with the demo present it adds nothing anyway.
 */
static void serve_print_demo(struct cli_ctx *ctx)
{
    struct store *s = NULL;
    struct ref *r = NULL;
    struct err e;
    int64_t id;
    struct network_demo_result res;
    memset(&res, 0, sizeof(res));
    if (store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e) != ERR_OK ||
        ref_load(&r, ctx->data_dir, &e) != ERR_OK ||
        store_account_find_email(s, "admin@demo.symbiose.fr", &id, &e) != ERR_OK) {
        printf("pas de comptes de démonstration (lancez « symbiose demo » pour en créer)\n");
        goto out;
    }
    /* no files folder: the rolled-back load must not leave documents behind */
    struct network_demo_options opts = {.now_s = (int64_t)time(NULL), .files_dir = NULL};
    if (store_tx_begin(s, &e) == ERR_OK && network_demo_load(s, r, &opts, &res, &e) == ERR_OK) {
        printf("comptes de démonstration :\n");
        for (size_t i = 0; i < res.n_accounts; i++)
            printf("  %-30s mot de passe %-22s %-15s %s\n", res.accounts[i].email,
                   res.accounts[i].password, res.accounts[i].role, res.accounts[i].scope);
    }
    store_tx_rollback(s);
out:
    network_demo_result_release(&res);
    ref_free(r);
    store_close(s);
}

int cmd_serve(struct cli_ctx *ctx, int argc, char **argv)
{
    bool used[64] = {false};
    if (argc > 64)
        return cli_usage("serve : trop d'arguments");
    used[0] = true;
    const char *bind = cli_opt(argc, argv, used, "--bind");
    const char *port_s = cli_opt(argc, argv, used, "--port");
    const char *web = cli_opt(argc, argv, used, "--web");
    bool is_behind_tls = cli_opt_flag(argc, argv, used, "--behind-tls");
    const char *proxy = cli_opt(argc, argv, used, "--trusted-proxy");
    const char *idle_s = cli_opt(argc, argv, used, "--idle-timeout");
    const char *per_ip_s = cli_opt(argc, argv, used, "--max-conn-per-ip");
    int rc = cli_args_check(argc, argv, used);
    if (rc != CLI_EXIT_OK)
        return rc;
    long port = 8080, idle_min = HTTP_IDLE_TIMEOUT_DEFAULT_S / 60, per_ip = 0;
    struct err e;
    err_init(&e);
    if (port_s && (parse_long(slice_cstr(port_s), &port, &e) != ERR_OK || port < 0 || port > 65535))
        return cli_usage("serve : --port attend un nombre de 0 à 65535");
    if (idle_s &&
        (parse_long(slice_cstr(idle_s), &idle_min, &e) != ERR_OK || idle_min < 1 || idle_min > 480))
        return cli_usage("serve : --idle-timeout attend un nombre de minutes de 1 à 480");
    if (per_ip_s &&
        (parse_long(slice_cstr(per_ip_s), &per_ip, &e) != ERR_OK || per_ip < 1 || per_ip > 1000))
        return cli_usage("serve : --max-conn-per-ip attend un nombre de 1 à 1000");
    char proxy_buf[64];
    if (proxy) {
        /* a proxy given by name would be trusted for whatever it resolves to */
        http_addr_canonical(proxy, strlen(proxy), proxy_buf, sizeof(proxy_buf));
        if (!proxy_buf[0])
            return cli_usage("serve : --trusted-proxy attend une adresse IPv4 ou IPv6");
        proxy = proxy_buf;
    }
    struct http_config cfg = {0};
    cfg.bind = bind ? bind : "127.0.0.1";
    cfg.port = (int)port;
    cfg.web_dir = web ? web : getenv("SYMBIOSE_WEB");
    if (!cfg.web_dir)
        cfg.web_dir = "web";
    cfg.db_path = ctx->db_path;
    cfg.data_dir = ctx->data_dir;
    /* plain http on a loopback address for development; anywhere else the
     * browser must reach us through TLS, so the cookie is Secure */
    cfg.is_insecure_cookie = !http_cookie_is_secure(cfg.bind, is_behind_tls);
    cfg.idle_timeout_s = (int64_t)idle_min * 60;
    cfg.trusted_proxy = proxy;
    cfg.max_conn_per_ip = (unsigned)per_ip;
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
    serve_print_demo(ctx);
    fflush(stdout);
    log_info("http", "listening on %s:%d", cfg.bind, http_server_port(srv));
    while (!serve_stop_flag)
        pause();
    http_server_stop(srv);
    http_app_free(app);
    return CLI_EXIT_OK;
}
