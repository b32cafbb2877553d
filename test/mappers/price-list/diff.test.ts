import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import fc from 'fast-check'

import {PriceProfile, type PriceProfileInput, type PriceRow} from '../../../src/domain/price-list.js'
import {diffPriceList, type ItemSnapshot, type PriceDiffInput} from '../../../src/mappers/price-list/index.js'

const VENDOR = '77'

function item(id: string, sku: string | null, cost: string | null, extra: Partial<ItemSnapshot> = {}) {
  return {
    id,
    syncToken: '0',
    name: `Item ${id}`,
    sku,
    type: 'Service',
    active: true,
    purchaseCost: cost,
    purchaseTaxIncluded: false,
    prefVendorId: null,
    ...extra,
  } satisfies ItemSnapshot
}
function row(n: number, code: string, costText: string, extra: Partial<PriceRow> = {}): PriceRow {
  const plain = /^-?\d+(\.\d+)?$/.test(costText)
  return {row: n, code, costText, ...(plain ? {cost: costText} : {}), ...extra}
}
function profile(p: Partial<PriceProfileInput> = {}) {
  return PriceProfile.parse({name: 'p', supplier: 'Brown', codeColumn: 'Code', costColumn: 'Cost', ...p})
}
function diff(rows: PriceRow[], items: ItemSnapshot[], extra: Partial<PriceDiffInput> = {}) {
  return diffPriceList({
    read: {rows, columns: {code: 'Code', cost: 'Price Ex GST'}},
    profile: profile(),
    items,
    vendorId: VENDOR,
    codes: [],
    ...extra,
  })
}
const byCode = (r: ReturnType<typeof diff>) => new Map(r.lines.map((l) => [l.code ?? l.item?.name, l]))

describe('price diff: matching', () => {
  it('matches by SKU, else by the code table; lists what matches nothing and what the file leaves out', () => {
    const items = [
      item('1', 'A-1', '10.00'),
      item('2', 'A-2', '20.00', {prefVendorId: VENDOR}),
      item('3', null, '5.00'),
      item('4', 'A-4', '7.00', {prefVendorId: VENDOR}),
      item('5', 'Z-5', '1.00'),
      item('6', 'Z-6', '1.00', {prefVendorId: VENDOR, active: false}),
    ]
    const r = diff(
      [
        row(4, 'a-1', '10.5'),
        row(5, 'A-2', '20'),
        row(6, 'SUP-3', '5.25'),
        row(7, 'NEW-9', '3'),
        row(8, 'SUP-X', '1'),
      ],
      items,
      {
        codes: [
          {code: 'sup-3', itemId: '3'},
          {code: 'SUP-5', itemId: '5'},
          {code: 'SUP-X', itemId: '99'},
        ],
      },
    )
    const l = byCode(r)
    assert.equal(l.get('a-1')?.item?.id, '1')
    assert.equal(l.get('a-1')?.matchedBy, 'sku')
    assert.equal(l.get('a-1')?.status, 'change')
    assert.equal(l.get('A-2')?.status, 'same')
    assert.equal(l.get('SUP-3')?.matchedBy, 'code')
    assert.equal(l.get('SUP-3')?.newCost, '5.25')
    assert.equal(l.get('NEW-9')?.status, 'not_in_qbo')
    assert.equal(l.get('SUP-X')?.status, 'not_in_qbo')
    assert.deepEqual(
      l.get('SUP-X')?.warnings.map((w) => w.code),
      ['CODE_TABLE_STALE'],
    )
    // The supplier's own items come first, then other matches, then rows matching nothing, then the
    // supplier's items (preferred vendor, or linked in the code table) the file leaves out; inactive ones not.
    assert.deepEqual(
      r.lines.map((x) => [x.line, x.code ?? x.item?.name, x.status]),
      [
        [1, 'A-2', 'same'],
        [2, 'a-1', 'change'],
        [3, 'SUP-3', 'change'],
        [4, 'NEW-9', 'not_in_qbo'],
        [5, 'SUP-X', 'not_in_qbo'],
        [6, 'Item 4', 'missing_from_file'],
        [7, 'Item 5', 'missing_from_file'],
      ],
    )
    assert.equal(r.counts.change, 2)
    assert.equal(r.counts.missing_from_file, 2)
    assert.equal(r.lines[5]?.oldCost, '7.00')
  })

  it('settles a SKU shared by several items on the supplier’s own; otherwise calls it ambiguous', () => {
    const shared = [item('1', 'S', '1'), item('2', 'S', '1', {prefVendorId: VENDOR})]
    assert.equal(diff([row(2, 'S', '2')], shared).lines[0]?.item?.id, '2')
    const r = diff([row(2, 'S', '2')], [item('1', 'S', '1'), item('2', 'S', '1')])
    assert.equal(r.lines[0]?.status, 'ambiguous')
    assert.match(r.lines[0]?.warnings[0]?.message ?? '', /2 items have the SKU “S” \(Item 1, Item 2\)/)
  })

  it('does not write a second row for one item, nor either row when they disagree', () => {
    const items = [item('1', 'A', '1'), item('2', 'B', '1')]
    const r = diff([row(2, 'A', '2'), row(3, 'A', '2'), row(4, 'B', '3'), row(5, 'B', '4')], items)
    assert.deepEqual(
      r.lines.map((l) => [l.row, l.status]),
      [
        [2, 'change'],
        [3, 'invalid'],
        [4, 'invalid'],
        [5, 'invalid'],
      ],
    )
    assert.match(
      r.lines[2]?.warnings.find((w) => w.code === 'DUPLICATE_ITEM')?.message ?? '',
      /rows 4 and 5 both price Item 2 \(3 and 4\)/,
    )
  })
})

