/**
 * Every scheduled job, one line each (decision 013). A job is a plain exported async function that
 * brings something up to date as of "now" and returns a small JSON summary (counts) shown to the
 * administrator. Because it brings things up to date, occurrences missed while every instance was
 * down collapse into one catch-up run at the next start (lib/jobs/runner.ts).
 *
 * To add a job: write the function (in lib/data, with its own test), then add a line here. The cron
 * is read in Asia/Ho_Chi_Minh; the name is the queue's name in PostgreSQL (pg-boss): lowercase, never
 * renamed once deployed (its run history is kept under it).
 */
import 'server-only';
import { queueDailyDigests, sendDueEmails } from '../data/email-outbox';
import { cleanUpApiUsage } from '../data/api-tokens';
import { cleanUpJobRuns, JOB_RUN_KEEP_DAYS } from '../data/job-runs';
import { recountLiveTally, snapshotTrendCutoffs } from '../data/jobs';
import { cleanUpLoginThrottle } from '../data/login-throttle';
import { runUrgingLadder } from '../data/urging';

export type JobDefinition = {
  name: string;
  /** Shown to the administrator. */
  label: string;
  /** Five-field cron, in Asia/Ho_Chi_Minh. */
  cron: string;
  handler: () => Promise<unknown>;
  /**
   * A PostgreSQL NOTIFY channel that also starts the handler at once, outside the schedule and
   * unrecorded (the handler must then be safe to run on several instances at the same time).
   */
  wakeOn?: string;
};

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'trend-snapshots',
    label: 'Chốt số liệu xu hướng theo kỳ',
    cron: '5 * * * *',
    handler: async () => ({ cutoffs: await snapshotTrendCutoffs() }),
  },
  {
    name: 'live-tally',
    label: 'Đếm lại số liệu hôm nay',
    cron: '1 * * * *',
    handler: () => recountLiveTally(),
  },
  {
    // Decision 018: every hour, so a step goes out early on its working day and after any downtime.
    // The only deadline reminder: it took over the retired 'deadline-reminders' (decision 026).
    name: 'urging-ladder',
    label: 'Đôn đốc theo các bước của chương trình',
    cron: '20 * * * *',
    handler: () => runUrgingLadder(),
  },
  {
    name: 'login-throttle-cleanup',
    label: 'Dọn bộ đếm đăng nhập sai',
    cron: '10 * * * *',
    handler: () => cleanUpLoginThrottle(),
  },
  {
    // Sends queued e-mails (decision 019): woken at the commit of each new one, and every 5 minutes
    // for the retries (lib/domain/email.ts RETRY_DELAYS_MINUTES).
    name: 'email-outbox',
    label: 'Gửi thư điện tử thông báo',
    cron: '*/5 * * * *',
    wakeOn: 'email_outbox',
    handler: () => sendDueEmails(),
  },
  {
    name: 'email-digest',
    label: 'Thư tổng hợp thông báo hằng ngày',
    cron: '0 7 * * *',
    handler: () => queueDailyDigests(),
  },
  {
    name: 'api-usage-cleanup',
    label: 'Dọn số lần gọi API cũ',
    cron: '20 3 * * *',
    handler: () => cleanUpApiUsage(),
  },
  {
    name: 'job-history-cleanup',
    label: 'Dọn lịch sử chạy tác vụ cũ (giữ 90 ngày)',
    cron: '20 3 * * *',
    handler: () => cleanUpJobRuns(new Date(), JOB_RUN_KEEP_DAYS, RETIRED_JOBS),
  },
];

/**
 * Jobs that were deployed and then retired: each instance removes their schedule and queue at
 * start (lib/jobs/runner.ts), so pg-boss stops creating runs that no worker takes; their run
 * history is deleted after JOB_RUN_KEEP_DAYS like any other (lib/data/job-runs.ts). A name stays
 * here so that a database last run by an older version is cleaned up whenever it is upgraded.
 */
export const RETIRED_JOBS: readonly string[] = [
  // Decision 026: the urging ladder tells a unit its deadline is near or passed.
  'deadline-reminders',
];
