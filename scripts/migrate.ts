/** npm run db:migrate — apply pending migrations to the application database (DATABASE_URL or the embedded one). */
import { migrate } from '../lib/database/migrate';
import { withDatabase } from './lib/with-database';

await withDatabase({ purpose: 'app' }, async (url) => {
  const { applied } = await migrate(url, { log: console.log });
  console.log(
    applied.length === 0 ? 'Nothing to apply: the database is up to date.' : `Applied ${applied.length} migration(s).`,
  );
});
