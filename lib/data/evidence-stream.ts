import 'server-only';
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { FieldError } from '../errors';
import {
  CFB_STREAM_NAMES,
  detectedIsAccepted,
  detectType,
  EVIDENCE_LIMITS,
  EVIDENCE_MESSAGES,
  SNIFF_BYTES,
  type EvidenceSample,
} from '../validation/evidence';

const NEEDLES = CFB_STREAM_NAMES.map((name) => ({ name, bytes: Buffer.from(name, 'utf16le') }));
/** Bytes kept from one chunk to the next so that a stream name cut by a chunk boundary is still found. */
const OVERLAP = Math.max(1, ...NEEDLES.map((n) => n.bytes.length)) - 1;

/**
 * An evidence file on its way to storage (lib/data/evidence.ts), read once and never held whole:
 * the bytes pass through to the store while this counts them (refusing past 20 MB at once), hashes
 * them (SHA-256), keeps the first SNIFF_BYTES for the type check, notes the old-Office stream names
 * it sees anywhere, and refuses content that no accepted type can have as soon as the head is read
 * (a program renamed .pdf is stopped after its first 64 KB). The rest of the check
 * (inspectEvidence) runs on `sample()` when the stream has ended.
 */
export class EvidenceSniffer extends Transform {
  private size = 0;
  private readonly hash = createHash('sha256');
  private readonly headParts: Buffer[] = [];
  private headBytes = 0;
  private checkedHead = false;
  private tail = Buffer.alloc(0);
  private readonly found = new Set<string>();
  /** Why the file was refused while streaming (too large, not an accepted type), if it was. */
  refusal: FieldError | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > EVIDENCE_LIMITS.maxBytes) return done(this.refuse(EVIDENCE_MESSAGES.tooLarge));
    this.hash.update(chunk);
    if (this.headBytes < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headBytes);
      this.headParts.push(part);
      this.headBytes += part.length;
    }
    const window = Buffer.concat([this.tail, chunk]);
    for (const needle of NEEDLES)
      if (!this.found.has(needle.name) && window.includes(needle.bytes)) this.found.add(needle.name);
    this.tail = window.subarray(Math.max(0, window.length - OVERLAP));
    if (!this.checkedHead && this.headBytes >= SNIFF_BYTES) {
      this.checkedHead = true;
      this.refuseUnknownHead().then(() => done(null, chunk), done);
      return;
    }
    done(null, chunk);
  }

  private async refuseUnknownHead(): Promise<void> {
    if (!detectedIsAccepted(await detectType(this.head()))) throw this.refuse(EVIDENCE_MESSAGES.notAccepted);
  }

  private refuse(message: string): FieldError {
    this.refusal = new FieldError('file', message);
    return this.refusal;
  }

  private head(): Buffer {
    return Buffer.concat(this.headParts);
  }

  /** After the stream has ended: what inspectEvidence checks. */
  sample(): EvidenceSample {
    return { size: this.size, head: this.head(), cfbStreams: this.found };
  }

  sha256(): string {
    return this.hash.copy().digest('hex');
  }
}
