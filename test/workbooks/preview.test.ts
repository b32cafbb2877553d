import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import ExcelJS from 'exceljs'

import {buildPlan} from '../../src/load/plan.js'
import {ENTITY_COLUMNS} from '../../src/workbooks/preview/entity-sheet.js'
import {PREVIEW_CELLS, PREVIEW_ENTITY_HEADER_ROW, writePreviewWorkbook} from '../../src/workbooks/index.js'
import {tempDir} from '../helpers/temp.js'
import {companyContext} from '../mappers/helpers.js'

const meta = {
  generatedAt: '2026-11-24T18:00:00.000Z',
  source: 'xero-api',
  realmId: '9130350000000000',
  db: 'migration.db',
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  return wb
}

const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1)

/** A plan with a blocked invoice (its tax code mapped to "do not migrate") and therefore a blocked payment. */
function blockedPlan() {
  const {ctx, records} = companyContext({overrides: {taxCodes: {OUTPUT: null}}})
  return buildPlan(records, ctx)
}

describe('preview workbook', () => {
  it('has Summary, one sheet per entity in load order, Blocked, Corrections, Decisions and the effect sheets, with frozen filtered headers', async (t) => {
    const plan = blockedPlan()
    const file = join(tempDir(t), 'preview.xlsx')
    await writePreviewWorkbook(plan, file, meta)
    const wb = await readBack(file)
    const names = wb.worksheets.map((w) => w.name)
    const entities = Object.keys(plan.entities)
    assert.equal(names[0], 'Summary')
    assert.deepEqual(names.slice(-6), [
      'Blocked',
      'Corrections',
      'Decisions',
      'Tax totals',
      'Account totals',
      'Since last plan',
    ])
    assert.deepEqual(new Set(names.slice(1, -6)), new Set(entities))
    assert.ok(names.indexOf('Account') < names.indexOf('Invoice'), 'entities follow the load order')
    for (const name of names.slice(1)) {
      const ws = wb.getWorksheet(name)!
      assert.equal(ws.views[0]?.state, 'frozen', `${name} has a frozen header`)
      assert.equal((ws.views[0] as {ySplit?: number}).ySplit, 1)
      assert.ok(ws.autoFilter, `${name} has an autofilter`)
      assert.equal(ws.getRow(1).getCell(1).font?.bold, true)
    }
    assert.deepEqual(headers(wb.getWorksheet('Blocked')!), [
      'Entity',
      'Source id',
      'Label',
      'Code',
      'Message',
      'Fix',
    ])
    assert.deepEqual(headers(wb.getWorksheet('Decisions')!), [
      'Entity',
      'Source id',
      'Label',
      'Code',
      'What the tool did',
      'Detail',
    ])
    assert.deepEqual(readdirSync(join(file, '..')), ['preview.xlsx'], 'no temporary file is left behind')
  })

  it('puts the counts, the estimate and the metadata at the documented Summary cells', async (t) => {
    const plan = blockedPlan()
    const file = join(tempDir(t), 'preview.xlsx')
    await writePreviewWorkbook(plan, file, meta)
    const ws = (await readBack(file)).getWorksheet('Summary')!
    const v = (cell: string) => ws.getCell(cell).value
    const counts = Object.values(plan.entities)
    const sum = (k: 'create' | 'adopt' | 'skip' | 'update' | 'blocked') =>
      counts.reduce((s, c) => s + c[k], 0)
    assert.ok(sum('blocked') >= 2)
    assert.equal(v(PREVIEW_CELLS.create), sum('create'))
    assert.equal(v(PREVIEW_CELLS.adopt), sum('adopt'))
    assert.equal(v(PREVIEW_CELLS.skip), sum('skip'))
    assert.equal(v(PREVIEW_CELLS.blocked), sum('blocked'))
    assert.equal(v(PREVIEW_CELLS.records), plan.records.length)
    assert.equal(v(PREVIEW_CELLS.decisions), plan.decisions.length)
    assert.equal(v(PREVIEW_CELLS.requests), plan.estimate.requests)
    assert.equal(v(PREVIEW_CELLS.batches), plan.estimate.batches)
    assert.equal(v(PREVIEW_CELLS.minutes), plan.estimate.minutes)
    assert.match(String(v(PREVIEW_CELLS.status)), /blocked/)
    assert.equal(v(PREVIEW_CELLS.generatedAt), meta.generatedAt)
    assert.equal(v(PREVIEW_CELLS.source), meta.source)
    assert.equal(v(PREVIEW_CELLS.realmId), meta.realmId)
    assert.equal(v(PREVIEW_CELLS.db), meta.db)

    assert.equal(ws.getCell(`A${PREVIEW_ENTITY_HEADER_ROW}`).value, 'Entity')
    const inv = plan.entities.Invoice!
    const rows: Record<string, unknown[]> = {}
    ws.eachRow((row, n) => {
      if (n > PREVIEW_ENTITY_HEADER_ROW)
        rows[String(row.getCell(1).value)] = (row.values as unknown[]).slice(1)
    })
    assert.deepEqual(rows.Invoice, [
      'Invoice',
      inv.create,
      inv.adopt,
      inv.skip,
      inv.blocked,
      inv.create + inv.adopt + inv.skip + inv.update + inv.blocked,
      inv.update,
    ])
    assert.deepEqual(rows.Total, [
      'Total',
      sum('create'),
      sum('adopt'),
      sum('skip'),
      sum('blocked'),
      plan.records.length,
      sum('update'),
    ])
  })

  it('lists a blocked record with its fix on Blocked and fills its row red on its entity sheet', async (t) => {
    const plan = blockedPlan()
    const file = join(tempDir(t), 'preview.xlsx')
    await writePreviewWorkbook(plan, file, meta)
    const wb = await readBack(file)
    const blocked = wb.getWorksheet('Blocked')!
    let found: ExcelJS.Row | undefined
    blocked.eachRow((row) => {
      if (row.getCell(1).value === 'Invoice' && row.getCell(2).value === 'INV-0001') found = row
    })
    assert.ok(found, 'INV-0001 is on the Blocked sheet')
    assert.equal(found.getCell(4).value, 'TAX_CODE_NOT_MAPPED')
    assert.match(String(found.getCell(5).value), /OUTPUT/)
    assert.match(String(found.getCell(6).value), /mapping workbook/)
    assert.ok(found.getCell(3).value, 'the label says which invoice')

    const invoices = wb.getWorksheet('Invoice')!
    let inv: ExcelJS.Row | undefined
    invoices.eachRow((row) => {
      if (row.getCell(1).value === 'INV-0001') inv = row
    })
    assert.ok(inv)
    assert.equal(inv.getCell(3).value, 'blocked')
    assert.match(String(inv.getCell(13).value), /TAX_CODE_NOT_MAPPED/)
    assert.equal((inv.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb, 'FFF8CBAD')
    const blockedRows = plan.records.filter((r) => r.action === 'blocked').flatMap((r) => r.issues)
    assert.equal(blocked.rowCount - 1, blockedRows.length)
  })

  it('shows the key payload fields of a record to create: number, date as a date, party and total', async (t) => {
    const {ctx, records} = companyContext()
    const plan = buildPlan(records, ctx)
    const file = join(tempDir(t), 'preview.xlsx')
    await writePreviewWorkbook(plan, file, meta)
    const ws = (await readBack(file)).getWorksheet('Invoice')!
    let row: ExcelJS.Row | undefined
    ws.eachRow((r) => {
      if (r.getCell(1).value === 'INV-0001') row = r
    })
    assert.ok(row)
    assert.equal(row.getCell(3).value, 'create')
    assert.equal(row.getCell(7).value, 'INV-0001')
    assert.deepEqual(row.getCell(8).value, new Date(Date.UTC(2024, 6, 1)))
    assert.equal(row.getCell(8).numFmt, 'yyyy-mm-dd')
    assert.equal(row.getCell(9).value, 'C-ACME')
    assert.equal(row.getCell(11).value, 1595)
    assert.equal(row.getCell(11).numFmt, '#,##0.00')
    const summary = (await readBack(file)).getWorksheet('Summary')!
    assert.equal(summary.getCell(PREVIEW_CELLS.status).value, 'Ready: nothing blocked')
  })

  it("shows the load order as 1, 2, 3 … across the workbook, not the plan's internal step numbers", async (t) => {
    const {ctx, records} = companyContext()
    const plan = buildPlan(records, ctx)
    const file = join(tempDir(t), 'preview.xlsx')
    await writePreviewWorkbook(plan, file, meta)
    const wb = await readBack(file)
    const column = ENTITY_COLUMNS.findIndex((c) => c.key === 'step') + 1
    assert.equal(headers(wb.getWorksheet('Invoice')!)[column - 1], 'Load order')
    const shown = new Set<number>()
    const byEntity = new Map<string, number[]>()
    wb.eachSheet((ws) => {
      if (!plan.records.some((r) => r.entity === ws.name)) return
      ws.eachRow((row, n) => {
        if (n === 1) return
        const v = Number(row.getCell(column).value)
        shown.add(v)
        byEntity.set(ws.name, [...(byEntity.get(ws.name) ?? []), v])
      })
    })
    const distinct = new Set(plan.records.map((r) => r.step)).size
    assert.deepEqual(
      [...shown].sort((a, b) => a - b),
      Array.from({length: distinct}, (_, i) => i + 1),
    )
    // What depends on another record comes later: an invoice after its customer, a payment after its invoice.
    const min = (e: string) => Math.min(...(byEntity.get(e) ?? [Infinity]))
    const max = (e: string) => Math.max(...(byEntity.get(e) ?? [-Infinity]))
    assert.ok(max('Customer') < min('Invoice'))
    assert.ok(max('Invoice') < min('Payment'))
  })

  it('lists every decision with its detail as readable text', async (t) => {
    const {ctx, records} = companyContext()
    const plan = buildPlan(records, ctx)
    const file = join(tempDir(t), 'preview.xlsx')
    await writePreviewWorkbook(plan, file, meta)
    const ws = (await readBack(file)).getWorksheet('Decisions')!
    const all = plan.records.flatMap((r) => r.decisions)
    assert.ok(all.length > 0)
    assert.equal(ws.rowCount - 1, all.length)
    const rows = ws.getRows(2, ws.rowCount - 1)!.map((r) => (r.values as unknown[]).slice(1))
    const credit = rows.find((r) => r[3] === 'CREDIT_APPLIED_AS_PAYMENT')
    assert.ok(credit, 'the credit application is on the register')
    assert.match(String(credit[4]), /zero-amount Payment/)
    for (const r of rows) assert.doesNotMatch(String(r[5] ?? ''), /^[{[]/, 'detail is text, not JSON')
  })

  it('leaves the previous workbook untouched, and no temporary file, when writing fails', async (t) => {
    const dir = tempDir(t)
    const file = join(dir, 'preview.xlsx')
    await writePreviewWorkbook(blockedPlan(), file, meta)
    const before = readFileSync(file)
    const broken = blockedPlan()
    const last = broken.records.at(-1)!
    Object.defineProperty(last, 'issues', {
      get() {
        throw new Error('disk full')
      },
    })
    await assert.rejects(writePreviewWorkbook(broken, file, meta), /disk full/)
    assert.deepEqual(readFileSync(file), before)
    assert.deepEqual(readdirSync(dir), ['preview.xlsx'])
  })
})
