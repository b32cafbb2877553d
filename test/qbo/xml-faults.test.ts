import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {test} from 'node:test'

import {parseFaults} from '../../src/qbo/faults.js'

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/qbo-xml/${name}.xml`, import.meta.url), 'utf8')

test('XML faults as QBO returned them (quickbooks-ruby fixtures): code, message, detail, element, type', () => {
  assert.deepEqual(parseFaults(fixture('too_many_requests_error')), [
    {
      code: '3001',
      message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
      detail: 'The request limit was reached.  Try again later',
      element: '',
      type: 'SERVICE',
    },
  ])
  assert.deepEqual(parseFaults(fixture('generic_error')), [
    {
      code: '10000',
      message: 'An application error has occurred while processing your request',
      detail: 'System Failure Error: Could not find resource for relative : some more info here',
      element: '',
      type: 'SystemFault',
    },
  ])
  assert.equal(parseFaults(fixture('query_validation_error'))[0]?.code, '4001')
  const duplicate = parseFaults(fixture('customer_duplicate_error'))
  assert.equal(duplicate[0]?.code, '6240')
  assert.match(duplicate[0]?.detail ?? '', /Another \$\$customer\$\$ is already using this name/)
})

test('a bare <Fault> with several errors keeps each, with its element', () => {
  assert.deepEqual(
    parseFaults(fixture('fault')).map((f) => [f.code, f.element, f.message]),
    [
      ['2050', 'firstname', 'Length exceeds limit'],
      ['2080', 'postalcode', 'Illegal number format'],
    ],
  )
})

test('every XML entity is decoded, numeric and named alike (QBO echoes the user text it refuses)', () => {
  const [fault] = parseFaults(
    '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3"><Fault type="ValidationFault">' +
      '<Error code="6240" element="DisplayName"><Message>Duplicate Name Exists Error</Message>' +
      '<Detail>The name supplied already exists. : Tom &amp; Jerry&#39;s &lt;Caf&#xE9;&gt; &#8212; &quot;AU&quot;</Detail>' +
      '</Error></Fault></IntuitResponse>',
  )
  assert.equal(fault?.detail, 'The name supplied already exists. : Tom & Jerry\'s <Café> — "AU"')
  assert.equal(fault?.element, 'DisplayName')
})

test('a gateway fault without a code attribute takes the code from its message; non-faults give none', () => {
  const [fault] = parseFaults(
    '<Fault type="SERVICE"><Error><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message></Error></Fault>',
  )
  assert.equal(fault?.code, '3001')
  assert.deepEqual(parseFaults('<IntuitResponse><Customer><Id>1</Id></Customer></IntuitResponse>'), [])
  assert.deepEqual(parseFaults('<html><body>Bad Gateway</body></html>'), [])
  assert.deepEqual(parseFaults('<Fault type="x"><Error code="1"'), [])
})
