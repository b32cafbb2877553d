import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {describe, it} from 'node:test'

/** Every decision and issue code a mapper or the plan can emit is explained in docs/mapping.md. */
describe('docs/mapping.md', () => {
  it('documents every code', () => {
    const doc = readFileSync(new URL('../../docs/mapping.md', import.meta.url), 'utf8')
    const sources = [
      ...readdirSync(new URL('../../src/mappers/', import.meta.url), {recursive: true})
        .map(String)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `src/mappers/${f}`),
      'src/load/plan.ts',
    ]
    const codes = new Set<string>()
    for (const f of sources) {
      const text = readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8')
      for (const m of text.matchAll(
        /(?:decide|block|issue|decision)\(\s*'([A-Z][A-Z_]+)'|code: '([A-Z][A-Z_]+)'|'(DEPENDENCY_[A-Z]+)'/g,
      )) {
        codes.add((m[1] ?? m[2] ?? m[3])!)
      }
    }
    assert.ok(codes.size > 40, `found only ${codes.size} codes`)
    const missing = [...codes].filter((c) => !doc.includes(`| ${c} |`))
    assert.deepEqual(missing, [])
  })
})
