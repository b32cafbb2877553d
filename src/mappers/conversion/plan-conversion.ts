import type {
  Account,
  BankTransaction,
  CanonicalRecord,
  Payment,
  TradeDocument,
} from '../../domain/canonical.js'
import type {QboEntity, StagedKind} from '../../domain/entities.js'
import {amountText, dec} from '../../domain/money.js'
import {sourceTaxAccounts} from '../../domain/report-accounts.js'
import type {SourceReport} from '../../domain/source-reports.js'
import {decision, type Decision} from '../result.js'
import {impliedRates} from './implied-rates.js'
import {journalRecords} from './journal-records.js'
import {docKey, openAt} from './open-at.js'
import {documentPostings, paymentPostings, type Posting, type PostingAccounts} from './postings.js'
import {CONVERSION_IDS, type ConversionPlan, type ConversionSettings} from './settings.js'

// Defined beside the settings so that journal-records.ts, which fills it in, need not import this file.
export type {ConversionPlan}

const TRADE = new Set(['invoice', 'creditNote', 'bill', 'supplierCredit'])
const ENTITY: Partial<Record<StagedKind, QboEntity>> = {
  invoice: 'Invoice',
  creditNote: 'CreditMemo',
  bill: 'Bill',
  supplierCredit: 'VendorCredit',
  payment: 'Payment',
  billPayment: 'BillPayment',
  manualJournal: 'JournalEntry',
  openingBalance: 'JournalEntry',
  bankTransfer: 'Transfer',
}

function account(
  id: string,
  name: string,
  type: Account['type'],
  cls: Account['class'],
  system?: Account['systemAccount'],
): Account {
  return {
    id,
    name,
    type,
    sourceType: 'conversion',
    class: cls,
    isHeader: false,
    active: true,
    ...(system ? {systemAccount: system} : {}),
  }
}

/**
 * Plans a conversion-date migration (pure): which staged records load as they are, which documents load as
 * open at the date, what is left out, and the opening balance journal(s) built from the source's own trial
 * balance, so that QBO's trial balance at the date equals the source's, account by account.
 */
