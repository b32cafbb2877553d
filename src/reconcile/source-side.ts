import {addDays, type CivilDate} from '../domain/civil-date.js'
import {createHash} from 'node:crypto'

import type {Account, Contact, Item, Payment, TradeDocument} from '../domain/canonical.js'
import {BugError} from '../domain/errors.js'
import {isSourceSystem} from '../domain/ids.js'
import type {Staging} from '../staging/index.js'
import {SourceAging} from './aging.js'
import {centsText, toCents} from './cents.js'
import type {MatchedEntity, SourceDoc} from './docs.js'
import {controlAccounts, NO_ACCOUNT, SourceLedger} from './source-ledger.js'
import {isPosted, toSourceDoc, TRANSACTION_KINDS} from './source-docs.js'
import {STAGED_KINDS} from '../domain/entities.js'

export interface SourceSide {
  docs: Map<MatchedEntity, SourceDoc[]>
  ledger: SourceLedger
  /** The same ledger the day before the fiscal year of the as-at date began, for closing earlier years. */
  ledgerBeforeYear: SourceLedger | undefined
  /** Source accounts that close to retained earnings at a year end (revenue and expense). */
  profitAndLossAccounts: Set<string>
  /** The source's retained earnings account, if it has one. */
  retainedEarnings: string | undefined
  receivables: SourceAging
  payables: SourceAging
  accountNames: Map<string, string>
  /** The staged chart of accounts (to tie the rows of the source's trial balance to). */
  accounts: Account[]
  /** Contact id -> name. */
  contactNames: Map<string, string>
  sourceSystems: string[]
  /**
   * What the source had that its export cannot carry, per entity, with the reason: payments a document says
   * were made (its amount paid) with no payment record staged for them (Xero CSV exports carry none).
   */
  notCarried: Map<MatchedEntity, {doc: SourceDoc; reason: string}[]>
  /**
   * What a document still owed at the close of a date (cents, its own currency): its total less what was
   * applied to it by then, or its stated amount due when nothing staged names it (a Xero CSV export).
   */
  openAt: (date: string, doc: SourceDoc) => number
  /** sha256 of every staged record's content hash and the mappings, in a fixed order. */
  inputHash: string
  window: {from: string; to: string} | undefined
}

const TRADE = new Set(['invoice', 'creditNote', 'bill', 'supplierCredit'])

/**
 * One pass over the staged records (records were validated by zod when they were staged): the comparable
 * documents for matching, the source ledger for the trial balance, and the open items for aging.
 */
