import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {judgeSent} from '../../src/load/outbox/action.js'
import {noteWithTag, planPoChange, readTags, shipDateConflict} from '../../src/mappers/po/fields.js'
import {pdfNames} from '../../src/po/pdf-names.js'
import {definitionsFromPreferences} from '../../src/po/storage.js'

describe('purchase-order tags and ship dates (pure)', () => {
  it('adds a tag to the first line of PrivateNote, keeping the note and the other tags', () => {
    assert.equal(noteWithTag('', 'a'), 'Tags: a')
    assert.equal(noteWithTag('Call first', 'a'), 'Tags: a\nCall first')
    assert.equal(noteWithTag('Tags: a\nCall first', 'b'), 'Tags: a, b\nCall first')
    assert.equal(noteWithTag('Tags: a, B', 'b'), 'Tags: a, B', 'tags compare without case')
    assert.deepEqual(readTags({PrivateNote: 'Tags: x, y\nqbo-toolkit:myob:1'}, {}), ['x', 'y'])
    assert.deepEqual(readTags({PrivateNote: 'Notes\nTags: x'}, {}), [], 'only the first line holds tags')
  })

  it('plans one sparse update: DueDate, PrivateNote, EmailStatus back to NeedToSend when QBO shows it emailed', () => {
    const po = {
      Id: '7',
      SyncToken: '2',
      PrivateNote: 'Dock 4',
      DueDate: '2025-01-01',
      EmailStatus: 'EmailSent',
    }
    const c = planPoChange(po, {tag: 't', shipDate: '2025-02-02', emailTo: 'w@example.com'}, {})
    assert.equal(c.kind, 'change')
    assert.deepEqual(c.kind === 'change' && c.fields, {
      PrivateNote: 'Tags: t\nDock 4',
      DueDate: '2025-02-02',
      EmailStatus: 'NeedToSend',
      POEmail: {Address: 'w@example.com'},
    })
    assert.deepEqual(
      planPoChange(
        {...po, PrivateNote: 'Tags: t', DueDate: '2025-02-02', EmailStatus: 'NotSet'},
        {tag: 't', shipDate: '2025-02-02', emailTo: 'w@example.com'},
        {},
      ),
      {kind: 'unchanged'},
    )
  })

  it('writes custom fields whole, in DefinitionId order, and refuses a value past 31 characters', () => {
    const storage = {
      tagField: {definitionId: '2', name: 'Tag'},
      shipDateField: {definitionId: '1', name: 'Ship'},
    }
    const po = {CustomField: [{DefinitionId: '3', Name: 'Other', Type: 'StringType', StringValue: 'keep'}]}
    const c = planPoChange(po, {tag: 'a', shipDate: '2025-01-01'}, storage)
    assert.deepEqual(c.kind === 'change' && c.fields.CustomField, [
      {DefinitionId: '1', Name: 'Ship', Type: 'StringType', StringValue: '2025-01-01'},
      {DefinitionId: '2', Name: 'Tag', Type: 'StringType', StringValue: 'a'},
      {DefinitionId: '3', Name: 'Other', Type: 'StringType', StringValue: 'keep'},
    ])
    const long = planPoChange({}, {tag: 'x'.repeat(32)}, storage)
    assert.equal(long.kind, 'refused')
  })

  it('a ship date changed by someone else to another value is a conflict; to ours, or unchanged, is not', () => {
    const want = {shipDate: '2025-03-03'}
    assert.equal(shipDateConflict({DueDate: '2025-01-01'}, {DueDate: '2025-02-02'}, want, {}), true)
    assert.equal(shipDateConflict({DueDate: '2025-01-01'}, {DueDate: '2025-03-03'}, want, {}), false)
    assert.equal(shipDateConflict({DueDate: '2025-01-01'}, {DueDate: '2025-01-01'}, want, {}), false)
  })
})

describe('judging a send whose answer was lost', () => {
  const probe = (emailStatus: string | null, deliveryTime: string | null) => ({
    kind: 'sent' as const,
    id: '1',
    before: {emailStatus, deliveryTime},
  })
  it('a new DeliveryInfo time, or EmailStatus turned EmailSent, is a send', () => {
    assert.equal(
      judgeSent({EmailStatus: 'EmailSent', DeliveryInfo: {DeliveryTime: 't2'}}, probe('EmailSent', 't1'))
        .kind,
      'sent',
    )
    assert.equal(judgeSent({EmailStatus: 'EmailSent'}, probe('NeedToSend', null)).kind, 'sent')
  })
  it('EmailStatus not EmailSent is no send', () => {
    assert.equal(judgeSent({EmailStatus: 'NeedToSend'}, probe('NeedToSend', null)).kind, 'not-sent')
    assert.equal(judgeSent(undefined, probe('NotSet', null)).kind, 'not-sent')
  })
  it('emailed before and after with no newer DeliveryInfo cannot be told: undecided, never resent', () => {
    assert.equal(judgeSent({EmailStatus: 'EmailSent'}, probe('EmailSent', null)).kind, 'undecided')
    assert.equal(
      judgeSent({EmailStatus: 'EmailSent', DeliveryInfo: {DeliveryTime: 't1'}}, probe('EmailSent', 't1'))
        .kind,
      'undecided',
    )
  })
})

describe('PDF names and custom field definitions', () => {
  it('names files from DocNumber and supplier, safe for any file system; a shared name gets the id', () => {
    const names = pdfNames([
      {Id: '1', DocNumber: '1001', VendorRef: {name: 'Ünïcode / Tools: "Best"'}},
      {Id: '2', DocNumber: 'A/7', VendorRef: {name: 'X'}},
      {Id: '3', DocNumber: 'A/7', VendorRef: {name: 'x'}},
      {Id: '4'},
    ])
    assert.deepEqual(
      [...names.values()],
      ['1001_Unicode-Tools-Best.pdf', 'A-7_X_2.pdf', 'A-7_x_3.pdf', 'id4.pdf'],
    )
  })

  it("reads POCustomField's PurchaseCustomNameN names, skipping slots switched off", () => {
    const prefs = {
      VendorAndPurchasesPrefs: {
        POCustomField: [
          {
            CustomField: [
              {Name: 'PurchasePrefs.UsePurchaseCustom1', Type: 'BooleanType', BooleanValue: true},
              {Name: 'PurchasePrefs.UsePurchaseCustom2', Type: 'BooleanType', BooleanValue: false},
            ],
          },
          {
            CustomField: [
              {Name: 'PurchasePrefs.PurchaseCustomName1', Type: 'StringType', StringValue: 'Tag'},
              {Name: 'PurchasePrefs.PurchaseCustomName2', Type: 'StringType', StringValue: 'Old'},
            ],
          },
        ],
      },
    }
    assert.deepEqual([...definitionsFromPreferences(prefs)], [['tag', '1']])
  })
})