export function planConversion(
  staged: readonly CanonicalRecord[],
  settings: ConversionSettings,
  reports: readonly SourceReport[],
  company: {homeCurrency: string; fiscalYearStartMonth: number},
): ConversionPlan {
  const {fiscalYearStartMonth} = company
  const D0 = settings.date
  const plan: ConversionPlan = {settings, records: [], skipped: [], decisions: new Map(), blocked: []}
  const decide = (kind: string, id: string, d: Decision) =>
    plan.decisions.set(`${kind}:${id}`, [...(plan.decisions.get(`${kind}:${id}`) ?? []), d])
  const accounts = staged.filter((r) => r.kind === 'account').map((r) => r.record as Account)
  const added: Account[] = []
  const keyFor = (existing: Account | undefined, make: () => Account) => {
    if (existing) return existing.id
    const a = make()
    if (!added.some((x) => x.id === a.id)) added.push(a)
    return a.id
  }
  const byFlag = (flag: Account['systemAccount'], type?: Account['type']) =>
    accounts.find((a) => a.systemAccount === flag) ??
    (type ? accounts.find((a) => a.type === type) : undefined)
  const clearing = keyFor(undefined, () =>
    account(CONVERSION_IDS.clearing, 'Conversion Clearing', 'bank', 'asset'),
  )
  const postingAccounts: PostingAccounts = {
    receivable: keyFor(byFlag('AR', 'accountsReceivable'), () =>
      account(CONVERSION_IDS.receivable, 'Accounts Receivable', 'accountsReceivable', 'asset', 'AR'),
    ),
    payable: keyFor(byFlag('AP', 'accountsPayable'), () =>
      account(CONVERSION_IDS.payable, 'Accounts Payable', 'accountsPayable', 'liability', 'AP'),
    ),
    tax: keyFor(sourceTaxAccounts(accounts)[0], () =>
      account(CONVERSION_IDS.tax, 'GST', 'currentLiability', 'liability', 'GST'),
    ),
    exchangeGainLoss: CONVERSION_IDS.exchangeGainLoss,
    items: new Map(
      staged
        .filter((r) => r.kind === 'item')
        .map((r) => [
          (r.record as {code: string}).code,
          r.record as {salesAccountId?: string; purchaseAccountId?: string},
        ]),
    ),
  }
  const exchangeKey = () =>
    keyFor(byFlag('CURRENCY_GAIN'), () =>
      account(
        CONVERSION_IDS.exchangeGainLoss,
        'Exchange Gain or Loss',
        'otherIncome',
        'revenue',
        'CURRENCY_GAIN',
      ),
    )
  const retainedKey = () =>
    keyFor(byFlag('RETAINED_EARNINGS'), () =>
      account(CONVERSION_IDS.retainedEarnings, 'Retained Earnings', 'equity', 'equity', 'RETAINED_EARNINGS'),
    )

  const open = openAt(staged, D0)
  const rates = impliedRates(staged, open, reports, D0, company.homeCurrency)
  const postings: Posting[] = []
  const skip = (r: CanonicalRecord, id: string, why: string, entity?: QboEntity) => {
    const e =
      entity ?? ENTITY[r.kind] ?? ((r.record as BankTransaction).type === 'spend' ? 'Purchase' : 'Deposit')
    plan.skipped.push({
      entity: e,
      sourceId: id,
      sourceKind: r.kind,
      label: id,
      issues: [],
      decisions: [decision('BEFORE_CONVERSION_DATE', why, {conversionDate: D0})],
      disposition: {action: 'skip', reason: `before the conversion date ${D0}`},
    })
  }
  const inHistory = `dated on or before the conversion date ${D0}: its effect is in the opening balances, so it is not loaded`

  for (const r of staged) {
    const rec = r.record as {id: string; date?: string}
    if (!TRADE.has(r.kind)) {
      if (r.kind === 'payment' || r.kind === 'billPayment') {
        const p = r.record as Payment
        if (p.date <= D0) skip(r, p.id, `paid on ${p.date}, ${inHistory}`)
        else plan.records.push(r)
      } else if (rec.date !== undefined && rec.date <= D0) skip(r, rec.id, inHistory)
      else plan.records.push(r)
      continue
    }
    const doc = r.record as TradeDocument
    if (doc.date > D0 || (doc.status !== 'authorised' && doc.status !== 'paid')) {
      plan.records.push(r)
      continue
    }
    const kind = doc.kind
    const left = open.get(docKey(doc)) ?? dec(doc.total)
    const credit = kind === 'creditNote' || kind === 'supplierCredit'
    // Credit applications dated on or before the date are settled history too.
    doc.allocations?.forEach((a, i) => {
      if ((a.date ?? doc.date) <= D0)
        skip(
          r,
          `${doc.id}/applied/${i + 1}`,
          `credit applied on ${a.date ?? doc.date}, ${inHistory}`,
          credit && kind === 'creditNote' ? 'Payment' : 'BillPayment',
        )
    })
    if (left.isZero()) {
      skip(
        r,
        doc.id,
        `settled by the conversion date ${D0}: it is in the opening balances, so it is not loaded`,
      )
      continue
    }
    const later = (doc.allocations ?? []).filter((a) => (a.date ?? doc.date) > D0)
    const rate = doc.exchangeRate ?? rates.get(docKey(doc))?.rate
    if (!doc.exchangeRate && rate) decide(kind, doc.id, rates.get(docKey(doc))!.decision)
    const total = dec(doc.total)
    if (settings.openDocuments === 'outstanding' || credit) {
      const amount = amountText(left)
      const rewritten: TradeDocument = {
        ...doc,
        ...(rate ? {exchangeRate: rate} : {}),
        amountsAre: 'noTax',
        lines: [
          {
            lineNo: 1,
            description: `Open at ${D0}: ${amount} of ${doc.total}${doc.number ? ` (${doc.number})` : ''}`,
            accountId: clearing,
            taxAmount: '0.00',
            lineAmount: amount,
            tracking: [],
          },
        ],
        subTotal: amount,
        totalTax: '0.00',
        total: amount,
        amountDue: amount,
        status: 'authorised',
        allocations: later,
      }
      delete rewritten.amountPaid
      if (later.length === 0) delete rewritten.allocations
      plan.records.push({kind, record: rewritten} as CanonicalRecord)
      postings.push(...documentPostings(rewritten, postingAccounts))
      decide(
        kind,
        doc.id,
        decision(
          'OPEN_AT_CONVERSION',
          `open at the conversion date ${D0}: loaded with the ${amount} still owed of its ${doc.total}, on one line to Conversion Clearing; its own lines and tax are in the opening balances${credit && settings.openDocuments === 'full' ? ' (a credit is always loaded this way: QBO has no form for the part used before the date)' : ''}`,
          {outstanding: amount, total: doc.total},
        ),
      )
      continue
    }
    const full: TradeDocument = {...doc, ...(rate ? {exchangeRate: rate} : {})}
    delete full.allocations
    plan.records.push({kind, record: full} as CanonicalRecord)
    postings.push(...documentPostings(full, postingAccounts))
    const paid = total.minus(left)
    if (paid.isZero()) continue
    const payKind = kind === 'invoice' ? 'payment' : 'billPayment'
    const payment: Payment = {
      id: CONVERSION_IDS.paidPart(kind, doc.id),
      date: D0,
      contactId: doc.contactId,
      bankAccountId: clearing,
      amount: amountText(paid),
      currency: doc.currency,
      ...(rate ? {exchangeRate: rate} : {}),
      reference: 'Paid before conversion',
      allocations: [{documentKind: kind, documentId: doc.id, amount: amountText(paid), date: D0}],
    }
    plan.records.push({kind: payKind, record: payment} as CanonicalRecord)
    const pp = paymentPostings(payment, payKind, full, total, {
      ...postingAccounts,
      exchangeGainLoss: exchangeKey(),
    })
    postings.push(...pp)
    decide(
      payKind,
      payment.id,
      decision(
        'PAID_BEFORE_CONVERSION',
        `the ${amountText(paid)} paid on ${doc.number ?? doc.id} by the conversion date ${D0}, as one payment into Conversion Clearing (the real payments are in the opening balances)`,
        {document: doc.number ?? doc.id, paid: amountText(paid)},
      ),
    )
    decide(
      kind,
      doc.id,
      decision(
        'OPEN_AT_CONVERSION',
        `open at the conversion date ${D0}: loaded in full (${doc.total}), with the ${amountText(paid)} paid before the date as one payment into Conversion Clearing`,
        {outstanding: amountText(left), total: doc.total},
      ),
    )
  }

  const journals = journalRecords(plan, reports, accounts, postings, postingAccounts, {
    clearing,
    fiscalYearStartMonth,
    retainedKey,
    exchangeKey,
  })
  plan.records.push(...journals)
  plan.records.unshift(...added.map((a) => ({kind: 'account', record: a}) as CanonicalRecord))
  if (added.some((a) => a.id === clearing)) {
    decide(
      'account',
      clearing,
      decision(
        'CONVERSION_CLEARING',
        `created for the conversion at ${D0}: documents open at the date and the opening balances meet here, so it ends the date at zero (the reconciliation checks it)`,
      ),
    )
  }
  return plan
}
