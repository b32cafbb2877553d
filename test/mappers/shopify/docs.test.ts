import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {describe, it} from 'node:test'

/** Every decision code the Shopify posting model records is explained in docs/shopify.md. */
describe('docs/shopify.md', () => {
  it('documents every decision code', () => {
    const doc = readFileSync(new URL('../../../docs/shopify.md', import.meta.url), 'utf8')
    const dir = new URL('../../../src/mappers/shopify/', import.meta.url)
    const codes = new Set<string>()
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')))
      for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/code: '([A-Z][A-Z_]+)'/g))
        codes.add(m[1]!)
    assert.ok(codes.size >= 7, `found only ${codes.size} codes`)
    assert.deepEqual(
      [...codes].filter((c) => !doc.includes(`| ${c} |`)),
      [],
    )
  })
})
