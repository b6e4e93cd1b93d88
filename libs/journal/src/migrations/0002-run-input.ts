import { type Kysely, sql } from 'kysely';

/*
 * Frozen. The run protocol between gateways and workers: a client's half-close is durable state
 * (a redelivered run must see it), and a worker reads a run's inputs (events with a run id but no
 * run seq) without scanning the session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE runs ADD COLUMN input_closed_at timestamptz NULL`.execute(db);
  await sql`CREATE INDEX journal_events_run_inputs_idx ON journal_events (run_id, chain_seq) WHERE run_seq IS NULL`.execute(
    db,
  );
}
