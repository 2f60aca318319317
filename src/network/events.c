/* SPDX-License-Identifier: MIT */
/*
 * events.c - the network's events (meetings three times a year, webinars
 * with a video link, workshops): creation with French validation,
 * registration with capacity and waiting list, promotion of the first
 * waiting person when a place frees up, and the iCalendar feeds.
 * Joint trainings, which share the registration mechanism, are in
 * trainings.c.
 */
#include "network_int.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const event_kinds[] = {"network_meeting", "webinar", "workshop", NULL};

/* Longest event: a week (a multi-day seminar). */
#define EVENT_MAX_S (7 * 86400)

int network_event_validate(const struct network_event_input *in, struct store_event *out,
                           struct err *e)
{
    memset(out, 0, sizeof(*out));
    int rc = network__check_enum("kind", in->kind, event_kinds, e);
    bool is_webinar = rc == ERR_OK && !strcmp(in->kind, "webinar");
    if (rc == ERR_OK)
        rc = network_check_text("title", in->title, true, false, 200, e);
    if (rc == ERR_OK)
        rc = network_check_text("description", in->description, false, true, 10000, e);
    if (rc == ERR_OK)
        rc = network_check_text("location", in->location, !is_webinar, false, 300, e);
    if (rc == ERR_OK)
        rc = network_check_url("video_url", in->video_url, is_webinar, e);
    if (rc == ERR_OK)
        rc = network__check_span("starts_at", in->starts_at, "ends_at", in->ends_at, EVENT_MAX_S,
                                 &out->starts_at, &out->ends_at, e);
    if (rc == ERR_OK)
        rc = network_check_range("capacity", in->capacity, 0, 100000, e);
    if (rc)
        return rc;
    int w = snprintf(out->kind, sizeof(out->kind), "%s", in->kind);
    if (w < 0 || (size_t)w >= sizeof(out->kind))
        return err_set(e, ERR_INPUT, "kind : trop long");
    out->title = (char *)in->title;
    out->description = (char *)(in->description ? in->description : "");
    out->location = (char *)(in->location ? in->location : "");
    out->video_url = (char *)(in->video_url ? in->video_url : "");
    out->capacity = in->capacity;
    out->territory_id = in->territory_id;
    return ERR_OK;
}

/* Network-wide events are the admins'; territory ones also their facilitators'. */
static int check_organiser(const struct store_account *who, int64_t territory_id, struct err *e)
{
    if (territory_id ? network__facilitates(who, territory_id) : network__is_admin(who))
        return ERR_OK;
    return network__forbidden(e, "organiser un événement");
}

int network_event_create(struct store *s, const struct store_account *who,
                         const struct network_event_input *in, int64_t *id, struct err *e)
{
    struct store_event ev;
    int rc = network_event_validate(in, &ev, e);
    if (rc == ERR_OK)
        rc = check_organiser(who, in->territory_id, e);
    if (rc)
        return rc;
    ev.created_by = network__who_id(who);
    rc = store_event_insert(s, &ev, id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_INPUT, "territory_id : territoire %lld introuvable",
                       (long long)in->territory_id);
    return rc;
}

bool network_event_visible(struct store *s, const struct store_account *who,
                           const struct store_event *ev)
{
    return network__sees_territory(s, who, ev->territory_id);
}

int network_event_get(struct store *s, const struct store_account *who, int64_t id,
                      struct store_event *out, struct err *e)
{
    int rc = store_event_get(s, id, out, e);
    if (rc == ERR_OK && !network_event_visible(s, who, out)) {
        store_event_release(out);
        rc = ERR_NOT_FOUND;
    }
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "événement %lld introuvable", (long long)id);
    return rc;
}

/* Loads event id and checks who may change it: a hidden event is not
 * found, a seen one that who does not organise is forbidden. */
static int load_own_event(struct store *s, const struct store_account *who, int64_t id,
                          struct store_event *ev, struct err *e)
{
    int rc = network_event_get(s, who, id, ev, e);
    if (rc == ERR_OK && (rc = check_organiser(who, ev->territory_id, e)))
        store_event_release(ev);
    return rc;
}

int network_event_update(struct store *s, const struct store_account *who, int64_t id,
                         const struct network_event_input *in, struct err *e)
{
    struct store_event old, ev;
    int rc = network_event_validate(in, &ev, e);
    if (rc == ERR_OK)
        rc = load_own_event(s, who, id, &old, e);
    if (rc)
        return rc;
    int64_t old_territory = old.territory_id;
    store_event_release(&old);
    /* moving an event needs the right to organise at its destination too */
    if (in->territory_id != old_territory && (rc = check_organiser(who, in->territory_id, e)))
        return rc;
    ev.id = id;
    return store_event_update(s, &ev, e);
}

int network_event_cancel(struct store *s, const struct store_account *who, int64_t id,
                         struct err *e)
{
    struct store_event ev;
    int rc = load_own_event(s, who, id, &ev, e);
    if (rc)
        return rc;
    store_event_release(&ev);
    return store_event_cancel(s, id, e);
}

static void event_release(void *ev)
{
    store_event_release(ev);
}

int network_event_list(struct store *s, const struct store_account *who, int64_t from_s,
                       int64_t account_id, struct store_event **out, size_t *n, struct err *e)
{
    struct network__viewer v;
    int rc = store_event_list(s, from_s, account_id, out, n, e);
    if (rc)
        return rc;
    network__viewer_init(&v, s, who);
    network__viewer_keep(&v, *out, n, sizeof(**out), offsetof(struct store_event, territory_id),
                         event_release);
    return ERR_OK;
}

