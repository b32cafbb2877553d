// qbo prices … as a user runs them: profile and code table from the demo files, the diff as JSON and as a
// workbook, apply with a line left out, the audit log as CSV, errors as JSON. (Applying twice: test/load/prices.)
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'

import ExcelJS from 'exceljs'

import {DEMO_SUPPLIER} from '../../fixtures/generator/price-list.js'
import type {ApplyResult, DiffView} from '../../src/load/prices/index.js'
import {runCli} from '../helpers/cli.js'
import {DEMO_LIST_FILE, EXPECTED_DEMO_DIFF, PRICES_DIR, pricesWorld} from '../prices/world.js'

describe('qbo prices', () => {
  it('diff --json and --out, apply --skip, audit', {timeout: 120_000}, async (t) => {
    const w = await pricesWorld(t)
    const cli = async (args: string[]) => {
      const r = await runCli([...args, '--db', w.db], {env: w.env})
      return {...r, doc: r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as unknown) : undefined}
    }
    const prof = await cli([
      'prices',
      'profiles',
      '--import',
      join(PRICES_DIR, 'brown-electrical.profile.json'),
      '--json',
    ])
    assert.equal(prof.code, 0, prof.stderr)
    const codes = await cli([
      'prices',
      'codes',
      '--supplier',
      DEMO_SUPPLIER,
      '--import',
      join(PRICES_DIR, 'brown-electrical-codes.csv'),
      '--json',
    ])
    assert.equal(codes.code, 0, codes.stderr)
    assert.deepEqual(codes.doc, {supplier: DEMO_SUPPLIER, linked: 2, unresolved: []})

    const out = join(w.dir, 'diff.xlsx')
    const diff = await cli([
      'prices',
      'diff',
      DEMO_LIST_FILE,
      '--supplier',
      DEMO_SUPPLIER,
      '--out',
      out,
      '--json',
    ])
    assert.equal(diff.code, 0, diff.stderr)
    const view = diff.doc as DiffView
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
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer)
    const sheet = wb.getWorksheet(`Diff ${view.id}`)
    assert.equal(sheet?.rowCount, EXPECTED_DEMO_DIFF.length + 1)
    assert.equal(sheet?.getRow(2).getCell(10).value, 214.9)
    // The layout the buyer reviews: house header frozen and filtered, costs to 4 places, warnings amber.
    assert.deepEqual((sheet?.getRow(1).values as unknown[]).slice(1, 4), ['Line', 'Status', 'Item'])
    assert.equal(sheet?.getRow(1).getCell(1).font?.bold, true)
    assert.equal(sheet?.views[0]?.state, 'frozen')
    assert.ok(sheet?.autoFilter)
    assert.equal(sheet?.getRow(2).getCell(10).numFmt, '#,##0.00###')
    assert.equal(sheet?.getRow(2).getCell(12).numFmt, '+0.0%;-0.0%')
    view.lines.forEach((l, i) => {
      const fill = sheet?.getRow(i + 2).getCell(13).fill as ExcelJS.FillPattern | undefined
      assert.equal(fill?.fgColor?.argb, l.warnings.length > 0 ? 'FFFFF2CC' : undefined, `line ${l.line}`)
    })

    const apply = await cli(['prices', 'apply', String(view.id), '--skip', 'ITEM-012', '--json'])
    assert.equal(apply.code, 0, apply.stderr)
    const applied = apply.doc as ApplyResult
    assert.equal(applied.written.length, 6)
    assert.equal((await w.items()).get('ITEM-004')?.PurchaseCost, 214.9)
    assert.equal((await w.items()).get('ITEM-012')?.PurchaseCost, 6.19)

    const audit = await cli(['prices', 'audit', '--diff', String(view.id)])
    assert.equal(audit.code, 0, audit.stderr)
    const rows = audit.stdout.trim().split(/\r?\n/)
    assert.equal(rows.length, 7)
    assert.match(rows[0]!, /^When \(UTC\),Who,QBO company,Price diff,Run,Supplier,File,File SHA-256,/)
    assert.ok(rows.slice(1).every((r) => r.includes(view.file.fileHash) && r.includes(',written,')))

    const missing = await cli(['prices', 'diff', DEMO_LIST_FILE, '--supplier', 'Nobody Pty Ltd', '--json'])
    assert.equal(missing.code, 1)
    const err = (missing.doc as {error: {code: string; message: string; next: string}}).error
    assert.equal(err.code, 'USER_INPUT')
    assert.match(err.message, /no price-list profile for Nobody Pty Ltd/)
    assert.match(err.next, /qbo prices profiles --set/)
  })
})
