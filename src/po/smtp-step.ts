import {join} from 'node:path'

import {stringify} from 'csv-stringify/sync'

import {RetryableError} from '../domain/errors.js'
import {inTransaction} from '../staging/index.js'
import type {PoBatchItem} from '../staging/po-batches.js'
import {updateSettled} from './document-steps.js'
import {MailNotSent, MailRefused, type MailMessage} from './smtp-transport.js'
import type {PoActions, PoDeps} from './types.js'

/** Attachments per message are cut into parts past this size (mail servers commonly refuse 25 MB and up). */
export const SMTP_MAX_BYTES = 20 * 1024 * 1024

/**
 * The warehouse's one email for the batch (more than one part only past SMTP_MAX_BYTES of PDFs): every PDF
 * attached, with a manifest. SMTP has no idempotency key, so exactly-once is kept by the record alone: the
 * parts are fixed once; a part's intent ('sending') is committed before the SMTP session, its 'sent' as soon
 * as the server accepts it. A part found 'sending' by a later run, or whose session broke after the message
 * data started, is undecided: never sent again until the operator says (docs/purchase-orders.md).
 */
export async function runSmtpStep(
  deps: PoDeps,
  batchId: string,
  actions: PoActions,
  maxBytes = SMTP_MAX_BYTES,
): Promise<void> {
  const {staging} = deps
  const email = actions.email
  if (!email || email.via !== 'smtp' || !actions.pdfDir) return
  const items = staging.poBatches.items(batchId)
  const eligible = items.filter(updateSettled)
  for (const i of items.filter((x) => !updateSettled(x) && x.emailState !== 'blocked'))
    staging.poBatches.setEmail(batchId, i.poId, 'blocked', undefined, 'tag or ship date not set')
  // Purchase orders in no part yet: all of them at first; later, those whose update only worked on a resume.
  const existing = staging.poBatches.mails(batchId)
  const inPart = new Set(existing.flatMap((m) => m.poIds))
  const waiting = eligible.filter((i) => !inPart.has(i.poId))
  const missing = waiting.filter((i) => i.pdfState !== 'saved')
  if (missing.length > 0) {
    deps.logger.warn(
      `The email is held: ${missing.length} PDFs are not saved yet. Run with --resume to retry them.`,
    )
  } else if (waiting.length > 0) {
    const first = existing.length + 1
    const parts = partition(waiting, maxBytes).map((group, n) => ({
      messageId: `<${batchId}.${first + n}@qbo-toolkit>`,
      poIds: group.map((i) => i.poId),
    }))
    inTransaction(staging.db, () => staging.poBatches.createMails(batchId, parts, first))
  }
  const mails = staging.poBatches.mails(batchId)
  const byId = new Map(items.map((i) => [i.poId, i]))
  for (const mail of mails) {
    if (mail.state === 'sending') {
      // Killed (or cut off) between recording the intent and recording the answer: it may have gone.
      markUndecided(deps, batchId, mail.part, mail.poIds, 'the run stopped while this email was being sent')
      continue
    }
    if (mail.state !== 'todo' && mail.state !== 'failed') continue
    if (!deps.mail)
      throw new RetryableError('No SMTP server is configured for this batch.', {
        next: 'Pass --smtp-url (or set QBO_SMTP_URL) and --smtp-from, then run again with --resume.',
      })
    const group = mail.poIds.map((id) => byId.get(id)!).filter(Boolean)
    const message = buildMessage(
      batchId,
      mail.part,
      mails.length,
      mail.messageId,
      deps.mail.from,
      email.to,
      actions,
      group,
    )
    try {
      await deps.mail.transport.verify()
    } catch (error) {
      throw new RetryableError((error as Error).message, {
        next: 'Check --smtp-url (or QBO_SMTP_URL) and that the mail server is up, then run again with --resume.',
        cause: error,
      })
    }
    inTransaction(staging.db, () => staging.poBatches.markMailSending(batchId, mail.part))
    try {
      const {response} = await deps.mail.transport.send(message)
      inTransaction(staging.db, () => {
        staging.poBatches.setMail(batchId, mail.part, 'sent', response)
        const at = new Date(deps.now()).toISOString()
        for (const id of mail.poIds)
          staging.poBatches.setEmail(batchId, id, 'sent', {at, ref: mail.messageId})
      })
    } catch (error) {
      if (error instanceof MailRefused || error instanceof MailNotSent) {
        inTransaction(staging.db, () => {
          staging.poBatches.setMail(batchId, mail.part, 'failed', error.message)
          for (const id of mail.poIds)
            staging.poBatches.setEmail(batchId, id, 'failed', undefined, `email: ${error.message}`)
        })
        continue
      }
      markUndecided(
        deps,
        batchId,
        mail.part,
        mail.poIds,
        `the mail server's answer was lost (${(error as Error).message})`,
      )
    }
  }
}

function markUndecided(deps: PoDeps, batchId: string, part: number, poIds: string[], why: string): void {
  inTransaction(deps.staging.db, () => {
    deps.staging.poBatches.setMail(batchId, part, 'undecided', why)
    for (const id of poIds)
      deps.staging.poBatches.setEmail(batchId, id, 'undecided', undefined, `email: ${why}`)
  })
}

/** Consecutive groups whose PDFs stay under maxBytes (at least one purchase order each). */
function partition(items: readonly PoBatchItem[], maxBytes: number): PoBatchItem[][] {
  const parts: PoBatchItem[][] = []
  let current: PoBatchItem[] = []
  let size = 0
  for (const i of items) {
    const bytes = i.pdfBytes ?? 0
    if (current.length > 0 && size + bytes > maxBytes) {
      parts.push(current)
      current = []
      size = 0
    }
    current.push(i)
    size += bytes
  }
  if (current.length) parts.push(current)
  return parts
}

function buildMessage(
  batchId: string,
  part: number,
  parts: number,
  messageId: string,
  from: string,
  to: string,
  actions: PoActions,
  items: readonly PoBatchItem[],
): MailMessage {
  const of = parts > 1 ? ` (part ${part} of ${parts})` : ''
  const manifest = stringify(
    items.map((i) => ({
      DocNumber: i.docNumber ?? '',
      Vendor: i.vendor ?? '',
      TxnDate: i.txnDate ?? '',
      Total: i.total ?? '',
      Tag: actions.tag ?? '',
      ShipDate: actions.shipDate ?? '',
      File: i.pdfName ?? '',
    })),
    {header: true, columns: ['DocNumber', 'Vendor', 'TxnDate', 'Total', 'Tag', 'ShipDate', 'File']},
  )
  return {
    from,
    to,
    subject: `Purchase orders ${batchId}${of}: ${items.length} attached${actions.shipDate ? `, ship ${actions.shipDate}` : ''}`,
    text:
      `${items.length} purchase orders${of} from batch ${batchId}${actions.tag ? ` (tag ${actions.tag})` : ''}` +
      `${actions.shipDate ? `, to ship on ${actions.shipDate}` : ''}.\n` +
      `The manifest (manifest.csv) lists each with its file.\n\n` +
      items.map((i) => `${i.docNumber ?? i.poId}  ${i.vendor ?? ''}  ${i.total ?? ''}`).join('\n') +
      '\n',
    messageId,
    attachments: [
      {filename: 'manifest.csv', content: manifest, contentType: 'text/csv'},
      ...items.map((i) => ({
        filename: i.pdfName!,
        path: join(actions.pdfDir!, i.pdfName!),
        contentType: 'application/pdf',
      })),
    ],
  }
}
