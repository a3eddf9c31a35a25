import { hashPassword } from '../lib/password';
import { query } from './helpers';

/** A user of its own for one spec (no other spec signs in as them), straight into the e2e database. */
export async function createTestUser(prefix: string, password: string, unitCode = 'P-DAINAI', role = 'OFFICER') {
  const username = `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const hash = await hashPassword(password);
  const [row] = await query<{ id: number }>(
    `INSERT INTO "User" (username, "displayName", "passwordHash", role, "unitId", "updatedAt")
     SELECT $1, $2, $3, $4::"Role", u.id, now() FROM "Unit" u WHERE u.code = $5 RETURNING id`,
    [username, `Người thử ${username}`, hash, role, unitCode],
  );
  return { id: row!.id, username, displayName: `Người thử ${username}` };
}