describe('price diff: the cost written', () => {
  it('takes GST out of an inc-GST list, divides a pack price, and rounds once at the end', () => {
    const items = [item('1', 'A', '9'), item('2', 'B', '3'), item('3', 'C', '1'), item('4', 'D', '1')]
    const rows = [
      row(2, 'A', '11.00', {pack: '1', packText: 'EA'}),
      row(3, 'B', '40.15', {pack: '10', packText: 'Pk 10'}),
      row(4, 'C', '10', {pack: '12', packText: '12'}),
      row(5, 'D', '9.99'),
    ]
    const r = diff(rows, items, {
      profile: profile({gst: 'inc', pricePer: 'pack'}),
      read: {rows, columns: {code: 'Code', cost: 'Price'}},
    })
    const l = byCode(r)
    assert.equal(l.get('A')?.newCost, '10.00')
    assert.equal(l.get('B')?.newCost, '3.65')
    assert.equal(l.get('C')?.newCost, '0.7576', '10 / 1.1 / 12 = 0.757575… to 4 decimals')
    assert.equal(l.get('D')?.status, 'invalid', 'per pack, and D gives no pack size')
    assert.deepEqual(
      l.get('D')?.warnings.map((w) => w.code),
      ['NO_PACK_SIZE'],
    )
    const two = diff([row(2, 'C', '10')], items, {
      profile: profile({gst: 'inc', packSize: '12', pricePer: 'pack', decimals: 2}),
    })
    assert.equal(two.lines[0]?.newCost, '0.76')
  })

  it('writes an inc-GST cost for an item QBO keeps including GST, and gives percentages', () => {
    const r = diff([row(2, 'A', '10')], [item('1', 'A', '10.45', {purchaseTaxIncluded: true})])
    assert.equal(r.lines[0]?.newCost, '11.00')
    assert.equal(r.lines[0]?.change, '+0.55')
    assert.equal(r.lines[0]?.changePct, '+5.3')
    assert.ok(r.lines[0]?.warnings.some((w) => w.code === 'GST_INCLUSIVE_ITEM'))
  })

  it('compares decimals, not text: 7.8700 in the file is QBO’s 7.87', () => {
    assert.equal(diff([row(2, 'A', '7.8700')], [item('1', 'A', '7.87')]).lines[0]?.status, 'same')
  })
})

