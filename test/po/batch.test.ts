import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import {PDFDocument} from 'pdf-lib'

import {type PoBatchOptions, runPoBatch} from '../../src/po/index.js'
import {QboOutcomeUnknownError} from '../../src/qbo/index.js'
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

describe('qbo po batch: lost answers, conflicts, refusals', () => {
  it('with answers lost after QBO applied them (and resets, 500s), and QBO not replaying requestids, every purchase order is updated and emailed exactly once', async (t) => {
    const w = await poWorld(t, {faults: 'timeout=0.06,reset=0.03,http500=0.03', seed: 9})
    // Seeding goes through the same emulator: let it finish before the faults matter.
    await fetch(`${w.url}/_emulator/faults`, {method: 'PUT', body: JSON.stringify({spec: ''})})
    const ids = await seedPurchaseOrders(w.client, 30)
    await fetch(`${w.url}/_emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify({spec: 'timeout=0.15,reset=0.03,http500=0.03,noreplay=1'}),
    })
    let result
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        result = await runPoBatch(
          w.deps(),
          base(w.db, {
            resume: attempt > 0,
            tag: 'rush',
            shipDate: '2025-04-01',
            email: {to: 'wh@example.com', via: 'qbo'},
          }),
        )
        if (result.status === 'finished') break
      } catch {
        // A run that gives up (QBO kept failing) is resumed, as a user would.
      }
    }
    await fetch(`${w.url}/_emulator/faults`, {method: 'PUT', body: JSON.stringify({spec: ''})})
    assert.equal(result?.status, 'finished', JSON.stringify(result?.attention))
    const emails = await w.emails()
    const perPo = new Map<string, number>()
    for (const e of emails) perPo.set(e.id, (perPo.get(e.id) ?? 0) + 1)
    assert.deepEqual(
      [...perPo.values()].filter((n) => n !== 1),
      [],
      'one email per purchase order',
    )
    assert.equal(perPo.size, 30)
    for (const id of ids) assert.equal((await w.client.read('PurchaseOrder', id)).DueDate, '2025-04-01')
    const found = w.staging.db
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox WHERE job = 'po' AND operation = 'send' AND last_error LIKE '%found sent%'`,
      )
      .get() as {n: number}
    assert.ok(found.n > 0, 'some sends lost their answer and were found in QBO rather than sent again')
  })

  it('a ship date someone else changed meanwhile is a conflict, not overwritten; a note changed meanwhile keeps both', async (t) => {
    const w = await poWorld(t)
    const ids = await seedPurchaseOrders(w.client, 3)
    const client = w.client
    const original = client.batch.bind(client)
    let interfered = false
    // Another user edits two purchase orders between the batch's read and its update.
    client.batch = async (items, opts) => {
      if (!interfered) {
        interfered = true
        const a = await client.read('PurchaseOrder', ids[0]!)
        await client.update(
          'PurchaseOrder',
          {Id: a.Id, SyncToken: a.SyncToken, sparse: true, DueDate: '2025-05-05'} as never,
          {requestId: 'other-user-1'},
        )
        const b = await client.read('PurchaseOrder', ids[1]!)
        await client.update(
          'PurchaseOrder',
          {Id: b.Id, SyncToken: b.SyncToken, sparse: true, PrivateNote: 'Dock 4'} as never,
          {requestId: 'other-user-2'},
        )
      }
      return original(items, opts)
    }
    const result = await runPoBatch(w.deps(), base(w.db, {tag: 'wave-1', shipDate: '2025-04-01'}))
    assert.deepEqual(result.steps.update, {conflict: 1, done: 2})
    assert.equal(result.attention[0]?.poId, ids[0])
    assert.equal((await client.read('PurchaseOrder', ids[0]!)).DueDate, '2025-05-05', 'their change stays')
    const b = await client.read('PurchaseOrder', ids[1]!)
    assert.equal(b.PrivateNote, 'Tags: wave-1\nDock 4')
    assert.equal(b.DueDate, '2025-04-01')
  })

  it('when QBO refuses sparse updates of purchase orders, updates in full from a fresh read and keeps every other field', async (t) => {
    const w = await poWorld(t)
    const ids = await seedPurchaseOrders(w.client, 5)
    await w.settings({refuseSparse: true})
    const before = await w.client.read('PurchaseOrder', ids[0]!)
    const result = await runPoBatch(w.deps(), base(w.db, {tag: 'full', shipDate: '2025-06-01'}))
    assert.deepEqual(result.steps.update, {done: 5})
    const after = await w.client.read('PurchaseOrder', ids[0]!)
    assert.equal(after.DueDate, '2025-06-01')
    assert.deepEqual(after.Line, before.Line)
    assert.deepEqual(after.VendorRef, before.VendorRef)
    assert.equal(after.PrivateNote, 'Tags: full\nCall before delivery')
  })

  it('keeps tag and ship date in custom fields named in settings, and refuses a field QBO does not have', async (t) => {
    const w = await poWorld(t)
    const ids = await seedPurchaseOrders(w.client, 4)
    await assert.rejects(
      runPoBatch(w.deps(), base(w.db, {tag: 'x', storage: {tagField: 'Tag'}})),
      /no purchase-order custom field named "Tag"/,
    )
    await w.settings({customFields: ['Tag', 'Ship date']})
    const r = await runPoBatch(
      w.deps(),
      base(w.db, {
        tag: 'wave-9',
        shipDate: '2025-07-01',
        storage: {tagField: 'Tag', shipDateField: 'Ship date'},
      }),
    )
    assert.deepEqual(r.steps.update, {done: 4})
    const po = await w.client.read('PurchaseOrder', ids[2]!)
    assert.deepEqual(
      (po.CustomField as {Name: string; StringValue?: string}[]).map((f) => [f.Name, f.StringValue]),
      [
        ['Tag', 'wave-9'],
        ['Ship date', '2025-07-01'],
      ],
    )
    assert.equal(po.DueDate, undefined, 'DueDate untouched')
    // Remembered: the next batch selects by the tag without naming the field again.
    const next = await runPoBatch(w.deps(), base(w.db, {selection: {tagged: 'wave-9'}, tag: 'wave-10'}))
    assert.equal(next.purchaseOrders, 4)
    assert.equal(
      ((await w.client.read('PurchaseOrder', ids[0]!)).CustomField as {StringValue?: string}[])[0]
        ?.StringValue,
      'wave-9, wave-10',
    )
  })
})

