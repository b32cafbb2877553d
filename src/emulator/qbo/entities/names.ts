import {faults} from '../faults.js'
import type {Json} from '../store.js'
import {type WriteContext, isObject, maxLen, resolveRef, str} from './context.js'

const NAME_ENTITIES = ['Customer', 'Vendor', 'Employee']
const BAD_NAME_CHARS = /[:\t\n]/

/**
 * Customer, Vendor, Employee: one of the name fields is required (6080), DisplayName defaults from them,
 * and DisplayName is unique across all three types, case-insensitively (6240).
 */
export function normalizeName(
  entity: string,
  input: Json,
  existing: Json | undefined,
  ctx: WriteContext,
): Json {
  const out: Json = {...input}
  for (const [field, max] of [
    ['DisplayName', 500],
    ['GivenName', 100],
    ['MiddleName', 100],
    ['FamilyName', 100],
    ['CompanyName', 100],
    ['Title', 16],
    ['Suffix', 16],
    ['PrintOnCheckName', 110],
    ['Notes', 2000],
    ['ResaleNum', 16],
    ['AcctNum', 100],
    ['TaxIdentifier', 20],
  ] as const)
    maxLen(out, field, max)
  for (const field of [
    'DisplayName',
    'GivenName',
    'MiddleName',
    'FamilyName',
    'Title',
    'Suffix',
    'PrintOnCheckName',
  ]) {
    const v = str(out, field)
    if (v !== undefined && BAD_NAME_CHARS.test(v))
      throw faults.invalidString(
        field,
        `Invalid String : ${field} cannot contain a colon (:), tab or new line`,
      )
  }
  const given = [
    str(out, 'Title'),
    str(out, 'GivenName'),
    str(out, 'MiddleName'),
    str(out, 'FamilyName'),
    str(out, 'Suffix'),
  ]
    .filter(Boolean)
    .join(' ')
  const display = str(out, 'DisplayName')?.trim() || given || str(out, 'CompanyName')?.trim()
  if (!display) throw faults.noName()
  out.DisplayName = display
  if (!str(out, 'PrintOnCheckName')) out.PrintOnCheckName = display
  const email = out.PrimaryEmailAddr
  if (isObject(email) && typeof email.Address === 'string') {
    if (email.Address.length > 100)
      throw faults.stringLength('PrimaryEmailAddr.Address', 100, email.Address.length)
    if (!/@.+\./.test(email.Address))
      throw faults.invalidString(
        'PrimaryEmailAddr',
        `Invalid String : Email Address does not conform to the syntax rules of RFC 822. Supplied value:${email.Address}`,
      )
  }
  for (const other of NAME_ENTITIES) {
    for (const row of ctx.store.byName(other, display)) {
      if (other === entity && row.Id === existing?.Id) continue
      throw faults.duplicateName()
    }
  }
  out.Active = out.Active ?? true
  if (
    existing &&
    out.Active === false &&
    existing.Active !== false &&
    entity !== 'Employee' &&
    Number(existing.Balance ?? 0) !== 0
  )
    throw faults.hasBalance()
  if (entity === 'Customer') {
    const parent = resolveRef(ctx, out, 'ParentRef', ['Customer'])
    out.Job = parent ? (out.Job ?? true) : false
    out.FullyQualifiedName = parent ? `${String(parent.FullyQualifiedName)}:${display}` : display
    out.Level = parent ? Number(parent.Level ?? 0) + 1 : 0
    if (Number(out.Level) > 4)
      throw faults.business('Sub-customers can be nested at most 4 levels below the parent.')
    resolveRef(ctx, out, 'SalesTermRef', ['Term'])
    resolveRef(ctx, out, 'PaymentMethodRef', ['PaymentMethod'])
    resolveRef(ctx, out, 'DefaultTaxCodeRef', ['TaxCode'])
  }
  if (entity === 'Vendor') {
    resolveRef(ctx, out, 'TermRef', ['Term'])
    resolveRef(ctx, out, 'APAccountRef', ['Account'])
  }
  if (entity !== 'Employee') {
    out.CurrencyRef = out.CurrencyRef ?? existing?.CurrencyRef ?? {value: 'AUD', name: 'Australian Dollar'}
    if (
      existing &&
      isObject(existing.CurrencyRef) &&
      isObject(out.CurrencyRef) &&
      existing.CurrencyRef.value !== out.CurrencyRef.value
    )
      throw faults.business("You can't change the currency of a customer or supplier that has transactions.")
    out.Balance = existing?.Balance ?? 0
    out.BalanceWithJobs = existing?.BalanceWithJobs ?? 0
  }
  return out
}
