import type {Account} from '../domain/canonical.js'
import {findNamed, nameKey, refTo, type MappingContext, type QboAccount} from './context.js'
import {NO_HIERARCHY_SUBTYPES, type QboAccountKind, qboKindOf} from './account-types.js'
import {accountFit, type FitProblem} from './mapping-fit.js'
import {known, type Ref} from './refs.js'
import {Notes, type Issue, type MapResult, issue} from './result.js'

type SystemKind = NonNullable<Account['systemAccount']>

/** System accounts that QBO keeps itself: the source's is mapped onto QBO's own, never created. */
const QBO_OWN: Partial<Record<SystemKind, (a: QboAccount) => boolean>> = {
  AR: (a) => a.AccountType === 'Accounts Receivable',
  AP: (a) => a.AccountType === 'Accounts Payable',
  GST: (a) => a.AccountSubType === 'GlobalTaxPayable' || a.AccountSubType === 'GlobalTaxSuspense',
  RETAINED_EARNINGS: (a) => a.AccountSubType === 'RetainedEarnings',
  HISTORICAL: (a) => a.AccountSubType === 'OpeningBalanceEquity',
  CURRENCY_GAIN: (a) => a.AccountSubType === 'ExchangeGainOrLoss',
  ROUNDING: (a) => /rounding/i.test(a.Name),
}

/** QBO's own account for a system account, preferring GST payable over suspense and the lowest Id. */
export function qboOwnAccount(ctx: MappingContext, kind: SystemKind): QboAccount | undefined {
  const test = QBO_OWN[kind]
  if (!test) return undefined
  const candidates = ctx.target.accounts.filter((a) => a.Active && test(a))
  if (kind === 'GST') return candidates.find((a) => a.AccountSubType === 'GlobalTaxPayable') ?? candidates[0]
  return candidates[0]
}

export function openingBalanceEquity(ctx: MappingContext): QboAccount | undefined {
  return qboOwnAccount(ctx, 'HISTORICAL')
}

/**
 * An override onto an account this migration creates rather than one QBO has: `source:<source account id>`
 * (the mapping workbook offers the accounts the plan creates; two source accounts then share one new account).
 */
export const PLANNED_ACCOUNT_PREFIX = 'source:'

/** The QBO account a user override points at (by Id or Name); undefined when there is no override. */
function overrideTarget(
  ctx: MappingContext,
  accountId: string,
): {account?: QboAccount; merged?: Account; dropped: boolean} | undefined {
  const o = ctx.overrides.accounts
  if (!o || !(accountId in o)) return undefined
  const target = o[accountId]
  if (target === null || target === undefined) return {dropped: true}
  if (target.startsWith(PLANNED_ACCOUNT_PREFIX)) {
    const other = ctx.source.accounts.get(target.slice(PLANNED_ACCOUNT_PREFIX.length))
    // Only onto an account the tool maps by itself: a chain of choices would hide where postings land.
    const usable = other && other.id !== accountId && !(other.id in o)
    return usable ? {merged: other, account: plannedAccount(other), dropped: false} : {dropped: false}
  }
  return {account: findNamed(ctx.target.accounts, (a) => a.Name, target), dropped: false}
}

/** The account the plan creates for `account`, as the fit checks see it (no Id yet). */
function plannedAccount(account: Account): QboAccount {
  return {
    Id: '',
    Name: `${accountName(account)} (to be created)`,
    AccountType: qboKindOf(account).AccountType,
    ...(account.currency ? {currency: account.currency} : {}),
    Active: true,
  }
}

/**
 * A saved override that does not fit the source account (mapping-fit.ts): the unconfirmed problems block,
 * confirmed ones are recorded. Saved mappings are checked again here because the QBO company (or the
 * staged chart) may have changed since the import checked them.
 */
function overrideFit(
  ctx: MappingContext,
  source: Account | undefined,
  target: QboAccount,
): {blocking: FitProblem[]; confirmed: FitProblem[]} {
  if (!source) return {blocking: [], confirmed: []}
  const problems = accountFit(source, target, ctx.target.homeCurrency)
  const confirmed = ctx.overrides.confirmed?.accounts?.includes(source.id) ?? false
  return {
    blocking: problems.filter((p) => !(confirmed && p.confirmable)),
    confirmed: problems.filter((p) => confirmed && p.confirmable),
  }
}

const misfitIssue = (accountId: string, p: FitProblem): Issue =>
  issue(
    p.code,
    `account ${accountId} is mapped onto a QBO account that does not fit: ${p.message}`,
    p.confirmable
      ? 'Choose a fitting QBO account in the mapping workbook, or write "yes" in its Confirm column, then run `qbo migrate mapping import`.'
      : 'Choose a QBO account in the same currency in the mapping workbook, then run `qbo migrate mapping import`.',
  )

export type AccountRefResult = {ref: Ref; account?: Account; qboType: string} | {issue: Issue}

/**
 * The payload reference for a source account id, as every transaction mapper needs it: QBO's own account for
 * system accounts and overrides, else the account this migration creates or adopts.
 */
