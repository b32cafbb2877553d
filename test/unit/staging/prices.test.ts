import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {inTransaction, openStaging} from '../../../src/staging/index.js'
import {tempStaging} from '../../helpers/temp.js'

describe('staging: the price-list tables', () => {
  it('keeps profiles by name (any case), codes per realm and supplier, and diffs with their lines', (t) => {
    const {staging, path} = tempStaging(t)
    const p = staging.prices
    p.saveProfile('Brown', 'Brown Electrical & Sons', '{"a":1}')
    p.saveProfile('BROWN', 'Brown Electrical & Sons', '{"a":2}')
    assert.deepEqual(
      p.profiles().map((x) => [x.name, x.profileJson]),
      [['BROWN', '{"a":2}']],
    )
    assert.ok(p.deleteProfile('brown'))
    assert.equal(p.profiles().length, 0)

    p.setCode({
      realmId: 'r1',
      supplier: 'Brown',
      code: 'BE-1',
      itemId: '5',
      itemName: 'Panel',
      origin: 'import',
    })
    p.setCode({
      realmId: 'r1',
      supplier: 'brown',
      code: 'BE-1',
      itemId: '6',
      itemName: 'Panel 2',
      origin: 'dashboard',
    })
    p.setCode({realmId: 'r2', supplier: 'Brown', code: 'BE-1', itemId: '9', itemName: null, origin: 'cli'})
    assert.deepEqual(
      p.codes('r1', 'BROWN').map((c) => [c.code, c.itemId, c.origin]),
      [['BE-1', '6', 'dashboard']],
    )
    assert.equal(p.codes('r2').length, 1)

    const id = inTransaction(staging.db, () =>
      p.insertDiff({
        realmId: 'r1',
        supplier: 'Brown',
        vendorId: null,
        profileJson: '{}',
        fileName: 'f.csv',
        fileHash: 'h',
        readJson: '{}',
        warningsJson: '[]',
        countsJson: '{}',
        threshold: '0.3',
        createdBy: 'tester',
        lines: [
          {line: 1, status: 'change', itemId: '5', syncToken: '0', lineJson: '{}'},
          {line: 2, status: 'change', itemId: '6', syncToken: '3', lineJson: '{}'},
          {line: 3, status: 'same', itemId: '7', syncToken: '0', lineJson: '{}'},
        ],
      }),
    )
    assert.deepEqual(
      p.lines(id).map((l) => [l.line, l.selected, l.state]),
      [
        [1, true, 'pending'],
        [2, true, 'pending'],
        [3, false, 'pending'],
      ],
    )
    p.select(id, new Set([2, 3]))
    p.setState(id, 1, 'written', {syncToken: '1'}, '1')
    p.setState(id, 1, 'written', {again: true})
    assert.deepEqual(
      p.lines(id).map((l) => [l.line, l.selected, l.state, l.syncToken]),
      [
        [1, true, 'written', '1'],
        [2, false, 'pending', '3'],
        [3, false, 'pending', '0'],
      ],
    )
    const uid = p.diff(id)?.uid
    assert.match(uid ?? '', /^[0-9a-f-]{36}$/)
    const again = openStaging(path)
    t.after(() => again.close())
    assert.equal(again.prices.diff(id)?.uid, uid, 'the uid is kept, so requestids stay the same')
  })
})
