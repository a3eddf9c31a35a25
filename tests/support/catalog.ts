import pg from 'pg';

/** Everything schema.prisma decides about a database, as comparable text lines. */
export async function catalogOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: string[] = [];
    const columns = await client.query(`
      SELECT table_name, column_name, udt_name, is_nullable, coalesce(column_default, '') AS def,
             coalesce(character_maximum_length::text, '') AS len
      FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_dondoc_migrations'`);
    for (const c of columns.rows)
      lines.push(
        `column ${c.table_name}.${c.column_name} ${c.udt_name}(${c.len}) null=${c.is_nullable} default=${c.def}`,
      );
    const indexes = await client.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_dondoc_migrations'`,
    );
    for (const i of indexes.rows) lines.push(`index ${i.indexdef}`);
    const constraints = await client.query(`
      SELECT rel.relname, con.conname, pg_get_constraintdef(con.oid) AS def
      FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
      JOIN pg_namespace n ON n.oid = rel.relnamespace
      WHERE n.nspname = 'public' AND rel.relname <> '_dondoc_migrations' AND con.contype <> 't'`); // triggers are not schema.prisma's
    for (const c of constraints.rows) lines.push(`constraint ${c.relname}.${c.conname} ${c.def}`);
    const enums = await client.query(`
      SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
    for (const e of enums.rows) lines.push(`enum ${e.typname} ${e.labels}`);
    return lines.sort();
  } finally {
    await client.end();
  }
}