describe('qbo po batch: an email QBO cannot tell about', () => {
  it('is undecided when QBO shows it emailed both before and after without DeliveryInfo: never resent by itself, then as the operator says', async (t) => {
    const w = await poWorld(t)
    await seedPurchaseOrders(w.client, 2)
    const client = w.client
    const read = client.read.bind(client)
    const send = client.send.bind(client)
    // A QBO that shows every purchase order as emailed, without DeliveryInfo, and loses the answer to each send.
    client.read = async (entity, id) => {
      const r = await read(entity, id)
      delete r.DeliveryInfo
      return {...r, EmailStatus: 'EmailSent'}
    }
    let lose = true
    client.send = async (entity, id, opts) => {
      const r = await send(entity, id, opts)
      if (!lose) return r
      throw new QboOutcomeUnknownError('socket hang up', {inFlightUntil: Date.now()})
    }
    const opts = base(w.db, {email: {to: 'wh@example.com', via: 'qbo'}})
    const first = await runPoBatch(w.deps(), opts)
    assert.deepEqual(first.steps.email, {undecided: 2})
    assert.equal((await w.emails()).length, 2)
    const again = await runPoBatch(w.deps(), {...opts, resume: true})
    assert.deepEqual(again.steps.email, {undecided: 2})
    assert.equal((await w.emails()).length, 2, 'not sent again by itself')
    lose = false
    const resent = await runPoBatch(w.deps(), {...opts, resume: true, confirmEmail: 'not-sent'})
    assert.equal(resent.status, 'finished')
    assert.deepEqual(resent.steps.email, {sent: 2})
    assert.equal((await w.emails()).length, 4, 'sent again because the operator said it had not arrived')
  })
})
