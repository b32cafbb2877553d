import nodemailer from 'nodemailer'

/** One email of a batch, with its attachments (PDF files by path, the manifest in memory). */
export interface MailMessage {
  from: string
  to: string
  subject: string
  text: string
  /** Deterministic (`<batch.part@qbo-toolkit>`), so the same part always carries the same Message-ID. */
  messageId: string
  attachments: {filename: string; path?: string; content?: string; contentType?: string}[]
}

export interface MailTransport {
  /** Connects and greets (and authenticates) without sending: problems show before anything is recorded. */
  verify(): Promise<void>
  /** Resolves with the server's final answer once it accepted the message. See the errors below for the rest. */
  send(message: MailMessage): Promise<{response: string}>
  close(): void
}

/** The server answered and refused the message: definitely not accepted (4xx: try later; 5xx: will not go). */
export class MailRefused extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message)
  }
}

/** Failed before the message could have been accepted (no connection, the envelope refused). */
export class MailNotSent extends Error {}

const BEFORE_DATA = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL FROM|RCPT TO)/i

/**
 * nodemailer over SMTP. SMTP has no idempotency key: any failure after the message data started to flow and
 * before the server's final answer is thrown as it is, an unknown outcome (docs/purchase-orders.md).
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url, {})
  return {
    async verify() {
      try {
        await transporter.verify()
      } catch (error) {
        throw new MailNotSent(
          `The mail server at ${safeUrl(url)} cannot be used: ${(error as Error).message}`,
          {
            cause: error,
          },
        )
      }
    },
    async send(m) {
      try {
        const info = (await transporter.sendMail({
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: m.messageId,
          attachments: m.attachments,
        })) as {response?: string}
        return {response: String(info.response ?? '')}
      } catch (error) {
        const e = error as {responseCode?: number; code?: string; command?: string; message?: string}
        if (typeof e.responseCode === 'number' && e.responseCode >= 400)
          throw new MailRefused(e.message ?? 'refused', e.responseCode)
        if (e.code === 'EENVELOPE' || e.code === 'EAUTH' || BEFORE_DATA.test(e.command ?? ''))
          throw new MailNotSent(e.message ?? 'not sent', {cause: error})
        throw error
      }
    },
    close: () => transporter.close(),
  }
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'the configured SMTP URL'
  }
}
