import type {ManualJournal, OpeningBalance} from '../domain/canonical.js'
import {journalProblems} from '../domain/canonical-checks.js'
import {dec, sum, toQboAmount, type Dec} from '../domain/money.js'
import {accountRef, openingBalanceEquity} from './accounts.js'
import type {MappingContext} from './context.js'
import {docNumber, matchExisting, privateNote} from './doc-common.js'
import {known, type Ref} from './refs.js'
import {Notes, type MapResult} from './result.js'
import {resolveTaxCode} from './tax.js'
import {trackingRefs} from './tracking.js'

const CONTROL = new Set(['Accounts Receivable', 'Accounts Payable'])

function postingLine(
  amount: Dec,
  account: Ref,
  extra: Record<string, unknown>,
  description?: string,
): Record<string, unknown> {
  return {
    DetailType: 'JournalEntryLineDetail',
    Amount: toQboAmount(amount.abs()),
    ...(description ? {Description: description.slice(0, 4000)} : {}),
    JournalEntryLineDetail: {
      PostingType: amount.isNegative() ? 'Credit' : 'Debit',
      AccountRef: account,
      ...extra,
    },
  }
}

function controlAccountIssue(notes: Notes, lineNo: number, qboType: string): boolean {
  if (!CONTROL.has(qboType)) return false
  notes.block(
    'JOURNAL_CONTROL_ACCOUNT',
    `line ${lineNo} posts to ${qboType}, which QBO only accepts with a customer or supplier named on the line`,
    'Post the amount through invoices/bills in the source, or map the account to a clearing account in the mapping workbook.',
  )
  return true
}

/**
 * Manual journal -> JournalEntry. Positive amounts are debits. AU tax lines need TaxCodeRef, TaxApplicableOn
 * and TaxAmount together (qbo-api.md §9); the direction comes from the tax rate, else the account's class,
 * else the side of the posting.
 */
export function mapJournal(journal: ManualJournal, ctx: MappingContext): MapResult {
  const notes = new Notes()
  for (const p of journalProblems(journal))
    notes.block(
      'JOURNAL_UNBALANCED',
      p,
      'Correct the journal in the source so debits equal credits, then re-extract.',
    )
  const number = docNumber(notes, journal.number)
  const debits = sum(journal.lines.map((l) => dec(l.amount)).filter((a) => a.isPositive()))
  const existing = matchExisting(ctx, 'JournalEntry', journal.id, number, journal.date, debits.toFixed(2))
  if (existing)
    return {...notes.result('JournalEntry', journal.id), disposition: {action: 'adopt', ...existing}}

  const taxed =
    journal.amountsAre !== 'noTax' &&
    journal.lines.some((l) => l.taxCode && l.taxAmount && !dec(l.taxAmount).isZero())
  const lines: Record<string, unknown>[] = []
  for (const l of journal.lines) {
    const amount = dec(l.amount)
    if (amount.isZero()) {
      notes.decide('JOURNAL_ZERO_LINE_DROPPED', `line ${l.lineNo} has no amount`, {lineNo: l.lineNo})
      continue
    }
    const acct = accountRef(ctx, l.accountId)
    if ('issue' in acct) {
      notes.block(acct.issue.code, `line ${l.lineNo}: ${acct.issue.message}`, acct.issue.fix)
      continue
    }
    if (controlAccountIssue(notes, l.lineNo, acct.qboType)) continue
    const extra: Record<string, unknown> = {}
    const t = trackingRefs(ctx, l.tracking, notes)
    if (t.classRef) extra.ClassRef = t.classRef
    if (t.departmentRef) extra.DepartmentRef = t.departmentRef
    let posted = amount
    if (taxed && l.taxCode) {
      const rate = ctx.source.taxRates.get(l.taxCode)
      const cls = acct.account?.class
      let direction: 'sales' | 'purchase'
      if (rate?.appliesTo === 'sales' || rate?.appliesTo === 'purchases')
        direction = rate.appliesTo === 'sales' ? 'sales' : 'purchase'
      else if (cls === 'revenue' || cls === 'expense') direction = cls === 'revenue' ? 'sales' : 'purchase'
      else {
        direction = amount.isNegative() ? 'sales' : 'purchase'
        notes.decide(
          'TAX_DIRECTION_INFERRED',
          `line ${l.lineNo}: tax treated as ${direction} from the side of the posting`,
          {lineNo: l.lineNo},
        )
      }
      const code = resolveTaxCode(ctx, l.taxCode, direction, cls)
      if ('issue' in code) {
        notes.block(code.issue.code, `line ${l.lineNo}: ${code.issue.message}`, code.issue.fix)
        continue
      }
      const tax = dec(l.taxAmount ?? '0').abs()
      extra.TaxCodeRef = {value: code.code.Id}
      extra.TaxApplicableOn = direction === 'sales' ? 'Sales' : 'Purchase'
      extra.TaxAmount = toQboAmount(tax)
      if (journal.amountsAre === 'inclusive') {
        extra.TaxInclusiveAmt = toQboAmount(amount.abs())
        posted = amount.isNegative() ? amount.plus(tax) : amount.minus(tax)
      }
    }
    lines.push(postingLine(posted, acct.ref, extra, l.description))
  }
  const p: Record<string, unknown> = {TxnDate: journal.date}
  if (number) p.DocNumber = number
  if (taxed) p.GlobalTaxCalculation = journal.amountsAre === 'inclusive' ? 'TaxInclusive' : 'TaxExcluded'
  p.PrivateNote = privateNote(ctx, journal.id, [
    journal.narration,
    number !== journal.number ? `Number: ${journal.number}` : undefined,
  ])
  p.Line = lines
  return notes.result('JournalEntry', journal.id, p)
}

