import assert from 'node:assert/strict'
import {describe, it} from 'node:test'

import {
  contentHash,
  parsePrivateNoteMarker,
  privateNoteMarker,
  requestIdFor,
  stableStringify,
} from '../../../src/domain/ids.js'
import {redact} from '../../../src/domain/redact.js'

describe('ids and hashes', () => {
  it('hashes content independently of key order', () => {
    assert.equal(stableStringify({b: 1, a: {d: 2, c: 3}}), '{"a":{"c":3,"d":2},"b":1}')
    assert.equal(contentHash({a: 1, b: [1, 2]}), contentHash({b: [1, 2], a: 1}))
    assert.notEqual(contentHash({a: 1, b: [1, 2]}), contentHash({a: 1, b: [2, 1]}))
  })

  it('writes what JSON.stringify writes, only with sorted keys', () => {
    const value = {
      z: undefined,
      y: [undefined, () => 1, 3, {b: new Date(0), a: NaN}],
      x: {toJSON: () => ({d: 1, c: 2})},
      '10': 'ten',
      '2': 'two',
    }
    assert.equal(
      stableStringify(value),
      '{"2":"two","10":"ten","x":{"c":2,"d":1},"y":[null,null,3,{"a":null,"b":"1970-01-01T00:00:00.000Z"}]}',
    )
    // A "__proto__" key (from JSON.parse) stays data: it is written, never turned into a prototype.
    assert.equal(
      stableStringify(JSON.parse('{"__proto__":{"b":1,"a":2},"c":0}')),
      '{"__proto__":{"a":2,"b":1},"c":0}',
    )
  })

  it('gives a deterministic request id that fits a batch item (36 chars)', () => {
    const id = requestIdFor('realm1', 'Invoice', 'xero-csv', 'INV-0001')
    assert.equal(id, requestIdFor('realm1', 'Invoice', 'xero-csv', 'INV-0001'))
    assert.notEqual(id, requestIdFor('realm1', 'Invoice', 'xero-csv', 'INV-0002'))
    // Parts are separated, so ('ab','c') and ('a','bc') differ.
    assert.notEqual(requestIdFor('ab', 'c'), requestIdFor('a', 'bc'))
    assert.ok(id.length <= 36)
  })

  it('round-trips the PrivateNote marker inside other text', () => {
    const marker = privateNoteMarker('xero-csv', 'INV-0001')
    assert.deepEqual(parsePrivateNoteMarker(`Thanks! ${marker}`), {system: 'xero-csv', sourceId: 'INV-0001'})
    assert.equal(parsePrivateNoteMarker('no marker here'), undefined)
  })
})

describe('redact', () => {
  it('removes tokens and secrets from headers, JSON and query strings', () => {
    const text = [
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def',
      '{"access_token":"AT-123456","refresh_token":"RT-987654","client_secret":"s3cr3t"}',
      'grant_type=refresh_token&refresh_token=RT-987654&client_secret=s3cr3t',
      'authorization: Basic dXNlcjpwYXNzd29yZA==',
    ].join('\n')
    const out = redact(text)
    for (const secret of ['eyJhbGciOiJIUzI1NiJ9', 'AT-123456', 'RT-987654', 's3cr3t', 'dXNlcjpwYXNzd29yZA']) {
      assert.ok(!out.includes(secret), `${secret} leaked: ${out}`)
    }
    assert.match(out, /\[REDACTED\]/)
  })
})

describe('PrivateNote marker with spaces in the source id', () => {
  it('reads the marker to the end of its line', () => {
    const marker = privateNoteMarker('xero-csv', 'brown design & sons|SI-1008|2024-01-08')
    assert.deepEqual(parsePrivateNoteMarker(`${marker}\nReference: PO 17`), {
      system: 'xero-csv',
      sourceId: 'brown design & sons|SI-1008|2024-01-08',
    })
  })
})
