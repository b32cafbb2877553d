import {D} from '../domain/money.js'
import type {ContactResolver} from './contacts.js'
import type {FieldDifference, MatchedPair, QboDoc} from './docs.js'
import type {Match} from './match.js'
import {documentLimit, type TolerancePolicy} from './tolerance.js'

function amountDiff(
  field: 'total' | 'tax' | 'balance',
  source: string,
  qbo: string,
  limit: () => InstanceType<typeof D>,
): FieldDifference | undefined {
  if (source === qbo) return undefined // both are 2-dp text, so equal text is equal amounts
  const diff = new D(qbo).minus(source)
  if (diff.isZero()) return undefined
  return {
    field,
    source,
    qbo,
    difference: diff.toFixed(2),
    withinTolerance: diff.abs().lessThanOrEqualTo(limit()),
  }
}

/**
 * Compares one matched pair field by field: total, tax, date, contact, line count and balance due. Amounts
 * within the policy are still listed (withinTolerance) so the workbook shows what the allowance covered.
 */
export function comparePair(match: Match, contacts: ContactResolver, policy: TolerancePolicy): MatchedPair {
  const {source, qbo} = match
  const differences: FieldDifference[] = []
  // Computed only when an amount differs: most of 100,000 pairs agree to the cent.
  const docLimit = () => documentLimit(policy, source.taxedLines)
  const push = (d: FieldDifference | undefined) => d && differences.push(d)

  push(amountDiff('total', source.total, qbo.total, docLimit))
  if (source.tax !== undefined && qbo.tax !== undefined)
    push(amountDiff('tax', source.tax, qbo.tax, docLimit))
  if (source.date !== qbo.date) {
    differences.push({field: 'date', source: source.date, qbo: qbo.date, withinTolerance: false})
  }
  if (contacts.agrees(source, qbo) === false) {
    differences.push({
      field: 'contact',
      source: source.contactName ?? source.contactId ?? '',
      qbo: describeContact(qbo, contacts),
      withinTolerance: false,
    })
  }
  if (source.lineCount !== qbo.lineCount && source.entity !== 'Transfer') {
    differences.push({
      field: 'lineCount',
      source: String(source.lineCount),
      qbo: String(qbo.lineCount),
      difference: String(qbo.lineCount - source.lineCount),
      withinTolerance: false,
    })
  }
  if (source.balance !== undefined && qbo.balance !== undefined) {
    push(amountDiff('balance', source.balance, qbo.balance, () => new D(policy.amount)))
  }
  const failed = differences.some((d) => !d.withinTolerance)
  // Spelled out, not `{...match, ...}`: V8 gave each spread copy a hidden class of its own, some 200 bytes
  // per pair, which for 100,000 pairs was a tenth of reconcile's memory.
  return {
    source,
    qbo,
    method: match.method,
    differences,
    status: failed ? 'mismatched' : 'matched',
  }
}

function describeContact(qbo: QboDoc, contacts: ContactResolver): string {
  const name = contacts.qboNameOf(qbo)
  return name ? `${name} (${qbo.contactId ?? '?'})` : (qbo.contactId ?? '')
}
