import {readFileSync} from 'node:fs'

import {parseCanonical, type CanonicalOf, type CanonicalRecord} from '../../src/domain/canonical.js'
import type {QboEntity} from '../../src/domain/entities.js'
import type {SourceSystem} from '../../src/domain/ids.js'
import {
  buildContext,
  type MappingContext,
  type Overrides,
  type TargetCompany,
} from '../../src/mappers/index.js'

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url)

/** The hand-made demo company (every staged kind) and an AU QBO company with GST set up. */
export function loadCompany(): {system: SourceSystem; records: CanonicalRecord[]} {
  const raw = JSON.parse(readFileSync(fixture('company.json'), 'utf8')) as {
    system: SourceSystem
    records: {kind: CanonicalRecord['kind']; record: unknown}[]
  }
  return {
    system: raw.system,
    records: raw.records.map(
      (r) => ({kind: r.kind, record: parseCanonical(r.kind, r.record)}) as CanonicalRecord,
    ),
  }
}

export function loadTarget(): TargetCompany {
  return JSON.parse(readFileSync(fixture('target.json'), 'utf8')) as TargetCompany
}

export function companyContext(
  opts: {
    target?: Partial<TargetCompany>
    overrides?: Overrides
    records?: CanonicalRecord[]
    system?: SourceSystem
    loaded?: Map<QboEntity, Map<string, string>>
  } = {},
): {ctx: MappingContext; records: CanonicalRecord[]} {
  const company = loadCompany()
  const records = opts.records ?? company.records
  const ctx = buildContext({
    system: opts.system ?? company.system,
    target: {...loadTarget(), ...opts.target},
    overrides: opts.overrides,
    records,
    loaded: opts.loaded,
  })
  return {ctx, records}
}

export function recordOf<K extends CanonicalRecord['kind']>(
  records: CanonicalRecord[],
  kind: K,
  id: string,
): CanonicalOf<K> {
  const r = records.find((x) => x.kind === kind && (x.record as {id: string}).id === id)
  if (!r) throw new Error(`fixture has no ${kind} ${id}`)
  return r.record as CanonicalOf<K>
}

/** Differences between two JSON values as `path: expected … got …` lines, for readable golden failures. */
export function jsonDiff(expected: unknown, actual: unknown, path = ''): string[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return []
  const isObj = (v: unknown) => v !== null && typeof v === 'object'
  if (!isObj(expected) || !isObj(actual) || Array.isArray(expected) !== Array.isArray(actual)) {
    return [`${path || '(root)'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
  }
  const e = expected as Record<string, unknown>
  const a = actual as Record<string, unknown>
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])]
  return keys.flatMap((k) =>
    jsonDiff(e[k], a[k], Array.isArray(expected) ? `${path}[${k}]` : path ? `${path}.${k}` : k),
  )
}
