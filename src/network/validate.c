/* SPDX-License-Identifier: MIT */
/*
 * validate.c - field checks shared by the network services, with French
 * messages that start with the API field name, and the access rules
 * (who may act for a territory or an organisation).
 */
#include "network_int.h"

#include <stdio.h>
#include <string.h>

/* Number of code points of valid UTF-8 text. */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

int network_check_text(const char *field, const char *v, bool is_required, bool is_multiline,
                       size_t max_chars, struct err *e)
{
    if (!v)
        v = "";
    size_t n = strlen(v);
    if (!utf8_valid(v, n))
        return err_set(e, ERR_INPUT, "%s : texte invalide (UTF-8 attendu)", field);
    bool is_blank = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c < 0x20 && c != '\t' && !(is_multiline && (c == '\n' || c == '\r'))) || c == 0x7F)
            return err_set(e, ERR_INPUT, "%s : caractère de contrôle interdit%s", field,
                           is_multiline ? "" : " (une seule ligne attendue)");
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            is_blank = false;
    }
    if (is_required && is_blank)
        return err_set(e, ERR_INPUT, "%s : obligatoire", field);
    if (utf8_chars(v, n) > max_chars)
        return err_set(e, ERR_INPUT, "%s : trop long (%zu caractères au plus)", field, max_chars);
    return ERR_OK;
}

int network_check_url(const char *field, const char *v, bool is_required, struct err *e)
{
    if (!v || !*v)
        return is_required ? err_set(e, ERR_INPUT, "%s : obligatoire (lien https://...)", field)
                           : ERR_OK;
    int rc = network_check_text(field, v, false, false, 2000, e);
    if (rc)
        return rc;
    bool is_http = !strncmp(v, "https://", 8) || !strncmp(v, "http://", 7);
    if (!is_http || strpbrk(v, " \t\"<>") || !strchr(v, '.'))
        return err_set(e, ERR_INPUT, "%s : lien invalide « %.80s » (attendu https://...)", field,
                       v);
    return ERR_OK;
}

int network_check_range(const char *field, int64_t v, int64_t lo, int64_t hi, struct err *e)
{
    if (v < lo || v > hi)
        return err_set(e, ERR_INPUT, "%s : doit être un entier entre %lld et %lld (reçu %lld)",
                       field, (long long)lo, (long long)hi, (long long)v);
    return ERR_OK;
}

int network__check_enum(const char *field, const char *name, const char *const *allowed,
                        struct err *e)
{
    struct sb list;
    for (size_t i = 0; name && *name && allowed[i]; i++)
        if (!strcmp(name, allowed[i]))
            return ERR_OK;
    sb_init(&list, 1024);
    for (size_t i = 0; allowed[i]; i++) {
        if (i > 0)
            sb_adds(&list, allowed[i + 1] ? ", " : " ou ");
        sb_adds(&list, allowed[i]);
    }
    int rc;
    if (!name || !*name)
        rc = err_set(e, ERR_INPUT, "%s : obligatoire (%s)", field, list.buf);
    else
        rc = err_set(e, ERR_INPUT, "%s : valeur inconnue « %.60s » (%s)", field, name, list.buf);
    sb_release(&list);
    return rc;
}

int network__check_span(const char *start_field, const char *start, const char *end_field,
                        const char *end, int64_t max_s, int64_t *start_utc, int64_t *end_utc,
                        struct err *e)
{
    int rc = network_time_parse(start_field, start, start_utc, e);
    if (rc == ERR_OK)
        rc = network_time_parse(end_field, end, end_utc, e);
    if (rc)
        return rc;
    if (*end_utc <= *start_utc)
        return err_set(e, ERR_INPUT, "%s : la fin doit être après le début (%s)", end_field,
                       start_field);
    if (*end_utc - *start_utc > max_s)
        return err_set(e, ERR_INPUT, "%s : durée trop longue (%lld jours au plus)", end_field,
                       (long long)(max_s / 86400));
    return ERR_OK;
}

/* --------------------------------------------------------------- access */

bool network__is_admin(const struct store_account *who)
{
    return !who || who->role == STORE_ROLE_REGIONAL_ADMIN;
}