export function accountRef(ctx: MappingContext, accountId: string): AccountRefResult {
  const account = ctx.source.accounts.get(accountId)
  const override = overrideTarget(ctx, accountId)
  if (override?.dropped) {
    return {
      issue: issue(
        'ACCOUNT_NOT_MIGRATED',
        `account ${accountId} is mapped to "do not migrate" but this record posts to it`,
        'Map the account to a QBO account in the mapping workbook, then run `qbo migrate mapping import`.',
      ),
    }
  }
  if (override?.account) {
    const misfit = overrideFit(ctx, account, override.account).blocking[0]
    if (misfit) return {issue: misfitIssue(accountId, misfit)}
    if (override.merged) return accountRef(ctx, override.merged.id)
    return {ref: known(override.account.Id), account, qboType: override.account.AccountType}
  }
  if (override) {
    return {
      issue: issue(
        'ACCOUNT_OVERRIDE_UNKNOWN',
        `account ${accountId} is mapped to "${ctx.overrides.accounts?.[accountId]}", which the QBO company does not have (nor an account this migration creates and maps by itself)`,
        'Correct the QBO account name or Id in the mapping workbook.',
      ),
    }
  }
  if (!account) {
    return {
      issue: issue(
        'ACCOUNT_UNKNOWN',
        `account ${accountId} is not in the staged chart of accounts`,
        'Re-extract including the chart of accounts, or map the account in the mapping workbook.',
      ),
    }
  }
  if (account.isHeader) {
    return {
      issue: issue(
        'ACCOUNT_IS_HEADER',
        `account ${account.code ?? account.id} "${account.name}" is a header account and takes no postings`,
        'Correct the posting in the source, or map the header account to a QBO account.',
      ),
    }
  }
  const kind = qboKindOf(account)
  if (account.systemAccount) {
    const own = qboOwnAccount(ctx, account.systemAccount)
    if (own) return {ref: known(own.Id), account, qboType: own.AccountType}
  }
  return {ref: refTo(ctx, 'Account', account.id), account, qboType: kind.AccountType}
}