/**
 * Opening balances -> one JournalEntry. The source's balancing line (often Xero's Historical Adjustment)
 * maps onto QBO's Opening Balance Equity; if the lines do not balance, the difference goes there, recorded.
 */
export function mapOpeningBalance(ob: OpeningBalance, ctx: MappingContext): MapResult {
  const notes = new Notes()
  const existing = matchExisting(ctx, 'JournalEntry', ob.id, undefined, ob.date, '0')
  if (existing) return {...notes.result('JournalEntry', ob.id), disposition: {action: 'adopt', ...existing}}
  const lines: Record<string, unknown>[] = []
  for (const [i, l] of ob.lines.entries()) {
    const amount = dec(l.amount)
    if (amount.isZero()) continue
    const acct = accountRef(ctx, l.accountId)
    if ('issue' in acct) {
      notes.block(acct.issue.code, `opening balance of ${l.accountId}: ${acct.issue.message}`, acct.issue.fix)
      continue
    }
    if (CONTROL.has(acct.qboType)) {
      notes.block(
        'OPENING_BALANCE_CONTROL_ACCOUNT',
        `opening balance ${l.amount} on ${acct.qboType} (${l.accountId}): QBO builds A/R and A/P from open invoices and bills`,
        'Migrate the open invoices and bills (they make up this balance) and remove the line, or map the account to a clearing account.',
      )
      continue
    }
    lines.push(postingLine(amount, acct.ref, {}, i === 0 ? 'Opening balance' : undefined))
  }
  const net = sum(ob.lines.map((l) => dec(l.amount)))
  if (!net.isZero()) {
    const obe = openingBalanceEquity(ctx)
    if (!obe) {
      notes.block(
        'OPENING_BALANCE_EQUITY_MISSING',
        `opening balances differ by ${net.toFixed(2)} and QBO has no Opening Balance Equity account`,
        'Check the QBO company (every company has one), then plan again.',
      )
    } else {
      notes.decide('OPENING_BALANCE_TO_EQUITY', `the ${net.toFixed(2)} difference goes to "${obe.Name}"`, {
        difference: net.toFixed(2),
      })
      lines.push(postingLine(net.negated(), known(obe.Id), {}, 'Opening balance difference'))
    }
  }
  const p = {
    TxnDate: ob.date,
    DocNumber: 'Opening balance'.slice(0, 21),
    PrivateNote: privateNote(ctx, ob.id, ['Opening balances']),
    Line: lines,
  }
  return notes.result('JournalEntry', ob.id, p)
}
