/* SPDX-License-Identifier: MIT */
/*
 * trainings.c - joint trainings: sessions with a minimum and a maximum of
 * participants, registration with waiting list, and confirmation once the
 * minimum is reached (everyone registered is then notified). A
 * territory's trainings are seen, like its events, by the region, its
 * facilitators and its members; network-wide ones (territory 0) by all.
 */
#include "network_int.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest training: two weeks of sessions. */
#define TRAINING_MAX_S (14 * 86400)

int network_training_create(struct store *s, const struct store_account *who,
                            const struct network_training_input *in, int64_t *id, struct err *e)
{
    struct store_training t = {0};
    int rc = network_check_text("title", in->title, true, false, 200, e);
    if (rc == ERR_OK)
        rc = network_check_text("topic", in->topic, false, false, 200, e);
    if (rc == ERR_OK)
        rc = network_check_text("description", in->description, false, true, 10000, e);
    if (rc == ERR_OK)
        rc = network_check_text("location", in->location, true, false, 300, e);
    if (rc == ERR_OK)
        rc = network__check_span("starts_at", in->starts_at, "ends_at", in->ends_at, TRAINING_MAX_S,
                                 &t.starts_at, &t.ends_at, e);
    if (rc == ERR_OK)
        rc = network_check_range("min_participants", in->min_participants, 1, 10000, e);
    if (rc == ERR_OK && in->max_participants < in->min_participants)
        rc = err_set(e, ERR_INPUT,
                     "max_participants : doit être au moins égal à min_participants (%lld)",
                     (long long)in->min_participants);
    if (rc == ERR_OK)
        rc = network_check_range("max_participants", in->max_participants, 1, 10000, e);
    if (rc)
        return rc;
    if (!network__facilitates(who, in->territory_id))
        return network__forbidden(e, "organiser une formation");
    t.title = (char *)in->title;
    t.topic = (char *)(in->topic ? in->topic : "");
    t.description = (char *)(in->description ? in->description : "");
    t.location = (char *)in->location;
    t.min_participants = in->min_participants;
    t.max_participants = in->max_participants;
    t.organiser_org_id = in->organiser_org_id;
    t.territory_id = in->territory_id;
    t.created_by = network__who_id(who);
    rc = store_training_insert(s, &t, id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_INPUT, "organiser_org_id : organisation ou territoire introuvable");
    return rc;
}

int network_training_get(struct store *s, const struct store_account *who, int64_t id,
                         struct store_training *out, struct err *e)
{
    int rc = store_training_get(s, id, out, e);
    if (rc == ERR_OK) {
        struct network__viewer v;
        network__viewer_init(&v, s, who);
        if (!network__viewer_sees(&v, out->territory_id)) {
            store_training_release(out);
            rc = ERR_NOT_FOUND;
        }
    }
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "formation %lld introuvable", (long long)id);
    return rc;
}

static void training_release(void *t)
{
    store_training_release(t);
}

int network_training_list(struct store *s, const struct store_account *who,
                          struct store_training **out, size_t *n, struct err *e)
{
    struct network__viewer v;
    int rc = store_training_list(s, out, n, e);
    if (rc)
        return rc;
    network__viewer_init(&v, s, who);
    network__viewer_keep(&v, *out, n, sizeof(**out), offsetof(struct store_training, territory_id),
                         training_release);
    return ERR_OK;
}

/* Notifies every registered person that training t is confirmed. */
static int notify_confirmed(struct store *s, const struct store_training *t, struct err *e)
{
    struct store_registration *regs = NULL;
    size_t n = 0;
    char link[64], when[NETWORK_TIME_BUF];
    int w = snprintf(link, sizeof(link), "/api/v1/trainings/%lld", (long long)t->id);
    if (w < 0 || (size_t)w >= sizeof(link))
        return err_set(e, ERR_INTERNAL, "training link too long");
    network_time_format_fr(t->starts_at, when);
    int rc = store_reg_list(s, STORE_REG_TRAINING, t->id, &regs, &n, e);
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        if (regs[i].status == STORE_REG_REGISTERED)
            rc = network__notify(s, regs[i].account_id, "training_confirmed", link, e,
                                 "La formation « %s » du %s est confirmée : le nombre minimum "
                                 "de participants est atteint",
                                 t->title, when);
    store_registrations_free(regs, n);
    return rc;
}

int network_training_register(struct store *s, const struct store_account *who, int64_t now_s,
                              int64_t training_id, enum store_reg_status *status,
                              bool *is_confirmed, struct err *e)
{
    *is_confirmed = false;
    if (!who)
        return err_set(e, ERR_UNAUTHORIZED, "inscription : connectez-vous pour vous inscrire");
    int rc = network__check_participant(who, "inscription à une formation", e);
    if (rc)
        return rc;
    bool is_owned;
    struct store_training t = {0};
    rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    rc = network_training_get(s, who, training_id, &t, e);
    if (rc == ERR_OK && t.ends_at <= now_s)
        rc = err_set(e, ERR_CONFLICT, "inscription : la formation « %s » est terminée", t.title);
    if (rc == ERR_OK) {
        rc = store_reg_add(s, STORE_REG_TRAINING, training_id, t.max_participants, who->id, status,
                           e);
        if (rc == ERR_CONFLICT)
            rc = err_set(e, ERR_CONFLICT, "inscription : vous êtes déjà inscrit·e à « %s »",
                         t.title);
    }
    /* the registration that reaches the minimum confirms the session */
    if (rc == ERR_OK && *status == STORE_REG_REGISTERED && t.confirmed_at == 0 &&
        (int64_t)t.n_registered + 1 >= t.min_participants) {
        rc = store_training_set_confirmed(s, training_id, now_s, e);
        if (rc == ERR_OK)
            rc = notify_confirmed(s, &t, e);
        *is_confirmed = rc == ERR_OK;
    }
    rc = store_tx_leave(s, is_owned, rc, e);
    if (rc)
        *is_confirmed = false;
    store_training_release(&t);
    return rc;
}

int network_training_unregister(struct store *s, const struct store_account *who,
                                int64_t training_id, int64_t *promoted, struct err *e)
{
    *promoted = 0;
    if (!who)
        return err_set(e, ERR_UNAUTHORIZED, "inscription : connectez-vous");
    bool is_owned;
    struct store_training t = {0}, after = {0};
    int rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    rc = network_training_get(s, who, training_id, &t, e);
    if (rc == ERR_OK) {
        rc = store_reg_cancel(s, STORE_REG_TRAINING, training_id, t.max_participants, who->id,
                              promoted, e);
        if (rc == ERR_NOT_FOUND)
            rc = err_set(e, ERR_NOT_FOUND, "inscription : vous n'êtes pas inscrit·e à « %s »",
                         t.title);
    }
    if (rc == ERR_OK)
        rc = network_training_get(s, NULL, training_id, &after, e);
    if (rc == ERR_OK && *promoted) {
        char link[64];
        int w = snprintf(link, sizeof(link), "/api/v1/trainings/%lld", (long long)training_id);
        if (w > 0 && (size_t)w < sizeof(link))
            rc = network__notify(s, *promoted, "promoted", link, e,
                                 "Une place s'est libérée : vous êtes inscrit·e à la formation "
                                 "« %s »",
                                 t.title);
    }
    if (rc == ERR_OK && after.confirmed_at && (int64_t)after.n_registered < after.min_participants)
        rc = store_training_set_confirmed(s, training_id, 0, e);
    if (rc)
        *promoted = 0;
    rc = store_tx_leave(s, is_owned, rc, e);
    store_training_release(&t);
    store_training_release(&after);
    return rc;
}
