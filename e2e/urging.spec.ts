import fs from 'node:fs';
import JSZip from 'jszip';
import { jobToken } from '../lib/job-token';
import { expect, test } from './fixtures';
import { loginAs, logout, query } from './helpers';

/**
 * Issue 13, the urging ladder (decision 018), on the built app: an overdue unit is urged by the
 * scheduled job (run through the job endpoint, as an external cron would) — its officer and its
 * leader see the notification — then the standing office makes the Công văn đôn đốc in one step,
 * downloads it (a Word document with the Decree 30 head, the unit and its task), and the unit's
 * officer finds it in the notifications and in the task's history.
 *
 * Its own data: a programme with one task given to Phòng Văn hóa và Thông tin, due yesterday.
 * Steps go out on working days only; today is entered as a working day in the calendar for the
 * length of the test (the administrator's swap), so the test runs on any day, and taken out after.
 */
const E2E_AUTH_SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789'; // scripts/e2e-server.ts

function vnDay(offsetDays = 0): string {
  const d = new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}
const vn = (iso: string) => iso.split('-').reverse().join('/');

test('an overdue unit urged through the ladder, then listed in a Công văn đôn đốc it receives', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const title = `Kế hoạch đôn đốc e2e ${suffix}`;
  const taskTitle = `Rà soát thủ tục hành chính ${suffix}`;
  const today = vnDay();
  const yesterday = vnDay(-1);
  const [{ id: programmeId }] = (await query<{ id: number }>(
    `INSERT INTO "Programme" (title, "issuingBody", "updatedAt") VALUES ($1, 'UBND thành phố Hà Tĩnh', now()) RETURNING id`,
    [title],
  )) as [{ id: number }];
  const [{ id: sectionId }] = (await query<{ id: number }>(
    `INSERT INTO "Section" ("programmeId", numeral, title, "order") VALUES ($1, 'I', 'Nhiệm vụ chung', 1) RETURNING id`,
    [programmeId],
  )) as [{ id: number }];
  const [{ id: taskId }] = (await query<{ id: number }>(
    `INSERT INTO "Task" ("programmeId", "sectionId", number, "order", title, text, "dueDate", "updatedAt")
     VALUES ($1, $2, '1', 1, $3, 'Nội dung.', $4::date, now()) RETURNING id`,
    [programmeId, sectionId, taskTitle, yesterday],
  )) as [{ id: number }];
  const [{ id: assignmentId }] = (await query<{ id: number }>(
    `INSERT INTO "Assignment" ("taskId", "unitId", role, "dueDate", "originalDueDate", "updatedAt")
     SELECT $1, id, 'LEAD', $2::date, $2::date, now() FROM "Unit" WHERE code = 'VHTT' RETURNING id`,
    [taskId, yesterday],
  )) as [{ id: number }];
  const [previous] = await query<{ working: boolean; note: string }>(
    `SELECT working, note FROM "WorkCalendarDay" WHERE date = $1::date`,
    [today],
  );
  await query(
    `INSERT INTO "WorkCalendarDay" (date, working, note) VALUES ($1::date, true, 'Ngày làm việc (kiểm thử đôn đốc)')
     ON CONFLICT (date) DO UPDATE SET working = true`,
    [today],
  );
  try {
    // 0. The administrator sees the programme's ladder (the defaults) and a wrong entry is refused in Vietnamese.
    await loginAs(page, 'admin', `/admin/programmes/${programmeId}`);
    await page.getByText('Các bước đôn đốc (5 bước, mặc định)').click();
    await expect(page.getByLabel('Bước 3: thời điểm')).toHaveValue('after');
    await expect(page.getByLabel('Bước 3: số ngày làm việc')).toHaveValue('1');
    await expect(page.getByLabel('Bước 3: Lãnh đạo đơn vị')).toBeChecked();
    await page.getByLabel('Bước 6: thời điểm').selectOption('after');
    await page.getByLabel('Bước 6: số ngày làm việc').fill('ba');
    await page.getByRole('button', { name: 'Lưu các bước đôn đốc' }).click();
    await expect(page.getByText('Số ngày làm việc phải là số nguyên từ 1 đến 60.')).toBeVisible();
    await expect(page.getByLabel('Bước 6: số ngày làm việc')).toHaveValue('ba');
    await page.getByLabel('Bước 6: thời điểm').selectOption('');
    await page.getByRole('button', { name: 'Lưu các bước đôn đốc' }).click();
    await expect(page.getByText('Đã lưu 5 bước đôn đốc.')).toBeVisible();
    await logout(page);

    // 1. The job runs (as an external cron would call it): one working day after the deadline,
    // the +1 step reaches the unit's officers and its leader.
    const run = await request.post('/api/jobs/deadlines', {
      headers: { authorization: `Bearer ${jobToken(E2E_AUTH_SECRET)}` },
    });
    expect(run.status()).toBe(200);
    expect(((await run.json()) as Record<string, { steps: number }>)['urging-ladder']!.steps).toBeGreaterThan(0);
    const urged = `Đôn đốc: nhiệm vụ quá hạn 1 ngày làm việc (hạn ${vn(yesterday)})`;
    for (const who of ['cb.vhtt', 'tp.vhtt']) {
      await loginAs(page, who, '/notifications');
      const note = page.getByRole('listitem').filter({ hasText: taskTitle });
      await expect(note.getByText(urged), who).toBeVisible();
      await logout(page);
    }
    // Run again: nothing new for this task.
    await request.post('/api/jobs/deadlines', { headers: { authorization: `Bearer ${jobToken(E2E_AUTH_SECRET)}` } });
    const [{ n }] = (await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "UrgingSent" WHERE "assignmentId" = $1`,
      [assignmentId],
    )) as [{ n: number }];
    expect(n).toBe(1);

    // 2. The standing office sees the overdue unit and makes the letter in one step.
    await loginAs(page, 'tp.noivu', '/urging');
    await page.getByLabel('Chương trình').selectOption(String(programmeId));
    await page.getByRole('button', { name: 'Xem đơn vị quá hạn' }).click();
    await expect(page.getByRole('heading', { name: '1 đơn vị, 1 nhiệm vụ quá hạn' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: taskTitle });
    await expect(row).toContainText('Phòng Văn hóa và Thông tin');
    await expect(row).toContainText(vn(yesterday));
    await page.getByRole('button', { name: 'Tạo và gửi công văn đôn đốc' }).click();
    await expect(page.getByTestId('notice')).toContainText('Đã tạo công văn đôn đốc');
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải công văn vừa tạo (.docx)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`cong-van-don-doc-${today}.docx`);
    const bytes = fs.readFileSync((await download.path())!);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      '/UBND-NV',
      `V/v đôn đốc thực hiện ${title}`,
      'Kính gửi: Phòng Văn hóa và Thông tin.',
      `Nhiệm vụ I.1: ${taskTitle}`,
      'đã quá hạn 1 ngày làm việc',
      'TM. ỦY BAN NHÂN DÂN',
    ])
      expect(xml, text).toContain(text);
    await logout(page);

    // 3. The unit's officer: the letter in the notifications (it downloads) and in the task's history.
    await loginAs(page, 'cb.vhtt', '/notifications');
    const letterNote = page.getByRole('listitem').filter({ hasText: `V/v đôn đốc thực hiện ${title}` });
    await expect(letterNote.getByText('Công văn đôn đốc: 1 nhiệm vụ quá hạn của đơn vị')).toBeVisible();
    const fromNote = page.waitForEvent('download');
    await letterNote.getByRole('link').click();
    expect((await fromNote).suggestedFilename()).toBe(`cong-van-don-doc-${today}.docx`);
    await page.goto(`/assignments/${assignmentId}`);
    const history = page.getByTestId('urging-history');
    await expect(history).toContainText('Công văn đôn đốc (quá hạn 1 ngày làm việc) — ');
    await expect(history).toContainText(`Nhắc tự động (1 ngày làm việc sau hạn, hạn ${vn(yesterday)})`);
    await expect(history.getByRole('link', { name: 'Tải công văn (.docx)' })).toBeVisible();
    await logout(page);

    // 4. Another unit's officer cannot download it.
    const [{ id: letterId }] = (await query<{ id: number }>(`SELECT id FROM "UrgingLetter" WHERE "programmeId" = $1`, [
      programmeId,
    ])) as [{ id: number }];
    await loginAs(page, 'cb.tranphu');
    const refused = await page.request.get(`/api/urging-letters/${letterId}`);
    expect(refused.status()).toBe(404);
  } finally {
    if (previous)
      await query(`UPDATE "WorkCalendarDay" SET working = $2, note = $3 WHERE date = $1::date`, [
        today,
        previous.working,
        previous.note,
      ]);
    else await query(`DELETE FROM "WorkCalendarDay" WHERE date = $1::date`, [today]);
  }
});
