import assert from 'node:assert/strict'
import {join} from 'node:path'
import {describe, it, type TestContext} from 'node:test'

import {type ParsedMail, simpleParser} from 'mailparser'
import {PDFDocument} from 'pdf-lib'
import {SMTPServer} from 'smtp-server'

import {type PoBatchOptions, runPoBatch, smtpTransport} from '../../src/po/index.js'
import type {MailTransport} from '../../src/po/smtp-transport.js'
import {poWorld, seedPurchaseOrders} from './world.js'

/** A mail server on 127.0.0.1 that keeps every message it accepts. */
async function mailServer(t: TestContext): Promise<{url: string; messages: ParsedMail[]}> {
  const messages: ParsedMail[] = []
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          messages.push(m)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.server.address() as {port: number}).port
  return {url: `smtp://127.0.0.1:${port}`, messages}
}

const options = (db: string, extra: Partial<PoBatchOptions> = {}): PoBatchOptions => ({
  selection: {},
  storage: {},
  resume: false,
  dbPath: db,
  tag: 'wave-3',
  shipDate: '2025-03-20',
  email: {to: 'warehouse@example.com', via: 'smtp'},
  ...extra,
})

describe('qbo po batch by SMTP', () => {
  it('sends the warehouse one email with every PDF (each opens) and a manifest, and never a second one', async (t) => {
    const w = await poWorld(t)
    const mail = await mailServer(t)
    await seedPurchaseOrders(w.client, 12)
    const transport = smtpTransport(mail.url)
    t.after(() => transport.close())
    const deps = w.deps({mail: {transport, from: 'buyer@example.com'}})
    const r = await runPoBatch(deps, options(w.db, {pdfDir: join(w.dir, 'pdf')}))
    assert.equal(r.status, 'finished', JSON.stringify(r.attention))
    assert.equal(mail.messages.length, 1)
    const m = mail.messages[0]!
    assert.equal(m.messageId, `<${r.batchId}.1@qbo-toolkit>`)
    assert.equal(m.to && !Array.isArray(m.to) ? m.to.text : '', 'warehouse@example.com')
    const pdfs = m.attachments.filter((a) => a.contentType === 'application/pdf')
    assert.equal(pdfs.length, 12)
    for (const a of pdfs) assert.equal((await PDFDocument.load(a.content)).getPageCount(), 1)
    const manifest = m.attachments
      .find((a) => a.filename === 'manifest.csv')!
      .content.toString('utf8')
      .trim()
      .split('\n')
    assert.equal(manifest.length, 13)
    assert.match(
      manifest[1]!,
      /^PO-0001,Acme Supplies,2025-03-01,110,wave-3,2025-03-20,PO-0001_Acme-Supplies\.pdf$/,
    )
    assert.deepEqual(r.steps.email, {sent: 12})
    assert.equal((await w.emails()).length, 0, 'QBO sent nothing')
    await runPoBatch(deps, options(w.db, {resume: true, batchId: r.batchId}))
    assert.equal(mail.messages.length, 1)
  })

  it('cuts the batch into parts past the size limit, each part its own message', async (t) => {
    const w = await poWorld(t)
    const mail = await mailServer(t)
    await seedPurchaseOrders(w.client, 6)
    const transport = smtpTransport(mail.url)
    t.after(() => transport.close())
    const r = await runPoBatch(w.deps({mail: {transport, from: 'buyer@example.com'}}), {
      ...options(w.db),
      smtpMaxBytes: 1,
    })
    assert.equal(r.mails.length, 6)
    assert.equal(mail.messages.length, 6)
    assert.match(mail.messages[1]!.subject ?? '', /part 2 of 6/)
  })

  it('an email whose answer was lost is undecided: not sent again until the operator says, then as they say', async (t) => {
    const w = await poWorld(t)
    const mail = await mailServer(t)
    await seedPurchaseOrders(w.client, 3)
    const real = smtpTransport(mail.url)
    t.after(() => real.close())
    // The server accepts the message, but its answer never reaches us.
    const lossy: MailTransport = {
      verify: () => real.verify(),
      send: async (m) => {
        await real.send(m)
        throw Object.assign(new Error('Connection closed unexpectedly'), {
          code: 'ECONNECTION',
          command: 'DATA',
        })
      },
      close: () => undefined,
    }
    const first = await runPoBatch(w.deps({mail: {transport: lossy, from: 'b@example.com'}}), options(w.db))
    assert.equal(first.status, 'open')
    assert.deepEqual(first.steps.email, {undecided: 3})
    assert.equal(mail.messages.length, 1)
    const deps = w.deps({mail: {transport: real, from: 'b@example.com'}})
    const again = await runPoBatch(deps, options(w.db, {resume: true}))
    assert.deepEqual(again.steps.email, {undecided: 3})
    assert.equal(mail.messages.length, 1, 'never sent again by itself')
    const confirmed = await runPoBatch(deps, options(w.db, {resume: true, confirmEmail: 'sent'}))
    assert.equal(confirmed.status, 'finished')
    assert.deepEqual(confirmed.steps.email, {sent: 3})
    assert.equal(mail.messages.length, 1)
  })

  it('a message the server refuses is failed, and sent on the next run', async (t) => {
    const w = await poWorld(t)
    const mail = await mailServer(t)
    await seedPurchaseOrders(w.client, 2)
    const real = smtpTransport(mail.url)
    t.after(() => real.close())
    let refuse = true
    const picky: MailTransport = {
      verify: () => real.verify(),
      send: async (m) => {
        if (refuse) {
          refuse = false
          const {MailRefused} = await import('../../src/po/smtp-transport.js')
          throw new MailRefused('552 Message size exceeds fixed maximum message size', 552)
        }
        return real.send(m)
      },
      close: () => undefined,
    }
    const deps = w.deps({mail: {transport: picky, from: 'b@example.com'}})
    const first = await runPoBatch(deps, options(w.db))
    assert.deepEqual(first.steps.email, {failed: 2})
    const second = await runPoBatch(deps, options(w.db, {resume: true, batchId: first.batchId}))
    assert.deepEqual(second.steps.email, {sent: 2})
    assert.equal(mail.messages.length, 1)
  })
})
