-- CreateIndex
CREATE INDEX "Assignment_taskId_role_idx" ON "Assignment"("taskId", "role");

