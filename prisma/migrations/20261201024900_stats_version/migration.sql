-- The statistics' data version (decision 008): every committed change to what the official status is
-- computed from bumps Setting 'stats.version', so that cached dashboard results keyed on it are never
-- served after the data they were computed from has changed.
--
-- Deferred constraint triggers run at commit, after every other lock of the transaction is held, so the
-- one version row is always the last lock taken (no deadlock with the writes themselves), and once per
-- transaction (a transaction-local flag), so a fan-out of 10,000 assignments bumps it once.
CREATE FUNCTION bump_stats_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('dondoc.stats_bumped', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('dondoc.stats_bumped', 'yes', true);
  INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('stats.version', '1'::jsonb, now())
  ON CONFLICT (key) DO UPDATE SET value = to_jsonb(("Setting".value #>> '{}')::bigint + 1), "updatedAt" = now();
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER stats_version_assignment AFTER INSERT OR UPDATE OR DELETE ON "Assignment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_stats_version();
CREATE CONSTRAINT TRIGGER stats_version_report AFTER INSERT OR DELETE OR UPDATE OF status, "completedAt", "periodKey", "assignmentId", "createdAt" ON "Report"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_stats_version();
CREATE CONSTRAINT TRIGGER stats_version_task AFTER INSERT OR UPDATE OR DELETE ON "Task"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_stats_version();
CREATE CONSTRAINT TRIGGER stats_version_section AFTER INSERT OR UPDATE OR DELETE ON "Section"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_stats_version();
CREATE CONSTRAINT TRIGGER stats_version_programme AFTER INSERT OR UPDATE OR DELETE ON "Programme"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_stats_version();
CREATE CONSTRAINT TRIGGER stats_version_unit AFTER INSERT OR UPDATE OR DELETE ON "Unit"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_stats_version();
CREATE CONSTRAINT TRIGGER stats_version_lineage AFTER INSERT OR UPDATE OR DELETE ON "UnitLineage"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_stats_version();
CREATE CONSTRAINT TRIGGER stats_version_extension AFTER INSERT OR UPDATE OR DELETE ON "DeadlineExtension"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_stats_version();
