-- smreg schema, version 6: a safeguarding record is never dated in the
-- future.
--
-- A contact report or an action dated later than today would never fall
-- due (CONTACT_OPEN counts from reported_on), and a chronology must not
-- claim what has not happened.  "Today" is the real day, smreg_real_today(),
-- not SMREG_TODAY's what-if, which must not bend the rule.  A CHECK cannot
-- read the clock, so triggers hold it; a date already stored is left as it
-- is until someone changes it.

CREATE TRIGGER contact_reported_on_not_future_insert BEFORE INSERT ON contact
WHEN NEW.reported_on > smreg_real_today()
BEGIN
	SELECT RAISE(ABORT, 'reported_on: is later than today');
END;

CREATE TRIGGER contact_reported_on_not_future_update BEFORE UPDATE OF reported_on ON contact
WHEN NEW.reported_on > smreg_real_today() AND NEW.reported_on IS NOT OLD.reported_on
BEGIN
	SELECT RAISE(ABORT, 'reported_on: is later than today');
END;

CREATE TRIGGER action_acted_on_not_future_insert BEFORE INSERT ON action
WHEN NEW.acted_on > smreg_real_today()
BEGIN
	SELECT RAISE(ABORT, 'acted_on: is later than today');
END;

CREATE TRIGGER action_acted_on_not_future_update BEFORE UPDATE OF acted_on ON action
WHEN NEW.acted_on > smreg_real_today() AND NEW.acted_on IS NOT OLD.acted_on
BEGIN
	SELECT RAISE(ABORT, 'acted_on: is later than today');
END;
