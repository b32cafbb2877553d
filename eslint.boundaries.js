// The import boundaries of ARCHITECTURE.md, enforced with no-restricted-imports.
// Each layer lists what it may NOT import. ESLint applies the LAST matching config's rule options, so
// every `files` block below states its layer's complete list (global bans included).

/** Libraries owned by exactly one layer: [package, the only folders allowed to import it]. */
const OWNED = [
  ['axios', ['src/qbo/']],
  ['intuit-oauth', ['src/qbo/']],
  ['xero-node', ['src/sources/xero-api/']],
  [
    'exceljs',
    ['src/reconcile/', 'src/workbooks/', 'src/extracts/', 'src/sources/reports/', 'src/sources/price-list/'],
  ],
  ['listr2', ['src/ui/']],
  ['better-sqlite3', ['src/staging/', 'src/emulator/']],
  ['pdf-lib', ['src/emulator/']],
  ['nodemailer', ['src/po/']],
]

const IO_MODULES = [
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'child_process',
  'dgram',
  'tls',
  'worker_threads',
]
const io = IO_MODULES.flatMap((m) => [m, `node:${m}`])

function ownedBans(folder) {
  return OWNED.filter(([, allowed]) => !allowed.some((a) => folder.startsWith(a))).map(([name, allowed]) => ({
    name,
    message: `Only ${allowed.join(' and ')} may import ${name} (ARCHITECTURE.md, rules of the house).`,
  }))
}

function layer(folder, {paths = [], patterns = []} = {}) {
  return {
    files: [`${folder}**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {paths: [...ownedBans(folder), ...paths], patterns}],
    },
  }
}

const ioBans = io.map((name) => ({name, message: 'This layer does no I/O: take data and return data.'}))
const upward = (names, why) => ({group: names.flatMap((n) => [`**/${n}/*`, `**/${n}`]), message: why})

export const boundaryConfigs = [
  // Every source file: the owned libraries stay in their folders.
  layer('src/'),
  layer('src/qbo/'),
  layer('src/sources/', {
    patterns: [upward(['mappers', 'load', 'reconcile', 'qbo', 'commands'], 'Sources know nothing of QBO.')],
  }),
  // After src/sources/ on purpose: the later block is the one that applies to xero-api files.
  layer('src/sources/xero-api/', {
    patterns: [upward(['mappers', 'load', 'reconcile', 'qbo', 'commands'], 'Sources know nothing of QBO.')],
  }),
  // The source's report exports (trial balance, aged summaries) come as Excel files too.
  layer('src/sources/reports/', {
    patterns: [upward(['mappers', 'load', 'reconcile', 'qbo', 'commands'], 'Sources know nothing of QBO.')],
  }),
  // Price lists, which read supplier workbooks with exceljs.
  layer('src/sources/price-list/', {
    patterns: [upward(['mappers', 'load', 'reconcile', 'qbo', 'commands'], 'Sources know nothing of QBO.')],
  }),
  // The dashboard is thin handlers over engine functions: it reaches QBO only through them.
  layer('src/dashboard/', {
    patterns: [
      upward(
        ['qbo', 'emulator', 'commands', 'mappers'],
        'Dashboard handlers call engine functions, as commands do.',
      ),
    ],
  }),
  layer('src/reconcile/'),
  layer('src/workbooks/'),
  layer('src/extracts/'),
  layer('src/ui/'),
  // The purchase-order engine: QBO through qbo/ and load/ (the one writer), state through staging/.
  layer('src/po/', {
    patterns: [
      upward(
        ['emulator', 'commands', 'sources', 'reconcile'],
        'The PO engine uses qbo/, load/ and staging/.',
      ),
    ],
  }),
  layer('src/staging/', {
    patterns: [
      upward(
        ['mappers', 'load', 'reconcile', 'qbo', 'sources', 'commands', 'ui'],
        'Staging is storage only.',
      ),
    ],
  }),
  layer('src/emulator/', {
    patterns: [
      upward(
        ['mappers', 'load', 'reconcile', 'qbo', 'sources', 'staging', 'commands'],
        'The emulator stands alone, like QBO.',
      ),
    ],
  }),
  // Mappers are pure: no SQLite, no HTTP, no files, no clock, no other layer but domain.
  layer('src/mappers/', {
    paths: ioBans,
    patterns: [
      upward(
        ['staging', 'qbo', 'load', 'reconcile', 'sources', 'emulator', 'commands', 'ui', 'cli', 'workbooks'],
        'Mappers are pure functions: they import only domain/ and each other.',
      ),
    ],
  }),
  // Domain is the shared vocabulary and imports nothing else of ours.
  layer('src/domain/', {
    paths: ioBans,
    patterns: [
      upward(
        [
          'staging',
          'qbo',
          'load',
          'reconcile',
          'sources',
          'emulator',
          'commands',
          'ui',
          'cli',
          'mappers',
          'workbooks',
        ],
        'domain/ imports nothing else of the project.',
      ),
    ],
  }),
  // The plan is pure too (load/plan.ts); apply.ts does the I/O through the client and staging.
  {
    files: ['src/load/plan.ts', 'src/load/plan/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...ownedBans('src/load/'), ...ioBans],
          patterns: [
            upward(['staging', 'qbo', 'emulator', 'commands', 'ui'], 'The plan is pure: data in, plan out.'),
          ],
        },
      ],
    },
  },
]
