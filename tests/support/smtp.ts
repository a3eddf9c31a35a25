/**
 * A local SMTP server for the e-mail tests (decision 019): smtp-server on the given port (0 = any
 * free one), no TLS and no login, keeping every message it accepts, parsed by mailparser. `refuse`
 * makes it answer the next N messages with a temporary refusal (451), as a busy server would.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string; html: string };

export type LocalSmtp = {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Refuse the next `n` messages with "451 try again later". */
  refuse: (n: number) => void;
  /** How many messages were refused so far. */
  refused: () => number;
  stop: () => Promise<void>;
};

export async function startSmtp(port = 0): Promise<LocalSmtp> {
  const received: ReceivedMail[] = [];
  let toRefuse = 0;
  let refusedCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse -= 1;
          refusedCount += 1;
          const error = new Error('Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    received,
    refuse: (n) => {
      toRefuse = n;
    },
    refused: () => refusedCount,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
