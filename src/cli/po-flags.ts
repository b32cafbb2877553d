import {Flags} from '@oclif/core'

import {checkSelection, type PoSelection} from '../po/index.js'

/** The selection flags shared by `qbo po list` and `qbo po batch`. */
export const selectionFlags = {
  vendor: Flags.string({description: "Only this supplier's purchase orders (display name or QBO id)."}),
  status: Flags.string({
    options: ['open', 'closed'],
    description: 'Only open or only closed purchase orders.',
  }),
  from: Flags.string({description: 'Only purchase orders dated on or after this day (YYYY-MM-DD).'}),
  to: Flags.string({description: 'Only purchase orders dated on or before this day (YYYY-MM-DD).'}),
  'doc-number': Flags.string({
    description: 'Only these purchase order numbers (repeat the flag or separate with commas).',
    multiple: true,
  }),
}

/** Where tags and ship dates live (remembered in the migration file's settings once given). */
export const storageFlags = {
  'tag-field': Flags.string({
    description:
      "A QBO purchase-order custom field to hold tags (remembered); default: PrivateNote's first line. '' goes back to PrivateNote.",
  }),
  'ship-date-field': Flags.string({
    description:
      "A QBO purchase-order custom field to hold the ship date (remembered); default: DueDate. '' goes back to DueDate.",
  }),
}

export function selectionOf(flags: {
  vendor?: string
  status?: string
  from?: string
  to?: string
  'doc-number'?: string[]
  tagged?: string
}): PoSelection {
  const docNumbers = (flags['doc-number'] ?? [])
    .flatMap((d) => d.split(','))
    .map((d) => d.trim())
    .filter(Boolean)
  return checkSelection({
    ...(flags.vendor ? {vendor: flags.vendor} : {}),
    ...(flags.status ? {status: flags.status as 'open' | 'closed'} : {}),
    ...(flags.from ? {from: flags.from} : {}),
    ...(flags.to ? {to: flags.to} : {}),
    ...(docNumbers.length ? {docNumbers} : {}),
    ...(flags.tagged ? {tagged: flags.tagged} : {}),
  })
}

export function storageOf(flags: {'tag-field'?: string; 'ship-date-field'?: string}) {
  return {
    ...(flags['tag-field'] !== undefined ? {tagField: flags['tag-field']} : {}),
    ...(flags['ship-date-field'] !== undefined ? {shipDateField: flags['ship-date-field']} : {}),
  }
}
