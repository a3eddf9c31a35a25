/**
 * Every environment variable the app reads, in one place, checked once (decision 012).
 *
 * `VARIABLES` is the list: each entry has its zod schema (what a valid value is), its meaning and
 * its default, which the README's configuration table must repeat (tests/integration/env.test.ts
 * fails when they disagree, or when the code reads a variable missing here). `checkEnv()` runs
 * first at start-up (instrumentation.ts, scripts/start.ts) and refuses to start with the full
 * list of what is missing or malformed, in Vietnamese and English; `env()` gives the parsed values.
 *
 * Tooling variables (tests, browsers, benchmarks) are listed too, so the README documents them,
 * but are never required by the app.
 */
import { z } from 'zod';

type Variable = {
  schema: z.ZodType;
  /** Vietnamese / English text shown when the value is refused. */
  vi: string;
  en: string;
  /** Read only by tooling (tests, benchmarks), never by the running app. */
  tooling?: boolean;
};

const blankIsUnset = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());
const intIn = (min: number, max: number) =>
  optional(z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max)));
const url = (protocols: string[]) =>
  optional(z.string().refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol)));
const flag = optional(z.enum(['0', '1']));

export const VARIABLES = {
  DATABASE_URL: {
    schema: url(['postgres:', 'postgresql:']),
    vi: 'chuỗi kết nối PostgreSQL (postgresql://…)',
    en: 'a PostgreSQL connection string (postgresql://…)',
  },
  DATABASE_REPLICA_URL: {
    schema: url(['postgres:', 'postgresql:']),
    vi: 'chuỗi kết nối PostgreSQL của bản sao chỉ đọc (postgresql://…)',
    en: 'a PostgreSQL connection string of a read-only replica (postgresql://…)',
  },
  EMBEDDED_PG_PORT: { schema: intIn(1024, 65535), vi: 'số cổng 1024–65535', en: 'a port number 1024–65535' },
  AUTH_SECRET: {
    // Length enforced for production below: tests and development may use shorter ones.
    schema: optional(z.string()),
    vi: 'chuỗi ngẫu nhiên ít nhất 32 ký tự (openssl rand -base64 32)',
    en: 'a random string of at least 32 characters (openssl rand -base64 32)',
  },
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: {
    schema: optional(
      z
        .string()
        .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && [16, 24, 32].includes(Buffer.from(v, 'base64').length)),
    ),
    vi: 'khóa AES dạng base64 (16, 24 hoặc 32 byte: openssl rand -base64 32)',
    en: 'an AES key in base64 (16, 24 or 32 bytes: openssl rand -base64 32)',
  },
  ADMIN_USERNAME: { schema: optional(z.string().min(3).max(50)), vi: 'từ 3 đến 50 ký tự', en: '3 to 50 characters' },
  ADMIN_PASSWORD: { schema: optional(z.string().min(12)), vi: 'ít nhất 12 ký tự', en: 'at least 12 characters' },
  DEMO_DATA: { schema: flag, vi: '0 hoặc 1', en: '0 or 1' },
  PORT: { schema: intIn(1, 65535), vi: 'số cổng', en: 'a port number' },
  NEXTAUTH_URL: { schema: url(['http:', 'https:']), vi: 'địa chỉ http(s)://…', en: 'an http(s):// URL' },
  DATABASE_POOL_SIZE: { schema: intIn(1, 200), vi: 'số nguyên 1–200', en: 'a whole number 1–200' },
  DATABASE_CONNECT_TIMEOUT_MS: {
    schema: intIn(1_000, 600_000),
    vi: 'số nguyên 1000–600000 (mili giây)',
    en: 'a whole number 1000–600000 (milliseconds)',
  },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    schema: intIn(1_000, 3_600_000),
    vi: 'số nguyên 1000–3600000 (mili giây)',
    en: 'a whole number 1000–3600000 (milliseconds)',
  },
  DATABASE_WORK_MEM: {
    schema: optional(z.string().regex(/^\d{1,5}(kB|MB)$/)),
    vi: 'dung lượng dạng "48MB" hoặc "4096kB"',
    en: 'a size like "48MB" or "4096kB"',
  },
  STATS_CACHE_ENTRIES: { schema: intIn(0, 10_000), vi: 'số nguyên 0–10000', en: 'a whole number 0–10000' },
  STATS_CACHE_MB: { schema: intIn(0, 4096), vi: 'số nguyên 0–4096 (MB)', en: 'a whole number 0–4096 (MB)' },
  EXPORT_LIST_WRITERS: { schema: intIn(1, 16), vi: 'số nguyên 1–16', en: 'a whole number 1–16' },
  UPLOAD_DIR: { schema: optional(z.string().min(1)), vi: 'đường dẫn thư mục', en: 'a folder path' },
  S3_BUCKET: {
    schema: optional(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)),
    vi: 'tên bucket S3 (3–63 chữ thường, số, dấu chấm, gạch ngang)',
    en: 'an S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)',
  },
  S3_ENDPOINT: { schema: url(['http:', 'https:']), vi: 'địa chỉ http(s)://…', en: 'an http(s):// URL' },
  S3_REGION: { schema: optional(z.string().min(1)), vi: 'tên vùng, ví dụ us-east-1', en: 'a region, e.g. us-east-1' },
  S3_ACCESS_KEY_ID: { schema: optional(z.string().min(1)), vi: 'khóa truy cập', en: 'an access key id' },
  S3_SECRET_ACCESS_KEY: { schema: optional(z.string().min(1)), vi: 'khóa bí mật', en: 'a secret access key' },
  S3_FORCE_PATH_STYLE: { schema: flag, vi: '0 hoặc 1', en: '0 or 1' },
  SMTP_URL: {
    // nodemailer's connection URL; it may carry the password, so it is never logged.
    schema: url(['smtp:', 'smtps:']),
    vi: 'địa chỉ máy chủ thư smtp://người-dùng:mật-khẩu@máy:587 hoặc smtps://…:465',
    en: 'a mail server URL smtp://user:password@host:587 or smtps://…:465',
  },
  MAIL_FROM: {
    schema: optional(z.string().min(3).max(200)),
    vi: 'địa chỉ người gửi, ví dụ "Đôn đốc <dondoc@hatinh.gov.vn>"',
    en: 'the sender, e.g. "Đôn đốc <dondoc@hatinh.gov.vn>"',
  },
  JOBS: { schema: optional(z.enum(['on', 'off'])), vi: '"on" hoặc "off"', en: '"on" or "off"' },
  LOG_LEVEL: {
    schema: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
    vi: 'một trong fatal, error, warn, info, debug, trace, silent',
    en: 'one of fatal, error, warn, info, debug, trace, silent',
  },
  TEST_DATABASE_URL: {
    schema: url(['postgres:', 'postgresql:']),
    vi: 'chuỗi kết nối PostgreSQL cục bộ',
    en: 'a local PostgreSQL connection string',
    tooling: true,
  },
  TEST_EMBEDDED_PG_PORT: { schema: intIn(1024, 65535), vi: 'số cổng', en: 'a port number', tooling: true },
  E2E_PORT: { schema: intIn(1024, 65535), vi: 'số cổng', en: 'a port number', tooling: true },
  CHROMIUM_PATH: { schema: optional(z.string()), vi: 'đường dẫn', en: 'a path', tooling: true },
  UPDATE_SCREENSHOTS: { schema: optional(z.enum(['0', '1'])), vi: '0 hoặc 1', en: '0 or 1', tooling: true },
  PG_BIN_DIR: { schema: optional(z.string()), vi: 'đường dẫn thư mục', en: 'a folder path', tooling: true },
} satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;