describe('price diff: warnings that make a person look twice', () => {
  const codes = (r: ReturnType<typeof diff>, code: string) =>
    byCode(r)
      .get(code)
      ?.warnings.map((w) => w.code) ?? []

  it('flags a change over the threshold (30% by default, or as given), not one at it', () => {
    const items = [item('1', 'A', '100'), item('2', 'B', '100')]
    const r = diff([row(2, 'A', '130'), row(3, 'B', '69.99')], items)
    assert.deepEqual(codes(r, 'A'), [])
    assert.deepEqual(codes(r, 'B'), ['BIG_CHANGE'])
    assert.match(byCode(r).get('B')?.warnings[0]?.message ?? '', /changes by 30% \(more than 30%\)/)
    assert.deepEqual(codes(diff([row(2, 'A', '130')], items, {threshold: '0.25'}), 'A'), ['BIG_CHANGE'])
  })

  it('flags a cost that moved by about its pack size, or a common pack size when the row has none', () => {
    const items = [
      item('1', 'A', '2.00'),
      item('2', 'B', '24.00'),
      item('3', 'C', '5.00'),
      item('4', 'D', '5.00'),
    ]
    const r = diff(
      [
        row(2, 'A', '23.50', {pack: '12', packText: '12'}),
        row(3, 'B', '2.10', {pack: '12', packText: '12'}),
        row(4, 'C', '49.5'),
        row(5, 'D', '35'),
      ],
      items,
    )
    assert.deepEqual(codes(r, 'A'), ['BIG_CHANGE', 'UNIT_OF_MEASURE'])
    assert.match(
      byCode(r).get('A')?.warnings[1]?.message ?? '',
      /11\.8 times the current one, about the pack size \(12\)/,
    )
    assert.deepEqual(codes(r, 'B'), ['BIG_CHANGE', 'UNIT_OF_MEASURE'])
    assert.deepEqual(codes(r, 'C'), ['BIG_CHANGE', 'UNIT_OF_MEASURE'], '9.9 times: near a pack of 10')
    assert.deepEqual(codes(r, 'D'), ['BIG_CHANGE'], '7 times is no common pack size')
  })

  it('lists placeholders, unreadable and non-positive costs without writing them', () => {
    const items = ['A', 'B', 'C', 'D', 'E'].map((c, i) => item(String(i), c, '5'))
    const r = diff(
      [
        row(2, 'A', 'POA', {placeholder: 'POA'}),
        row(3, 'B', '12,50'),
        row(4, 'C', '0'),
        row(5, 'D', '-3.2'),
        row(6, 'TBA', '9', {codeIsPlaceholder: true}),
      ],
      items,
    )
    assert.deepEqual(
      r.lines.map((l) => [l.code, l.status, l.warnings.map((w) => w.code).join()]),
      [
        ['A', 'placeholder', 'PLACEHOLDER'],
        ['B', 'invalid', 'NOT_A_PRICE'],
        ['C', 'invalid', 'NOT_POSITIVE'],
        ['D', 'invalid', 'NOT_POSITIVE'],
        ['TBA', 'placeholder', 'PLACEHOLDER'],
      ],
    )
  })

  it('warns about the whole file: an inc-GST cost column on an ex-GST profile, and the reverse', () => {
    const read = (cost: string) => ({rows: [row(2, 'A', '11')], columns: {code: 'Code', cost}})
    const items = [item('1', 'A', '10')]
    const ex = diff([], items, {read: read('Price Inc. GST')})
    assert.deepEqual(
      ex.warnings.map((w) => w.code),
      ['INC_GST_ON_EX_PROFILE'],
    )
    assert.match(ex.warnings[0]?.message ?? '', /“Price Inc. GST” says it includes GST/)
    assert.deepEqual(diff([], items, {read: read('Buy Price Ex GST')}).warnings, [])
    assert.deepEqual(
      diff([], items, {read: read('Buy Price Ex GST'), profile: profile({gst: 'inc'})}).warnings.map(
        (w) => w.code,
      ),
      ['EX_GST_ON_INC_PROFILE'],
    )
    assert.deepEqual(
      diff([], items, {read: read('Cost'), vendorId: null}).warnings.map((w) => w.code),
      ['NO_VENDOR'],
    )
  })
})

describe('price diff: properties', () => {
  it('once its changes are in QBO (kept to 5 decimals), the same list shows no change', () => {
    const decimal = fc
      .tuple(fc.integer({min: 1, max: 10_000_000}), fc.integer({min: 0, max: 4}))
      .map(([n, dp]) => (n / 10 ** dp).toFixed(dp))
    fc.assert(
      fc.property(
        fc.array(fc.record({cost: decimal, pack: fc.integer({min: 1, max: 144}), old: fc.option(decimal)}), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.record({
          gst: fc.constantFrom('ex' as const, 'inc' as const),
          pricePer: fc.constantFrom('unit' as const, 'pack' as const),
          decimals: fc.integer({min: 2, max: 5}),
          taxIncluded: fc.boolean(),
        }),
        (lines, p) => {
          const items = lines.map((l, i) =>
            item(String(i), `C${i}`, l.old, {purchaseTaxIncluded: p.taxIncluded}),
          )
          const rows = lines.map((l, i) =>
            row(i + 2, `C${i}`, l.cost, {pack: String(l.pack), packText: String(l.pack)}),
          )
          const prof = profile({gst: p.gst, pricePer: p.pricePer, decimals: p.decimals})
          const first = diff(rows, items, {profile: prof})
          const written = items.map((it) => {
            const l = first.lines.find((x) => x.item?.id === it.id && x.status === 'change')
            return l ? {...it, purchaseCost: Number(l.newCost).toFixed(5)} : it
          })
          const again = diff(rows, written, {profile: prof})
          assert.equal(again.counts.change, 0)
          assert.equal(again.counts.same, first.counts.change + first.counts.same)
        },
      ),
      {numRuns: 200},
    )
  })
})
