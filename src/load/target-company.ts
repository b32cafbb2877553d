import {LOAD_WAVES, type QboEntity} from '../domain/entities.js'
import {targetFromQbo, type TargetCompany} from '../mappers/index.js'
import {type QboClient, select} from '../qbo/index.js'

/** Transactions (the document and settlement waves) whose numbers, dates, totals and markers the plan checks. */
const DOCUMENT_ENTITIES: readonly QboEntity[] = [...LOAD_WAVES[3], ...LOAD_WAVES[4]]

/**
 * Reads what the target company already holds, for the mappers: its chart, tax codes, lists (inactive ones
 * included: their names are taken too) and documents. Every read pages to the end; a failed page fails it.
 */
export async function readTargetCompany(client: QboClient): Promise<TargetCompany> {
  const list = (entity: string) => client.queryAll(select(entity).where('Active', 'IN', [true, false]))
  const [preferences] = await client.queryAll(select('Preferences'))
  const documents: Record<string, Record<string, unknown>[]> = {}
  for (const entity of DOCUMENT_ENTITIES) documents[entity] = await client.queryAll(select(entity))
  return targetFromQbo({
    preferences,
    accounts: await list('Account'),
    taxCodes: await list('TaxCode'),
    taxRates: await list('TaxRate'),
    classes: await list('Class'),
    departments: await list('Department'),
    terms: await list('Term'),
    paymentMethods: await list('PaymentMethod'),
    items: await list('Item'),
    customers: await list('Customer'),
    vendors: await list('Vendor'),
    employees: await list('Employee'),
    documents,
  })
}