export type Env = { [K in VariableName]: z.output<(typeof VARIABLES)[K]['schema']> };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        'Cấu hình môi trường không hợp lệ / Invalid environment configuration:',
        ...problems.map((p) => `  • ${p}`),
        'Xem bảng biến môi trường trong README / See the configuration table in README.md.',
      ].join('\n'),
    );
    this.name = 'EnvError';
  }
}

/**
 * Parses the variables; throws an EnvError listing every problem at once. Values are never
 * repeated in the message (a mistyped secret must not reach a log).
 * `production`: the checks that only a production start needs (a real AUTH_SECRET; S3 fully set
 * when any of it is).
 */
export function parseEnv(
  source: Record<string, string | undefined> = process.env,
  { production = source.NODE_ENV === 'production' }: { production?: boolean } = {},
): Env {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(VARIABLES) as [string, Variable][]) {
    const parsed = variable.schema.safeParse(source[name]);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`${name}: phải là ${variable.vi} / must be ${variable.en}`);
  }
  if (production && (source.AUTH_SECRET ?? '').length < 32)
    problems.push(
      `AUTH_SECRET: bắt buộc khi chạy production — ${VARIABLES.AUTH_SECRET.vi} / required in production — ${VARIABLES.AUTH_SECRET.en}`,
    );
  const s3 = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  const s3Given = s3.filter((n) => source[n]);
  if (s3Given.length > 0 && s3Given.length < s3.length)
    for (const n of s3.filter((n) => !source[n]))
      problems.push(
        `${n}: bắt buộc khi dùng kho S3 (đã đặt ${s3Given.join(', ')}) / required for S3 storage (${s3Given.join(', ')} set)`,
      );
  if (source.SMTP_URL && !source.MAIL_FROM)
    problems.push(`MAIL_FROM: bắt buộc khi đặt SMTP_URL — ${VARIABLES.MAIL_FROM.vi} / required with SMTP_URL`);
  if (problems.length > 0) throw new EnvError(problems);
  return out as Env;
}

/**
 * The parsed variables of this process. Parsed on each call (microseconds), so tests and scripts
 * that set a variable before using it are seen; start-up has already refused a bad configuration.
 */
export function env(): Env {
  // The production-only rules are for start-up (checkEnv): `next build` loads modules with
  // NODE_ENV=production and no secrets.
  return parseEnv(process.env, { production: false });
}

/** Start-up check: prints the list and exits when the configuration is wrong. */
export function checkEnv(options: { production?: boolean } = {}): Env {
  try {
    return parseEnv(process.env, options);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n✖ ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
