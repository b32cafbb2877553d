import type {ExtractSources} from '../extracts/index.js'
import type {QboClient} from '../qbo/index.js'

/**
 * The QBO client as the extracts read it. A report that times out (504) is retried once, not eight
 * times: the extract's answer to a report too big to build in time is to split its date range.
 */
export function extractSources(client: QboClient): ExtractSources {
  return {
    report: (name, params) => client.report(name, params, {attempts: 2}),
    queryPage: (statement) => client.queryPage(statement),
    cdc: (entities, since) => client.cdc(entities, since),
  }
}
