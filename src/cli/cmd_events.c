/* SPDX-License-Identifier: MIT */
/*
 * cmd_events.c - `symbiose events`: the network's events before the web
 * layer exists.
 *   symbiose events ics [--utc] [--account EMAIL] [-o FILE]
 *   symbiose events add --kind K --title T --start T --end T
 *                       [--location L] [--video-url U] [--capacity N] [--description D]
 *   symbiose events list
 * Times are Paris local time (AAAA-MM-JJTHH:MM) or carry Z / an offset.
 */
#include "cli.h"
#include "network/network.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char cmd_events_help[] =
    "usage : symbiose events ics [--utc] [--account EMAIL] [-o FICHIER]\n"
    "        symbiose events add --kind K --title T --start DÉBUT --end FIN\n"
    "                            [--location LIEU] [--video-url URL] [--capacity N]\n"
    "                            [--description D]\n"
    "        symbiose events list\n"
    "\n"
    "L'agenda du réseau : ics l'écrit au format iCalendar, add ajoute un\n"
    "événement, list les affiche. Les heures sont celles de Paris\n"
    "(AAAA-MM-JJTHH:MM) ou portent Z ou un décalage.\n"
    "\n"
    "options :\n"
    "  --utc               ics : heures en UTC (défaut : heure de Paris)\n"
    "  --account EMAIL     ics : l'agenda tel que ce compte le voit\n"
    "  -o FICHIER          ics : écrit dans FICHIER (défaut : sortie standard)\n"
    "  --kind K            add : network_meeting, webinar ou workshop (obligatoire)\n"
    "  --title T           add : titre (obligatoire)\n"
    "  --start DÉBUT       add : début (obligatoire)\n"
    "  --end FIN           add : fin (obligatoire)\n"
    "  --location LIEU     add : lieu\n"
    "  --video-url URL     add : lien de visioconférence (webinaire)\n"
    "  --capacity N        add : places, 0 à 100000 (défaut 0 : sans limite)\n"
    "  --description D     add : description\n"
    "\n"
    "exemple :\n"
    "  symbiose events add --kind webinar --title 'Chaleur fatale' --start 2026-03-12T10:00 --end "
    "2026-03-12T11:00 --video-url https://visio.exemple.fr/eit\n";

static int events_ics(struct store *s, int argc, char **argv, bool *used, struct err *e)
{
    bool is_utc = cli_opt_flag(argc, argv, used, "--utc");
    const char *email = cli_opt(argc, argv, used, "--account");
    const char *path = cli_opt(argc, argv, used, "-o");
    int64_t account = 0;
    int status = cli_args_check(argc, argv, used);
    if (status != CLI_EXIT_OK)
        return -status;
    struct sb out;
    sb_init(&out, 0);
    int rc = email ? store_account_find_email(s, email, &account, e) : ERR_OK;
    if (rc == ERR_OK)
        rc = network_events_ics(s, NULL, account, is_utc ? NETWORK_ICAL_UTC : NETWORK_ICAL_PARIS,
                                &out, e);
    if (rc == ERR_OK) {
        FILE *f = path ? fopen(path, "wb") : stdout;
        if (!f)
            rc = err_set(e, ERR_IO, "%s : ouverture en écriture impossible", path);
        else if (fwrite(out.buf, 1, out.len, f) != out.len || (path && fclose(f) != 0))
            rc = err_set(e, ERR_IO, "%s : erreur d'écriture", path ? path : "sortie standard");
    }
    sb_release(&out);
    return rc;
}

static int events_add(struct store *s, int argc, char **argv, bool *used, struct err *e)
{
    struct network_event_input in = {
        .kind = cli_opt(argc, argv, used, "--kind"),
        .title = cli_opt(argc, argv, used, "--title"),
        .description = cli_opt(argc, argv, used, "--description"),
        .location = cli_opt(argc, argv, used, "--location"),
        .video_url = cli_opt(argc, argv, used, "--video-url"),
        .starts_at = cli_opt(argc, argv, used, "--start"),
        .ends_at = cli_opt(argc, argv, used, "--end"),
    };
    const char *capacity = cli_opt(argc, argv, used, "--capacity");
    int status = cli_args_check(argc, argv, used);
    if (status != CLI_EXIT_OK)
        return -status;
    if (capacity && parse_int64(slice_cstr(capacity), &in.capacity, NULL) != ERR_OK)
        return err_set(e, ERR_INPUT, "capacity : nombre entier attendu (« %s »)", capacity);
    int64_t id = 0;
    int rc = network_event_create(s, NULL, &in, &id, e);
    if (rc == ERR_OK)
        printf("événement %lld créé\n", (long long)id);
    return rc;
}

static int events_list(struct store *s, int argc, char **argv, bool *used, struct err *e)
{
    int status = cli_args_check(argc, argv, used);
    if (status != CLI_EXIT_OK)
        return -status;
    struct store_event *evs = NULL;
    size_t n = 0;
    int rc = store_event_list(s, 0, 0, &evs, &n, e);
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        char when[NETWORK_TIME_BUF];
        network_time_format_fr(evs[i].starts_at, when);
        printf("%lld\t%s\t%s\t%s\t%zu inscrit(s), %zu en attente%s\n", (long long)evs[i].id, when,
               evs[i].kind, evs[i].title, evs[i].n_registered, evs[i].n_waiting,
               evs[i].is_cancelled ? "\tANNULÉ" : "");
    }
    store_events_free(evs, n);
    return rc;
}

int cmd_events(struct cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("events : sous-commande ics, add ou list attendue (voir « symbiose help "
                         "events »)");
    if (strcmp(argv[1], "ics") != 0 && strcmp(argv[1], "add") != 0 && strcmp(argv[1], "list") != 0)
        return cli_usage("events : sous-commande inconnue « %s » (ics, add ou list)", argv[1]);
    bool *used = xcalloc((size_t)argc + 1, sizeof(bool));
    struct store *s = NULL;
    struct err e;
    err_init(&e);
    used[1] = true;
    int rc = store_open(&s, ctx->db_path, STORE_OPEN_DEFAULT, &e);
    if (rc == ERR_OK) {
        if (!strcmp(argv[1], "ics"))
            rc = events_ics(s, argc, argv, used, &e);
        else if (!strcmp(argv[1], "add"))
            rc = events_add(s, argc, argv, used, &e);
        else
            rc = events_list(s, argc, argv, used, &e);
    }
    store_close(s);
    free(used);
    if (rc < 0)
        return -rc;
    return rc ? cli_fail(&e) : CLI_EXIT_OK;
}
