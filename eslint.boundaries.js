// The import boundaries of ARCHITECTURE.md, enforced with no-restricted-imports.
// Each layer lists what it may NOT import. ESLint applies the LAST matching config's rule options, so
// every `files` block below states its layer's complete list (global bans included).

/** Libraries owned by exactly one layer: [package, the only folders allowed to import it]. */
const OWNED = [
  ['axios', ['src/qbo/']],
  ['intuit-oauth', ['src/qbo/']],
  // QBO's XML fault bodies (qbo/faults.ts); tests use it freely.
  ['fast-xml-parser', ['src/qbo/']],
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

/**
 * The top of the house: folders only the commands may import, and the commands themselves, which nothing
 * imports. An engine that reached up into cli/ or commands/ would drag oclif (and flags) into a library call.
 */
const TOP = [
  ['commands', []],
  ['cli', ['src/commands/']],
  ['demo', ['src/commands/']],
  ['dashboard', ['src/commands/']],
]

function topBans(folder) {
  return TOP.filter(
    ([name, allowed]) => !folder.startsWith(`src/${name}/`) && !allowed.some((a) => folder.startsWith(a)),
  ).map(([name, allowed]) => ({
    group: [`**/${name}/*`, `**/${name}`],
    message: allowed.length
      ? `Only ${allowed.join(' and ')} may import ${name}/: it sits at the top, over the engines.`
      : `Nothing imports ${name}/: a command is the outermost adapter.`,
  }))
}

function layer(folder, {paths = [], patterns = []} = {}) {
  return {
    files: [`${folder}**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {paths: [...ownedBans(folder), ...paths], patterns: [...topBans(folder), ...patterns]},
      ],
    },
  }
}

const ioBans = io.map((name) => ({name, message: 'This layer does no I/O: take data and return data.'}))
/** The engine layers under src/ (everything below the top and above domain/). */
const ENGINES = [
  'staging',
  'qbo',
  'load',
  'reconcile',
  'sources',
  'emulator',
  'mappers',
  'workbooks',
  'extracts',
  'po',
  'sync',
]
/** Every engine layer but the ones named. */
const enginesBut = (...allowed) => ENGINES.filter((l) => !allowed.includes(l))
const upward = (names, why) => ({group: names.flatMap((n) => [`**/${n}/*`, `**/${n}`]), message: why})

/** Every folder of sources/ reads exports and APIs into staged records, and knows nothing of QBO. */
const SOURCES_KNOW_NO_QBO = upward(
  ['mappers', 'load', 'reconcile', 'qbo', 'commands'],
  'Sources know nothing of QBO.',
)

export const boundaryConfigs = [
  // Every source file: the owned libraries stay in their folders.
  layer('src/'),
  // The commands and their helpers: the top, which may import every engine.
  layer('src/commands/'),
  layer('src/cli/', {
    patterns: [
      upward(['emulator'], 'cli/ helps commands call engines; the emulator is started by its command.'),
    ],
  }),
  layer('src/demo/'),
  // The QBO client knows QBO and nothing of the migration: payloads in, answers out, no storage.
  layer('src/qbo/', {
    patterns: [
      upward(
        enginesBut('qbo'),
        'qbo/ is the QBO client only: it stores nothing (staging) and maps nothing (mappers); they call it.',
      ),
    ],
  }),
  layer('src/sources/', {
    patterns: [SOURCES_KNOW_NO_QBO],
  }),
  // After src/sources/ on purpose: the later block is the one that applies to xero-api files.
  layer('src/sources/xero-api/', {
    patterns: [SOURCES_KNOW_NO_QBO],
  }),
  // The source's report exports (trial balance, aged summaries) come as Excel files too.
  layer('src/sources/reports/', {
    patterns: [SOURCES_KNOW_NO_QBO],
  }),
  // Price lists, which read supplier workbooks with exceljs.
  layer('src/sources/price-list/', {
    patterns: [SOURCES_KNOW_NO_QBO],
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
  // Small file helpers (the atomic write) that any layer with I/O may use: they import nothing of ours.
  layer('src/io/', {
    patterns: [
      upward([...ENGINES, 'ui'], 'io/ holds file helpers every layer may use, so it imports none of them.'),
    ],
  }),
  // Reconcile reads staging and QBO and writes a workbook; it never writes to QBO, so never uses the writer.
  layer('src/reconcile/', {
    patterns: [
      upward(
        ['load', 'sources', 'emulator', 'extracts', 'po', 'sync'],
        'reconcile/ only reads (staging/, qbo/): the writer in load/ is not for it.',
      ),
    ],
  }),
  // The writer: it runs plans; the workbooks and reports that show its results sit above it.
  layer('src/load/', {
    patterns: [
      upward(
        ['workbooks', 'reconcile', 'emulator', 'extracts', 'po'],
        'load/ does not know the layers that show or use its results (workbooks/, reconcile/, po/).',
      ),
    ],
  }),
  // Workbooks draw what load/ computed: its types, and values only from the pure plan, never the writer.
  layer('src/workbooks/', {
    patterns: [
      {
        group: ['**/load/*', '!**/load/plan.js', '!**/load/payload-diff.js'],
        allowTypeImports: true,
        message:
          'workbooks/ draws plans: from load/ it takes types, and values only from plan.ts and payload-diff.ts.',
      },
      upward(
        ['qbo', 'staging', 'sources', 'reconcile', 'emulator', 'extracts', 'po', 'sync'],
        'workbooks/ turns data it is given into xlsx; the caller reads staging and QBO.',
      ),
    ],
  }),
  // Extracts read QBO and write files: read-only, so no writer and no migration layers.
  layer('src/extracts/', {
    patterns: [
      upward(
        ['load', 'reconcile', 'emulator', 'po', 'mappers'],
        'extracts/ only read QBO (qbo/) and write files.',
      ),
    ],
  }),
  layer('src/ui/', {
    patterns: [upward(ENGINES, 'ui/ renders what it is given; it imports only domain/.')],
  }),
  layer('src/sync/', {
    patterns: [
      upward(enginesBut('sync'), 'sync/ is the scheduler (lock, schedule): jobs come to it as functions.'),
    ],
  }),
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
          'workbooks',
          'io',
        ],
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
          'io',
        ],
        'domain/ imports nothing else of the project.',
      ),
    ],
  }),
  // The plan is pure too (load/plan.ts); apply.ts does the I/O through the client and staging.
  {
    files: ['src/load/plan.ts', 'src/load/payload-diff.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...ownedBans('src/load/'), ...ioBans],
          patterns: [
            ...topBans('src/load/'),
            upward(
              ['staging', 'qbo', 'emulator', 'ui', 'workbooks', 'reconcile', 'extracts', 'po'],
              'The plan is pure: data in, plan out.',
            ),
          ],
        },
      ],
    },
  },
]
