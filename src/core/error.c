#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int error_set(struct error *err, int status, const char *field,
	      const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return status;
	err->status = status;
	err->line = 0;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof err->text, fmt, ap);
	va_end(ap);
	return status;
}

void error_clear(struct error *err)
{
	if (err == NULL)
		return;
	err->status = STATUS_OK;
	err->line = 0;
	err->field[0] = '\0';
	err->text[0] = '\0';
}

const char *error_message(const struct error *err, char *buf, size_t len)
{
	if (err->field[0] != '\0')
		snprintf(buf, len, "%s: %s", err->field, err->text);
	else
		snprintf(buf, len, "%s", err->text);
	return buf;
}

int error_list_add(struct error_list *list, const struct error *err)
{
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? list->capacity * 2 : 8;
		struct error *items;

		items = realloc(list->items, capacity * sizeof *items);
		if (items == NULL)
			return -1;
		list->items = items;
		list->capacity = capacity;
	}
	list->items[list->count++] = *err;
	return 0;
}

void error_list_clear(struct error_list *list)
{
	free(list->items);
	list->items = NULL;
	list->count = 0;
	list->capacity = 0;
}
