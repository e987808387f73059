/*
 * Record descriptors: one table per register, read by forms, list columns,
 * CSV and JSON, the command line's FIELD=VALUE and validation alike, so a
 * new field is one line here (and one in the schema, which a unit test
 * holds these against).
 */
#ifndef SMREG_CORE_RECORD_H
#define SMREG_CORE_RECORD_H

#include <stdbool.h>
#include <stddef.h>

enum field_type {
	FIELD_TEXT,	 /* one line */
	FIELD_LONG_TEXT, /* may hold line breaks */
	FIELD_INTEGER,
	FIELD_DATE,   /* ISO when stored, typed in any form of date.h */
	FIELD_YES_NO, /* "yes" or "no"; 1 or 0 in the database */
	FIELD_CHOICE, /* one of choices[] */
	FIELD_REF,    /* a record of register `target` */
	FIELD_CODES,  /* ';'-separated codes: of choices[] or of `target`
				 * (ids, when `target` is referred to by id) */
	FIELD_TIME,   /* a time of day, HH:MM; "now" when typed */
};

enum field_flag {
	FIELD_REQUIRED = 1 << 0,
	FIELD_LISTED = 1 << 1,	 /* a column of the register's list */
	FIELD_FIXED = 1 << 2,	 /* set when the record is made, never changed after */
	FIELD_MANAGED = 1 << 3,	 /* kept by the register's managers; whoever files
				 * a record of their own (staff) cannot set it */
	FIELD_ME = 1 << 4,	 /* a person field that is, unless given, the user */
	FIELD_ENDED_BY = 1 << 5, /* the person who ended it: the user, when ending */
	FIELD_NAME = 1 << 6,	 /* a name a reference matches (match_sql, title_sql):
				 * no invisible characters in it */
	FIELD_AUTO = 1 << 7,	 /* filled in by smreg when the record is made (who
				 * recorded it: the user's person, or their roles
				 * for a text field), never typed or changed */
	FIELD_MONTH_OK = 1 << 8, /* a date that may be a month, as policies print
					 * them ("October 2025"): stored "YYYY-MM" */
};

struct field {
	const char *name;  /* column; the CLI, CSV and JSON name */
	const char *label; /* for forms and column headings */
	enum field_type type;
	unsigned flags;
	const char *target;	    /* REF and CODES: the register referred to */
	const char *const *choices; /* CHOICE, fixed CODES: NULL-terminated */
	const char *initial;	    /* the value when none is given, as typed */
	int width;		    /* preferred list column width */
	const char *help;	    /* one line: what the field is for */
	/* REF: what a list shows when it is empty, an SQL fragment over the
	 * row ("$." as in record_type), or NULL: a report's pupil named as
	 * typed when they are not on the register. */
	const char *otherwise_sql;
};

enum record_flag {
	RECORD_FIXED_SET = 1 << 0,     /* rows cannot be added or deleted (settings) */
	RECORD_NEVER_DELETED = 1 << 1, /* safeguarding records */
	RECORD_NEEDS_REASON = 1 << 2,  /* every change needs a reason */
	RECORD_AUDIT_OPENS = 1 << 3,   /* every read is recorded: open, list, search, export */
	RECORD_LOOKUP = 1 << 4,	       /* a lookup table, not a register anyone keeps:
					 * not counted on the dashboard */
	RECORD_ONE_PREFILLS = 1 << 5,  /* while it holds one record, a required
					 * reference to it is that record */
	RECORD_USERS = 1 << 6,	       /* smreg's own users: a write rereads the roles */
	RECORD_SUBJECT = 1 << 7,       /* a data subject: smreg sar gathers what names them */
};

/* Records of another register that belong to one of this: listed with it
 * (the UI's record screen, the command line's show) and added from it. */
struct relation {
	const char *type;  /* the related register */
	const char *field; /* its field naming this record */
	const char *heading;
	const char *new_label; /* what adding one is called here */
};

/* What follows a record's end. */
enum end_follow_up {
	END_ALONE,
	END_REVOKE_HELD, /* a leaver: offer to revoke the authorisations held */
};

/* What is asked before a record is added. */
enum add_check {
	ADD_ALONE,
	ADD_ASKS_MAY_POST, /* a post: may-I-post is asked, and its answer kept */
};

