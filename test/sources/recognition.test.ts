// Issue 14, findings 1, 8 (missing column) and 9: export types are recognised by weighing the whole header;
// ties, weak matches and a missing required column are refused with the reason; a file that is no export
// is skipped with a warning while the rest of the folder is extracted.
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'

import {documentedHeader, MYOB_HEADERS} from '../../fixtures/generator/documented-headers.js'
import {myobAdapter} from '../../src/sources/myob/adapter.js'
import {recogniseMyobLayout} from '../../src/sources/myob/headers.js'
import {xeroCsvAdapter} from '../../src/sources/xero-csv/adapter.js'
import {extractToStaging} from '../../src/sources/extract.js'
import {openStaging} from '../../src/staging/index.js'
import {silentLogger} from '../../src/ui/logger.js'
import {tempDir} from '../helpers/temp.js'
import {extractFiles} from './helpers.js'

const tab = (cells: readonly string[]) => cells.join('\t')

test('finding 1: a MYOB card file with the full documented header (payment-details block included) is cards, not an accounts list', async (t) => {
  const header = documentedHeader(MYOB_HEADERS, 'myob supplier cards')
  assert.ok(header.includes('Account Number') && header.includes('Account Name') && header.includes('BSB'))
  const row = header.map((c) =>
    c === 'Co./Last Name'
      ? 'Harbour Freight Co'
      : c === 'BSB'
        ? '062-000'
        : c === 'Account Number'
          ? '10012345'
          : c === 'Account Name'
            ? 'Harbour Freight'
            : c === 'Card ID'
              ? '*None'
              : '',
  )
  const {result, get} = await extractFiles(
    t,
    {'SUPPLIER.TXT': ['{}', tab(header), tab(row), ''].join('\r\n')},
    (dir) => myobAdapter({path: dir}),
  )
  assert.deepEqual(
    result.files.filter((f) => f.type !== 'myob:derived').map((f) => [f.type, f.status]),
    [['myob:cards', 'staged']],
  )
  const card = get<{name: string; isSupplier: boolean}>('contact', 'Harbour Freight Co')
  assert.equal(card.isSupplier, true, 'the supplier-only Payment Memo column says supplier')
  // The bank details are not an account of the chart.
  assert.equal(result.counts.account, undefined)
})

test('finding 1: a header that fits two exports equally is refused with both named; one saying too little too', () => {
  const tie = recogniseMyobLayout(['Co./Last Name', 'Date', 'Memo', 'Amount Applied'])
  assert.ok(tie && 'refuse' in tie, JSON.stringify(tie))
  assert.match(tie.refuse, /fits Customer Payments \(receipts\) .*; Supplier Payments .* about equally/)
  const weak = recogniseMyobLayout(['Date', 'Notes to self'])
  assert.ok(weak && 'refuse' in weak, JSON.stringify(weak))
  assert.match(weak.refuse, /does not tell which MYOB AccountRight export this is/)
})

test('finding 8: a missing required column is named as missing on the header line, not met later as a conflict', async (t) => {
  // Customer payments without the Invoice # column: before, every row went into one payment.
  const {result} = await extractFiles(
    t,
    {
      'custpayt.txt': [
        'Deposit Account\tID #\tDate\tCo./Last Name\tFirst Name\tAmount Applied\tPayment Method',
        '1-1110\tR1\t5/07/2020\tNguyen\tMia\t$50.00\tEFT',
        '1-1110\tR1\t5/07/2020\tNguyen\tMia\t$25.50\tEFT',
        '',
      ].join('\r\n'),
    },
    (dir) => myobAdapter({path: dir}),
  )
  const file = result.files.find((f) => f.path.endsWith('custpayt.txt'))
  assert.equal(file?.status, 'rejected')
  const data = file?.error?.data as {line: number; column: string; reason: string}
  assert.deepEqual([data.line, data.column], [1, 'Invoice #'])
  assert.match(data.reason, /missing required column "Invoice #": .*Customer Payments/)
})

test('finding 9: a README and a stray JSON are skipped with a warning; the exports beside them are extracted', async (t) => {
  const {result, get} = await extractFiles(
    t,
    {
      'README.md': '# Exports for Harbourside\n\nExported 1 July 2024 from MYOB AccountRight.\n',
      'notes.json': '{"exported": "2024-07-01", "by": "accounts@example.com"}\n',
      'accounts.txt': 'Account Number\tAccount Name\tAccount Type\r\n4-1000\tSales\tIncome\r\n',
    },
    (dir) => myobAdapter({path: dir}),
  )
  const status = Object.fromEntries(result.files.map((f) => [f.path.split('/').pop(), f.status]))
  assert.deepEqual(status, {
    'README.md': 'skipped',
    'notes.json': 'skipped',
    'accounts.txt': 'staged',
    '(derived from the transactions)': 'unchanged',
  })
  assert.ok(result.warnings.some((w) => /README\.md: skipped: not a MYOB AccountRight export/.test(w)))
  assert.ok(get('account', '4-1000'))
})

test('finding 9: a file recognised as an export but broken still fails the extract', async (t) => {
  const {result} = await extractFiles(
    t,
    {
      'README.txt': 'Read me first',
      'sales.csv':
        'ContactName,InvoiceNumber,InvoiceDate,Description,Quantity,UnitAmount,AccountCode,TaxType\r\nAcme,INV-1,31/02/2024,Work,1,100,200,GST on Income\r\n',
    },
    (dir) => xeroCsvAdapter({path: dir}),
  )
  const status = Object.fromEntries(result.files.map((f) => [f.path.split('/').pop(), f.status]))
  assert.equal(status['README.txt'], 'skipped')
  assert.equal(status['sales.csv'], 'rejected')
})

test('finding 9: the migration file, its sidecars and a workbook beside the exports are skipped, not refused as undecodable', async (t) => {
  const dir = tempDir(t)
  writeFileSync(
    join(dir, 'accounts.txt'),
    'Account Number\tAccount Name\tAccount Type\r\n4-1000\tSales\tIncome\r\n',
  )
  const staging = openStaging(join(dir, 'migration.db'))
  t.after(() => staging.close())
  writeFileSync(
    join(dir, 'mapping.xlsx'),
    Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64)]),
  )
  const result = await extractToStaging(staging, myobAdapter({path: dir}), {logger: silentLogger})
  const status = Object.fromEntries(result.files.map((f) => [f.path.split('/').pop(), f.status]))
  assert.equal(status['accounts.txt'], 'staged')
  assert.equal(status['migration.db'], 'skipped')
  assert.equal(status['mapping.xlsx'], 'skipped')
  for (const [name, s] of Object.entries(status)) if (/^migration\.db-/.test(name)) assert.equal(s, 'skipped')
  assert.ok(result.warnings.some((w) => /migration\.db: skipped: a SQLite database/.test(w)))
})
