import type {Overrides, TargetCompany} from '../mappers/index.js'

/** One earlier choice a newly imported workbook drops or changes. */
export interface MappingChange {
  /** account, tax code, tracking, setting */
  what: string
  key: string
  before: string
  /** '' when the workbook no longer makes the choice (the tool's suggestion applies again). */
  after: string
}

const SUGGESTION = "(the tool's suggestion)"
const SETTING_KEYS = [
  'headerAccounts',
  'taxPresentation',
  'inventoryStartDate',
  'conversionDate',
  'openDocuments',
  'history',
] as const

/**
 * The accountant's earlier choices that `next` drops or changes: importing an older workbook (or another
 * person's) silently undoes choices, so the import says which. New choices are not listed: the workbook shows them.
 */
export function mappingChanges(
  before: Overrides,
  next: Overrides,
  target: Pick<TargetCompany, 'accounts' | 'taxCodes'>,
): MappingChange[] {
  const accountName = (v: string | null | undefined) =>
    v === null ? '(do not migrate)' : (target.accounts.find((a) => a.Id === v)?.Name ?? v ?? SUGGESTION)
  const codeName = (v: string | null | undefined) =>
    v === null ? '(do not migrate)' : (target.taxCodes.find((c) => c.Id === v)?.Name ?? v ?? SUGGESTION)
  const out: MappingChange[] = []
  const compare = (
    what: string,
    a: Record<string, unknown> | undefined,
    b: Record<string, unknown> | undefined,
    name: (v: never) => string,
  ) => {
    for (const [key, was] of Object.entries(a ?? {})) {
      const now = b?.[key]
      if (now === was) continue
      out.push({
        what,
        key,
        before: name(was as never),
        after: now === undefined ? SUGGESTION : name(now as never),
      })
    }
  }
  compare('account', before.accounts, next.accounts, accountName)
  compare('tax code', before.taxCodes, next.taxCodes, codeName)
  compare('tracking', before.tracking, next.tracking, (v: string | null) => v ?? '(not migrated)')
  for (const key of SETTING_KEYS) {
    const was = before[key]
    if (was !== undefined && next[key] !== was)
      out.push({what: 'setting', key, before: String(was), after: String(next[key] ?? '(default)')})
  }
  const confirmedBefore = [
    ...(before.confirmed?.accounts ?? []).map((k) => ['account', k] as const),
    ...(before.confirmed?.taxCodes ?? []).map((k) => ['tax code', k] as const),
  ]
  for (const [what, key] of confirmedBefore) {
    const list = what === 'account' ? next.confirmed?.accounts : next.confirmed?.taxCodes
    if (!list?.includes(key)) out.push({what: `${what} confirmation`, key, before: 'yes', after: ''})
  }
  return out
}
