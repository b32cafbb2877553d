import type {BankTransaction, ManualJournal, OpeningBalance, TradeDocument} from './canonical.js'
import {dec, sum} from './money.js'

/**
 * The arithmetic every staged document must satisfy. Adapters refuse a document that fails (with file and
 * line); the contract suite checks every adapter's output with the same function.
 */
export function documentTotalProblems(doc: TradeDocument | BankTransaction): string[] {
  const problems: string[] = []
  const lines = sum(doc.lines.map((l) => dec(l.lineAmount)))
  const lineTax = sum(doc.lines.map((l) => dec(l.taxAmount)))
  const total = dec(doc.total)
  const tax = dec(doc.totalTax)
  const expected = doc.amountsAre === 'exclusive' ? lines.plus(tax) : lines
  if (!expected.eq(total)) {
    problems.push(
      `lines sum to ${lines.toFixed(2)} (${doc.amountsAre}, tax ${tax.toFixed(2)}) but the total is ${total.toFixed(2)}`,
    )
  }
  if (!lineTax.eq(tax))
    problems.push(`line tax sums to ${lineTax.toFixed(2)} but the total tax is ${tax.toFixed(2)}`)
  if (!dec(doc.subTotal).plus(tax).eq(total)) {
    problems.push(`subtotal ${doc.subTotal} plus tax ${doc.totalTax} is not the total ${doc.total}`)
  }
  if (doc.amountsAre === 'noTax' && !tax.isZero())
    problems.push(`a no-tax document carries tax ${doc.totalTax}`)
  return problems
}

export function journalProblems(journal: ManualJournal | OpeningBalance): string[] {
  const net = sum(journal.lines.map((l) => dec(l.amount)))
  return net.isZero() ? [] : [`debits and credits differ by ${net.toFixed(2)}`]
}
