import {type Verdict, otherSource, verdictOf} from '../files/units.js'
import {isMyobExport} from '../myob/expand-headers.js'
import {XERO, type XeroFileType} from './layouts.js'

/** Xero report titles: an exported report starts with its title line, not a header row (sources.md §1.8). */
const REPORT_TITLES = [
  'trial balance',
  'account transactions',
  'general ledger',
  'aged receivables',
  'aged payables',
  'profit and loss',
  'balance sheet',
  'receivable invoice detail',
  'payable invoice detail',
]

/** A Xero report export (its first line a report title): the migration does not stage reports. */
function xeroReport(names: readonly string[]): Verdict<never> | undefined {
  const title = names.filter((h) => h.trim() !== '')
  if (title.length !== 1) return undefined
  const text = (title[0] as string).trim()
  if (!REPORT_TITLES.some((t) => text.toLowerCase().startsWith(t))) return undefined
  return {
    refuse: `a Xero report export ("${text}"): reports are not migrated`,
    next: 'Remove it from the folder: the reconciliation workbook compares the trial balance and aging itself.',
  }
}

/** A Xero CSV's type from its header row alone (never its file name). */
export function recogniseXeroLayout(names: readonly string[]): Verdict<XeroFileType> | undefined {
  return xeroReport(names) ?? verdictOf(XERO.recognise(names), 'Xero')
}

/** A header that is clearly one of Xero's exports (to tell a user who gave it to the MYOB extract). */
export function isXeroExport(names: readonly string[]): boolean {
  return xeroReport(names) !== undefined || XERO.recognise(names).kind === 'match'
}

/** What `--from xero-csv` does with a file: read it, refuse it (with why), or (undefined) skip it as no export. */
export function recogniseXeroFile(names: readonly string[]): Verdict<XeroFileType> | undefined {
  if (isXeroExport(names)) return recogniseXeroLayout(names)
  if (isMyobExport(names)) return otherSource('a MYOB AccountRight export', 'myob')
  return recogniseXeroLayout(names)
}
