-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "firstGap" INTEGER;

-- CreateTable
CREATE TABLE "StatusSnapshot" (
    "id" SERIAL NOT NULL,
    "moment" TIMESTAMP(3) NOT NULL,
    "unitId" INTEGER NOT NULL,
    "reportUnitId" INTEGER NOT NULL,
    "sectionId" INTEGER NOT NULL,
    "reformArea" TEXT,
    "leadUnitIds" INTEGER[],
    "status" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "StatusSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusSnapshotMoment" (
    "moment" TIMESTAMP(3) NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusSnapshotMoment_pkey" PRIMARY KEY ("moment")
);

-- CreateIndex
CREATE INDEX "StatusSnapshot_moment_idx" ON "StatusSnapshot"("moment");


-- ── Periods as numbers (decision 008): the one SQL home of the ordinal rule ──────────────────────
-- A period's ordinal is year × (periods per year) + (its index in the year − 1); `months` is the length
-- of the recurrence's period (1, 3, 6, 12). Decree 09 windows run from the 15th of the month before.
CREATE FUNCTION recurrence_months(recurrence text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE recurrence WHEN 'MONTHLY' THEN 1 WHEN 'QUARTERLY' THEN 3 WHEN 'HALF_YEARLY' THEN 6 WHEN 'YEARLY' THEN 12 END
$$;

CREATE FUNCTION period_ordinal_of_key(key text, months int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN months = 1 AND key ~ '^[0-9]{4}-[0-9]{2}$' THEN left(key, 4)::int * 12 + substr(key, 6, 2)::int - 1
    WHEN months = 3 AND key ~ '^[0-9]{4}-Q[1-4]$' THEN left(key, 4)::int * 4 + substr(key, 7, 1)::int - 1
    WHEN months = 6 AND key ~ '^[0-9]{4}-H[12]$' THEN left(key, 4)::int * 2 + substr(key, 7, 1)::int - 1
    WHEN months = 12 AND key ~ '^[0-9]{4}$' THEN key::int
  END
$$;

CREATE FUNCTION period_ordinal_of_day(day date, months int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT extract(year FROM date_trunc('month', day) + CASE WHEN extract(day FROM day) >= 15 THEN interval '1 month' ELSE interval '0' END)::int * (12 / months)
       + (extract(month FROM date_trunc('month', day) + CASE WHEN extract(day FROM day) >= 15 THEN interval '1 month' ELSE interval '0' END)::int - 1) / months
$$;

CREATE FUNCTION period_ordinal_end(ordinal int, months int) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT make_date(ordinal / (12 / months), (ordinal % (12 / months) + 1) * months, 14)
$$;

-- ── The read model: Assignment."firstGap" ─────────────────────────────────────────────────────────
-- The oldest period owed by a recurring assignment (from the one containing the Vietnamese day it was
-- made) that has no completed report: the completed periods form a run from the first one, and a report
-- of ordinal o at rank k (0-based) continues it exactly when o − k is the first ordinal.
CREATE FUNCTION recurring_first_gap(assignment_id int) RETURNS int LANGUAGE sql STABLE AS $$
  WITH st AS (
    SELECT a.id, recurrence_months(t.recurrence::text) AS months,
           period_ordinal_of_day((a."createdAt" + interval '7 hours')::date, recurrence_months(t.recurrence::text)) AS first
    FROM "Assignment" a JOIN "Task" t ON t.id = a."taskId"
    WHERE a.id = assignment_id AND recurrence_months(t.recurrence::text) IS NOT NULL
  )
  SELECT st.first + count(*) FILTER (WHERE q.o - q.k = st.first)::int
  FROM st
  LEFT JOIN LATERAL (
    SELECT z.o, row_number() OVER (ORDER BY z.o) - 1 AS k
    FROM (SELECT period_ordinal_of_key(d."periodKey", st.months) AS o FROM "Report" d
          WHERE d."assignmentId" = st.id AND d."completedAt" IS NOT NULL) z
    WHERE z.o >= st.first
  ) q ON true
  GROUP BY st.first
$$;

CREATE FUNCTION refresh_first_gap(ids int[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Assignment" a SET "firstGap" = g.gap
  FROM (SELECT i AS id, recurring_first_gap(i) AS gap FROM unnest(ids) AS i) g
  WHERE a.id = g.id AND a."firstGap" IS DISTINCT FROM g.gap
$$;

CREATE FUNCTION first_gap_after_report_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_first_gap(ARRAY(SELECT DISTINCT "assignmentId" FROM new_rows WHERE "completedAt" IS NOT NULL));
  RETURN NULL;
END $$;
CREATE FUNCTION first_gap_after_report_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_first_gap(ARRAY(
    SELECT DISTINCT x.id FROM (
      SELECT n."assignmentId" AS id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n."completedAt" IS DISTINCT FROM o."completedAt" OR n."periodKey" IS DISTINCT FROM o."periodKey" OR n."assignmentId" IS DISTINCT FROM o."assignmentId"
      UNION
      SELECT o."assignmentId" FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n."assignmentId" IS DISTINCT FROM o."assignmentId"
    ) x));
  RETURN NULL;
END $$;
CREATE FUNCTION first_gap_after_report_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_first_gap(ARRAY(SELECT DISTINCT "assignmentId" FROM old_rows WHERE "completedAt" IS NOT NULL));
  RETURN NULL;
END $$;
CREATE FUNCTION first_gap_after_assignment_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_first_gap(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION first_gap_after_assignment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_first_gap(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
CREATE FUNCTION first_gap_after_task_recurrence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_first_gap(ARRAY(SELECT id FROM "Assignment" WHERE "taskId" = NEW.id));
  RETURN NULL;
END $$;

CREATE TRIGGER first_gap_report_insert AFTER INSERT ON "Report"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION first_gap_after_report_insert();
CREATE TRIGGER first_gap_report_update AFTER UPDATE ON "Report"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION first_gap_after_report_update();
CREATE TRIGGER first_gap_report_delete AFTER DELETE ON "Report"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION first_gap_after_report_delete();
CREATE TRIGGER first_gap_assignment_insert AFTER INSERT ON "Assignment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION first_gap_after_assignment_insert();
CREATE TRIGGER first_gap_assignment_change AFTER UPDATE OF "taskId", "createdAt" ON "Assignment"
  FOR EACH ROW WHEN (OLD."taskId" IS DISTINCT FROM NEW."taskId" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt")
  EXECUTE FUNCTION first_gap_after_assignment_change();
CREATE TRIGGER first_gap_task_recurrence AFTER UPDATE OF recurrence ON "Task"
  FOR EACH ROW WHEN (OLD.recurrence IS DISTINCT FROM NEW.recurrence) EXECUTE FUNCTION first_gap_after_task_recurrence();

SELECT refresh_first_gap(ARRAY(SELECT id FROM "Assignment"));

-- ── Trend snapshots are forgotten when a change rewrites the past ─────────────────────────────────
-- A report approved or an extension decided today does not change how a past cut-off stood; a new or
-- removed assignment, a deadline or task change, a programme's start, a merger or a withdrawn completion do.
-- The exclusive advisory lock waits for a snapshot fill in progress (it holds the shared one, lib/data/
-- dashboard-sql.ts SNAPSHOT_LOCK), so a fill never writes counts of a past that a write has just changed.
CREATE FUNCTION forget_status_snapshots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7600762008);
  DELETE FROM "StatusSnapshotMoment";
  DELETE FROM "StatusSnapshot";
  RETURN NULL;
END $$;
CREATE TRIGGER snapshots_assignment AFTER INSERT OR DELETE OR UPDATE OF "dueDate", "taskId", "unitId", "createdAt" ON "Assignment"
  FOR EACH STATEMENT EXECUTE FUNCTION forget_status_snapshots();
CREATE TRIGGER snapshots_task AFTER INSERT OR DELETE OR UPDATE ON "Task"
  FOR EACH STATEMENT EXECUTE FUNCTION forget_status_snapshots();
CREATE TRIGGER snapshots_section AFTER INSERT OR DELETE OR UPDATE ON "Section"
  FOR EACH STATEMENT EXECUTE FUNCTION forget_status_snapshots();
CREATE TRIGGER snapshots_programme AFTER DELETE OR UPDATE OF "periodStart" ON "Programme"
  FOR EACH STATEMENT EXECUTE FUNCTION forget_status_snapshots();
CREATE TRIGGER snapshots_unit AFTER DELETE OR UPDATE OF "validTo" ON "Unit"
  FOR EACH STATEMENT EXECUTE FUNCTION forget_status_snapshots();
CREATE TRIGGER snapshots_lineage AFTER INSERT OR DELETE OR UPDATE ON "UnitLineage"
  FOR EACH STATEMENT EXECUTE FUNCTION forget_status_snapshots();
CREATE TRIGGER snapshots_report AFTER UPDATE OF "completedAt", "assignmentId", "periodKey", "createdAt" ON "Report"
  FOR EACH ROW WHEN ((OLD."completedAt" IS NOT NULL AND NEW."completedAt" IS DISTINCT FROM OLD."completedAt")
                     OR NEW."assignmentId" IS DISTINCT FROM OLD."assignmentId" OR NEW."periodKey" IS DISTINCT FROM OLD."periodKey"
                     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt")
  EXECUTE FUNCTION forget_status_snapshots();
CREATE TRIGGER snapshots_extension AFTER DELETE OR UPDATE OF "decidedAt", "previousDueDate" ON "DeadlineExtension"
  FOR EACH STATEMENT EXECUTE FUNCTION forget_status_snapshots();
