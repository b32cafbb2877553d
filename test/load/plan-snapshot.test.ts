import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {buildPlan} from '../../src/load/plan.js'
import {asSnapshot, planChanges, planSnapshot} from '../../src/load/plan/snapshot.js'
import {companyContext} from '../mappers/helpers.js'

describe('plan snapshot: what changed since the previous plan', () => {
  it('lists the counts, codes, totals and records a mapping edit changes, and nothing for the same plan', () => {
    const before = companyContext()
    const first = planSnapshot(buildPlan(before.records, before.ctx, {effect: true}))
    assert.deepEqual(planChanges(first, first), [])
    // Stored as JSON in the runs table and read back.
    const stored = asSnapshot(JSON.parse(JSON.stringify(first)))
    assert.deepEqual(stored, first)
    assert.equal(asSnapshot({version: 0}), undefined, 'an older or foreign summary is ignored')

    const after = companyContext({overrides: {accounts: {'720': null}}})
    const second = planSnapshot(buildPlan(after.records, after.ctx, {effect: true}))
    const changes = planChanges(first, second)
    assert.ok(
      changes.some(
        (c) =>
          c.area === 'Records' && c.item === 'Account 720' && c.before === 'create' && c.after === 'skip',
      ),
      JSON.stringify(changes),
    )
    assert.ok(changes.some((c) => c.area === 'Counts' && c.item === 'Account create'))
    assert.ok(changes.some((c) => c.area === 'Account totals'))
  })
})
