import {Flags} from '@oclif/core'

import type {ConversionOption} from '../load/staged-company.js'

/** A conversion-date migration, on plan and load (also the mapping workbook's Settings sheet). */
export const conversionFlags = {
  'conversion-date': Flags.string({
    description:
      "Migrate as at this date (YYYY-MM-DD): the source's trial balance at the date as opening balances, documents still open at it, and the records after it. Needs the source's Trial Balance (and aged summaries) as at the date among the extracted files. Kept for later runs.",
  }),
  'open-documents': Flags.string({
    options: ['outstanding', 'full'],
    description:
      'With a conversion date: load each document open at the date with what is still owed (outstanding, the default), or in full with the part paid before the date as a payment into Conversion Clearing (full).',
  }),
  history: Flags.string({
    options: ['opening', 'monthly'],
    description:
      "With a conversion date: the history before it as one opening balance journal (opening, the default), or as monthly summary journals per account where the source's month-end trial balances were extracted (monthly).",
  }),
}

export function conversionOption(flags: {
  'conversion-date'?: string
  'open-documents'?: string
  history?: string
}): ConversionOption | undefined {
  if (!flags['conversion-date'] && !flags['open-documents'] && !flags.history) return undefined
  return {
    ...(flags['conversion-date'] ? {date: flags['conversion-date']} : {}),
    ...(flags['open-documents'] ? {openDocuments: flags['open-documents'] as 'outstanding' | 'full'} : {}),
    ...(flags.history ? {history: flags.history as 'opening' | 'monthly'} : {}),
  }
}
