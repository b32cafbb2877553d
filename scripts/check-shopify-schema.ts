// Checks the Shopify emulator's schema subset against a published Admin GraphQL SDL: every type it declares
// exists there with the same kind, every field with the same type, every argument with the same type, every
// enum value too. Run with the path of a published SDL (e.g. nozzlegear/ShopifySharp graphql-schemas/2026-01):
//   node --import tsx scripts/check-shopify-schema.ts path/to/2026-01.schema.graphql
import {readFileSync} from 'node:fs'

import {buildSchema} from 'graphql'

import {compareWithPublished} from '../src/emulator/shopify/schema-check.js'

const file = process.argv[2]
if (!file) {
  console.error('Give the path of a published Admin GraphQL SDL file.')
  process.exit(2)
}
const published = buildSchema(readFileSync(file, 'utf8'), {assumeValidSDL: true})
const problems = compareWithPublished(published)
for (const p of problems) console.log(p)
console.log(
  problems.length === 0 ? `The emulator's schema agrees with ${file}.` : `${problems.length} differences.`,
)
process.exit(problems.length === 0 ? 0 : 1)
