import type {Contact} from '../domain/canonical.js'
import {nameKey, type MappingContext} from './context.js'

export type ContactEntity = 'Customer' | 'Vendor'

export interface NameChoice {
  name: string
  /** Set when an existing QBO record of the same entity carries this name: adopt it. */
  adoptId?: string
  /** The record to adopt is inactive in QBO (made inactive there, or by an undo): it cannot be used as it is. */
  adoptInactive?: boolean
  /** Why the name differs from the source's, for the decisions register. */
  changes: {
    code: 'CONTACT_NAME_CLEANED' | 'CONTACT_RENAMED' | 'CONTACT_NAME_DISAMBIGUATED'
    message: string
  }[]
}

const MAX_DISPLAY_NAME = 500
const LABEL: Record<ContactEntity, string> = {Customer: 'Customer', Vendor: 'Supplier'}

/** DisplayName rules (qbo-api.md §10): no `:`, tab or newline; ≤500 characters. */
export function cleanPersonText(text: string): string {
  return text
    .replace(/:/g, '-')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Which QBO lists a contact goes to. A contact with neither flag still goes, as a customer. */
export function contactRoles(contact: Contact): ContactEntity[] {
  const roles: ContactEntity[] = []
  if (contact.isCustomer || !contact.isSupplier) roles.push('Customer')
  if (contact.isSupplier) roles.push('Vendor')
  return roles
}

const cache = new WeakMap<MappingContext, Map<string, NameChoice>>()
const byId = (a: Contact, b: Contact) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Sources keep contacts apart that QBO would take for one: Xero compares names exactly, so `Acme Traders`,
 * `ACME TRADERS` and `Acme  Traders` are three contacts, while QBO's DisplayName ignores case (and spacing
 * is cleaned). The first by source id keeps the name; the others are numbered "(2)", "(3)" before any other
 * allocation, so each stays its own QBO contact and every document keeps pointing at its own.
 */
function disambiguated(contacts: Iterable<Contact>): Map<string, {base: string; message: string}> {
  const groups = new Map<string, Contact[]>()
  for (const c of [...contacts].sort(byId)) {
    const k = nameKey(cleanPersonText(c.name))
    groups.set(k, [...(groups.get(k) ?? []), c])
  }
  const out = new Map<string, {base: string; message: string}>()
  for (const group of groups.values()) {
    if (group.length < 2) continue
    const names = group.map((c) => `"${c.name}"`).join(', ')
    group.forEach((c, i) => {
      if (i === 0) return
      const base = `${cleanPersonText(c.name).slice(0, MAX_DISPLAY_NAME - 24)} (${i + 1})`
      out.set(c.id, {
        base,
        message: `the source holds ${names} as ${group.length} separate contacts, but QBO compares DisplayNames without regard to case or spacing, so this one is "${base}"`,
      })
    })
  }
  return out
}
const roleKey = (entity: ContactEntity, contactId: string) => `${entity}\u0000${contactId}`

/**
 * DisplayName is unique across Customer, Vendor and Employee (case-insensitively, to be safe), so names are
 * allocated for the whole company at once, deterministically: customers before suppliers, then by source id.
 * A name already held by a QBO record of the same entity is adopted; otherwise a taken name gets a readable
 * suffix: "Acme Pty Ltd (Supplier)", then "Acme Pty Ltd (Supplier 2)".
 */
export function displayNames(ctx: MappingContext): Map<string, NameChoice> {
  const cached = cache.get(ctx)
  if (cached) return cached
  type Holder = {entity: ContactEntity | 'Employee'; qboId?: string; adoptedBy?: string; inactive?: boolean}
  const taken = new Map<string, Holder>()
  for (const c of ctx.target.customers)
    taken.set(nameKey(c.DisplayName), {entity: 'Customer', qboId: c.Id, inactive: !c.Active})
  for (const v of ctx.target.vendors)
    if (!taken.has(nameKey(v.DisplayName)))
      taken.set(nameKey(v.DisplayName), {entity: 'Vendor', qboId: v.Id, inactive: !v.Active})
  for (const e of ctx.target.employees)
    if (!taken.has(nameKey(e.DisplayName)))
      taken.set(nameKey(e.DisplayName), {entity: 'Employee', qboId: e.Id})

  const roles = [...ctx.source.contacts.values()]
    .flatMap((c) => contactRoles(c).map((entity) => ({contact: c, entity})))
    .sort((a, b) =>
      a.entity !== b.entity
        ? a.entity === 'Customer'
          ? -1
          : 1
        : a.contact.id < b.contact.id
          ? -1
          : a.contact.id > b.contact.id
            ? 1
            : 0,
    )
  const out = new Map<string, NameChoice>()
  const apart = disambiguated(ctx.source.contacts.values())

  for (const {contact, entity} of roles) {
    const changes: NameChoice['changes'] = []
    let base = cleanPersonText(contact.name).slice(0, MAX_DISPLAY_NAME - 16)
    if (base === '') base = contact.id
    const numbered = apart.get(contact.id)
    if (numbered) {
      base = numbered.base
      changes.push({code: 'CONTACT_NAME_DISAMBIGUATED', message: numbered.message})
    } else if (base !== contact.name) {
      changes.push({
        code: 'CONTACT_NAME_CLEANED',
        message: `"${contact.name}" written as "${base}" (QBO forbids : tab newline; max 500)`,
      })
    }
    const candidates = (n: number) =>
      n === 0 ? base : n === 1 ? `${base} (${LABEL[entity]})` : `${base} (${LABEL[entity]} ${n})`
    for (let n = 0; ; n++) {
      const name = candidates(n)
      const holder = taken.get(nameKey(name))
      if (holder && holder.entity === entity && holder.qboId && !holder.adoptedBy) {
        holder.adoptedBy = contact.id
        if (n > 0)
          changes.push({code: 'CONTACT_RENAMED', message: `"${base}" is taken in QBO, so "${name}" is used`})
        out.set(roleKey(entity, contact.id), {
          name,
          adoptId: holder.qboId,
          ...(holder.inactive ? {adoptInactive: true} : {}),
          changes,
        })
        break
      }
      if (!holder) {
        taken.set(nameKey(name), {entity, adoptedBy: contact.id})
        if (n > 0) {
          const other = taken.get(nameKey(base))
          const why =
            other?.adoptedBy === contact.id
              ? `the same contact is also a customer named "${base}"`
              : other?.qboId
                ? `a QBO ${other.entity} is already named "${base}"`
                : `another ${other?.entity === entity ? LABEL[entity].toLowerCase() : 'contact'} is named "${base}"`
          changes.push({
            code: 'CONTACT_RENAMED',
            message: `named "${name}": ${why} (DisplayName is unique across customers, suppliers and employees)`,
          })
        }
        out.set(roleKey(entity, contact.id), {name, changes})
        break
      }
    }
  }
  cache.set(ctx, out)
  return out
}

export function displayNameFor(
  ctx: MappingContext,
  entity: ContactEntity,
  contactId: string,
): NameChoice | undefined {
  return displayNames(ctx).get(roleKey(entity, contactId))
}
