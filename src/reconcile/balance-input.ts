import type {Staging} from '../staging/index.js'
import type {QboReadPort} from './port.js'
import type {SourceSide} from './source-side.js'
import type {TolerancePolicy} from './tolerance.js'
import type {QboBooks} from './year-end.js'

/** What the balance checks (balance-checks.ts) and the account correspondence (account-targets.ts) read. */
export interface BalanceInput {
  staging: Staging
  port: QboReadPort
  asOf: string
  policy: TolerancePolicy
  source: SourceSide
  books: QboBooks
  /** The QBO Id the load gave a source record, any source system of this file. */
  qboIdOf: (entity: string, sourceId: string) => string | undefined
}
