import {D, type Dec, roundAmount} from '../../../domain/money.js'
import type {LedgerContext} from './context.js'
import {type Json, str} from './read.js'
import type {EntityRef, Posting, TxnRef} from './types.js'

/**
 * A posting before currency conversion: amount is signed (debit positive, credit negative) and in the
 * transaction's currency, unless `home` says it is already in home currency (inventory cost, the AR or AP
 * relieved at the linked document's own rate).
 */
export interface Draft {
  accountId: string
  amount: Dec
  entity?: EntityRef
  home?: boolean
  /** Receives the rounding difference left after conversion (the largest plug line wins). */
  plug?: boolean
}

/** Where the difference left after converting to home currency goes. */
export type Residual = {kind: 'plug'} | {kind: 'account'; accountId: string}

export function txnRefOf(type: string, txn: Json): TxnRef {
  const ref: TxnRef = {type, id: str(txn, 'Id') ?? ''}
  const doc = str(txn, 'DocNumber')
  if (doc !== undefined) ref.docNumber = doc
  return ref
}

/** QBO dates a transaction by TxnDate; a missing one fell back to the day it was created. */
export function txnDateOf(txn: Json): string {
  return str(txn, 'TxnDate') ?? str(txn, 'MetaData', 'CreateTime')?.slice(0, 10) ?? '1900-01-01'
}

/**
 * Converts drafts to home currency (each rounded to cents), then closes the gap so that debits equal
 * credits. A gap within a cent per line is rounding and goes to the plug (or, for payments, to the exchange
 * gain/loss account); anything larger means the stored transaction did not add up, and goes to a visible
 * suspense account rather than being hidden in a real one.
 */
export function finish(
  ctx: LedgerContext,
  date: string,
  txn: TxnRef,
  drafts: Draft[],
  rate: Dec,
  residual: Residual,
): Posting[] {
  const home = drafts.map((d) => ({...d, amount: roundAmount(d.home ? d.amount : d.amount.times(rate))}))
  const gap = home.reduce((sum, d) => sum.plus(d.amount), new D(0))
  if (!gap.isZero()) {
    const tolerance = new D('0.01').times(Math.max(home.length, 1))
    if (residual.kind === 'account') {
      home.push({accountId: residual.accountId, amount: gap.negated()})
    } else {
      const plug = pickPlug(home)
      if (plug && gap.abs().lte(tolerance)) plug.amount = plug.amount.minus(gap)
      else home.push({accountId: ctx.chart.system('Suspense'), amount: gap.negated()})
    }
  }
  return home
    .filter((d) => !d.amount.isZero())
    .map((d) => {
      const posting: Posting = {
        date,
        accountId: d.accountId,
        debit: d.amount.isPositive() ? d.amount : new D(0),
        credit: d.amount.isNegative() ? d.amount.negated() : new D(0),
        txn,
      }
      if (d.entity) posting.entity = d.entity
      return posting
    })
}

function pickPlug(drafts: Draft[]): Draft | undefined {
  const plugs = drafts.filter((d) => d.plug)
  const pool = plugs.length > 0 ? plugs : drafts
  return pool.reduce<Draft | undefined>(
    (best, d) => (!best || d.amount.abs().gt(best.amount.abs()) ? d : best),
    undefined,
  )
}
