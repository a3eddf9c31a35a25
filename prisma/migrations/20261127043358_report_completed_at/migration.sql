-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "completedAt" TIMESTAMP(3);