bool network__facilitates(const struct store_account *who, int64_t territory_id)
{
    if (network__is_admin(who))
        return true;
    if (who->role != STORE_ROLE_FACILITATOR)
        return false;
    if (territory_id == 0)
        return who->n_territories > 0;
    for (size_t i = 0; i < who->n_territories; i++)
        if (who->territory_ids[i] == territory_id)
            return true;
    return false;
}

bool network__acts_for_org(struct store *s, const struct store_account *who, int64_t org_id)
{
    if (network__is_admin(who))
        return true;
    if (org_id <= 0)
        return false;
    if (who->role == STORE_ROLE_MEMBER)
        return who->org_id == org_id;
    if (who->role != STORE_ROLE_FACILITATOR)
        return false;
    struct store_org o;
    if (store_org_get(s, org_id, &o, NULL) != ERR_OK)
        return false;
    bool ok = o.territory_id && network__facilitates(who, o.territory_id);
    store_org_release(&o);
    return ok;
}

/* Territory of who's organisation (members), else 0. */
static int64_t member_territory(struct store *s, const struct store_account *who)
{
    if (!who || who->org_id <= 0)
        return 0;
    struct store_org o;
    if (store_org_get(s, who->org_id, &o, NULL) != ERR_OK)
        return 0;
    int64_t t = o.territory_id;
    store_org_release(&o);
    return t;
}

void network__viewer_init(struct network__viewer *v, struct store *s,
                          const struct store_account *who)
{
    v->who = who;
    v->member_territory = member_territory(s, who);
}

bool network__viewer_sees(const struct network__viewer *v, int64_t territory_id)
{
    const struct store_account *who = v->who;
    if (territory_id == 0 || network__is_admin(who) || who->role == STORE_ROLE_OBSERVER)
        return true;
    if (who->role == STORE_ROLE_FACILITATOR)
        return network__facilitates(who, territory_id);
    return v->member_territory == territory_id;
}

void network__viewer_keep(const struct network__viewer *v, void *items, size_t *n, size_t size,
                          size_t territory_off, network__release_fn release)
{
    char *base = items;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        char *rec = base + i * size;
        int64_t territory_id;
        memcpy(&territory_id, rec + territory_off, sizeof(territory_id));
        if (!network__viewer_sees(v, territory_id))
            release(rec);
        else if (kept++ != i)
            memcpy(base + (kept - 1) * size, rec, size);
    }
    *n = kept;
}

bool network__sees_territory(struct store *s, const struct store_account *who, int64_t territory_id)
{
    struct network__viewer v;
    network__viewer_init(&v, s, who);
    return network__viewer_sees(&v, territory_id);
}

int network__forbidden(struct err *e, const char *action)
{
    return err_set(e, ERR_FORBIDDEN, "%s : action non autorisée pour votre rôle", action);
}

int network__check_participant(const struct store_account *who, const char *action, struct err *e)
{
    if (who && (who->role == STORE_ROLE_OBSERVER || who->role == STORE_ROLE_COLLECTOR))
        return network__forbidden(e, action);
    return ERR_OK;
}

int64_t network__who_id(const struct store_account *who)
{
    return who ? who->id : 0;
}

int network__notify(struct store *s, int64_t account_id, const char *kind, const char *link,
                    struct err *e, const char *fmt, ...)
{
    struct store_notification n = {.account_id = account_id};
    struct sb text;
    va_list ap;
    if (account_id <= 0)
        return ERR_OK;
    sb_init(&text, 4096);
    va_start(ap, fmt);
    sb_vaddf(&text, fmt, ap);
    va_end(ap);
    int w1 = snprintf(n.kind, sizeof(n.kind), "%s", kind);
    int w2 = snprintf(n.link, sizeof(n.link), "%s", link);
    int rc = ERR_OK;
    if (w1 < 0 || (size_t)w1 >= sizeof(n.kind) || w2 < 0 || (size_t)w2 >= sizeof(n.link))
        rc = err_set(e, ERR_INTERNAL, "notification kind or link too long");
    if (rc == ERR_OK) {
        n.text = text.buf;
        rc = store_notification_add(s, &n, e);
    }
    sb_release(&text);
    return rc;
}