export function readSourceSide(
  staging: Staging,
  asOf: string,
  fiscalYearStart?: string,
  /** Keep each allocation's date (for openAt): only a conversion-date migration needs them. */
  allocationDates = false,
): SourceSide {
  const hash = createHash('sha256')
  const accounts: Account[] = []
  const items = new Map<string, Item>()
  const contacts = new Map<string, string>()
  // Lists first: the ledger needs the control accounts and item accounts before posting documents.
  for (const kind of STAGED_KINDS) {
    if ((TRANSACTION_KINDS as readonly string[]).includes(kind)) continue
    for (const r of staging.staged.iterate(kind)) {
      hash.update(`${r.sourceSystem}\u001f${kind}\u001f${r.sourceId}\u001f${r.contentHash}\n`)
      if (kind === 'account') accounts.push(r.record as Account)
      if (kind === 'item') items.set((r.record as Item).code, r.record as Item)
      if (kind === 'contact') contacts.set(r.sourceId, (r.record as Contact).name)
    }
  }
  for (const m of staging.mappings.list())
    hash.update(`${m.mapType}\u001f${m.sourceKey}\u001f${m.target ?? ''}\n`)

  const ledger = new SourceLedger({asOf, items, ...controlAccounts(accounts)})
  const ledgerBeforeYear =
    fiscalYearStart === undefined
      ? undefined
      : new SourceLedger({
          asOf: addDays(fiscalYearStart as CivilDate, -1),
          items,
          ...controlAccounts(accounts),
        })
  const receivables = new SourceAging('receivable', asOf)
  const payables = new SourceAging('payable', asOf)
  const docs = new Map<MatchedEntity, SourceDoc[]>()
  const allocatedEver = new Map<string, number>()
  const dated = new Map<string, {cents: number; date: string}[]>()
  const allocate = (key: string, amount: string, date: string) => {
    allocatedEver.set(key, (allocatedEver.get(key) ?? 0) + toCents(amount))
    if (!allocationDates) return
    const list = dated.get(key) ?? []
    list.push({cents: toCents(amount), date})
    dated.set(key, list)
  }
  // Paid by a staged payment record (not by credits), to tell which amounts paid no payment record carries.
  const paidByRecord = new Map<string, number>()
  // Only what the row needs, not the document: a large Xero CSV export has an amount paid on most invoices.
  const paidDocuments: {
    kind: 'invoice' | 'bill'
    system: string
    doc: Pick<TradeDocument, 'id' | 'number' | 'date' | 'contactId' | 'contactName' | 'amountPaid'>
  }[] = []
  let from: string | undefined
  let to: string | undefined

  for (const kind of TRANSACTION_KINDS) {
    for (const r of staging.staged.iterate(kind)) {
      hash.update(`${r.sourceSystem}\u001f${kind}\u001f${r.sourceId}\u001f${r.contentHash}\n`)
      if (!isSourceSystem(r.sourceSystem)) continue
      ledger.post(kind, r.record)
      ledgerBeforeYear?.post(kind, r.record)
      if (TRADE.has(kind)) {
        const doc = r.record as TradeDocument
        const k = kind as 'invoice' | 'creditNote' | 'bill' | 'supplierCredit'
        ;(k === 'invoice' || k === 'creditNote' ? receivables : payables).addDocument(k, doc)
        if (
          (k === 'invoice' || k === 'bill') &&
          isPosted(doc) &&
          doc.amountPaid &&
          toCents(doc.amountPaid) > 0
        )
          paidDocuments.push({
            kind: k,
            system: r.sourceSystem,
            doc: {
              id: doc.id,
              ...(doc.number ? {number: doc.number} : {}),
              date: doc.date,
              contactId: doc.contactId,
              contactName: doc.contactName,
              amountPaid: doc.amountPaid,
            },
          })
        for (const a of doc.allocations ?? []) {
          allocate(`${a.documentKind}:${a.documentId}`, a.amount, a.date ?? doc.date)
          allocate(`${kind}:${doc.id}`, a.amount, a.date ?? doc.date)
        }
      }
      if (kind === 'payment' || kind === 'billPayment') {
        const p = r.record as Payment
        const name = p.contactId ? contacts.get(p.contactId) : undefined
        ;(kind === 'payment' ? receivables : payables).addPayment(p, name)
        const applied = refundApplication(kind, r.sourceSystem, p)
        if (applied) docs.set(applied.entity, [...(docs.get(applied.entity) ?? []), applied])
        for (const a of p.allocations) {
          allocate(`${a.documentKind}:${a.documentId}`, a.amount, a.date ?? p.date)
          const key = `${a.documentKind}:${a.documentId}`
          paidByRecord.set(key, (paidByRecord.get(key) ?? 0) + toCents(a.amount))
        }
      }
      if (kind === 'creditNote' || kind === 'supplierCredit') {
        for (const applied of creditApplications(kind, r.sourceSystem, r.record as TradeDocument)) {
          const list = docs.get(applied.entity) ?? []
          list.push(applied)
          docs.set(applied.entity, list)
        }
      }
      const doc = toSourceDoc(kind, r.sourceSystem, r.record)
      if (!doc) continue
      if (doc.contactId && !doc.contactName) {
        const name = contacts.get(doc.contactId)
        if (name) doc.contactName = name
      }
      const list = docs.get(doc.entity) ?? []
      list.push(doc)
      docs.set(doc.entity, list)
      if (from === undefined || doc.date < from) from = doc.date
      if (to === undefined || doc.date > to) to = doc.date
    }
  }
  // A document whose source states no amount due owes its total less what was applied to it.
  for (const [, list] of docs) {
    for (const doc of list) {
      if (doc.balance !== undefined || !TRADE.has(doc.kind)) continue
      doc.balance = centsText(toCents(doc.total) - (allocatedEver.get(`${doc.kind}:${doc.sourceId}`) ?? 0))
    }
  }
  const notCarried = new Map<MatchedEntity, {doc: SourceDoc; reason: string}[]>()
  for (const {kind, system, doc} of paidDocuments) {
    const implied = toCents(doc.amountPaid!) - (paidByRecord.get(`${kind}:${doc.id}`) ?? 0)
    if (implied <= 0) continue
    const entity = kind === 'invoice' ? 'Payment' : 'BillPayment'
    const label = doc.number ?? doc.id
    const list = notCarried.get(entity) ?? []
    list.push({
      doc: {
        entity,
        kind: 'impliedPayment',
        sourceSystem: system as SourceDoc['sourceSystem'],
        sourceId: `${label} (amount paid)`,
        numbers: [],
        date: doc.date,
        contactId: doc.contactId,
        contactName: doc.contactName,
        contactEntity: kind === 'invoice' ? 'Customer' : 'Vendor',
        total: centsText(implied),
        lineCount: 1,
        taxedLines: 0,
      },
      reason: `${system === 'xero-csv' ? 'Xero CSV exports carry no payments' : 'the export carries no payment record for it'}: ${label} shows ${centsText(implied)} paid, with no payment date, bank account or reference`,
    })
    notCarried.set(entity, list)
  }
  // Records the source holds that the extract could not stage (NOT_STAGED decisions), unless a later extract did.
  for (const d of staging.decisions.list()) {
    if (d.code !== 'NOT_STAGED' || !isSourceSystem(d.sourceSystem)) continue
    const kind = String(d.detail?.kind ?? '')
    if (kind && staging.staged.get(d.sourceSystem, kind, d.sourceId)) continue
    const entity = d.entity as MatchedEntity
    const detail = d.detail ?? {}
    const list = notCarried.get(entity) ?? []
    list.push({
      doc: {
        entity,
        kind: 'notStaged',
        sourceSystem: d.sourceSystem,
        sourceId: d.sourceId,
        numbers: [],
        date: String(detail.date ?? ''),
        ...(detail.contactName ? {contactName: String(detail.contactName)} : {}),
        total: String(detail.amount ?? '0.00'),
        lineCount: 0,
        taxedLines: 0,
      },
      reason: d.message,
    })
    notCarried.set(entity, list)
  }
  const openAt = (date: string, doc: SourceDoc) => {
    const key = `${doc.kind}:${doc.sourceId}`
    if (!allocatedEver.has(key)) return toCents(doc.balance ?? doc.total)
    if (!allocationDates)
      throw new BugError('openAt needs readSourceSide(…, allocationDates = true)', {
        next: 'Report this as a bug.',
      })
    const applied = (dated.get(key) ?? []).filter((d) => d.date <= date)
    return toCents(doc.total) - applied.reduce((a, d) => a + d.cents, 0)
  }
  return {
    docs,
    openAt,
    notCarried,
    ledger,
    ledgerBeforeYear,
    // Realised exchange gains and losses are income or expense too, closed like them at a year end.
    profitAndLossAccounts: new Set([
      ...accounts.filter((a) => a.class === 'revenue' || a.class === 'expense').map((a) => a.id),
      NO_ACCOUNT.FX,
    ]),
    retainedEarnings: accounts.find((a) => a.systemAccount === 'RETAINED_EARNINGS')?.id,
    receivables,
    payables,
    accountNames: new Map(accounts.map((a) => [a.id, a.code ? `${a.code} ${a.name}` : a.name])),
    accounts,
    contactNames: contacts,
    sourceSystems: staging.staged.sourceSystems(),
    inputHash: hash.digest('hex'),
    window: from && to ? {from, to} : undefined,
  }
}

