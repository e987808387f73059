/*
 * UTF-8 text: checking what may be stored, measuring it in terminal
 * columns, and making it safe to show.  Widths need an LC_CTYPE with UTF-8,
 * which both front ends set up with text_use_utf8_locale().
 */
#ifndef SMREG_CORE_TEXT_H
#define SMREG_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Select the user's locale for LC_CTYPE, falling back to C.UTF-8 when the
 * user's is not UTF-8.  Returns false when no UTF-8 locale is available. */
bool text_use_utf8_locale(void);

/* Decode one UTF-8 character from s (at most len bytes).  Returns its
 * length in bytes and stores the code point, or returns 0 for a byte that
 * does not start a valid, shortest-form character. */
size_t text_decode(const char *s, size_t len, unsigned *code);

/* Whether code point c must never reach a terminal as it is: a control
 * (C0, DEL, C1, whose CSI a terminal may obey) or a mark that reorders or
 * hides the text around it. */
bool text_is_unshowable(unsigned c);

/*
 * Whether s may be stored in a field: valid UTF-8, no control characters
 * (tab and newline only where multiline is true).  On refusal returns
 * false and points *why at the reason.
 */
bool text_is_storable(const char *s, bool multiline, const char **why);

/* Columns s takes on a terminal; characters that cannot be shown count as
 * the width of their escape in text_safe(). */
int text_width(const char *s);

/*
 * A copy of s that cannot move the cursor or change the terminal: control
 * characters become "^X" style escapes, other unprintable or invalid bytes
 * become U+FFFD, and newlines become the symbol "↵" when single_line.
 * The caller frees the result; NULL only when out of memory.
 */
char *text_safe(const char *s, bool single_line);

/*
 * Write s into out (size len) so it fills exactly `columns` terminal
 * columns: cut with "…" when wider, padded with spaces when narrower.
 * s must already be safe (text_safe).  Returns out.
 */
char *text_fit(const char *s, int columns, char *out, size_t len);

/* A new string formatted as printf would; the caller frees it.  NULL
 * only when out of memory. */
char *text_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* strdup that treats NULL as NULL. */
char *text_dup(const char *s);

/* A copy of s without leading and trailing white space (Unicode's
 * White_Space: no-break and ideographic spaces too); caller frees.  NULL
 * only when out of memory. */
char *text_trimmed(const char *s);

/*
 * Whether s holds a character a reader can see: anything but white space,
 * default-ignorable code points (U+200B ZERO WIDTH SPACE and the like) and
 * characters text_is_unshowable() stands in for.  A reason or a value that
 * holds none says nothing.
 */
bool text_has_visible(const char *s);

/*
 * Whether s holds a default-ignorable code point (U+200B ZERO WIDTH SPACE,
 * U+200D ZERO WIDTH JOINER, U+FEFF, a soft hyphen, a variation selector...):
 * one that shows nothing, so two names that look alike would differ.
 * Stores the first in *code.
 */
bool text_find_invisible(const char *s, unsigned *code);

/*
 * s in Unicode Normalization Form C (composed: "e" + U+0301 becomes "é"),
 * by libunistring.  Canonically equivalent text, the same to a reader, so
 * the same bytes to a comparison.  The caller frees it; NULL when out of
 * memory.  Invalid UTF-8 comes out with U+FFFD in its place.
 */
char *text_nfc(const char *s);

/*
 * s with the case of every letter folded (Unicode full case folding, by
 * libunistring: "ZOË" and "Zoë" both "zoë", "ΣΟΦΊΑ" and "Σοφία" alike),
 * in NFC, for matching what a person types against names.  The caller
 * frees it; NULL when out of memory.
 */
char *text_fold(const char *s);

#endif
