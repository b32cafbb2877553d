import {readFile} from 'node:fs/promises'

import {parse as parseYaml} from 'yaml'
import {z} from 'zod'

import {UserInputError} from '../../domain/errors.js'

/**
 * A saved extract definition (YAML), validated where it enters. Each extract is one of: a report, a query,
 * or changes (CDC). Keys are snake_case as QBO's own parameters are.
 */
const common = {
  name: z.string().min(1),
  /** The sheet name; default the extract's name. */
  sheet: z.string().min(1).optional(),
}

const reportSchema = z
  .object({
    ...common,
    report: z.string().regex(/^[A-Za-z]+$/, 'a QBO report name such as ProfitAndLoss'),
    start: z.string().optional(),
    end: z.string().optional(),
    date_macro: z.string().optional(),
    accounting_method: z.enum(['Cash', 'Accrual']).optional(),
    summarize_by: z.string().optional(),
    columns: z.array(z.string()).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
  })
  .strict()

const querySchema = z
  .object({
    ...common,
    query: z.string().min(1),
    private_note: z.string().optional(),
  })
  .strict()

const changesSchema = z
  .object({
    ...common,
    changes: z.object({entities: z.array(z.string()).min(1), since: z.string()}).strict(),
  })
  .strict()

export const definitionSchema = z
  .object({
    /** The workbook to write when --out is not given. */
    workbook: z.string().optional(),
    extracts: z.array(z.union([reportSchema, querySchema, changesSchema])).min(1),
  })
  .strict()

export type Definition = z.infer<typeof definitionSchema>
export type ExtractDefinition = Definition['extracts'][number]

export async function readDefinition(file: string): Promise<Definition> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    throw new UserInputError(`Cannot read ${file}.`, {
      next: 'Check the path of the extract definition.',
      cause: e,
    })
  }
  let data: unknown
  try {
    data = parseYaml(text)
  } catch (e) {
    const line = (e as {linePos?: {line: number}[]}).linePos?.[0]?.line
    throw new UserInputError(
      `${file}${line ? ` line ${line}` : ''} is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
      {
        next: 'Fix the YAML (indentation, quotes) and run again.',
        data: {file, ...(line ? {line} : {})},
      },
    )
  }
  const parsed = definitionSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.join('.') ?? ''
    throw new UserInputError(
      `${file}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid definition'}`,
      {
        next: 'Each extract needs a name and one of report:, query: or changes: (see docs/extracts.md).',
        data: {file, path: where},
      },
    )
  }
  return parsed.data
}
