// The pure parts of the ShipStation sync: order numbers, tracking numbers within the field, ship methods,
// invoice matching and the per-invoice decision.
import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {normalizeOrderNumber, type ShipmentRecord} from '../../src/domain/shipstation.js'
import {
  changedMeanwhile,
  decide,
  desiredShipping,
  docNumbersFor,
  joinTracking,
  markerLine,
  pickByDocNumber,
  shipMethodName,
} from '../../src/mappers/shipstation/index.js'

function label(id: number, extra: Partial<ShipmentRecord> = {}): ShipmentRecord {
  return {
    storeId: '1',
    shipmentId: String(id),
    orderId: '9',
    orderNumberRaw: '#1001',
    orderNumber: '1001',
    orderKey: null,
    trackingNumber: `T${id}`,
    carrierCode: 'ups',
    serviceCode: 'ups_ground',
    shipDate: '2026-03-01',
    createDate: `2026-03-01T10:00:0${id}.0000000`,
    voided: false,
    voidDate: null,
    ...extra,
  }
}

describe('ShipStation mapping', () => {
  it('normalises order numbers: no whitespace, no leading #, nothing else touched', () => {
    assert.equal(normalizeOrderNumber('#1001'), '1001')
    assert.equal(normalizeOrderNumber(' # 10 01 '), '1001')
    assert.equal(normalizeOrderNumber('##A-1#2'), 'A-1#2')
    assert.equal(normalizeOrderNumber('ＡＢ１'), 'AB1')
  })

  it('joins tracking numbers within the limit, marks the rest, and never cuts one short', () => {
    assert.deepEqual(joinTracking(['123456789012', '223456789012'], 30), {
      text: '123456789012, 223456789012',
      omitted: [],
    })
    assert.deepEqual(joinTracking(['1Z0000000000000001', '1Z0000000000000002'], 30), {
      text: '1Z0000000000000001 +1',
      omitted: ['1Z0000000000000002'],
    })
    assert.deepEqual(joinTracking(['9400111111111111111111111'], 30), {
      text: '9400111111111111111111111',
      omitted: [],
    })
    assert.equal(joinTracking(['9'.repeat(31)], 30), undefined)
    // A first number that fits only without the "+N": written alone, the rest reported.
    assert.deepEqual(joinTracking(['9'.repeat(29), 'X'], 30), {text: '9'.repeat(29), omitted: ['X']})
  })

  it('takes live labels only: a void drops its number, the newest label gives the date and method', () => {
    const d = desiredShipping([
      label(1, {voided: true, voidDate: '2026-03-01T11:00:00'}),
      label(2, {
        carrierCode: 'fedex',
        serviceCode: 'fedex_ground',
        shipDate: '2026-03-02',
        trackingNumber: '111111111111',
      }),
      label(3, {
        carrierCode: 'fedex',
        serviceCode: 'fedex_2day',
        shipDate: '2026-03-03',
        trackingNumber: '222222222222',
      }),
    ])
    assert.equal(d.kind, 'set')
    assert.deepEqual(d.kind === 'set' && d.fields, {
      TrackingNum: '111111111111, 222222222222',
      ShipDate: '2026-03-03',
      ShipMethod: 'FedEx 2day',
    })
    assert.deepEqual(desiredShipping([label(1, {voided: true})]), {kind: 'clear', fields: {TrackingNum: ''}})
    assert.equal(desiredShipping([label(1, {trackingNumber: 'X'.repeat(40)})]).kind, 'too-long')
  })

  it('names ship methods from carrier and service codes, within Ship via', () => {
    assert.equal(shipMethodName('ups', 'ups_ground'), 'UPS Ground')
    assert.equal(shipMethodName('stamps_com', 'usps_priority_mail'), 'USPS Priority Mail')
    assert.equal(shipMethodName('dhl_express', 'dhl_express_worldwide'), 'DHL Express Worldwide')
    assert.equal(shipMethodName('australia_post', 'ap_parcel_post'), 'Australia Post Ap Parcel Post')
    assert.equal(shipMethodName('some_carrier', null), 'Some Carrier')
    assert.equal(shipMethodName(null, null), undefined)
    const long = shipMethodName('fedex', 'fedex_international_priority_express_freight')!
    assert.ok(long.length <= 30 && long.startsWith('FedEx International'), long)
  })

  it('looks invoices up by prefix or customer, and never guesses between two', () => {
    const prefix = {storeId: '1', matchBy: 'prefix' as const, matchValue: 'S1-'}
    assert.deepEqual(docNumbersFor(prefix, '1001'), ['S1-1001', 'S1-#1001'])
    assert.deepEqual(docNumbersFor(prefix, '12345678901234567890'), [])
    const rows = [
      {Id: '1', DocNumber: 'S1-1001'},
      {Id: '2', DocNumber: 'S2-1001'},
      {Id: '3', DocNumber: 's1-#1002'},
      {Id: '4', DocNumber: 'S1-1002'},
    ]
    assert.deepEqual(pickByDocNumber(prefix, '1001', rows), {kind: 'found', invoice: rows[0]})
    assert.equal(pickByDocNumber(prefix, '1002', rows).kind, 'ambiguous')
    assert.equal(pickByDocNumber(prefix, '1003', rows).kind, 'none')
    const byCustomer = {storeId: '2', matchBy: 'customer' as const, matchValue: '58'}
    const mixed = [
      {Id: '5', DocNumber: '1001', CustomerRef: {value: '57'}},
      {Id: '6', DocNumber: '#1001', CustomerRef: {value: '58'}},
    ]
    assert.deepEqual(pickByDocNumber(byCustomer, '1001', mixed), {kind: 'found', invoice: mixed[1]})
  })

  it('fills marker templates, and refuses one whose value ShipStation did not give', () => {
    const keys = {storeId: '7', orderNumber: '1001', orderKey: 'INV-00001', orderId: '55'}
    assert.equal(markerLine('qbo-toolkit:myob:{orderKey}', keys), 'qbo-toolkit:myob:INV-00001')
    assert.equal(markerLine('Shop {store} order #{order} ({orderId})', keys), 'Shop 7 order #1001 (55)')
    assert.equal(markerLine('x:{orderKey}', {...keys, orderKey: null}), undefined)
  })

  it('decides per invoice: unchanged, the differing fields, or a conflict over a change made by someone else', () => {
    const desired = desiredShipping([label(1, {trackingNumber: 'T1', shipDate: '2026-03-05'})])
    const ours = {TrackingNum: 'T1', ShipDate: '2026-03-05', ShipMethod: 'UPS Ground'}
    const holding = {
      TrackingNum: 'T1',
      ShipDate: '2026-03-05',
      ShipMethodRef: {value: 'UPS Ground', name: 'UPS Ground'},
    }
    assert.equal(decide({desired, invoice: holding, written: ours}).kind, 'unchanged')
    // First write: an expected ship date on the invoice is replaced; only what differs is sent.
    const fresh = decide({desired, invoice: {ShipDate: '2026-03-10'}, written: null})
    assert.deepEqual(fresh.kind === 'write' && fresh.fields, ours)
    const partly = decide({
      desired,
      invoice: {...holding, ShipDate: '2026-03-04'},
      written: {...ours, ShipDate: '2026-03-04'},
    })
    assert.deepEqual(partly.kind === 'write' && partly.fields, {ShipDate: '2026-03-05'})
    // The sync wrote T0; someone changed it to HAND: not overwritten.
    const c = decide({desired, invoice: {TrackingNum: 'HAND'}, written: {TrackingNum: 'T0'}})
    assert.equal(c.kind, 'conflict')
    assert.deepEqual(c.kind === 'conflict' && c.fields, ['TrackingNum'])
    assert.equal(
      decide({desired, invoice: {TrackingNum: 'HAND'}, written: {TrackingNum: 'T0'}, overwrite: true}).kind,
      'write',
    )
    // Before any write, a tracking number someone typed is theirs.
    assert.equal(decide({desired, invoice: {TrackingNum: 'HAND'}, written: null}).kind, 'conflict')
    // Clearing after every label was voided: only TrackingNum, and only what the sync put there.
    const clear = desiredShipping([label(1, {voided: true})])
    assert.deepEqual(decide({desired: clear, invoice: holding, written: ours}), {
      kind: 'write',
      fields: {TrackingNum: ''},
      read: {TrackingNum: 'T1'},
      after: {...ours, TrackingNum: ''},
    })
  })

  it('after a stale SyncToken, only a field that holds neither the value read nor ours is a conflict', () => {
    const read = {TrackingNum: 'OLD', ShipDate: '2026-03-01'}
    const ours = {TrackingNum: 'NEW', ShipDate: '2026-03-02'}
    assert.deepEqual(
      changedMeanwhile(read, ours, {TrackingNum: 'OLD', ShipDate: '2026-03-01', CustomerMemo: 'x'}),
      [],
    )
    assert.deepEqual(changedMeanwhile(read, ours, {TrackingNum: 'NEW', ShipDate: '2026-03-02'}), [])
    assert.deepEqual(changedMeanwhile(read, ours, {TrackingNum: 'HAND', ShipDate: '2026-03-01'}), [
      'TrackingNum',
    ])
  })
})
