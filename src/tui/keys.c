/* Which part of the manual documents which screen's keys: the long-text
 * editor is a form's, the full record a record screen's. */
#include "tui/keys.h"

#include "tui/calendar.h"
#include "tui/dashboard.h"
#include "tui/detail.h"
#include "tui/editor.h"
#include "tui/form.h"
#include "tui/menu.h"
#include "tui/picker.h"
#include "tui/post.h"
#include "tui/prompt.h"
#include "tui/register.h"
#include "tui/report.h"

static const struct action *const global_tables[] = {global_actions, NULL};
static const struct action *const movement_tables[] = {movement_actions, NULL};

const struct screen_keys *tui_screen_keys(size_t *count)
{
	/* Not static data: a class's tables are not constant expressions. */
	static struct screen_keys keys[14];
	size_t n = 0;

	keys[n++] = (struct screen_keys){"Keys of every screen", global_tables};
	keys[n++] = (struct screen_keys){"Moving in a list", movement_tables};
	keys[n++] = (struct screen_keys){"Dashboard", dashboard_class.actions};
	keys[n++] = (struct screen_keys){"Registers menu (R)", menu_class.actions};
	keys[n++] = (struct screen_keys){"Register tables", register_class.actions};
	keys[n++] = (struct screen_keys){"Record screens", detail_class.actions};
	keys[n++] = (struct screen_keys){"Forms", form_class.actions};
	keys[n++] = (struct screen_keys){"Pickers", picker_class.actions};
	keys[n++] = (struct screen_keys){"Questions", prompt_class.actions};
	keys[n++] = (struct screen_keys){"May I post? (M)", post_class.actions};
	keys[n++] = (struct screen_keys){"Review calendar (V)", calendar_class.actions};
	keys[n++] = (struct screen_keys){"Governors' report (T)", report_class.actions};
	keys[n++] = (struct screen_keys){"Forms", editor_class.actions};
	keys[n++] = (struct screen_keys){"Record screens", viewer_class.actions};
	*count = n;
	return keys;
}