int network_event_register(struct store *s, const struct store_account *who, int64_t now_s,
                           int64_t event_id, enum store_reg_status *status, struct err *e)
{
    if (!who)
        return err_set(e, ERR_UNAUTHORIZED, "inscription : connectez-vous pour vous inscrire");
    struct store_event ev;
    int rc = network_event_get(s, who, event_id, &ev, e);
    if (rc)
        return rc;
    /* observers follow the network's life without taking seats */
    if (who->role == STORE_ROLE_OBSERVER)
        rc = err_set(e, ERR_FORBIDDEN,
                     "inscription : les observateur·rices consultent les événements sans s'y "
                     "inscrire");
    else if (ev.is_cancelled)
        rc = err_set(e, ERR_CONFLICT, "inscription : l'événement « %s » est annulé", ev.title);
    else if (ev.ends_at <= now_s)
        rc = err_set(e, ERR_CONFLICT, "inscription : l'événement « %s » est terminé", ev.title);
    if (rc == ERR_OK) {
        rc = store_reg_add(s, STORE_REG_EVENT, event_id, ev.capacity, who->id, status, e);
        if (rc == ERR_CONFLICT)
            rc = err_set(e, ERR_CONFLICT, "inscription : vous êtes déjà inscrit·e à « %s »",
                         ev.title);
    }
    store_event_release(&ev);
    return rc;
}

int network_event_unregister(struct store *s, const struct store_account *who, int64_t event_id,
                             int64_t *promoted, struct err *e)
{
    *promoted = 0;
    if (!who)
        return err_set(e, ERR_UNAUTHORIZED, "inscription : connectez-vous");
    struct store_event ev;
    char link[64];
    /* a hidden event is not found, as when reading it: its title stays hidden */
    int rc = network_event_get(s, who, event_id, &ev, e);
    if (rc)
        return rc;
    bool is_owned;
    rc = store_tx_join(s, &is_owned, e);
    if (rc == ERR_OK)
        rc = store_reg_cancel(s, STORE_REG_EVENT, event_id, ev.capacity, who->id, promoted, e);
    if (rc == ERR_NOT_FOUND)
        rc =
            err_set(e, ERR_NOT_FOUND, "inscription : vous n'êtes pas inscrit·e à « %s »", ev.title);
    int w = snprintf(link, sizeof(link), "/api/v1/events/%lld", (long long)event_id);
    if (rc == ERR_OK && *promoted && w > 0 && (size_t)w < sizeof(link)) {
        char when[NETWORK_TIME_BUF];
        network_time_format_fr(ev.starts_at, when);
        rc = network__notify(s, *promoted, "promoted", link, e,
                             "Une place s'est libérée : vous êtes inscrit·e à « %s » le %s",
                             ev.title, when);
    }
    if (rc)
        *promoted = 0;
    rc = store_tx_leave(s, is_owned, rc, e);
    store_event_release(&ev);
    return rc;
}

int network_event_registrations(struct store *s, const struct store_account *who, int64_t event_id,
                                struct store_registration **out, size_t *n, struct err *e)
{
    struct store_event ev;
    *out = NULL;
    *n = 0;
    int rc = load_own_event(s, who, event_id, &ev, e);
    if (rc)
        return rc;
    store_event_release(&ev);
    return store_reg_list(s, STORE_REG_EVENT, event_id, out, n, e);
}

static const char *category_of(const char *kind)
{
    if (!strcmp(kind, "webinar"))
        return "WEBINAIRE";
    if (!strcmp(kind, "workshop"))
        return "ATELIER";
    return "RENCONTRE DU RÉSEAU";
}

int network_events_ics(struct store *s, const struct store_account *who, int64_t account_id,
                       enum network_ical_tz tz, struct sb *out, struct err *e)
{
    struct store_event *evs = NULL;
    size_t n = 0;
    struct network_ical_event *ics = NULL;
    char(*uids)[48] = NULL;
    int rc = network_event_list(s, who, 0, account_id, &evs, &n, e);
    if (rc)
        goto out;
    ics = xcalloc(n ? n : 1, sizeof(*ics));
    uids = xcalloc(n ? n : 1, sizeof(*uids));
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(uids[i], sizeof(uids[i]), "event-%lld@symbiose", (long long)evs[i].id);
        if (w < 0 || (size_t)w >= sizeof(uids[i])) {
            rc = err_set(e, ERR_INTERNAL, "event uid too long");
            goto out;
        }
        ics[i] = (struct network_ical_event){
            .uid = uids[i],
            .summary = evs[i].title,
            .description = evs[i].description,
            .location = evs[i].location,
            .url = evs[i].video_url,
            .categories = category_of(evs[i].kind),
            .start_utc = evs[i].starts_at,
            .end_utc = evs[i].ends_at,
            .stamp_utc = evs[i].updated_at,
            .sequence = evs[i].sequence,
            .is_cancelled = evs[i].is_cancelled,
        };
    }
    rc = network_ical_write(out, account_id ? "Mes événements du réseau EIT" : "Réseau EIT", ics, n,
                            tz, e);
out:
    free(uids);
    free(ics);
    store_events_free(evs, n);
    return rc;
}