const FORBIDDEN_IN_ACCOUNT_NAME = /[":]/g

/** Account Name: ≤100 chars, no `"` or `:` (qbo-api.md §10). */
export function accountName(account: Account): string {
  return account.name.replace(FORBIDDEN_IN_ACCOUNT_NAME, '-').trim().slice(0, 100)
}

function parentRef(
  ctx: MappingContext,
  account: Account,
  subType: string,
  accountType: string,
  notes: Notes,
): Ref | undefined {
  if (!account.parentId) return undefined
  const parent = ctx.source.accounts.get(account.parentId)
  if (!parent || (ctx.overrides.headerAccounts ?? 'parent') === 'drop') return undefined
  // A parent merged into another new account is not created itself.
  if (overrideTarget(ctx, parent.id)?.merged) return undefined
  const parentKind = qboKindOf(parent)
  if (NO_HIERARCHY_SUBTYPES.has(subType) || parentKind.AccountType !== accountType) {
    notes.decide(
      'ACCOUNT_PARENT_DROPPED',
      `placed at the top level: QBO needs a sub-account to share its parent's type (${parentKind.AccountType} vs ${accountType})`,
      {parentId: parent.id, parentType: parentKind.AccountType, accountType},
    )
    return undefined
  }
  let depth = 1
  for (let p: Account | undefined = parent; p?.parentId; p = ctx.source.accounts.get(p.parentId)) depth++
  if (depth >= 5) {
    notes.decide('ACCOUNT_PARENT_DROPPED', 'placed at the top level: QBO allows 5 levels of accounts', {
      parentId: parent.id,
      depth,
    })
    return undefined
  }
  return refTo(ctx, 'Account', parent.id)
}

/**
 * What the plan does with one source account: skip it (mapped elsewhere by the user, dropped, or QBO's own
 * system account), adopt the QBO account it matches, or create it.
 */
export function mapAccount(account: Account, ctx: MappingContext): MapResult {
  const notes = new Notes()
  const override = overrideTarget(ctx, account.id)
  if (override?.dropped) return skipped(notes, account, 'mapped to "do not migrate"')
  if (override?.account) return mappedByUser(ctx, account, override.account, override.merged, notes)
  if (account.isHeader && (ctx.overrides.headerAccounts ?? 'parent') === 'drop') {
    notes.decide('HEADER_ACCOUNT_DROPPED', 'MYOB header account not created (header accounts set to drop)')
    return skipped(notes, account, 'header account dropped')
  }
  if (account.systemAccount) {
    const own = qboOwnAccount(ctx, account.systemAccount)
    if (own) {
      notes.decide('SYSTEM_ACCOUNT_MAPPED', `system account mapped onto QBO's own "${own.Name}"`, {
        systemAccount: account.systemAccount,
        qboId: own.Id,
      })
      return skipped(notes, account, `system account: QBO's own "${own.Name}"`, own.Id)
    }
    if (QBO_OWN[account.systemAccount]) {
      notes.decide('SYSTEM_ACCOUNT_CREATED', 'QBO has no account of this kind yet, so it is created', {
        systemAccount: account.systemAccount,
      })
    }
  }
  return adoptOrCreate(ctx, account, notes)
}

/** Not created: the account stands for another (a QBO account when `qboId` is given) or for nothing. */
function skipped(notes: Notes, account: Account, reason: string, qboId?: string): MapResult {
  return {
    ...notes.result('Account', account.id),
    disposition: {action: 'skip', reason, ...(qboId === undefined ? {} : {qboId})},
  }
}

/** The user mapped the account onto a QBO account, or onto the account created for another source account. */
function mappedByUser(
  ctx: MappingContext,
  account: Account,
  onto: QboAccount,
  merged: Account | undefined,
  notes: Notes,
): MapResult {
  const target = merged ? {mergedInto: merged.id} : {qboId: onto.Id}
  const fit = overrideFit(ctx, account, onto)
  for (const p of fit.blocking) {
    const i = misfitIssue(account.id, p)
    notes.block(i.code, i.message, i.fix)
  }
  for (const p of fit.confirmed) {
    notes.decide('MAPPING_CONFIRMED', `kept as the accountant confirmed: ${p.message}`, {
      check: p.code,
      ...target,
    })
  }
  notes.decide('ACCOUNT_MAPPED_BY_USER', `mapped onto the QBO account "${onto.Name}"`, target)
  if (merged) return skipped(notes, account, `mapped onto the account created for ${merged.id}`)
  return skipped(notes, account, 'mapped onto an existing QBO account', onto.Id)
}

/** Adopts the QBO account with the same number or name when their classes agree; else creates the account. */
function adoptOrCreate(ctx: MappingContext, account: Account, notes: Notes): MapResult {
  const kind = qboKindOf(account)
  const name = accountName(account)
  if (name !== account.name)
    notes.decide('ACCOUNT_RENAMED', `name changed to "${name}" (QBO forbids " and :, max 100)`, {
      from: account.name,
      to: name,
    })
  const acctNum = accountNumber(account, notes)
  const existingNumber = acctNum ? ctx.target.accounts.find((a) => a.AcctNum === acctNum) : undefined
  const existingName = ctx.target.accounts.find((a) => nameKey(a.Name) === nameKey(name))
  const existing = existingNumber ?? existingName
  if (existing && !existing.Active) {
    notes.block(
      'ADOPT_INACTIVE',
      `QBO account "${existing.Name}" exists but is inactive (made inactive in QBO, or by qbo migrate undo)`,
      `Make "${existing.Name}" active in QBO (Chart of accounts, include inactive, Make active), then plan again.`,
    )
    return notes.result('Account', account.id)
  }
  if (existing) {
    if (existing.Classification === undefined || existing.Classification === kind.Classification) {
      return {
        ...notes.result('Account', account.id),
        disposition: {
          action: 'adopt',
          qboId: existing.Id,
          reason: existingNumber
            ? `QBO account number ${acctNum} exists`
            : `QBO account "${existing.Name}" exists`,
        },
      }
    }
    notes.block(
      'ACCOUNT_CLASH',
      `QBO already has "${existing.Name}"${existing.AcctNum ? ` (${existing.AcctNum})` : ''} as ${existing.Classification}, but this account is ${kind.Classification}`,
      'Map this account onto a QBO account in the mapping workbook, or rename one of them.',
    )
  }
  return notes.result('Account', account.id, newAccountPayload(ctx, account, kind, name, acctNum, notes))
}

/** AcctNum: the source's code with `:` replaced, dropped (and recorded) past QBO's 20 characters. */
function accountNumber(account: Account, notes: Notes): string | undefined {
  const acctNum = account.code?.replace(/:/g, '-')
  if (acctNum && acctNum.length > 20) {
    notes.decide(
      'ACCOUNT_NUMBER_DROPPED',
      `account number "${account.code}" is longer than QBO's 20 characters`,
      {
        code: account.code,
      },
    )
    return undefined
  }
  return acctNum
}

function newAccountPayload(
  ctx: MappingContext,
  account: Account,
  kind: QboAccountKind,
  name: string,
  acctNum: string | undefined,
  notes: Notes,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    Name: name,
    AccountType: kind.AccountType,
    AccountSubType: kind.AccountSubType,
  }
  if (acctNum) payload.AcctNum = acctNum
  const description = account.description?.slice(0, 100)
  if (description) payload.Description = description
  if (account.currency && account.currency !== ctx.target.homeCurrency && ctx.target.multiCurrency) {
    payload.CurrencyRef = {value: account.currency}
  }
  if (!account.active) {
    // An inactive account cannot take the postings of the history being loaded (fault 610).
    notes.decide('ARCHIVED_KEPT_ACTIVE', 'archived in the source; created active so its history loads', {})
  }
  const parent = parentRef(ctx, account, kind.AccountSubType, kind.AccountType, notes)
  if (parent) {
    payload.SubAccount = true
    payload.ParentRef = parent
  }
  return payload
}
