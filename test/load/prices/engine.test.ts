// The price engine against the QBO emulator: the demo list diffed as written out by hand, changes written
// as sparse PurchaseCost updates (30 to a batch, nothing else in them), applied once and never twice, and a
// stale SyncToken mid-apply re-read: a concurrent change of the cost is reported and kept, any other change
// is written over with the new SyncToken.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {DEMO_PROFILE_JSON, DEMO_SUPPLIER} from '../../../fixtures/generator/price-list.js'
import type {BatchWriteItem, QboWritePort} from '../../../src/load/port.js'
import {
  applyPriceDiff,
  createPriceDiff,
  diffView,
  importCodes,
  type PricesQbo,
  saveProfile,
} from '../../../src/load/prices/index.js'
import {silentLogger} from '../../../src/ui/logger.js'
import {EXPECTED_DEMO_DIFF, demoList, PRICES_DIR, pricesWorld, type PricesWorld} from '../../prices/world.js'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

/** The QBO port with every batch item it sends recorded. */
function recording(qbo: PricesQbo): {qbo: PricesQbo; batches: BatchWriteItem[][]} {
  const batches: BatchWriteItem[][] = []
  const port: QboWritePort = {
    ...qbo.port,
    realmId: qbo.port.realmId,
    inFlightWindowMs: qbo.port.inFlightWindowMs,
    writeBatch: (id, items, onSend) => {
      batches.push([...items])
      return qbo.port.writeBatch(id, items, onSend)
    },
  }
  return {qbo: {...qbo, port, realmId: qbo.realmId}, batches}
}

function deps(w: PricesWorld, qbo: PricesQbo = w.qbo) {
  return {
    staging: w.staging,
    qbo,
    logger: silentLogger,
    now: Date.now,
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    actor: 'tester',
    dbPath: w.db,
  }
}

async function demoDiff(w: PricesWorld) {
  saveProfile(w.staging, DEMO_PROFILE_JSON)
  await importCodes(deps(w), {
    supplier: DEMO_SUPPLIER,
    file: {name: 'codes.csv', bytes: readFileSync(join(PRICES_DIR, 'brown-electrical-codes.csv'))},
    origin: 'test',
  })
  return createPriceDiff(deps(w), {file: demoList(), supplier: DEMO_SUPPLIER})
}

