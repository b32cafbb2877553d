import {after} from 'node:test'

import {DEMO_XERO_COMPANY_DIR, startXeroEmulator} from '../../src/emulator/xero/index.js'
import {XeroApiAdapter} from '../../src/sources/xero-api/index.js'
import {emulatorTokens} from '../unit/sources/xero-api/driver.js'
import {runAdapterContract} from './adapter-contract.js'

// The generated demo company served by the emulator, limits off: the contract is about what is staged.
const emulator = await startXeroEmulator({company: DEMO_XERO_COMPANY_DIR, rateLimits: false})
after(() => emulator.close())

runAdapterContract(
  'xero-api (demo company through the emulator)',
  () =>
    new XeroApiAdapter({
      tokens: emulatorTokens(emulator.url, emulator.tenantId),
      baseUrl: emulator.url,
      clock: () => new Date('2024-07-01T00:00:00Z'),
    }),
  {
    expectKinds: [
      'account',
      'contact',
      'item',
      'invoice',
      'creditNote',
      'bill',
      'supplierCredit',
      'payment',
      'billPayment',
      'manualJournal',
      'taxRate',
      'trackingCategory',
    ],
  },
)
