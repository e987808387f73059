/*
 * Long text drawn whole: wrapped at a width, its own line breaks kept,
 * a word wider than the width (a run of CJK, a long address) broken where
 * it must, every character measured in terminal columns.  Used where a
 * field's full value is shown in place (a record's screen).
 */
#ifndef SMREG_TUI_WRAP_H
#define SMREG_TUI_WRAP_H

#include <curses.h>

/*
 * Draw text from (y, x) in lines of at most width columns, leaving out
 * the first skip lines and drawing at most max_lines after them (0: only
 * count).  Returns all the lines the text takes (at least 1).
 */
int wrap_draw(int y, int x, int width, int skip, int max_lines, const char *text, attr_t attr);

#endif
