import {z} from 'zod'

/** Failure rates (0..1) per request, and an optional latency range in ms (CLI.md --faults). */
export interface FaultSpec {
  http500?: number
  throttle?: number
  reset?: number
  timeout?: number
  latency?: {min: number; max: number}
  /**
   * Share of repeated requestids QBO fails to recognise, applying the write again instead of replaying its
   * first answer. Field reports doubt that replay always works (qbo-api.md §2); 1 rehearses a QBO where it
   * never does, so that only the client's own exactly-once machinery stands between a retry and a duplicate.
   */
  noreplay?: number
}

export type FaultAction = 'none' | 'http500' | 'throttle' | 'reset' | 'timeout'
export const FAULT_KINDS = ['http500', 'throttle', 'reset', 'timeout'] as const

const rate = z.number().min(0).max(1)
const latency = z.union([
  z
    .string()
    .regex(/^\d+(-\d+)?$/)
    .transform((s) => {
      const [a, b] = s.split('-').map(Number)
      return {min: a!, max: b ?? a!}
    }),
  z.object({min: z.number().min(0), max: z.number().min(0)}),
])
const specSchema = z
  .object({http500: rate, throttle: rate, reset: rate, timeout: rate, latency, noreplay: rate})
  .partial()
  .strict()
  .refine(
    (s) => FAULT_KINDS.reduce((sum, k) => sum + (s[k] ?? 0), 0) <= 1,
    'the fault rates add up to more than 1',
  )
  .refine((s) => !s.latency || s.latency.min <= s.latency.max, 'latency must be MIN-MAX with MIN <= MAX')

/**
 * Parses `http500=0.05,throttle=0.02,reset=0.01,timeout=0.01,latency=20-200,noreplay=1` or the same as an
 * object.
 */
export function parseFaultSpec(input: string | Record<string, unknown> | FaultSpec): FaultSpec {
  let raw: Record<string, unknown> = input as Record<string, unknown>
  if (typeof input === 'string') {
    raw = {}
    for (const part of input
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [key, value] = part.split('=')
      if (!key || value === undefined)
        throw new Error(`Bad fault "${part}": expected NAME=VALUE, e.g. http500=0.05 or latency=20-200`)
      raw[key.trim()] = key.trim() === 'latency' ? value.trim() : Number(value)
    }
  }
  const parsed = specSchema.safeParse(raw)
  if (!parsed.success)
    throw new Error(
      `Bad fault spec: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`).join('; ')}. Known faults: ${FAULT_KINDS.join(', ')}, latency=MIN-MAX, noreplay`,
    )
  return parsed.data
}

/** mulberry32: a tiny seeded generator, so a --seed replays the same faults in the same order. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class FaultInjector {
  private random: () => number
  private spec: FaultSpec = {}

  constructor(spec: FaultSpec | undefined, seed: number) {
    this.random = rng(seed)
    this.set(spec ?? {})
  }

  set(spec: FaultSpec): void {
    this.spec = spec
  }

  current(): FaultSpec {
    return this.spec
  }

  /** One roll per request: which fault (if any) and how long to wait first. */
  next(): {action: FaultAction; delayMs: number} {
    const l = this.spec.latency
    const delayMs = l ? Math.round(l.min + this.random() * (l.max - l.min)) : 0
    const r = this.random()
    let edge = 0
    for (const kind of FAULT_KINDS) {
      edge += this.spec[kind] ?? 0
      if (r < edge) return {action: kind, delayMs}
    }
    return {action: 'none', delayMs}
  }

  /** Whether QBO recognises this repeated requestid (and replays its first answer). */
  replays(): boolean {
    const p = this.spec.noreplay ?? 0
    return p === 0 || this.random() >= p
  }
}

/**
 * The emulator-wide fault spec, plus specs that replace it for one company (`PUT /_emulator/faults?realmId=`):
 * a rehearsal can slow or break one realm while another answers normally. Each company with its own spec
 * rolls its own seeded sequence, so its faults do not depend on traffic to other realms.
 */
export class FaultPlan {
  private readonly everywhere: FaultInjector
  private readonly byRealm = new Map<string, FaultInjector>()

  constructor(
    spec: FaultSpec | undefined,
    private readonly seed: number,
  ) {
    this.everywhere = new FaultInjector(spec, seed)
  }

  forRealm(realmId: string): FaultInjector {
    return this.byRealm.get(realmId) ?? this.everywhere
  }

  /** Without a realm, the spec every company without its own follows. */
  set(spec: FaultSpec, realmId?: string): void {
    if (realmId === undefined) return this.everywhere.set(spec)
    const own = this.byRealm.get(realmId)
    if (own) own.set(spec)
    else this.byRealm.set(realmId, new FaultInjector(spec, this.seed))
  }

  /** The company follows the emulator-wide spec again. */
  clear(realmId: string): void {
    this.byRealm.delete(realmId)
  }

  describe(): {faults: FaultSpec; realms: Record<string, FaultSpec>} {
    return {
      faults: this.everywhere.current(),
      realms: Object.fromEntries([...this.byRealm].map(([realm, f]) => [realm, f.current()])),
    }
  }
}