/**
 * A credit note applied to an invoice (a supplier credit to a bill) is a zero-amount Payment (BillPayment)
 * linking both in QBO, one per allocation; the load keys it `<credit id>/applied/<n>`.
 */
function creditApplications(
  kind: 'creditNote' | 'supplierCredit',
  system: SourceDoc['sourceSystem'],
  credit: TradeDocument,
): SourceDoc[] {
  if (!isPosted(credit)) return []
  return (credit.allocations ?? []).map((a, i) => ({
    entity: kind === 'creditNote' ? 'Payment' : 'BillPayment',
    kind: 'creditApplication',
    sourceSystem: system,
    sourceId: `${credit.id}/applied/${i + 1}`,
    numbers: [],
    date: a.date ?? credit.date,
    contactId: credit.contactId,
    contactName: credit.contactName,
    contactEntity: kind === 'creditNote' ? 'Customer' : 'Vendor',
    total: '0.00',
    lineCount: 2,
    taxedLines: 0,
  }))
}

/**
 * A credit note's (supplier credit's) refund is a journal plus a zero-amount Payment (BillPayment) linking the
 * journal and the credit; the load keys that payment `<refund id>/applied` (mappers/refunds.ts).
 */
function refundApplication(
  kind: 'payment' | 'billPayment',
  system: SourceDoc['sourceSystem'],
  p: Payment,
): SourceDoc | undefined {
  const credit = kind === 'payment' ? 'creditNote' : 'supplierCredit'
  if (p.allocations.length === 0 || !p.allocations.every((a) => a.documentKind === credit)) return undefined
  return {
    entity: kind === 'payment' ? 'Payment' : 'BillPayment',
    kind: 'refundApplication',
    sourceSystem: system,
    sourceId: `${p.id}/applied`,
    numbers: [],
    date: p.date,
    ...(p.contactId ? {contactId: p.contactId} : {}),
    contactEntity: kind === 'payment' ? 'Customer' : 'Vendor',
    total: '0.00',
    lineCount: 1 + p.allocations.length,
    taxedLines: 0,
  }
}
