import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {describe, it} from 'node:test'

import {buildPlan} from '../../src/load/plan.js'
import {companyContext, jsonDiff} from './helpers.js'

/**
 * Golden test: the demo company's staged records map to the payloads checked in under golden/ (one file per
 * QBO entity), reviewed by reading them. Regenerate deliberately with UPDATE_GOLDEN=1, then `npx prettier --write test/mappers/golden`, and review the git diff.
 */
const dir = new URL('./golden/', import.meta.url)

function actualByEntity(): Map<string, Record<string, unknown>> {
  const {ctx, records} = companyContext()
  const plan = buildPlan(records, ctx)
  const out = new Map<string, Record<string, unknown>>()
  for (const r of plan.records) {
    const file = out.get(r.entity) ?? {}
    file[r.sourceId] = {
      label: r.label,
      action: r.action,
      ...(r.reason ? {reason: r.reason} : {}),
      ...(r.qboId ? {qboId: r.qboId} : {}),
      ...(r.payload ? {payload: r.payload} : {}),
      ...(r.issues.length ? {issues: r.issues.map((i) => `${i.code}: ${i.message}`)} : {}),
      ...(r.decisions.length ? {decisions: r.decisions.map((d) => `${d.code}: ${d.message}`)} : {}),
    }
    out.set(r.entity, file)
  }
  return out
}

describe('golden payloads of the demo company', () => {
  const actual = actualByEntity()
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dir, {recursive: true})
    for (const [entity, content] of actual)
      writeFileSync(new URL(`${entity}.json`, dir), `${JSON.stringify(content, null, 2)}\n`)
  }

  it('has a golden file for exactly the entities the company maps to', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
    assert.deepEqual(files.sort(), [...actual.keys()].sort())
  })

  for (const [entity, content] of actual) {
    it(`${entity} payloads match golden/${entity}.json`, () => {
      const file = new URL(`${entity}.json`, dir)
      assert.ok(
        existsSync(file),
        `golden/${entity}.json is missing; run UPDATE_GOLDEN=1 npm run test:unit -- golden and review it`,
      )
      const expected = JSON.parse(readFileSync(file, 'utf8')) as unknown
      const diff = jsonDiff(expected, JSON.parse(JSON.stringify(content)))
      assert.equal(diff.length, 0, `golden/${entity}.json differs:\n  ${diff.join('\n  ')}`)
    })
  }
})
