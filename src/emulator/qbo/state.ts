import type {Companies} from './companies.js'
import type {FaultPlan} from './fault-injection.js'
import type {TokenService} from './tokens.js'

/** What the emulator shares across companies: the app's tokens, the fault plan and the clock. */
export interface EmulatorState {
  companies: Companies
  /** The realm the emulator announces, and the one tokens and the consent page default to. */
  defaultRealm: string
  tokens: TokenService
  faults: FaultPlan
  now: () => number
  timeScale: number
}
