import type {QboFault} from './port.js'

/** What the loader does with an item QBO refused. One bad item never stops or undoes its batch. */
export type Triage =
  {action: 'retry'} | {action: 'adoptIfSame'} | {action: 'requeue'} | {action: 'park'; fix: string}

// NO_RESPONSE: QBO answered the batch but not this item; its fate is unknown, so it is looked up or retried.
// NOT_LANDED: its answer was lost and it was not in QBO once it could no longer be in progress.
const RETRYABLE = new Set(['3001', '3003', '10000', '500', '503', '600', 'NO_RESPONSE', 'NOT_LANDED'])

const FIXES: Record<string, string> = {
  '2020':
    'A required field is missing: fill it in the source or the mapping workbook, then run `qbo migrate load --resume`.',
  '2050': 'A text is longer than QBO allows: shorten it in the source, then resume.',
  '2250': 'The transaction has no lines QBO accepts: check the source document.',
  '2300': 'The journal does not balance: correct the source journal, re-extract, then resume.',
  '2500':
    'A referenced record (account, customer, item, tax code …) is missing or inactive in QBO: activate or map it, then resume.',
  '610': 'A referenced record was deleted or made inactive in QBO: restore or re-map it, then resume.',
  '6000': 'QBO rejected a business rule (see the message): correct the source or the mapping, then resume.',
  '6140':
    'Another transaction already uses this number: rename one of them, or allow duplicate numbers, then resume.',
  '6170': 'Tax details were sent for a document without tax: check the tax code mapping.',
  '6200':
    'The books are closed for this date: change the closing date in QBO or the document date, then resume.',
  '6210':
    'The books are closed for this date: change the closing date in QBO or the document date, then resume.',
  '6240':
    'Another customer, vendor or employee already uses this name: rename it in the mapping workbook, then resume.',
  '6270':
    "The item's inventory start date is after this transaction: set an earlier start date, then resume.",
}

export function triage(fault: QboFault): Triage {
  if (RETRYABLE.has(fault.code)) return {action: 'retry'}
  if (fault.code === '6240' || fault.code === '6140') return {action: 'adoptIfSame'}
  if (fault.code === '2500' || fault.code === '610') return {action: 'requeue'}
  return {
    action: 'park',
    fix:
      FIXES[fault.code] ??
      'Correct the record as the message says (source or mapping workbook), then run `qbo migrate load --resume`.',
  }
}

export function suggestedFix(code: string): string {
  return FIXES[code] ?? 'Correct the record as the message says, then run `qbo migrate load --resume`.'
}