/* What an MIS export (smreg import TYPE --from SYSTEM) gives of a register. */
enum mis_kind {
	MIS_NONE,
	MIS_PUPILS,   /* the pupil list */
	MIS_CONSENTS, /* the parental-consent answers, by pupil and consent type */
};

/* A date derived, when not given, from another date plus a number of
 * months in a third field (a policy's next review), or a fixed number. */
struct derived_date {
	const char *field;
	const char *from;
	const char *months;
	int fixed_months; /* months is NULL: always this many (a request's month) */
};

/*
 * A rule across fields, such as a leaving date not before the start: ok_sql,
 * over the row ("$." as in record_type), must not be false (NULL passes, as
 * in a CHECK).  Core checks every rule before it writes, so that a form
 * marks every wrong field at once; the schema's CHECK named "field: why"
 * stays the last guard (a unit test holds each rule to it).
 */
struct field_rule {
	const char *field; /* the field marked wrong */
	const char *ok_sql;
	const char *why; /* in the command line's words, as the schema's */
};

struct record_type {
	const char *name;   /* table and CLI name: "channel" */
	const char *label;  /* "channel" in a sentence */
	const char *plural; /* "Channels", as a heading */
	const struct field *fields;
	size_t field_count;
	/*
	 * SQL fragments over one row, written with "$." before each column;
	 * record_sql() puts the alias of the query in its place.
	 */
	const char *title_sql;	      /* names one record, in words */
	const char *const *match_sql; /* what a typed name is matched against */
	const char *order_sql;	      /* the default list order */
	const char *ended_sql;	      /* true for ended records; :today is today */
	/* The date that ends a record, the verb for ending ("revoke") and what
	 * an ended one is ("revoked"), the field for a note said when ending
	 * (or NULL), and assignments made with it. */
	const char *end_field;
	const char *end_verb;
	const char *end_past;
	const char *end_note_field;
	const char *end_also_sql;
	/* Fields ending also asks for, in one form with the date and note
	 * (a report's outcome, whether a parent was told, the referral):
	 * NULL-terminated, or NULL for the date and note alone. */
	const char *const *end_fields;
	enum end_follow_up end_follow_up;
	enum add_check add_check;
	enum mis_kind mis;		  /* what smreg import --from reads into it */
	const struct relation *relations; /* NULL-terminated by .type, or NULL */
	struct derived_date derived;	  /* .field NULL: none */
	const char *key;		  /* the column a reference stores: NULL for "id" */
	/* A table (id, title) kept by triggers holding each record's title,
	 * indexed, for a title no index of the register's own can hold (it
	 * reads another register); a sort by a reference to the register
	 * walks it (schema/022).  NULL: the title is of the row alone. */
	const char *title_table;
	/* The person field naming who filed a record, for roles that see
	 * only their own (staff and contact reports), or NULL. */
	const char *owner_field;
	/* The person field naming whom a record is about when that person
	 * must never read it (a concern about a member of staff), or NULL;
	 * named_reader_sql is who reads it besides its managers: an SQL
	 * fragment over the row giving a person id (access.c). */
	const char *concerns_field;
	const char *named_reader_sql;
	/* The REF field naming the record this one belongs to, whose
	 * readers alone may read it (an action, its report), or NULL. */
	const char *parent_field;
	unsigned flags;
	const char *help;		/* one line: what the register is */
	const struct field_rule *rules; /* NULL-terminated by .field, or NULL */
};

/* All registers, in the order they are shown; count in *count. */
const struct record_type *const *record_types(size_t *count);

/* The register called name, or NULL. */
const struct record_type *record_type_find(const char *name);

/* The index of the field called name in type, or -1. */
int record_field_index(const struct record_type *type, const char *name);

/* The field called name in type, or NULL. */
const struct field *record_field_find(const struct record_type *type,
				      const char *name);

/* "a, b or c" for a field's choices, into buf. */
const char *record_choices_text(const struct field *field, char *buf, size_t len);

/* The key a REF field stores: its target's key ("code" for consent uses),
 * else "id". */
const char *record_ref_key(const struct field *field);

/* fragment with every "$." replaced by "alias."; the caller frees it.
 * NULL when out of memory. */
char *record_sql(const char *fragment, const char *alias);

#endif
