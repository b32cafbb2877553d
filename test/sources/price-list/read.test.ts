// Reading supplier price lists as real ones come (integrations.md §4.2): the header below title rows,
// ex- and inc-GST columns, pack sizes, POA/TBA placeholders, currency text, Excel's binary noise, CSVs from
// Excel on Windows (windows-1252), semicolons and tabs. The workbooks here are written by hand-made XML
// (fixtures/make-excel-style.py) and by exceljs, not by the project's demo generator.
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, it} from 'node:test'

import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'

import {PriceProfile, type PriceProfileInput} from '../../../src/domain/price-list.js'
import {UserInputError} from '../../../src/domain/errors.js'
import {guessLayout, readPriceList, readSheets} from '../../../src/sources/price-list/index.js'

const EXCEL_STYLE = new URL('./fixtures/excel-style.xlsx', import.meta.url)

function profile(p: Partial<PriceProfileInput> = {}) {
  return PriceProfile.parse({name: 'p', supplier: 'S', codeColumn: 'Code', costColumn: 'Price Ex GST', ...p})
}
const file = (name: string, text: string | Buffer) => ({
  name,
  bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
})

describe('price list: CSV', () => {
  const csv = [
    'Brown Electrical & Sons,,,,',
    'Trade price list July 2025,,,,',
    'Code,Description,Pack,Price Ex GST,Price Inc GST',
    'A-1,Cable,1,"$1,234.50","$1,357.95"',
    'A-2,Switch,Pk 10,12.5,13.75',
    'LIGHTING,,,,',
    'A-3,Panel,1,POA,POA',
    'A-4,Sensor,1,tba,tba',
    'A-5,Lamp,12 x 500ml,"12,50",13.75',
    '"A-6: Fuse holder',
    '20A NEW",,1,(3.20),',
    ',,,,',
    'A-7,Valve,CTN24,AUD 48.00,52.80',
  ].join('\r\n')

  it('finds the header on row 3 and reads codes, costs, packs and placeholders as written', async () => {
    const read = await readPriceList(
      file('brown.csv', csv),
      profile({packColumn: 'pack', descriptionColumn: 'DESCRIPTION'}),
    )
    assert.equal(read.headerRow, 3)
    assert.deepEqual(read.columns, {
      code: 'Code',
      cost: 'Price Ex GST',
      pack: 'Pack',
      description: 'Description',
    })
    assert.deepEqual(read.incGstColumns, ['Price Inc GST'])
    const by = new Map(read.rows.map((r) => [r.code, r]))
    assert.equal(by.get('A-1')?.cost, '1234.5')
    assert.equal(by.get('A-1')?.row, 4)
    assert.equal(by.get('A-2')?.pack, '10')
    assert.equal(by.get('A-3')?.placeholder, 'POA')
    assert.equal(by.get('A-3')?.cost, undefined)
    assert.equal(by.get('A-4')?.placeholder, 'TBA')
    assert.equal(by.get('A-5')?.cost, undefined, '12,50 is refused, not guessed')
    assert.equal(by.get('A-5')?.costText, '12,50')
    assert.equal(by.get('A-5')?.pack, undefined, '"12 x 500ml" holds two numbers')
    assert.equal(by.get('A-6')?.cost, '-3.2', 'brackets are a negative amount; the code is before ": "')
    assert.equal(by.get('A-7')?.cost, '48')
    assert.equal(by.get('A-7')?.pack, '24')
    assert.equal(read.skipped, 1, 'the LIGHTING heading has a code but no cost')
    assert.ok(!by.has('LIGHTING'))
    assert.equal(read.fileHash.length, 64)
  })

  it('reads windows-1252 text (Excel on Windows), a BOM, semicolons and tabs alike', async () => {
    const rows = ['Code;Description;Price Ex GST', 'B-1;Café crème 1½ L;4.20']
    const latin = iconv.encode(rows.join('\r\n'), 'windows-1252')
    const fromLatin = await readPriceList(file('x.csv', latin), profile({descriptionColumn: 'Description'}))
    assert.equal(fromLatin.rows[0]?.description, 'Café crème 1½ L')
    assert.equal(fromLatin.rows[0]?.cost, '4.2')
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.join('\n'))])
    assert.equal((await readPriceList(file('x.csv', bom), profile())).rows[0]?.cost, '4.2')
    const tabs = rows.map((r) => r.replace(/;/g, '\t')).join('\n')
    assert.equal((await readPriceList(file('x.txt', tabs), profile())).rows[0]?.cost, '4.2')
  })

  it('says which headers a row has when the profile names a column the file lacks', async () => {
    await assert.rejects(
      readPriceList(file('brown.csv', csv), profile({headerRow: 2})),
      (e: unknown) =>
        e instanceof UserInputError &&
        /row 2 .* has no "Code" and "Price Ex GST"; its headers are "Trade price list July 2025"/.test(
          e.message,
        ),
    )
    await assert.rejects(
      readPriceList(file('brown.csv', csv), profile({costColumn: 'Buy Price'})),
      (e: unknown) =>
        e instanceof UserInputError && /has both a "Code" and a "Buy Price" column/.test(e.message),
    )
    await assert.rejects(
      readPriceList(file('brown.csv', csv), profile({packColumn: 'Carton'})),
      (e: unknown) => e instanceof UserInputError && /no pack column "Carton"/.test(e.message),
    )
  })
})

