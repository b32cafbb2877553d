import type {BankTransaction, BankTransfer} from '../domain/canonical.js'
import {documentTotalProblems} from '../domain/canonical-checks.js'
import {dec, toQboAmount} from '../domain/money.js'
import {accountRef} from './accounts.js'
import {refTo, type MappingContext} from './context.js'
import {currencyFields, docNumber, matchExisting, privateNote} from './doc-common.js'
import {
  departmentField,
  expenseLine,
  lineAmounts,
  lineTaxCode,
  presentationOf,
  type LineContext,
} from './lines.js'
import {contactRoles} from './names.js'
import {Notes, type MapResult} from './result.js'
import {trackingRefs} from './tracking.js'

function entityRef(ctx: MappingContext, contactId: string | undefined, prefer: 'Vendor' | 'Customer') {
  const contact = contactId ? ctx.source.contacts.get(contactId) : undefined
  if (!contact) return undefined
  const roles = contactRoles(contact)
  const entity = roles.includes(prefer) ? prefer : roles[0]!
  return {...refTo(ctx, entity, contact.id), type: entity}
}

function depositLine(
  lc: LineContext,
  line: BankTransaction['lines'][number],
  entity: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const {ctx, notes} = lc
  if (!line.accountId) {
    notes.block(
      'LINE_ACCOUNT_MISSING',
      `line ${line.lineNo} has no account`,
      'Give the line an account in the source and re-extract.',
    )
    return undefined
  }
  const acct = accountRef(ctx, line.accountId)
  if ('issue' in acct) {
    notes.block(acct.issue.code, `line ${line.lineNo}: ${acct.issue.message}`, acct.issue.fix)
    return undefined
  }
  const {net} = lineAmounts(line, lc.amountsAre)
  const detail: Record<string, unknown> = {AccountRef: acct.ref}
  if (entity) detail.Entity = entity
  const taxCode = lineTaxCode(
    ctx,
    notes,
    lc.presentation,
    line.taxCode,
    'sales',
    line.lineNo,
    acct.account?.class,
  )
  if (taxCode) {
    detail.TaxCodeRef = taxCode
    detail.TaxApplicableOn = 'Sales'
  }
  const t = trackingRefs(ctx, line.tracking, notes)
  if (t.classRef) detail.ClassRef = t.classRef
  return {
    DetailType: 'DepositLineDetail',
    Amount: toQboAmount(net),
    ...(line.description ? {Description: line.description.slice(0, 4000)} : {}),
    DepositLineDetail: detail,
  }
}

/** Spend money -> Purchase (Cash, or CreditCard from a card account); receive money -> Deposit. */
export function mapBankTransaction(tx: BankTransaction, ctx: MappingContext): MapResult {
  const entity = tx.type === 'spend' ? 'Purchase' : 'Deposit'
  const notes = new Notes()
  for (const p of documentTotalProblems(tx))
    notes.block('DOCUMENT_TOTALS', p, 'Correct the transaction in the source and re-extract.')
  const number = entity === 'Purchase' ? docNumber(notes, tx.reference) : undefined
  const existing = matchExisting(ctx, entity, tx.id, number, tx.date, tx.total)
  if (existing) return {...notes.result(entity, tx.id), disposition: {action: 'adopt', ...existing}}
  const bank = accountRef(ctx, tx.bankAccountId)
  if ('issue' in bank) notes.block(bank.issue.code, `bank account: ${bank.issue.message}`, bank.issue.fix)
  const presentation = presentationOf(ctx, notes, tx.amountsAre)
  const lc: LineContext = {
    ctx,
    notes,
    presentation,
    amountsAre: tx.amountsAre,
    direction: tx.type === 'spend' ? 'purchase' : 'sales',
  }
  const departments = new Set<string>()
  const p: Record<string, unknown> = {TxnDate: tx.date}
  if (entity === 'Purchase') {
    p.PaymentType = 'ref' in bank && bank.qboType === 'Credit Card' ? 'CreditCard' : 'Cash'
    if ('ref' in bank) p.AccountRef = bank.ref
    const who = entityRef(ctx, tx.contactId, 'Vendor')
    if (who) p.EntityRef = who
    if (number) p.DocNumber = number
    p.Line = tx.lines.map((l) => expenseLine(lc, l, departments)).filter((l) => l !== undefined)
  } else {
    if ('ref' in bank) p.DepositToAccountRef = bank.ref
    const who = entityRef(ctx, tx.contactId, 'Customer')
    p.Line = tx.lines.map((l) => depositLine(lc, l, who)).filter((l) => l !== undefined)
  }
  Object.assign(
    p,
    currencyFields(ctx, notes, tx.currency, tx.exchangeRate, tx.date),
    departmentField(ctx, notes, departments),
  )
  p.GlobalTaxCalculation = presentation
  p.PrivateNote = privateNote(ctx, tx.id, [
    tx.reference && number !== tx.reference ? `Reference: ${tx.reference}` : undefined,
    !tx.contactId && tx.contactName ? `Contact: ${tx.contactName}` : undefined,
    tx.memo,
  ])
  if (presentation !== 'NotApplicable') p.TxnTaxDetail = {TotalTax: toQboAmount(dec(tx.totalTax))}
  return notes.result(entity, tx.id, p)
}

export function mapTransfer(t: BankTransfer, ctx: MappingContext): MapResult {
  const notes = new Notes()
  const existing = matchExisting(ctx, 'Transfer', t.id, undefined, t.date, t.amount)
  if (existing) return {...notes.result('Transfer', t.id), disposition: {action: 'adopt', ...existing}}
  const from = accountRef(ctx, t.fromAccountId)
  const to = accountRef(ctx, t.toAccountId)
  for (const r of [from, to]) if ('issue' in r) notes.block(r.issue.code, r.issue.message, r.issue.fix)
  if (!dec(t.amount).isPositive())
    notes.block(
      'TRANSFER_AMOUNT',
      `transfer amount ${t.amount} is not positive`,
      'Correct the transfer in the source and re-extract.',
    )
  const p: Record<string, unknown> = {
    TxnDate: t.date,
    FromAccountRef: 'ref' in from ? from.ref : undefined,
    ToAccountRef: 'ref' in to ? to.ref : undefined,
    Amount: toQboAmount(dec(t.amount)),
    PrivateNote: privateNote(ctx, t.id, [t.reference ? `Reference: ${t.reference}` : undefined]),
  }
  return notes.result('Transfer', t.id, p)
}
