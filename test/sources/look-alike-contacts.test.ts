// Issue 14, finding 3: Xero contact names that differ only in case or spacing are different contacts.
// They are staged apart, the mapper gives each a DisplayName QBO accepts as unique with a decision code,
// shown in the preview and the mapping workbook, and every document links to its own contact.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import ExcelJS from 'exceljs'

import type {Account, Contact, Invoice, TaxRate, TrackingCategory} from '../../src/domain/canonical.js'
import {buildPlan} from '../../src/load/plan.js'
import {readStagedCompany} from '../../src/load/staged-company.js'
import {buildContext} from '../../src/mappers/index.js'
import {runExtract} from '../../src/sources/run-extract.js'
import {silentLogger} from '../../src/ui/logger.js'
import {writeMappingWorkbook, writePreviewWorkbook} from '../../src/workbooks/index.js'
import {tempDir, tempStaging} from '../helpers/temp.js'
import {loadTarget} from '../mappers/helpers.js'

const NAMES = ['Acme Traders', 'ACME TRADERS', 'Acme  Traders']

test('finding 3: three Xero contacts that differ only in case or spacing stay three, each with its own QBO name and documents', async (t) => {
  const dir = tempDir(t)
  writeFileSync(
    join(dir, 'Contacts.csv'),
    ['*ContactName,EmailAddress', ...NAMES.map((n, i) => `${n},ap${i}@acme.example`)].join('\r\n') + '\r\n',
  )
  writeFileSync(
    join(dir, 'Sales.csv'),
    [
      'ContactName,InvoiceNumber,InvoiceDate,DueDate,Description,Quantity,UnitAmount,AccountCode,TaxType',
      ...NAMES.map(
        (n, i) => `${n},INV-${i + 1},15/07/2024,14/08/2024,Work,1,${100 * (i + 1)}.00,200,GST on Income`,
      ),
    ].join('\r\n') + '\r\n',
  )
  writeFileSync(join(dir, 'Chart.csv'), '*Code,*Name,*Type,*Tax Code\r\n200,Sales,Revenue,GST on Income\r\n')
  const {staging, path: db} = tempStaging(t)
  const extracted = await runExtract(staging, {from: 'xero-csv', path: dir, logger: silentLogger})
  assert.ok(
    extracted.files.every((f) => f.status !== 'rejected'),
    JSON.stringify(extracted.files.filter((f) => f.error)),
  )

  // Staged apart, each document on its own contact.
  const contacts = [...staging.staged.iterate('contact', 'xero-csv')].map((r) => r.record as Contact)
  assert.deepEqual(contacts.map((c) => c.name).sort(), [...NAMES].sort())
  assert.deepEqual(contacts.map((c) => c.email).sort(), [
    'ap0@acme.example',
    'ap1@acme.example',
    'ap2@acme.example',
  ])
  NAMES.forEach((n, i) => {
    const inv = staging.staged.get('xero-csv', 'invoice', `INV-${i + 1}`)?.record as Invoice
    assert.equal(inv.contactId, n)
  })

  // Planned as three customers with unique DisplayNames, the renames recorded as decisions.
  const {system, records} = readStagedCompany(staging)
  const target = loadTarget()
  const ctx = buildContext({system, target, overrides: {}, records})
  const plan = buildPlan(records, ctx)
  const customers = plan.records.filter((r) => r.entity === 'Customer')
  const shown = new Map(customers.map((c) => [c.sourceId, c.payload?.DisplayName as string]))
  assert.equal(new Set([...shown.values()].map((n) => n.toLowerCase().replace(/\s+/g, ' '))).size, 3)
  assert.equal(shown.get('ACME TRADERS'), 'ACME TRADERS')
  assert.equal(shown.get('Acme  Traders'), 'Acme Traders (2)')
  assert.equal(shown.get('Acme Traders'), 'Acme Traders (3)')
  const codes = customers.flatMap((c) => c.decisions.map((d) => `${c.sourceId}: ${d.code}`))
  assert.deepEqual(codes.sort(), [
    'Acme  Traders: CONTACT_NAME_DISAMBIGUATED',
    'Acme Traders: CONTACT_NAME_DISAMBIGUATED',
  ])
  NAMES.forEach((n, i) => {
    const inv = plan.records.find((r) => r.entity === 'Invoice' && r.sourceId === `INV-${i + 1}`)
    assert.deepEqual(inv?.payload?.CustomerRef, {ref: {entity: 'Customer', sourceId: n}})
  })

  // The preview's Decisions sheet and the mapping workbook's Contact names sheet show them.
  const preview = join(dir, 'preview.xlsx')
  await writePreviewWorkbook(plan, preview, {
    generatedAt: '2024-07-01T00:00:00Z',
    source: 'xero-csv',
    realmId: 'r1',
    db,
  })
  const mapping = join(dir, 'mapping.xlsx')
  const of = <T>(kind: string) => records.filter((r) => r.kind === kind).map((r) => r.record as T)
  await writeMappingWorkbook(
    {
      system,
      target,
      accounts: of<Account>('account'),
      taxRates: of<TaxRate>('taxRate'),
      trackingCategories: of<TrackingCategory>('trackingCategory'),
      plan,
      overrides: {},
    },
    mapping,
  )
  const rowsOf = async (file: string, sheet: string) => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const rows: string[][] = []
    wb.getWorksheet(sheet)?.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
    )
    return rows
  }
  const decisions = (await rowsOf(preview, 'Decisions')).filter((r) => r[3] === 'CONTACT_NAME_DISAMBIGUATED')
  assert.deepEqual(decisions.map((r) => r[1]).sort(), ['Acme  Traders', 'Acme Traders'])
  const names = await rowsOf(mapping, 'Contact names')
  assert.deepEqual(names[0], ['Source id', 'Source name', 'Role', 'QBO DisplayName', 'Decision', 'Why'])
  assert.deepEqual(
    names.slice(1).map((r) => [r[1], r[3], r[4]]),
    [
      ['Acme  Traders', 'Acme Traders (2)', 'CONTACT_NAME_DISAMBIGUATED'],
      ['Acme Traders', 'Acme Traders (3)', 'CONTACT_NAME_DISAMBIGUATED'],
    ],
  )
})
