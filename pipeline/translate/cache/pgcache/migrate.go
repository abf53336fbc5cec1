package pgcache

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// A Migration is one step of a schema: applied once, in order, in one
// transaction with its row in schema_version.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// migrations are the translation memory's schema, oldest first. A new
// step is appended with the next version; a step once released is never
// edited, since databases that ran it will not run it again.
var migrations = []Migration{
	{Version: 1, Name: "translations and claims", SQL: `
CREATE TABLE dossier_translations (
	key        text PRIMARY KEY,
	value      bytea NOT NULL, -- cache.Seal(key, entry): checksum, then the entry
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE dossier_claims (
	key     text PRIMARY KEY,
	owner   text NOT NULL,
	expires timestamptz NOT NULL
);
CREATE INDEX dossier_claims_owner ON dossier_claims (owner);`},
}

// Migrations returns the translation memory's schema steps, for packages
// that keep their own tables beside it (team) and for tests.
func Migrations() []Migration { return append([]Migration(nil), migrations...) }

// advisoryLock is the key of the session lock every dossier takes while
// it migrates, so that processes starting together migrate one at a time:
// the second finds the work done. It is "dossier" in ASCII.
const advisoryLock = 0x646f7373696572

// Migrate brings the database to the newest version of each schema
// given, in order, holding an advisory lock so that concurrent callers
// take turns. The versions applied are kept in schema_version, one row
// per (schema, version). A database with a version newer than this
// dossier knows is refused: an old binary must not write a new schema.
func Migrate(ctx context.Context, pool *pgxpool.Pool, schemas map[string][]Migration) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(advisoryLock)); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(advisoryLock))
	return migrate(ctx, conn, schemas)
}

// WithMigrationLock runs fn holding the lock Migrate takes, so that
// another schema migrated by its own tool (River's) takes turns with
// dossier's.
func WithMigrationLock(ctx context.Context, pool *pgxpool.Pool, fn func(ctx context.Context) error) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(advisoryLock)); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(advisoryLock))
	return fn(ctx)
}

func migrate(ctx context.Context, conn *pgxpool.Conn, schemas map[string][]Migration) error {
	_, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
	schema     text NOT NULL,
	version    integer NOT NULL,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (schema, version)
)`)
	if err != nil {
		return fmt.Errorf("migrate: schema_version: %w", err)
	}
	for _, schema := range sortedKeys(schemas) {
		var have int
		if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version WHERE schema = $1`, schema).Scan(&have); err != nil {
			return fmt.Errorf("migrate %s: %w", schema, err)
		}
		steps := schemas[schema]
		if newest := len(steps); have > newest {
			return fmt.Errorf("migrate %s: the database is at version %d, this dossier knows up to %d: %w", schema, have, newest, ErrNewerSchema)
		}
		for i, m := range steps {
			if m.Version != i+1 {
				return fmt.Errorf("migrate %s: step %d has version %d", schema, i+1, m.Version)
			}
			if m.Version <= have {
				continue
			}
			err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
				if _, err := tx.Exec(ctx, m.SQL); err != nil {
					return err
				}
				_, err := tx.Exec(ctx, `INSERT INTO schema_version (schema, version, name) VALUES ($1, $2, $3)`, schema, m.Version, m.Name)
				return err
			})
			if err != nil {
				return fmt.Errorf("migrate %s to version %d (%s): %w", schema, m.Version, m.Name, err)
			}
		}
	}
	return nil
}

func sortedKeys(m map[string][]Migration) []string {
	return slices.Sorted(maps.Keys(m))
}
