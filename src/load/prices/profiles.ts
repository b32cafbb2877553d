import {z} from 'zod'

import {UsageError, UserInputError} from '../../domain/errors.js'
import {PriceProfile, type PriceProfileInput} from '../../domain/price-list.js'
import type {Staging} from '../../staging/index.js'

/** Every stored profile, checked (a profile the schema no longer accepts is reported, not dropped). */
export function listProfiles(staging: Staging): PriceProfile[] {
  return staging.prices.profiles().map((p) => parseStored(p.name, p.profileJson))
}

export function getProfile(staging: Staging, name: string): PriceProfile | undefined {
  const stored = staging.prices.profile(name)
  return stored && parseStored(stored.name, stored.profileJson)
}

function parseStored(name: string, json: string): PriceProfile {
  const parsed = PriceProfile.safeParse(JSON.parse(json))
  if (!parsed.success) {
    throw new UserInputError(`The stored profile "${name}" is not valid: ${issues(parsed.error)}.`, {
      next: `Set it again with \`qbo prices profiles --set "${name}" …\` or on the dashboard.`,
    })
  }
  return parsed.data
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`).join('; ')
}

/**
 * Creates or changes a profile: fields given replace the stored ones (`undefined` keeps them, `null`
 * removes an optional one). The result is validated as a whole before it is stored.
 */
export function saveProfile(
  staging: Staging,
  input: {[K in keyof PriceProfileInput]?: PriceProfileInput[K] | null} & {name: string},
): PriceProfile {
  const stored = staging.prices.profile(input.name)
  const base: Record<string, unknown> = stored
    ? (JSON.parse(stored.profileJson) as Record<string, unknown>)
    : {}
  const merged: Record<string, unknown> = {...base}
  for (const [k, v] of Object.entries(input)) {
    if (v === null) delete merged[k]
    else if (v !== undefined) merged[k] = v
  }
  const parsed = PriceProfile.safeParse(merged)
  if (!parsed.success) {
    throw new UserInputError(`The profile "${input.name}" is not valid: ${issues(parsed.error)}.`, {
      next: 'Give the supplier, the code column and the cost column at least (`qbo prices profiles --help`).',
      data: {profile: input.name},
    })
  }
  staging.prices.saveProfile(parsed.data.name, parsed.data.supplier, JSON.stringify(parsed.data))
  return parsed.data
}

export function deleteProfile(staging: Staging, name: string): void {
  if (!staging.prices.deleteProfile(name))
    throw new UserInputError(`There is no profile named "${name}".`, {
      next: 'Run `qbo prices profiles` to list them.',
    })
}

/** The profile to read a supplier's file with: the one named, else the supplier's only profile. */
export function resolveProfile(staging: Staging, supplier: string, name?: string): PriceProfile {
  if (name !== undefined) {
    const p = getProfile(staging, name)
    if (!p)
      throw new UserInputError(`There is no profile named "${name}".`, {
        next: 'Run `qbo prices profiles` to list them, or create it with `qbo prices profiles --set NAME …`.',
      })
    if (p.supplier.toLowerCase() !== supplier.trim().toLowerCase())
      throw new UsageError(`The profile "${p.name}" is for ${p.supplier}, not ${supplier}.`, {
        next: `Pass --supplier "${p.supplier}", or another --profile.`,
      })
    return p
  }
  const mine = listProfiles(staging).filter((p) => p.supplier.toLowerCase() === supplier.trim().toLowerCase())
  if (mine.length === 1) return mine[0]!
  if (mine.length === 0)
    throw new UserInputError(`There is no price-list profile for ${supplier}.`, {
      next:
        `Create one: \`qbo prices profiles --set "${supplier}" --supplier "${supplier}" --code-column "Code" --cost-column "Price Ex GST" [--header-row 3] [--gst inc] [--pack-column Pack --price-per pack]\`, ` +
        'or drop the file on `qbo dashboard`, which proposes one.',
    })
  throw new UsageError(`${supplier} has ${mine.length} profiles (${mine.map((p) => p.name).join(', ')}).`, {
    next: 'Pass --profile with one of them.',
  })
}