describe('price list: XLSX', () => {
  it('reads a workbook laid out as Excel writes it: shared strings, cached formula results, merged titles', async () => {
    const bytes = readFileSync(EXCEL_STYLE)
    const read = await readPriceList(
      file('dynamic.xlsx', bytes),
      profile({codeColumn: 'DS Code', costColumn: 'Buy Price Ex GST', packColumn: 'Pack'}),
    )
    assert.equal(read.sheet, 'Trade Prices')
    assert.equal(read.headerRow, 3)
    assert.deepEqual(read.incGstColumns, ['Buy Price Inc GST'])
    assert.deepEqual(
      read.rows.map((r) => [r.code, r.cost ?? r.placeholder, r.pack ?? null]),
      [
        ['DS-100', '32.5', '5'],
        ['DS-200', '89.9', '1'],
        ['TBA', 'POA', '1'],
        // A formula's cached result with Excel's binary noise, cut to 15 significant digits as Excel shows it.
        ['DS-300', '13.6363636363636', '1'],
      ],
    )
    assert.equal(read.rows[2]?.codeIsPlaceholder, true, 'a line whose code is TBA')
    const inc = await readPriceList(
      file('dynamic.xlsx', bytes),
      profile({codeColumn: 'DS Code', costColumn: 'Buy Price Inc GST'}),
    )
    assert.deepEqual(
      inc.rows.map((r) => r.cost ?? r.placeholder),
      ['35.75', '98.89', 'POA', '15'],
    )
  })

  it('reads an exceljs workbook with the list on its second sheet, rich text and numeric cells', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Notes').addRow(['Read me first'])
    const ws = wb.addWorksheet('Price List')
    ws.addRow(['Acme Wholesale'])
    ws.mergeCells('A1:D1')
    ws.addRow([])
    ws.addRow([{richText: [{text: 'Item '}, {text: 'Code'}]}, 'Name', 'Nett Price', 'RRP Inc GST'])
    ws.addRow(['X1', 'Widget', 4.1, 9.9])
    ws.addRow([1002, 'Numeric code', 0.30000000000000004, 1])
    ws.addRow(['X3', 'Formula', {formula: 'C4*2', result: 8.2}, 1])
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const sheets = await readSheets('acme.xlsx', bytes)
    assert.deepEqual(
      sheets.map((s) => s.name),
      ['Notes', 'Price List'],
    )
    const read = await readPriceList(
      file('acme.xlsx', bytes),
      profile({codeColumn: 'item code', costColumn: 'NETT PRICE'}),
    )
    assert.equal(read.sheet, 'Price List')
    assert.equal(read.headerRow, 3)
    assert.deepEqual(
      read.rows.map((r) => [r.code, r.cost]),
      [
        ['X1', '4.1'],
        ['1002', '0.3'],
        ['X3', '8.2'],
      ],
    )
    const guess = guessLayout(sheets)
    assert.equal(guess?.sheet, 'Price List')
    assert.equal(guess?.headerRow, 3)
    assert.equal(guess?.codeColumn, 'Item Code')
    assert.equal(guess?.costColumn, 'Nett Price', 'an RRP is never proposed as the cost')
  })
})

describe('price list: what is not a price list', () => {
  const refused = async (name: string, bytes: Buffer, pattern: RegExp) =>
    assert.rejects(
      readSheets(name, bytes),
      (e: unknown) => e instanceof UserInputError && pattern.test(e.message) && e.next.length > 0,
    )

  it('refuses an old .xls, a PDF, a zip that is no workbook, an empty file and a text file named .xlsx', async () => {
    await refused(
      'list.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      /old Excel \.xls/,
    )
    await refused('list.pdf', Buffer.from('%PDF-1.7\n'), /PDF/)
    await refused('list.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), /not a workbook/)
    await refused('list.csv', Buffer.alloc(0), /empty/)
    await refused('list.xlsx', Buffer.from('Code,Price\n'), /not an Excel workbook/)
    await refused('list.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /could not be read/)
    await refused('list.docx', Buffer.from('hello'), /\.docx is not a price list/)
    await refused('list.csv', Buffer.from([0x41, 0x00, 0x42, 0x00]), /not text/)
  })
})

describe('price list: guessing the layout of a new file', () => {
  it('proposes the header, code, ex-GST cost and pack columns of a pronto-style list', () => {
    const guess = guessLayout([
      {
        name: 'Sheet1',
        rows: [
          ['Dynamic Supplies'],
          [],
          ['DS Code', 'Description', 'UOM', 'RRP Inc GST', 'Buy Price Inc GST', 'Buy Price Ex GST'],
          ['D1', 'Paper', 'EA', '11', '8.8', '8'],
        ],
      },
    ])
    assert.deepEqual(
      {...guess, headers: undefined},
      {
        sheet: 'Sheet1',
        headerRow: 3,
        headers: undefined,
        codeColumn: 'DS Code',
        costColumn: 'Buy Price Ex GST',
        descriptionColumn: 'Description',
        packColumn: 'UOM',
        costIncludesGst: false,
      },
    )
  })
})
