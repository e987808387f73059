/*
 * What a person does to one record from any screen: add one,
 * change it, end it the register's own way (asking for the date, today by
 * default), delete a mistake (asking first).
 */
#ifndef SMREG_TUI_OPS_H
#define SMREG_TUI_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/record.h"
#include "core/store.h"
#include "core/value.h"
#include "tui/ui.h"

bool ops_can_read(struct ui *ui, const struct record_type *type);
bool ops_can_add(struct ui *ui, const struct record_type *type);
bool ops_can_write(struct ui *ui, const struct record_type *type);

/* Whether the user may end r (close, revoke, withdraw...): r has an end
 * field, not yet set, and the user may write its register.  False for NULL. */
bool ops_can_end(struct ui *ui, const struct record *r);

/* A form for a new record, presets locked. */
void ops_new(struct ui *ui, const struct record_type *type, const struct assignment *presets,
	     size_t preset_count);

void ops_edit(struct ui *ui, const struct record_type *type, const char *id);

/* Close, revoke, withdraw, record leaving...: asks for the date (and the
 * note the register keeps with it), then offers what follows (a leaver's
 * authorisations). */
void ops_end(struct ui *ui, const struct record *record);

void ops_delete(struct ui *ui, const struct record_type *type, const char *id, const char *title);

/* Offer to revoke every authorisation a person still holds, from date (as typed). */
void ops_offer_revoke_all(struct ui *ui, const char *person_id, const char *name,
			  const char *date);

#endif
