import {UsageError} from '../domain/errors.js'
import {D, type Dec, parseDecimal} from '../domain/money.js'

/**
 * What counts as "agreeing". Absolute amounts, never percentages: a percentage hides large errors on large
 * balances. The tax rounding allowance exists because Xero rounds tax per line and QBO may round per
 * document; it is granted per document only, on tax and total, and every use of it is listed in the workbook.
 */
export interface TolerancePolicy {
  /** Largest absolute difference accepted on any compared amount (document, account, contact). */
  amount: string
  /** Extra allowance per taxed line on a document's tax and total (0.01 × taxed lines by default). */
  taxRoundingPerLine: string
  /** Trial balance: extra allowance per foreign-currency document on a non-control account (see above). */
  fxRoundingPerDocument: string
  /** Heuristic matching: how many days a QBO TxnDate may differ from the source date. */
  heuristicDateWindowDays: number
}

export const DEFAULT_TOLERANCE: TolerancePolicy = {
  amount: '0.01',
  taxRoundingPerLine: '0.01',
  fxRoundingPerDocument: '0.01',
  heuristicDateWindowDays: 7,
}

/** Builds a policy from the command's `--tolerance` text; rejects anything but a non-negative decimal. */
export function tolerancePolicy(amount?: string, overrides: Partial<TolerancePolicy> = {}): TolerancePolicy {
  const text = amount ?? DEFAULT_TOLERANCE.amount
  const parsed = parseDecimal(text)
  if (!parsed || parsed.isNegative()) {
    throw new UsageError(`--tolerance must be a non-negative amount such as 0.01, not "${text}"`, {
      next: 'qbo migrate reconcile --tolerance 0.01',
    })
  }
  return {...DEFAULT_TOLERANCE, ...overrides, amount: parsed.toFixed(2)}
}

/** The limit for a document's tax or total: the absolute tolerance plus the per-line tax rounding allowance. */
export function documentLimit(policy: TolerancePolicy, taxedLines: number): Dec {
  return new D(policy.amount).plus(new D(policy.taxRoundingPerLine).times(taxedLines))
}

export function describePolicy(policy: TolerancePolicy): string {
  return (
    `Absolute ${policy.amount} on every amount (documents, trial balance accounts, aging per contact); ` +
    `plus ${policy.taxRoundingPerLine} per taxed line on a document's tax and total (per-line vs per-document tax rounding); ` +
    `plus ${policy.fxRoundingPerDocument} per foreign-currency document on a trial balance account other than AR, AP and bank (where QBO rounds converted lines and tax is undocumented). ` +
    `Heuristic matches accept a date within ${policy.heuristicDateWindowDays} days.`
  )
}
