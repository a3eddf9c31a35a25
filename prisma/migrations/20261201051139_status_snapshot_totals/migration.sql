-- DropIndex
DROP INDEX "StatusSnapshot_moment_idx";

-- CreateTable
CREATE TABLE "StatusSnapshotTotal" (
    "id" SERIAL NOT NULL,
    "moment" TIMESTAMP(3) NOT NULL,
    "sectionId" INTEGER NOT NULL,
    "reformArea" TEXT,
    "leadUnitIds" INTEGER[],
    "reportUnitKind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "StatusSnapshotTotal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatusSnapshotTotal_moment_idx" ON "StatusSnapshotTotal"("moment");

-- CreateIndex
CREATE INDEX "StatusSnapshot_moment_unitId_idx" ON "StatusSnapshot"("moment", "unitId");

-- CreateIndex
CREATE INDEX "StatusSnapshot_moment_reportUnitId_idx" ON "StatusSnapshot"("moment", "reportUnitId");


-- Forgetting the snapshots forgets their totals too (decision 008).
CREATE OR REPLACE FUNCTION forget_status_snapshots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7600762008);
  DELETE FROM "StatusSnapshotMoment";
  DELETE FROM "StatusSnapshot";
  DELETE FROM "StatusSnapshotTotal";
  RETURN NULL;
END $$;

-- Snapshots written before this have no totals: forget them; the next fill writes both.
DELETE FROM "StatusSnapshotMoment";
DELETE FROM "StatusSnapshot";
