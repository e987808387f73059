/* Self-contained HTML pages for print: escaping and the A4 print style. */
#include "core/html.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/*
 * Black on white, serif for reading, A4 margins with the running reference
 * and page numbers in the margin boxes.  Long values wrap and keep their
 * line breaks; rows and fields are not split across pages.
 */
static const char page_style[] =
	"@page{size:A4;margin:20mm 16mm 20mm 16mm;"
	"@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages);"
	"font:9pt sans-serif}}\n"
	"body{font:11pt/1.4 serif;color:#000;background:#fff;margin:0 auto;"
	"max-width:48em}\n"
	"h1{font:bold 16pt sans-serif;margin:0 0 .5em}\n"
	"h2{font:bold 13pt sans-serif;border-bottom:1pt solid #000;"
	"margin:1.2em 0 .4em;break-after:avoid}\n"
	"h3{font:bold 11pt sans-serif;margin:1em 0 .3em;break-after:avoid}\n"
	"p,dd,td{white-space:pre-wrap;overflow-wrap:anywhere}\n"
	"dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}\n"
	"dt{font-weight:bold}\n"
	"dd{margin:0}\n"
	"dt,dd{break-inside:avoid}\n"
	"table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
	"thead{display:table-header-group}\n"
	"th,td{border:.75pt solid #000;padding:2pt 4pt;text-align:left;"
	"vertical-align:top}\n"
	"tr{break-inside:avoid}\n"
	".note{font-style:italic}\n"
	/* A table of many short columns: smaller, and words kept whole. */
	"table.compact{font-size:9pt}\n"
	"table.compact td,table.compact th{overflow-wrap:normal}\n"
	"mark.third-party{background:none;color:#000;border:1pt dashed #000}\n"
	"mark.third-party::after{content:\" [third party]\";font:8pt sans-serif}\n";

/* The running reference as a CSS string: a hex escape for anything but
 * plain ASCII, so no text can end the string or the style element. */
static void css_string(FILE *out, const char *s)
{
	size_t len = strlen(s);

	fputc('"', out);
	while (len > 0) {
		unsigned code;
		size_t n = text_decode(s, len, &code);

		if (n == 0) {
			n = 1;
			code = 0xFFFD;
		}
		if (code >= 0x20 && code < 0x7F && !strchr("\"\\<>&", (int)code))
			fputc((int)code, out);
		else if (!text_is_unshowable(code))
			fprintf(out, "\\%X ", code);
		s += n;
		len -= n;
	}
	fputc('"', out);
}

/* One character of text as HTML: markup characters as entities, a byte
 * that is not UTF-8 as U+FFFD, and a control or a mark that would reorder
 * the text around it named rather than obeyed, so the page shows what is
 * stored and nothing else. */
static void html_char(FILE *out, const char *s, size_t n, unsigned code)
{
	switch (code) {
	case '&':
		fputs("&amp;", out);
		return;
	case '<':
		fputs("&lt;", out);
		return;
	case '>':
		fputs("&gt;", out);
		return;
	case '"':
		fputs("&quot;", out);
		return;
	case '\'':
		fputs("&#39;", out);
		return;
	case '\n':
	case '\t':
		fputc((int)code, out);
		return;
	}
	if (n == 0)
		fputs("&#xFFFD;", out);
	else if (text_is_unshowable(code))
		fprintf(out, "[U+%04X]", code);
	else
		fwrite(s, 1, n, out);
}

void html_text(FILE *out, const char *text)
{
	const char *s = text ? text : "";
	size_t len = strlen(s);

	while (len > 0) {
		unsigned code;
		size_t n = text_decode(s, len, &code);

		html_char(out, s, n, n ? code : 0xFFFD);
		n = n ? n : 1;
		s += n;
		len -= n;
	}
}

void html_begin(FILE *out, const char *title, const char *running)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>",
	      out);
	html_text(out, title);
	fprintf(out, "</title>\n<style>\n%s", page_style);
	if (running) {
		fputs("@page{@top-center{content:", out);
		css_string(out, running);
		fputs(";font:9pt sans-serif}}\n", out);
	}
	fputs("</style>\n</head>\n<body>\n<h1>", out);
	html_text(out, title);
	fputs("</h1>\n", out);
}

