/**
 * Numbered schema migrations. Each runs once, in order, inside a transaction; `PRAGMA user_version`
 * records the last applied. Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the initial schema. See docs/staging.md for what each table is for.
  `
  CREATE TABLE runs (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('extract', 'plan', 'load', 'reconcile')),
    source_system TEXT,
    realm_id      TEXT,
    status        TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    options_json  TEXT NOT NULL DEFAULT '{}',
    summary_json  TEXT
  );

  CREATE TABLE source_files (
    id            INTEGER PRIMARY KEY,
    source_system TEXT NOT NULL,
    path          TEXT NOT NULL,
    file_type     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    records       INTEGER NOT NULL,
    staged_at     TEXT NOT NULL,
    UNIQUE (source_system, content_hash)
  );

  CREATE TABLE staged_records (
    id             INTEGER PRIMARY KEY,
    source_system  TEXT NOT NULL,
    kind           TEXT NOT NULL,
    source_id      TEXT NOT NULL,
    canonical_json TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    source_file_id INTEGER REFERENCES source_files(id) ON DELETE SET NULL,
    staged_at      TEXT NOT NULL,
    UNIQUE (source_system, kind, source_id)
  );
  CREATE INDEX staged_records_kind ON staged_records (kind, source_id);

  CREATE TABLE mappings (
    map_type   TEXT NOT NULL CHECK (map_type IN ('account', 'taxCode', 'tracking', 'term', 'paymentMethod', 'contact', 'item')),
    source_key TEXT NOT NULL,
    target     TEXT,
    origin     TEXT NOT NULL CHECK (origin IN ('suggested', 'user')),
    note       TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (map_type, source_key)
  );

  CREATE TABLE id_map (
    realm_id      TEXT NOT NULL,
    entity        TEXT NOT NULL,
    source_system TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    qbo_id        TEXT NOT NULL,
    sync_token    TEXT NOT NULL,
    how           TEXT NOT NULL CHECK (how IN ('created', 'adopted')),
    run_id        TEXT REFERENCES runs(id),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (realm_id, entity, source_system, source_id)
  );
  CREATE INDEX id_map_qbo ON id_map (realm_id, entity, qbo_id);

  CREATE TABLE outbox (
    request_id    TEXT PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES runs(id),
    realm_id      TEXT NOT NULL,
    entity        TEXT NOT NULL,
    source_system TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    operation     TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'void')),
    payload_hash  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'succeeded', 'failed', 'unknown')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  );
  CREATE INDEX outbox_open ON outbox (run_id, state);

  CREATE TABLE checkpoints (
    run_id     TEXT NOT NULL REFERENCES runs(id),
    scope      TEXT NOT NULL,
    position   TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (run_id, scope)
  );

  CREATE TABLE parked_records (
    run_id        TEXT NOT NULL REFERENCES runs(id),
    entity        TEXT NOT NULL,
    source_system TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    fault_code    TEXT NOT NULL,
    message       TEXT NOT NULL,
    element       TEXT,
    suggested_fix TEXT,
    parked_at     TEXT NOT NULL,
    PRIMARY KEY (run_id, entity, source_system, source_id)
  );

  CREATE TABLE decisions (
    id            INTEGER PRIMARY KEY,
    entity        TEXT NOT NULL,
    source_system TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    code          TEXT NOT NULL,
    message       TEXT NOT NULL,
    detail_json   TEXT,
    decided_at    TEXT NOT NULL,
    UNIQUE (entity, source_system, source_id, code)
  );
  `,
  // 2: a write goes out inside a batch; to replay a batch after a crash QBO needs the same batch requestid
  // AND the same bIds, so both are recorded with each item before the batch is sent.
  `
  ALTER TABLE outbox ADD COLUMN batch_id TEXT;
  ALTER TABLE outbox ADD COLUMN bid TEXT;
  -- How to find the record in QBO without its id (name or PrivateNote marker), for writes whose outcome is unknown.
  ALTER TABLE outbox ADD COLUMN identity_json TEXT;
  CREATE INDEX outbox_batch ON outbox (batch_id);
  `,
  // 3: migration-wide choices from the mapping workbook's Settings sheet (header accounts, tax presentation,
  // inventory start date): key -> value, set by the accountant.
  `
  CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 4: an extract asks whether a load has touched a staged record (by source system and id, any realm or
  // entity) before it removes or restages it; without these indexes each question scans both tables.
  `
  CREATE INDEX id_map_source ON id_map (source_system, source_id);
  CREATE INDEX outbox_source ON outbox (source_system, source_id);
  `,
  // 5: one exactly-once mechanism for every write (docs/staging.md, "The outbox"). An outbox row keeps the
  // exact request until its outcome is known (payload_json), the moment after which QBO can no longer be
  // applying it (in_flight_until), how to tell afterwards whether it landed (probe_json, replacing the
  // create-only identity_json), a generation that changes the wire requestid only after a definite answer,
  // and the job that wrote it (the migration, or an integration). 'send' joins the operations. Run kinds
  // are no longer fixed in the schema: integrations add their own, and the code validates them.
  // (Tables are rebuilt with foreign keys off, as SQLite's ALTER TABLE procedure asks; see database.ts.)
  `
  CREATE TABLE runs_v5 (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    source_system TEXT,
    realm_id      TEXT,
    status        TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    options_json  TEXT NOT NULL DEFAULT '{}',
    summary_json  TEXT
  );
  INSERT INTO runs_v5 SELECT id, kind, source_system, realm_id, status, started_at, finished_at, options_json,
    summary_json FROM runs;
  DROP TABLE runs;
  ALTER TABLE runs_v5 RENAME TO runs;

  CREATE TABLE outbox_v5 (
    request_id      TEXT PRIMARY KEY,
    run_id          TEXT NOT NULL REFERENCES runs(id),
    realm_id        TEXT NOT NULL,
    job             TEXT NOT NULL DEFAULT 'migration',
    entity          TEXT NOT NULL,
    source_system   TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    operation       TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'void', 'send')),
    payload_hash    TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'succeeded', 'failed', 'unknown')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    generation      INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    batch_id        TEXT,
    bid             TEXT,
    probe_json      TEXT,
    payload_json    TEXT,
    in_flight_until TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );
  INSERT INTO outbox_v5 (request_id, run_id, realm_id, entity, source_system, source_id, operation, payload_hash,
                         state, attempts, generation, last_error, batch_id, bid, probe_json, created_at, updated_at)
    SELECT request_id, run_id, realm_id, entity, source_system, source_id, operation, payload_hash, state,
           attempts, 0, last_error, batch_id, bid,
           CASE WHEN identity_json IS NULL THEN NULL
                ELSE json_object('kind', 'identity', 'identity', json(identity_json)) END,
           created_at, updated_at
    FROM outbox;
  DROP TABLE outbox;
  ALTER TABLE outbox_v5 RENAME TO outbox;
  CREATE INDEX outbox_open ON outbox (realm_id, state);
  CREATE INDEX outbox_batch ON outbox (batch_id);
  CREATE INDEX outbox_source ON outbox (source_system, source_id);
  `,
  // 6: where each unattended job (an integration's sync) got to: per job and scope (a store, an entity),
  // the watermark it reads from next time (docs/sync.md).
  `
  CREATE TABLE sync_watermarks (
    job        TEXT NOT NULL,
    scope      TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (job, scope)
  );
  `,
  // 7: the source's own reports (trial balance, aged receivables / payables summaries) at their as-at date,
  // the independent side of the reconciliation and the figures a conversion-date migration opens with.
  `
  CREATE TABLE source_reports (
    source_system TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('trialBalance', 'agedReceivables', 'agedPayables')),
    as_at         TEXT NOT NULL,
    path          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    report_json   TEXT NOT NULL,
    staged_at     TEXT NOT NULL,
    PRIMARY KEY (source_system, kind, as_at)
  );
  `,
  // 8: batch purchase orders (docs/purchase-orders.md): each batch with its frozen selection and actions,
  // every step of every purchase order in it, and the SMTP messages of a batch emailed by SMTP.
  `
  CREATE TABLE po_batches (
    id             TEXT PRIMARY KEY,
    realm_id       TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'finished')),
    selection_json TEXT NOT NULL,
    actions_json   TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    finished_at    TEXT
  );

  CREATE TABLE po_batch_items (
    batch_id     TEXT NOT NULL REFERENCES po_batches(id),
    po_id        TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    doc_number   TEXT,
    vendor       TEXT,
    txn_date     TEXT,
    total        TEXT,
    pdf_name     TEXT,
    update_state TEXT NOT NULL,
    pdf_state    TEXT NOT NULL,
    email_state  TEXT NOT NULL,
    pdf_sha256   TEXT,
    pdf_bytes    INTEGER,
    email_at     TEXT,
    email_ref    TEXT,
    note         TEXT,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (batch_id, po_id)
  );

  CREATE TABLE po_batch_mails (
    batch_id    TEXT NOT NULL REFERENCES po_batches(id),
    part        INTEGER NOT NULL,
    message_id  TEXT NOT NULL,
    po_ids_json TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('todo', 'sending', 'sent', 'failed', 'undecided')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    response    TEXT,
    intent_at   TEXT,
    sent_at     TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (batch_id, part)
  );
  `,
  // 9: what a load wrote for each record it created (deflated JSON of the exact payload, refreshed by each
  // correction): a later plan diffs the current mapping against it, and undo and corrections tell a change
  // made in QBO by someone else from their own (docs/corrections.md).
  `
  ALTER TABLE id_map ADD COLUMN payload BLOB;
  `,
  // 10: the ShipStation tracking sync (docs/shipstation.md). Which QBO invoices each ShipStation store's
  // orders go to (per store: DocNumber prefix, customer, or PrivateNote marker); every label seen, once per
  // (store, shipment id); and per order what was last written to its invoice (so a rerun writes nothing and a
  // change made by someone else is noticed), or why it is not written yet (unmatched since, parked, conflict).
  `
  CREATE TABLE shipstation_stores (
    store_id    TEXT PRIMARY KEY,
    store_name  TEXT,
    match_by    TEXT NOT NULL CHECK (match_by IN ('prefix', 'customer', 'marker')),
    match_value TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );

  CREATE TABLE shipstation_shipments (
    store_id         TEXT NOT NULL,
    shipment_id      TEXT NOT NULL,
    order_number     TEXT NOT NULL,
    order_number_raw TEXT NOT NULL,
    order_id         TEXT,
    order_key        TEXT,
    tracking_number  TEXT NOT NULL,
    carrier_code     TEXT,
    service_code     TEXT,
    ship_date        TEXT,
    create_date      TEXT,
    voided           INTEGER NOT NULL DEFAULT 0,
    void_date        TEXT,
    first_seen_at    TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    PRIMARY KEY (store_id, shipment_id)
  );
  CREATE INDEX shipstation_shipments_order ON shipstation_shipments (store_id, order_number);

  CREATE TABLE shipstation_orders (
    store_id      TEXT NOT NULL,
    order_number  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'unmatched', 'parked', 'conflict', 'failed')),
    realm_id      TEXT,
    invoice_id    TEXT,
    doc_number    TEXT,
    written_json  TEXT,
    reason        TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    first_seen_at TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (store_id, order_number)
  );
  CREATE INDEX shipstation_orders_state ON shipstation_orders (state, store_id);
  CREATE INDEX shipstation_orders_invoice ON shipstation_orders (realm_id, invoice_id);
  `,
  // 11: supplier price lists → Item.PurchaseCost (docs/prices.md). How each supplier's file is read
  // (price_profiles), which supplier code is which item when the code is not the item's SKU
  // (supplier_codes, per realm), each price list diffed with every line and what became of it
  // (price_diffs, price_diff_lines), and an audit of every cost written or refused (price_audit).
  `
  CREATE TABLE price_profiles (
    name         TEXT PRIMARY KEY COLLATE NOCASE,
    supplier     TEXT NOT NULL,
    profile_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL
  );

  CREATE TABLE supplier_codes (
    realm_id   TEXT NOT NULL,
    supplier   TEXT NOT NULL COLLATE NOCASE,
    code       TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    item_name  TEXT,
    origin     TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (realm_id, supplier, code)
  );

  CREATE TABLE price_diffs (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    realm_id      TEXT NOT NULL,
    supplier      TEXT NOT NULL,
    vendor_id     TEXT,
    profile_json  TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    file_hash     TEXT NOT NULL,
    read_json     TEXT NOT NULL,
    warnings_json TEXT NOT NULL,
    counts_json   TEXT NOT NULL,
    threshold     TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );

  CREATE TABLE price_diff_lines (
    diff_id     INTEGER NOT NULL REFERENCES price_diffs(id) ON DELETE CASCADE,
    line        INTEGER NOT NULL,
    status      TEXT NOT NULL,
    item_id     TEXT,
    line_json   TEXT NOT NULL,
    selected    INTEGER NOT NULL DEFAULT 1,
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'written', 'conflict', 'failed')),
    sync_token  TEXT,
    result_json TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (diff_id, line)
  );

  CREATE TABLE price_audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    realm_id    TEXT NOT NULL,
    diff_id     INTEGER NOT NULL REFERENCES price_diffs(id),
    run_id      TEXT,
    supplier    TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    file_hash   TEXT NOT NULL,
    line        INTEGER NOT NULL,
    item_id     TEXT,
    item_name   TEXT,
    sku         TEXT,
    code        TEXT,
    old_cost    TEXT,
    new_cost    TEXT,
    outcome     TEXT NOT NULL CHECK (outcome IN ('written', 'conflict', 'failed', 'already')),
    qbo_answer  TEXT NOT NULL,
    request_id  TEXT
  );
  CREATE INDEX price_audit_diff ON price_audit (diff_id, line);
  `,
  // 12: the Shopify sync (docs/shopify.md). Each store's DocNumber prefix, fixed once documents carry it; each
  // order as last read (its content hash, and the hash whose documents all landed in QBO); each QBO document
  // an order owns, by a stable key (the order's document, a payment per transaction, a refund …) with the
  // hash of what was last written; and the webhook ids already received, so a repeated delivery is ignored.
  `
  CREATE TABLE shopify_stores (
    shop       TEXT PRIMARY KEY,
    prefix     TEXT NOT NULL UNIQUE,
    currency   TEXT,
    time_zone  TEXT,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE shopify_orders (
    shop         TEXT NOT NULL,
    order_id     TEXT NOT NULL,
    name         TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    order_json   TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    posted_hash  TEXT,
    problem      TEXT,
    staged_at    TEXT NOT NULL,
    PRIMARY KEY (shop, order_id)
  );
  CREATE INDEX shopify_orders_pending ON shopify_orders (shop, posted_hash);

  CREATE TABLE shopify_postings (
    shop         TEXT NOT NULL,
    order_id     TEXT NOT NULL,
    doc_key      TEXT NOT NULL,
    entity       TEXT NOT NULL,
    qbo_id       TEXT NOT NULL,
    sync_token   TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    total        TEXT,
    role         TEXT,
    state        TEXT NOT NULL CHECK (state IN ('active', 'voided')),
    run_id       TEXT,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (shop, order_id, doc_key)
  );

  CREATE TABLE shopify_webhooks (
    webhook_id  TEXT PRIMARY KEY,
    shop        TEXT NOT NULL,
    topic       TEXT NOT NULL,
    order_id    TEXT,
    received_at TEXT NOT NULL
  );
  `,
]
