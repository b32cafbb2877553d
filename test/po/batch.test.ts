import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {PDFDocument} from 'pdf-lib'

import {type PoBatchOptions, runPoBatch} from '../../src/po/index.js'
import {poWorld, seedPurchaseOrders} from './world.js'

const base = (db: string, extra: Partial<PoBatchOptions> = {}): PoBatchOptions => ({
  selection: {},
  storage: {},
  resume: false,
  dbPath: db,
  ...extra,
})

describe('qbo po batch engine against the emulator', () => {
  it('tags, dates, saves and emails every purchase order once; a second run of the batch does nothing again', async (t) => {
    const w = await poWorld(t)
    const ids = await seedPurchaseOrders(w.client, 24)
    const pdfDir = join(w.dir, 'pdfs')
    const result = await runPoBatch(
      w.deps(),
      base(w.db, {
        tag: 'wave-12',
        shipDate: '2025-03-14',
        pdfDir,
        email: {to: 'warehouse@example.com', via: 'qbo'},
      }),
    )
    assert.equal(result.status, 'finished', JSON.stringify(result.attention))
    assert.deepEqual(result.steps, {update: {done: 24}, pdf: {saved: 24}, email: {sent: 24}})
    const emails = await w.emails()
    assert.equal(emails.length, 24)
    assert.deepEqual(new Set(emails.map((e) => e.id)), new Set(ids))
    const files = readdirSync(pdfDir).sort()
    assert.equal(files.length, 24)
    assert.ok(files.includes('PO-0002_Bolt-Nut-Pty-Ltd.pdf'), files.slice(0, 3).join(' '))
    assert.ok(files.includes('PO-0003_Creme-Brulee-Co.pdf'))
    for (const f of files)
      assert.equal((await PDFDocument.load(readFileSync(join(pdfDir, f)))).getPageCount(), 1)
    const po1 = await w.client.read('PurchaseOrder', ids[0]!)
    assert.equal(po1.DueDate, '2025-03-14')
    assert.equal(po1.PrivateNote, 'Tags: wave-12\nCall before delivery')
    assert.equal(po1.EmailStatus, 'EmailSent')
    const po2 = await w.client.read('PurchaseOrder', ids[1]!)
    assert.equal(po2.PrivateNote, 'Tags: wave-12')
    const csv = readFileSync(result.resultFile!, 'utf8').trim().split('\n')
    assert.equal(csv.length, 25)
    assert.match(csv[1]!, /^PO-0001,Acme Supplies,/)

    const again = await runPoBatch(w.deps(), base(w.db, {resume: true, batchId: result.batchId}))
    assert.equal(again.status, 'finished')
    assert.equal((await w.emails()).length, 24, 'no email twice')
  })
})
