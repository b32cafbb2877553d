import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import fc from 'fast-check'

import type {CanonicalRecord} from '../../src/domain/canonical.js'
import {buildContext, emptyTarget} from '../../src/mappers/index.js'
import {shortenDocNumber} from '../../src/mappers/doc-common.js'
import {displayNames} from '../../src/mappers/names.js'

const nameArb = fc.oneof(
  fc.constantFrom('Acme', 'ACME', 'acme ', 'Acme (Supplier)', 'Bolt: Co', 'Jo\tSmith'),
  fc.string({maxLength: 12}),
)

describe('properties', () => {
  it('allocates DisplayNames unique case-insensitively across customers, suppliers and existing names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({name: nameArb, isCustomer: fc.boolean(), isSupplier: fc.boolean()}), {
          maxLength: 25,
        }),
        fc.array(nameArb, {maxLength: 5}),
        (contacts, existingVendors) => {
          const records: CanonicalRecord[] = contacts.map((c, i) => ({
            kind: 'contact',
            record: {
              id: `C${i}`,
              name: c.name.trim() === '' ? 'x' : c.name,
              isIndividual: false,
              isCustomer: c.isCustomer,
              isSupplier: c.isSupplier,
              active: true,
            },
          }))
          const target = {
            ...emptyTarget(),
            vendors: existingVendors.map((n, i) => ({Id: `V${i}`, DisplayName: n, Active: true})),
          }
          const names = displayNames(buildContext({system: 'xero-csv', target, records}))
          const created = [...names.values()]
            .filter((n) => !n.adoptId)
            .map((n) => n.name.trim().replace(/\s+/g, ' ').toLowerCase())
          const taken = new Set(existingVendors.map((n) => n.trim().replace(/\s+/g, ' ').toLowerCase()))
          assert.equal(new Set(created).size, created.length, 'two new contacts share a name')
          for (const n of created) assert.ok(!taken.has(n), `"${n}" collides with an existing vendor`)
          for (const n of names.values()) assert.doesNotMatch(n.name, /[:\t\n]/)
        },
      ),
      {numRuns: 300},
    )
  })

  it('shortens DocNumbers to at most 21 characters, keeping short ones and distinct long ones apart', () => {
    fc.assert(
      fc.property(
        fc.string({minLength: 1, maxLength: 60}),
        fc.string({minLength: 1, maxLength: 60}),
        (a, b) => {
          const sa = shortenDocNumber(a)
          assert.ok(sa.length <= 21)
          if (a.length <= 21) assert.equal(sa, a)
          if (a !== b && a.length > 21 && b.length > 21) assert.notEqual(sa, shortenDocNumber(b))
        },
      ),
    )
  })
})
