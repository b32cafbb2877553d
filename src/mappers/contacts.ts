import type {Contact} from '../domain/canonical.js'
import type {z} from 'zod'
import type {Address} from '../domain/canonical.js'
import type {MappingContext} from './context.js'
import {cleanPersonText, displayNameFor, type ContactEntity} from './names.js'
import {Notes, type MapResult} from './result.js'
import {termRef} from './terms.js'

type PostalAddress = z.infer<typeof Address>

function address(a: PostalAddress | undefined): Record<string, unknown> | undefined {
  if (!a) return undefined
  const lines = [a.attention, ...a.lines].filter((l): l is string => !!l && l.trim() !== '').slice(0, 5)
  const out: Record<string, unknown> = {}
  lines.forEach((l, i) => (out[`Line${i + 1}`] = l.slice(0, 500)))
  if (a.city) out.City = a.city.slice(0, 255)
  if (a.region) out.CountrySubDivisionCode = a.region.slice(0, 255)
  if (a.postalCode) out.PostalCode = a.postalCode.slice(0, 30)
  if (a.country) out.Country = a.country.slice(0, 255)
  return Object.keys(out).length ? out : undefined
}

const currencyCache = new WeakMap<MappingContext, Map<string, Set<string>>>()

/** Currencies of a contact's documents on one side (sales for customers, purchases for vendors). */
function documentCurrencies(ctx: MappingContext, entity: ContactEntity, contactId: string): Set<string> {
  let index = currencyCache.get(ctx)
  if (!index) {
    index = new Map()
    for (const d of ctx.source.documents.values()) {
      const side = d.kind === 'invoice' || d.kind === 'creditNote' ? 'Customer' : 'Vendor'
      const key = `${side}:${d.contactId}`
      index.set(key, (index.get(key) ?? new Set()).add(d.currency))
    }
    currencyCache.set(ctx, index)
  }
  return index.get(`${entity}:${contactId}`) ?? new Set()
}

/**
 * A QBO customer or vendor holds ONE currency, fixed once set, and its documents must be in it. The source's
 * currency wins; without one, the currency of the contact's documents is used.
 */
function currencyField(
  ctx: MappingContext,
  notes: Notes,
  contact: Contact,
  entity: ContactEntity,
  p: Record<string, unknown>,
): void {
  const home = ctx.target.homeCurrency
  const used = documentCurrencies(ctx, entity, contact.id)
  const all = new Set([...used, ...(contact.currency ? [contact.currency] : [])])
  const foreign = [...all].filter((c) => c !== home)
  if (!ctx.target.multiCurrency) {
    if (foreign.length) {
      notes.block(
        'MULTICURRENCY_OFF',
        `the contact uses ${foreign.join(', ')} but multicurrency is off in the QBO company`,
        'Turn on multicurrency in QBO (Account and settings > Advanced > Currency), then plan again.',
      )
    }
    return
  }
  if (all.size > 1) {
    notes.block(
      'CONTACT_MIXED_CURRENCIES',
      `the contact's ${entity === 'Customer' ? 'sales' : 'purchases'} are in ${[...all].sort().join(' and ')}, but a QBO ${entity.toLowerCase()} holds one currency`,
      'Split the contact in the source (one contact per currency) and re-extract.',
    )
    return
  }
  const currency = [...all][0]
  if (!currency) return
  p.CurrencyRef = {value: currency}
  if (!contact.currency && currency !== home) {
    notes.decide(
      'CONTACT_CURRENCY_FROM_DOCUMENTS',
      `currency ${currency} taken from the contact's documents`,
      {currency},
    )
  }
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Customer or Vendor from a contact; the name comes from the company-wide allocation (names.ts). */
export function mapContact(contact: Contact, entity: ContactEntity, ctx: MappingContext): MapResult {
  const notes = new Notes()
  const choice = displayNameFor(ctx, entity, contact.id)
  if (!choice) {
    notes.block(
      'CONTACT_ROLE_UNKNOWN',
      `contact ${contact.id} is not a ${entity === 'Vendor' ? 'supplier' : 'customer'}`,
      'Nothing to do unless a document needs it.',
    )
    return notes.result(entity, contact.id)
  }
  for (const c of choice.changes) notes.decide(c.code, c.message, {from: contact.name, to: choice.name})
  if (choice.adoptId && choice.adoptInactive) {
    notes.block(
      'ADOPT_INACTIVE',
      `QBO ${entity} "${choice.name}" exists but is inactive (made inactive in QBO, or by qbo migrate undo)`,
      `Make "${choice.name}" active in QBO (include inactive ones in the list, then Make active), then plan again.`,
    )
    return notes.result(entity, contact.id)
  }
  if (choice.adoptId) {
    return {
      ...notes.result(entity, contact.id),
      disposition: {action: 'adopt', qboId: choice.adoptId, reason: `QBO ${entity} "${choice.name}" exists`},
    }
  }
  if (!contact.isCustomer && !contact.isSupplier) {
    notes.decide(
      'CONTACT_ROLE_DEFAULTED',
      'neither customer nor supplier in the source; created as a customer',
    )
  }
  const p: Record<string, unknown> = {DisplayName: choice.name}
  const company = contact.companyName ?? (contact.isIndividual ? undefined : contact.name)
  if (company) p.CompanyName = cleanPersonText(company).slice(0, 100)
  if (contact.firstName) p.GivenName = cleanPersonText(contact.firstName).slice(0, 100)
  if (contact.lastName) p.FamilyName = cleanPersonText(contact.lastName).slice(0, 100)
  if (contact.email) {
    if (EMAIL.test(contact.email) && contact.email.length <= 100)
      p.PrimaryEmailAddr = {Address: contact.email}
    else
      notes.decide(
        'CONTACT_EMAIL_DROPPED',
        `e-mail "${contact.email}" is not one QBO accepts (needs @ and ., max 100)`,
        {email: contact.email},
      )
  }
  if (contact.phone) p.PrimaryPhone = {FreeFormNumber: contact.phone.slice(0, 30)}
  if (contact.mobile) p.Mobile = {FreeFormNumber: contact.mobile.slice(0, 30)}
  if (contact.fax) p.Fax = {FreeFormNumber: contact.fax.slice(0, 30)}
  if (contact.website) p.WebAddr = {URI: contact.website.slice(0, 1000)}
  const bill = address(contact.billingAddress)
  if (bill) p.BillAddr = bill
  if (contact.notes) p.Notes = contact.notes.slice(0, 2000)
  currencyField(ctx, notes, contact, entity, p)
  if (entity === 'Customer') {
    const ship = address(contact.deliveryAddress)
    if (ship) p.ShipAddr = ship
    const term = termRef(ctx, contact.salesTerms)
    if (term) p.SalesTermRef = term
  } else {
    const term = termRef(ctx, contact.billTerms)
    if (term) p.TermRef = term
    if (contact.taxNumber) {
      const abn = contact.taxNumber.replace(/\s/g, '')
      if (abn.length <= 20) p.TaxIdentifier = abn
      else
        notes.decide(
          'CONTACT_TAX_NUMBER_DROPPED',
          `tax number "${contact.taxNumber}" is longer than QBO's 20 characters`,
          {},
        )
    }
    if (contact.accountNumber) p.AcctNum = contact.accountNumber.slice(0, 100)
  }
  if (!contact.active)
    notes.decide('ARCHIVED_KEPT_ACTIVE', 'archived in the source; created active so its history loads')
  return notes.result(entity, contact.id, p)
}
