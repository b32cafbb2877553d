import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import type {CanonicalRecord, Contact} from '../../src/domain/canonical.js'
import {mapContact} from '../../src/mappers/contacts.js'
import {companyContext, loadCompany, recordOf} from './helpers.js'

const contact = (id: string, name: string, over: Partial<Contact> = {}): CanonicalRecord => ({
  kind: 'contact',
  record: {id, name, isIndividual: false, isCustomer: true, isSupplier: false, active: true, ...over},
})

function contextWith(contacts: CanonicalRecord[], target = {}) {
  return companyContext({records: contacts, target}).ctx
}

describe('contacts -> Customer / Vendor', () => {
  it('gives a contact that is both a readable supplier suffix, recorded', () => {
    const ctx = contextWith([contact('A', 'Acme Pty Ltd', {isSupplier: true})])
    const c = contact('A', 'Acme Pty Ltd', {isSupplier: true}).record as Contact
    const customer = mapContact(c, 'Customer', ctx)
    const vendor = mapContact(c, 'Vendor', ctx)
    assert.equal(customer.payload?.DisplayName, 'Acme Pty Ltd')
    assert.equal(vendor.payload?.DisplayName, 'Acme Pty Ltd (Supplier)')
    assert.deepEqual(
      vendor.decisions.map((d) => d.code),
      ['CONTACT_RENAMED'],
    )
    assert.deepEqual(customer.decisions, [])
  })

  it('numbers names that collide case-insensitively, deterministically by source id', () => {
    const records = [contact('B', 'ACME'), contact('A', 'Acme'), contact('C', 'acme')]
    const ctx = contextWith(records)
    const names = records.map((r) => mapContact(r.record as Contact, 'Customer', ctx).payload?.DisplayName)
    assert.deepEqual(names, ['ACME (2)', 'Acme', 'acme (3)'])
    // Same input, same names: a re-plan never renames.
    const again = contextWith([...records].reverse())
    assert.deepEqual(
      records.map((r) => mapContact(r.record as Contact, 'Customer', again).payload?.DisplayName),
      names,
    )
  })

  it('adopts an existing QBO customer of the same name and avoids vendor and employee names', () => {
    const target = {
      customers: [{Id: '58', DisplayName: 'acme', Active: true}],
      vendors: [{Id: '70', DisplayName: 'Bolt', Active: true}],
      employees: [{Id: '90', DisplayName: 'Jo Smith', Active: true}],
    }
    const records = [contact('A', 'Acme'), contact('B', 'Bolt'), contact('J', 'Jo Smith')]
    const ctx = contextWith(records, target)
    const acme = mapContact(records[0]!.record as Contact, 'Customer', ctx)
    assert.deepEqual(acme.disposition, {action: 'adopt', qboId: '58', reason: 'QBO Customer "Acme" exists'})
    assert.equal(acme.payload, undefined)
    assert.equal(
      mapContact(records[1]!.record as Contact, 'Customer', ctx).payload?.DisplayName,
      'Bolt (Customer)',
    )
    assert.equal(
      mapContact(records[2]!.record as Contact, 'Customer', ctx).payload?.DisplayName,
      'Jo Smith (Customer)',
    )
  })

  it('blocks a contact whose QBO namesake is inactive (an undo left it so): QBO would refuse documents that use it', () => {
    const records = [contact('A', 'Acme')]
    const ctx = contextWith(records, {customers: [{Id: '58', DisplayName: 'Acme', Active: false}]})
    const acme = mapContact(records[0]!.record as Contact, 'Customer', ctx)
    assert.equal(acme.disposition, undefined, 'not adopted')
    assert.equal(acme.payload, undefined, 'not created either')
    assert.deepEqual(
      acme.issues.map((i) => i.code),
      ['ADOPT_INACTIVE'],
    )
    assert.match(acme.issues[0]!.fix, /Make "Acme" active in QBO/)
  })

  it('removes forbidden characters and records it; drops an e-mail QBO would refuse', () => {
    const r = contact('A', 'Smith: J\tand\nSons', {email: 'not-an-email', taxNumber: '51 824 753 556'})
    const ctx = contextWith([r])
    const m = mapContact(r.record as Contact, 'Customer', ctx)
    assert.equal(m.payload?.DisplayName, 'Smith- J and Sons')
    assert.equal(m.payload?.PrimaryEmailAddr, undefined)
    assert.deepEqual(
      m.decisions.map((d) => d.code),
      ['CONTACT_NAME_CLEANED', 'CONTACT_EMAIL_DROPPED'],
    )
  })

  it('truncates a very long name within 500 characters', () => {
    const r = contact('A', 'x'.repeat(700))
    const m = mapContact(r.record as Contact, 'Customer', contextWith([r]))
    assert.ok(String(m.payload?.DisplayName).length <= 500)
  })

  it('blocks a foreign-currency contact when QBO multicurrency is off', () => {
    const r = contact('A', 'Euro GmbH', {currency: 'EUR'})
    const m = mapContact(r.record as Contact, 'Customer', contextWith([r], {multiCurrency: false}))
    assert.equal(m.issues[0]?.code, 'MULTICURRENCY_OFF')
    assert.match(m.issues[0]!.fix, /multicurrency/)
  })

  it("takes a contact's currency from its documents, and blocks one with documents in two currencies", () => {
    const eur = recordOf(loadCompany().records, 'invoice', 'INV-0003')
    const inv = (id: string, currency: string): CanonicalRecord => ({
      kind: 'invoice',
      record: {...eur, id, contactId: 'X', currency},
    })
    const x = contact('X', 'Export Co')
    const one = companyContext({records: [x, inv('I1', 'EUR'), inv('I2', 'EUR')]}).ctx
    const m = mapContact(x.record as Contact, 'Customer', one)
    assert.deepEqual(m.payload?.CurrencyRef, {value: 'EUR'})
    assert.equal(m.decisions[0]?.code, 'CONTACT_CURRENCY_FROM_DOCUMENTS')
    const two = companyContext({records: [x, inv('I1', 'EUR'), inv('I2', 'USD')]}).ctx
    assert.equal(mapContact(x.record as Contact, 'Customer', two).issues[0]?.code, 'CONTACT_MIXED_CURRENCIES')
  })
})
