import type { ClientBase } from 'pg';

/**
 * The corpus schema. One row per source document and per sentence; a
 * sentence keeps its exact location (offsets, line/character range), trust and
 * frame terms (what retrieval matches, GIN-indexed). Term document frequencies
 * are kept in `fc_terms` so idf is corpus-wide and cheap. `fc_state` holds the
 * totals, a generation number that every index run that changes something
 * bumps (so checkers know when their caches are stale), and the fingerprint of
 * the term extraction (core/fingerprint.ts) that made every document's terms,
 * when they all agree; each document records its own.
 *
 * Version 1 also kept a tsvector of each sentence and a trigram index over the
 * terms; no query used them (candidates are found by frame terms, exactly as in
 * memory, and near spellings are scored on the fetched sentences' own words,
 * which gives the credit the whole vocabulary would), so version 2 drops them:
 * indexing is lighter and the pg_trgm extension is no longer needed.
 *
 * Version 3 keeps how much each document reads as written text (`written`, see
 * `writtenShare` in the checker), which the support model weighs and a slice
 * of a few sentences cannot tell; a document indexed before it is indexed
 * again by the next run over its folder.
 */

export const SCHEMA_VERSION = 3;

/** Creates the schema of this version in an empty database. */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS fc_state (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  schema_version int NOT NULL,
  generation bigint NOT NULL DEFAULT 0,
  documents bigint NOT NULL DEFAULT 0,
  sentences bigint NOT NULL DEFAULT 0,
  terms_fingerprint text
);
INSERT INTO fc_state (id, schema_version) VALUES (1, ${SCHEMA_VERSION}) ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS fc_documents (
  id bigserial PRIMARY KEY,
  path text NOT NULL UNIQUE,
  uri text NOT NULL,
  root text NOT NULL,
  date text,
  hash text NOT NULL,
  mode text NOT NULL,
  sentences int NOT NULL,
  chars int NOT NULL,
  indexed_at timestamptz NOT NULL DEFAULT now(),
  terms_fingerprint text,
  written double precision
);
CREATE INDEX IF NOT EXISTS fc_documents_root ON fc_documents (root);
CREATE TABLE IF NOT EXISTS fc_paragraphs (
  doc_id bigint NOT NULL REFERENCES fc_documents (id) ON DELETE CASCADE,
  start int NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (doc_id, start)
);
CREATE TABLE IF NOT EXISTS fc_sentences (
  doc_id bigint NOT NULL REFERENCES fc_documents (id) ON DELETE CASCADE,
  ordinal int NOT NULL,
  start int NOT NULL,
  "end" int NOT NULL,
  para_start int NOT NULL,
  start_line int NOT NULL,
  start_char int NOT NULL,
  end_line int NOT NULL,
  end_char int NOT NULL,
  text text NOT NULL,
  trust double precision NOT NULL,
  terms text[] NOT NULL,
  PRIMARY KEY (doc_id, ordinal)
);
CREATE INDEX IF NOT EXISTS fc_sentences_terms ON fc_sentences USING gin (terms);
CREATE TABLE IF NOT EXISTS fc_terms (
  term text PRIMARY KEY,
  df int NOT NULL
);
`;

/** Brings a version 1 database to version 2. */
const UPGRADE_FROM_1 = `
ALTER TABLE fc_state ADD COLUMN IF NOT EXISTS terms_fingerprint text;
ALTER TABLE fc_documents ADD COLUMN IF NOT EXISTS terms_fingerprint text;
DROP INDEX IF EXISTS fc_sentences_tsv;
ALTER TABLE fc_sentences DROP COLUMN IF EXISTS tsv;
DROP INDEX IF EXISTS fc_terms_trgm;
UPDATE fc_state SET schema_version = 2;
`;

/** Brings a version 2 database to version 3. */
const UPGRADE_FROM_2 = `
ALTER TABLE fc_documents ADD COLUMN IF NOT EXISTS written double precision;
UPDATE fc_state SET schema_version = 3;
`;

/**
 * Creates the schema when missing, or upgrades an older one, in a short
 * transaction of its own; fails clearly on a newer schema. When the schema is
 * current it runs no DDL at all: DDL takes locks that would make checkers wait
 * for a whole index run.
 */
export async function ensureSchema(client: ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    // Two first runs at once must not both create the tables.
    await client.query('SELECT pg_advisory_xact_lock(7300100)');
    if (!(await hasSchema(client))) {
      await client.query(SCHEMA_SQL);
    } else {
      const r = await client.query<{ schema_version: number }>('SELECT schema_version FROM fc_state WHERE id = 1');
      const v = r.rows[0]?.schema_version ?? SCHEMA_VERSION;
      if (v > SCHEMA_VERSION)
        throw new Error(`the database holds a corpus of schema version ${v}, newer than this fact-check (${SCHEMA_VERSION}); update fact-check`);
      if (v < 2) await client.query(UPGRADE_FROM_1);
      if (v < 3) await client.query(UPGRADE_FROM_2);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** Whether the schema exists in the database. */
export async function hasSchema(client: ClientBase): Promise<boolean> {
  const r = await client.query<{ t: string | null }>("SELECT to_regclass('fc_state')::text AS t");
  return !!r.rows[0]?.t;
}
