-- DropIndex
DROP INDEX "Assignment_taskId_role_idx";

-- DropIndex
DROP INDEX "Report_status_submittedAt_idx";

-- CreateIndex
CREATE INDEX "Assignment_taskId_role_unitId_id_idx" ON "Assignment"("taskId", "role", "unitId", "id");

-- CreateIndex
CREATE INDEX "Report_status_submittedAt_assignmentId_id_idx" ON "Report"("status", "submittedAt", "assignmentId", "id");