describe('prices engine on the emulator', () => {
  it('diffs the demo list as written out by hand, and writes exactly the changes chosen', async (t) => {
    const w = await pricesWorld(t)
    const view = await demoDiff(w)
    assert.deepEqual(
      view.lines.map((l) => [
        l.line,
        l.code,
        l.item?.name ?? null,
        l.status,
        l.oldCost,
        l.newCost,
        l.warnings.map((x) => x.code).join(),
      ]),
      EXPECTED_DEMO_DIFF.map((x) => [...x]),
    )
    assert.equal(view.file.headerRow, 3)
    assert.equal(view.lines[8]?.matchedBy, 'code')
    assert.deepEqual(view.warnings, [])
    assert.equal(view.vendorId, w.vendorId)

    const before = await w.items()
    const rec = recording(w.qbo)
    const result = await applyPriceDiff(deps(w, rec.qbo), {diffId: view.id, skip: ['ITEM-012']})
    assert.deepEqual(result.written.map((l) => [l.code, l.newCost]).sort(), [
      ['BE-5521', '24.10'],
      ['ITEM-004', '214.90'],
      ['ITEM-005', '398.00'],
      ['ITEM-008', '259.74'],
      ['ITEM-009', '3.65'],
      ['ITEM-018', '118.34'],
    ])
    assert.equal(result.unselected, 1)
    // One batch, sparse, PurchaseCost only: never QtyOnHand or any other field.
    assert.equal(rec.batches.length, 1)
    for (const item of rec.batches[0]!) {
      assert.equal(item.operation, 'update')
      assert.equal(item.entity, 'Item')
      assert.deepEqual(Object.keys(item.payload).sort(), ['Id', 'PurchaseCost', 'SyncToken', 'sparse'])
      assert.equal(item.payload.sparse, true)
    }
    const after = await w.items()
    const changed = [...after]
      .filter(([sku, r]) => r.SyncToken !== before.get(sku)?.SyncToken)
      .map(([sku]) => sku)
    assert.deepEqual(changed.sort(), ['ITEM-004', 'ITEM-005', 'ITEM-008', 'ITEM-009', 'ITEM-018', 'ITEM-027'])
    assert.equal(after.get('ITEM-027')?.PurchaseCost, 24.1)
    assert.equal(after.get('ITEM-012')?.PurchaseCost, 6.19, 'the unticked line is not written')
    for (const sku of changed) {
      assert.equal(
        after.get(sku)?.SyncToken,
        String(Number(before.get(sku)?.SyncToken) + 1),
        `${sku} written once`,
      )
      assert.equal(after.get(sku)?.Description, before.get(sku)?.Description)
    }
    const audit = w.staging.prices.auditLog({diffId: view.id})
    assert.deepEqual(
      audit.map((a) => a.outcome),
      Array(6).fill('written'),
    )
    assert.ok(
      audit.every(
        (a) => a.fileHash === view.file.fileHash && a.actor === 'tester' && /SyncToken 1/.test(a.qboAnswer),
      ),
    )

    // Applying the same diff again writes nothing.
    const again = recording(w.qbo)
    const second = await applyPriceDiff(deps(w, again.qbo), {diffId: view.id})
    assert.equal(again.batches.length, 0)
    assert.deepEqual(second.planned, [])
    assert.deepEqual(second.earlier, {written: 6, conflict: 0})
    assert.equal((await w.items()).get('ITEM-004')?.SyncToken, after.get('ITEM-004')?.SyncToken)
    // The same file diffed again shows no change left but the line not chosen.
    const rediff = await createPriceDiff(deps(w), {file: demoList(), supplier: DEMO_SUPPLIER})
    assert.deepEqual(
      rediff.lines.filter((l) => l.status === 'change').map((l) => l.code),
      ['ITEM-012'],
    )
  })

  it('re-reads a stale item mid-apply: a concurrent change of the cost is reported and kept, another change is written over', async (t) => {
    const w = await pricesWorld(t, {extra: 70})
    saveProfile(w.staging, {
      ...DEMO_PROFILE_JSON,
      name: 'Generated',
      supplier: 'Smith & Jones <Wholesale>',
      packColumn: undefined,
      pricePer: 'unit',
      descriptionColumn: undefined,
    })
    const csv = [
      'Code,Price Ex GST',
      ...Array.from({length: 70}, (_, i) => `GEN-${String(i + 1).padStart(5, '0')},1.50`),
    ].join('\n')
    const view = await createPriceDiff(deps(w), {
      file: {name: 'gen.csv', bytes: Buffer.from(csv)},
      supplier: 'Smith & Jones <Wholesale>',
    })
    assert.equal(view.counts.change, 70)
    const human = w.ids.get('GEN-00065')!
    const renamed = w.ids.get('GEN-00066')!
    const rec = recording(w.qbo)
    let touched = false
    const result = await applyPriceDiff(
      {
        ...deps(w, rec.qbo),
        onProgress: async () => {
          if (touched) return
          touched = true
          // Someone edits two items of the third batch while the first is being written.
          const h = (await w.api(`/item/${human}`)).Item as {SyncToken: string}
          await w.api('/item', {Id: human, SyncToken: h.SyncToken, sparse: true, PurchaseCost: 1.25})
          const r = (await w.api(`/item/${renamed}`)).Item as {SyncToken: string}
          await w.api('/item', {
            Id: renamed,
            SyncToken: r.SyncToken,
            sparse: true,
            Name: 'Renamed by a person',
          })
        },
      },
      {diffId: view.id},
    )
    assert.deepEqual(
      rec.batches.map((b) => b.length),
      [30, 30, 10, 1],
      'batches of 30, then the re-read item alone',
    )
    assert.equal(result.written.length, 69)
    assert.deepEqual(
      result.conflicts.map((c) => [c.code, c.oldCost, c.newCost, c.qboCost]),
      [['GEN-00065', '1.00', '1.50', '1.25']],
    )
    const now = await w.items()
    assert.equal(now.get('GEN-00065')?.PurchaseCost, 1.25, 'the person’s cost is kept')
    assert.equal(now.get('GEN-00066')?.PurchaseCost, 1.5)
    assert.equal(now.get('GEN-00066')?.Name, 'Renamed by a person')
    const conflict = w.staging.prices.auditLog({diffId: view.id}).filter((a) => a.outcome === 'conflict')
    assert.equal(conflict.length, 1)
    assert.match(conflict[0]!.qboAnswer, /the cost in QBO is now 1\.25 \(it was 1\.00 when the diff was made/)
    // The conflict is not retried by applying again; a new diff shows it as it now is.
    const again = await applyPriceDiff(deps(w), {diffId: view.id})
    assert.deepEqual(again.planned, [])
    assert.deepEqual(again.earlier, {written: 69, conflict: 1})
  })

  it('a new diff first settles writes an apply left without an answer, and sees the costs they wrote', async (t) => {
    const w = await pricesWorld(t)
    const view = await demoDiff(w)
    // An apply that dies once its batch has left: the request reaches QBO, the answer never comes back.
    const dying: PricesQbo = {
      ...w.qbo,
      realmId: w.qbo.realmId,
      port: {
        ...w.qbo.port,
        realmId: w.qbo.port.realmId,
        inFlightWindowMs: w.qbo.port.inFlightWindowMs,
        writeBatch: async (id, items, onSend) => {
          await w.qbo.port.writeBatch(id, items, onSend)
          return new Promise(() => {})
        },
      },
    }
    void applyPriceDiff({...deps(w, dying), dbPath: undefined}, {diffId: view.id})
    const inDoubt = () => w.staging.outbox.inDoubt(w.qbo.realmId, 'prices').length
    for (let i = 0; inDoubt() === 0 || (await w.items()).get('ITEM-004')?.PurchaseCost !== 214.9; i++) {
      assert.ok(i < 200, 'the dying apply sent its batch')
      await new Promise((r) => setTimeout(r, 25))
    }
    assert.equal(inDoubt(), 7)

    const again = await createPriceDiff(deps(w), {file: demoList(), supplier: DEMO_SUPPLIER})
    assert.equal(inDoubt(), 0)
    assert.equal(again.counts.change, 0, 'the costs the lost batch wrote are seen as they are')
    assert.deepEqual(diffView(w.staging, view.id).applied, {
      written: 7,
      conflict: 0,
      failed: 0,
      pending: 0,
      unselected: 0,
    })
    const audit = w.staging.prices.auditLog({diffId: view.id})
    assert.equal(audit.length, 7)
    assert.ok(audit.every((a) => a.outcome === 'written'))
    assert.ok(w.staging.runs.list().some((r) => r.kind === 'prices:settle' && r.status === 'finished'))
  })

  it('a dry run plans without writing; a diff for another company or an unknown line is refused', async (t) => {
    const w = await pricesWorld(t)
    const view = await demoDiff(w)
    const rec = recording(w.qbo)
    const dry = await applyPriceDiff(deps(w, rec.qbo), {diffId: view.id, dryRun: true, skipLines: [11]})
    assert.equal(rec.batches.length, 0)
    assert.deepEqual(
      dry.planned.map((p) => p.line),
      [1, 4, 5, 7, 9, 10],
    )
    await assert.rejects(
      applyPriceDiff(deps(w), {diffId: view.id, skipLines: [2]}),
      /Not a change in price diff \d+: line 2/,
    )
    await assert.rejects(applyPriceDiff(deps(w), {diffId: view.id, skip: ['NOPE']}), /"NOPE"/)
    await assert.rejects(
      applyPriceDiff(deps(w, {...w.qbo, realmId: 'other'}), {diffId: view.id}),
      /was made for QBO company \d+, not other/,
    )
    await assert.rejects(applyPriceDiff(deps(w), {diffId: 999}), /There is no price diff 999/)
  })
})
