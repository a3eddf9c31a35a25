-- AlterTable
ALTER TABLE "Programme" ADD COLUMN     "urgingLadder" JSONB;

-- CreateTable
CREATE TABLE "UrgingSent" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "audiences" TEXT[],
    "recipients" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UrgingSent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UrgingLetter" (
    "id" SERIAL NOT NULL,
    "programmeId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UrgingLetter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UrgingLetterItem" (
    "letterId" INTEGER NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "daysOverdue" INTEGER NOT NULL,

    CONSTRAINT "UrgingLetterItem_pkey" PRIMARY KEY ("letterId","assignmentId")
);

-- CreateIndex
CREATE INDEX "UrgingSent_sentAt_idx" ON "UrgingSent"("sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "UrgingSent_assignmentId_dueDate_offsetDays_key" ON "UrgingSent"("assignmentId", "dueDate", "offsetDays");

-- CreateIndex
CREATE INDEX "UrgingLetter_programmeId_createdAt_idx" ON "UrgingLetter"("programmeId", "createdAt");

-- CreateIndex
CREATE INDEX "UrgingLetterItem_assignmentId_idx" ON "UrgingLetterItem"("assignmentId");

-- CreateIndex
CREATE INDEX "UrgingLetterItem_unitId_letterId_idx" ON "UrgingLetterItem"("unitId", "letterId");

-- AddForeignKey
ALTER TABLE "UrgingSent" ADD CONSTRAINT "UrgingSent_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgingLetter" ADD CONSTRAINT "UrgingLetter_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgingLetter" ADD CONSTRAINT "UrgingLetter_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgingLetterItem" ADD CONSTRAINT "UrgingLetterItem_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "UrgingLetter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgingLetterItem" ADD CONSTRAINT "UrgingLetterItem_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UrgingLetterItem" ADD CONSTRAINT "UrgingLetterItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

