import assert from 'node:assert/strict'
import {test} from 'node:test'

import {renderPlan} from '../../src/cli/render-plan.js'
import type {Plan} from '../../src/load/plan.js'

test('a blocked record is shown as a person knows it, not by its staging key (#17)', () => {
  const key = '2023-07-09|taylor security group|RCPT-0042'
  const plan: Plan = {
    entities: {Payment: {create: 0, adopt: 0, skip: 0, blocked: 1, update: 0}},
    issues: [
      {
        entity: 'Payment',
        sourceId: key,
        code: 'X',
        message: 'Pays an invoice that is not staged.',
        fix: 'Stage it.',
      },
    ],
    decisions: [],
    estimate: {requests: 0, batches: 0, minutes: 0},
    steps: [],
    records: [
      {
        entity: 'Payment',
        sourceId: key,
        sourceKind: 'payment',
        label: 'RCPT-0042 550.00',
        action: 'blocked',
        issues: [],
        decisions: [],
        dependsOn: [],
        step: 0,
      },
    ],
  }
  const text = renderPlan(plan)
  assert.match(text, /blocked Payment RCPT-0042 550\.00: Pays an invoice/)
  assert.doesNotMatch(text, /taylor security group/)
})
