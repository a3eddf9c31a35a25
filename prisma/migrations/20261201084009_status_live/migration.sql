-- CreateTable
CREATE TABLE "StatusLive" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "reportUnitId" INTEGER NOT NULL,
    "sectionId" INTEGER NOT NULL,
    "reformArea" TEXT,
    "leadUnitIds" INTEGER[],
    "status" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "pending" INTEGER NOT NULL,

    CONSTRAINT "StatusLive_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusLiveDirty" (
    "id" BIGSERIAL NOT NULL,
    "unitId" INTEGER,

    CONSTRAINT "StatusLiveDirty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusLiveState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "day" DATE NOT NULL,

    CONSTRAINT "StatusLiveState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatusLive_unitId_idx" ON "StatusLive"("unitId");

-- CreateIndex
CREATE INDEX "StatusLive_reportUnitId_idx" ON "StatusLive"("reportUnitId");


-- The live tally's dirty units (decision 008, amended 2026-12-01; lib/data/status-live.ts). Every
-- write to what today's official status is computed from names the units whose StatusLive rows it
-- makes stale, in the same transaction; a row with a null unit means "recount every unit" (writes
-- that move many units at once: mergers, a programme's start, a unit ceasing). The next read of the
-- tally recounts those units only.
CREATE FUNCTION status_live_dirty_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatusLiveDirty" ("unitId") VALUES (NULL);
  RETURN NULL;
END $$;

-- Every unit given work on these tasks: their rows carry the task's section, reform area and lead units.
CREATE FUNCTION status_live_dirty_tasks(task_ids int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "StatusLiveDirty" ("unitId")
  SELECT DISTINCT a."unitId" FROM "Assignment" a WHERE a."taskId" = ANY(task_ids);
$$;

CREATE FUNCTION status_live_dirty_assignments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatusLiveDirty" ("unitId") SELECT DISTINCT n."unitId" FROM new_rows n;
  PERFORM status_live_dirty_tasks(ARRAY(SELECT DISTINCT n."taskId" FROM new_rows n WHERE n.role = 'LEAD'));
  RETURN NULL;
END $$;
CREATE TRIGGER status_live_assignment_insert AFTER INSERT ON "Assignment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION status_live_dirty_assignments_inserted();

CREATE FUNCTION status_live_dirty_assignments_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatusLiveDirty" ("unitId") SELECT DISTINCT o."unitId" FROM old_rows o;
  PERFORM status_live_dirty_tasks(ARRAY(SELECT DISTINCT o."taskId" FROM old_rows o WHERE o.role = 'LEAD'));
  RETURN NULL;
END $$;
CREATE TRIGGER status_live_assignment_delete AFTER DELETE ON "Assignment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION status_live_dirty_assignments_deleted();

CREATE FUNCTION status_live_dirty_assignment_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatusLiveDirty" ("unitId") VALUES (OLD."unitId");
  IF NEW."unitId" <> OLD."unitId" THEN
    INSERT INTO "StatusLiveDirty" ("unitId") VALUES (NEW."unitId");
  END IF;
  IF (OLD.role = 'LEAD' OR NEW.role = 'LEAD')
     AND (NEW.role <> OLD.role OR NEW."taskId" <> OLD."taskId" OR NEW."unitId" <> OLD."unitId") THEN
    PERFORM status_live_dirty_tasks(ARRAY[OLD."taskId", NEW."taskId"]);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER status_live_assignment_update AFTER UPDATE ON "Assignment"
  FOR EACH ROW WHEN (NEW."unitId" IS DISTINCT FROM OLD."unitId" OR NEW."taskId" IS DISTINCT FROM OLD."taskId"
                     OR NEW.role IS DISTINCT FROM OLD.role OR NEW."dueDate" IS DISTINCT FROM OLD."dueDate"
                     OR NEW."startedAt" IS DISTINCT FROM OLD."startedAt" OR NEW."completedAt" IS DISTINCT FROM OLD."completedAt"
                     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" OR NEW."firstGap" IS DISTINCT FROM OLD."firstGap")
  EXECUTE FUNCTION status_live_dirty_assignment_updated();

-- Reports: a draft of the current period starts a recurring slot, a completion ends one, a submitted
-- report is "awaiting approval".
CREATE FUNCTION status_live_dirty_reports_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatusLiveDirty" ("unitId")
  SELECT DISTINCT a."unitId" FROM new_rows n JOIN "Assignment" a ON a.id = n."assignmentId";
  RETURN NULL;
END $$;
CREATE TRIGGER status_live_report_insert AFTER INSERT ON "Report"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION status_live_dirty_reports_inserted();

CREATE FUNCTION status_live_dirty_reports_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Reports deleted with their assignment: the assignment's own trigger names the unit.
  INSERT INTO "StatusLiveDirty" ("unitId")
  SELECT DISTINCT a."unitId" FROM old_rows o JOIN "Assignment" a ON a.id = o."assignmentId";
  RETURN NULL;
END $$;
CREATE TRIGGER status_live_report_delete AFTER DELETE ON "Report"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION status_live_dirty_reports_deleted();

CREATE FUNCTION status_live_dirty_report_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatusLiveDirty" ("unitId")
  SELECT a."unitId" FROM "Assignment" a WHERE a.id IN (OLD."assignmentId", NEW."assignmentId");
  RETURN NULL;
END $$;
CREATE TRIGGER status_live_report_update AFTER UPDATE ON "Report"
  FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW."completedAt" IS DISTINCT FROM OLD."completedAt"
                     OR NEW."assignmentId" IS DISTINCT FROM OLD."assignmentId" OR NEW."periodKey" IS DISTINCT FROM OLD."periodKey"
                     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt")
  EXECUTE FUNCTION status_live_dirty_report_updated();

-- Extensions: an approval moves the deadline in force (and undoing it "as it stood" reads these rows).
CREATE FUNCTION status_live_dirty_extension() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatusLiveDirty" ("unitId")
  SELECT a."unitId" FROM "Assignment" a
  WHERE a.id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD."assignmentId" END, CASE WHEN TG_OP <> 'DELETE' THEN NEW."assignmentId" END);
  RETURN NULL;
END $$;
CREATE TRIGGER status_live_extension AFTER INSERT OR UPDATE OR DELETE ON "DeadlineExtension"
  FOR EACH ROW EXECUTE FUNCTION status_live_dirty_extension();

-- Tasks: archiving, moving to another section or programme, a new reform area or recurrence.
CREATE FUNCTION status_live_dirty_task_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM status_live_dirty_tasks(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
CREATE TRIGGER status_live_task_update AFTER UPDATE ON "Task"
  FOR EACH ROW WHEN (NEW."programmeId" IS DISTINCT FROM OLD."programmeId" OR NEW."sectionId" IS DISTINCT FROM OLD."sectionId"
                     OR NEW."reformArea" IS DISTINCT FROM OLD."reformArea" OR NEW.recurrence IS DISTINCT FROM OLD.recurrence
                     OR NEW."archivedAt" IS DISTINCT FROM OLD."archivedAt")
  EXECUTE FUNCTION status_live_dirty_task_updated();

-- Writes that move many units at once: recount everything.
CREATE TRIGGER status_live_programme AFTER DELETE OR UPDATE OF "periodStart" ON "Programme"
  FOR EACH STATEMENT EXECUTE FUNCTION status_live_dirty_all();
CREATE TRIGGER status_live_unit AFTER DELETE OR UPDATE OF "validTo" ON "Unit"
  FOR EACH STATEMENT EXECUTE FUNCTION status_live_dirty_all();
CREATE TRIGGER status_live_lineage AFTER INSERT OR DELETE OR UPDATE ON "UnitLineage"
  FOR EACH STATEMENT EXECUTE FUNCTION status_live_dirty_all();
