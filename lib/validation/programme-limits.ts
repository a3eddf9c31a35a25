/**
 * Programmes, sections and tasks: field lengths, reform areas and the UTF-8 length of a pasted
 * directive, shared by the administration forms and the import wizard (browser) and programme.ts
 * (server). No zod here (tests/integration/client-imports.test.ts).
 */
export const PROGRAMME_LIMITS = {
  title: 500,
  documentNumber: 100,
  issuingBody: 200,
  summary: 5_000,
  sectionNumeral: 20,
  sectionTitle: 500,
  taskNumber: 20,
  taskTitle: 300,
  taskText: 20_000,
  /** Pasted or uploaded directive text, in UTF-8 bytes. */
  sourceBytes: 1024 * 1024,
  /**
   * An uploaded .txt or .docx file. Below the 10 MB the proxy buffers by default
   * (experimental.proxyClientMaxBodySize, decision 004): a larger body would be cut, not refused.
   */
  fileBytes: 8 * 1024 * 1024,
  sections: 100,
  tasks: 1_000,
  coordinators: 200,
} as const;

/** UTF-8 length without allocating a copy (the client runs this on every keystroke of a big paste). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}

export const REFORM_AREAS = [
  'INSTITUTIONS',
  'ADMIN_PROCEDURES',
  'ORGANISATION',
  'CIVIL_SERVICE',
  'PUBLIC_FINANCE',
  'DIGITAL_GOVERNMENT',
] as const;