void html_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}

void html_heading(FILE *out, int level, const char *id, const char *text)
{
	level = level == 3 ? 3 : 2;
	fprintf(out, "<h%d", level);
	if (id) {
		fputs(" id=\"", out);
		html_text(out, id);
		fputc('"', out);
	}
	fputc('>', out);
	html_text(out, text);
	fprintf(out, "</h%d>\n", level);
}

void html_paragraph(FILE *out, const char *class_name, const char *text)
{
	fputs("<p", out);
	if (class_name) {
		fputs(" class=\"", out);
		html_text(out, class_name);
		fputc('"', out);
	}
	fputc('>', out);
	html_text(out, text);
	fputs("</p>\n", out);
}

void html_contents(FILE *out, const char *const *ids, const char *const *titles,
		   size_t count)
{
	fputs("<nav><h2>Contents</h2>\n<ol>\n", out);
	for (size_t i = 0; i < count; i++) {
		fputs("<li><a href=\"#", out);
		html_text(out, ids[i]);
		fputs("\">", out);
		html_text(out, titles[i]);
		fputs("</a></li>\n", out);
	}
	fputs("</ol></nav>\n", out);
}

void html_fields_start(FILE *out)
{
	fputs("<dl>\n", out);
}

void html_field(FILE *out, const char *label, const char *value)
{
	fputs("<dt>", out);
	html_text(out, label);
	fputs("</dt><dd>", out);
	html_text(out, value && *value ? value : "-");
	fputs("</dd>\n", out);
}

void html_fields_end(FILE *out)
{
	fputs("</dl>\n", out);
}

void html_table_start(FILE *out, const char *const *headings, size_t count)
{
	html_table_start_class(out, NULL, headings, count);
}

void html_table_start_class(FILE *out, const char *class_name, const char *const *headings,
			    size_t count)
{
	fputs("<table", out);
	if (class_name) {
		fputs(" class=\"", out);
		html_text(out, class_name);
		fputc('"', out);
	}
	fputs(">\n<thead><tr>", out);
	for (size_t i = 0; i < count; i++) {
		fputs("<th>", out);
		html_text(out, headings[i]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
}

void html_table_row(FILE *out, const char *const *cells, size_t count)
{
	fputs("<tr>", out);
	for (size_t i = 0; i < count; i++) {
		fputs("<td>", out);
		html_text(out, cells[i]);
		fputs("</td>", out);
	}
	fputs("</tr>\n", out);
}

void html_table_end(FILE *out)
{
	fputs("</tbody>\n</table>\n", out);
}

/* The earliest of names in text, its index in *which; NULL when none. */
static const char *first_name(const char *text, const char *const *names, size_t count,
			      size_t *which)
{
	const char *first = NULL;

	for (size_t i = 0; i < count; i++) {
		const char *at = names[i] && names[i][0] ? strstr(text, names[i]) : NULL;

		if (at != NULL && (first == NULL || at < first ||
				   (at == first && strlen(names[i]) > strlen(names[*which])))) {
			first = at;
			*which = i;
		}
	}
	return first;
}

void html_field_marked(FILE *out, const char *label, const char *value,
		       const char *const *names, size_t count)
{
	const char *p = value ? value : "";
	size_t which = 0;
	const char *at;

	fputs("<dt>", out);
	html_text(out, label);
	fputs("</dt><dd>", out);
	if (p[0] == '\0')
		p = "-";
	while ((at = first_name(p, names, count, &which)) != NULL) {
		char *before = strndup(p, (size_t)(at - p));

		if (before != NULL)
			html_text(out, before);
		free(before);
		fputs("<mark class=\"third-party\">", out);
		html_text(out, names[which]);
		fputs("</mark>", out);
		p = at + strlen(names[which]);
	}
	html_text(out, p);
	fputs("</dd>\n", out);
}
