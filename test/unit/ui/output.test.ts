import assert from 'node:assert/strict'
import {test} from 'node:test'

import {interactiveStderr} from '../../../src/ui/output.js'

test('the live renderer only in a terminal of known width, outside CI (#17)', () => {
  // A terminal that reports no width made listr2 print the title one character per line.
  assert.equal(interactiveStderr({}, {isTTY: true}), false)
  assert.equal(interactiveStderr({}, {isTTY: true, columns: 0}), false)
  assert.equal(interactiveStderr({}, {isTTY: true, columns: 120}), true)
  assert.equal(interactiveStderr({CI: '1'}, {isTTY: true, columns: 120}), false)
  assert.equal(interactiveStderr({}, {isTTY: false, columns: 120}), false)
})
