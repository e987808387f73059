/* Writing JSON: strings escaped so that any text, even hostile, stays data. */
#ifndef SMREG_CORE_JSON_H
#define SMREG_CORE_JSON_H

#include <stdio.h>

/* Write s as a JSON string (with its quotes); NULL as null. */
void json_write_string(FILE *out, const char *s);

#endif
