import {BugError} from './errors.js'

const AMOUNT = /^(-?)(\d+)\.(\d{2})$/

/**
 * Integer minor units for the totals summed over every document (per entity and month): exact, and far
 * cheaper than a decimal object per addition when a company has 100,000 documents. A double holds integers
 * exactly up to 2^53, i.e. 90 trillion in cents, well past any company's monthly total.
 */
export function toCents(amount: string): number {
  const m = AMOUNT.exec(amount)
  if (!m)
    throw new BugError(`not a 2-decimal amount: "${amount}"`, {
      next: 'Report this as a bug with the record it names',
    })
  const cents = Number(m[2]) * 100 + Number(m[3])
  return m[1] ? -cents : cents
}

export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
