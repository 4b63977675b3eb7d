namespace Keyhold.Storage;

/// <summary>
/// Versioned schema. Each step runs once, in its own transaction, at start-up. Types are written as
/// tokens ({blob}) so one script serves SQLite and PostgreSQL; a statement that starts with {sqlite} or {postgres}
/// runs on that store only (triggers and expression indexes are spelled differently).
/// </summary>
public static class SchemaSteps
{
    private static readonly string[][] Steps =
    [
        [
            "CREATE TABLE cluster (uuid TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL)",
            "CREATE TABLE nodes (uuid TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, public_key {blob} NOT NULL, created TEXT NOT NULL)",
            "CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, svm_uuid TEXT, password_hash TEXT NOT NULL)",
            "CREATE TABLE svms (uuid TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, state TEXT NOT NULL, created TEXT NOT NULL)",
            "CREATE TABLE jobs (uuid TEXT PRIMARY KEY, description TEXT NOT NULL, state TEXT NOT NULL, message TEXT NOT NULL, code INTEGER NOT NULL, start_time TEXT NOT NULL, end_time TEXT, svm_uuid TEXT)",
            "CREATE INDEX jobs_start ON jobs (start_time)",
            // scope_key = the SVM's uuid, or 'cluster': one key manager per SVM, enforced by the store too.
            "CREATE TABLE key_managers (uuid TEXT PRIMARY KEY, scope_key TEXT NOT NULL UNIQUE, scope TEXT NOT NULL, svm_uuid TEXT, kind TEXT NOT NULL, dare_disabled INTEGER NOT NULL, created TEXT NOT NULL, client_cert_uuid TEXT, server_ca_uuids TEXT)",
            "CREATE TABLE key_servers (key_manager_uuid TEXT NOT NULL, server TEXT NOT NULL, position INTEGER NOT NULL, timeout INTEGER NOT NULL, username TEXT NOT NULL, wrapped_password {blob}, PRIMARY KEY (key_manager_uuid, server))",
            "CREATE TABLE certificates (uuid TEXT PRIMARY KEY, name TEXT, scope TEXT NOT NULL, svm_uuid TEXT, type TEXT NOT NULL, common_name TEXT NOT NULL, serial_number TEXT NOT NULL, ca TEXT NOT NULL, expiry_time TEXT NOT NULL, hash_function TEXT NOT NULL, key_size INTEGER NOT NULL, public_certificate TEXT NOT NULL, intermediate_certificates TEXT NOT NULL, wrapped_private_key {blob}, key_fingerprint TEXT NOT NULL, created TEXT NOT NULL)",
            // The cluster secret wraps stored secrets (certificate private keys, key-server passwords); each node holds a sealed copy.
            "CREATE TABLE cluster_secret_seals (node_uuid TEXT PRIMARY KEY, sealed {blob} NOT NULL)",
            "CREATE TABLE onboard (key_manager_uuid TEXT PRIMARY KEY, kdf {blob} NOT NULL, wrapped_root {blob} NOT NULL, root_fingerprint TEXT NOT NULL, changed TEXT NOT NULL)",
            "CREATE TABLE root_key_seals (key_manager_uuid TEXT NOT NULL, node_uuid TEXT NOT NULL, sealed {blob} NOT NULL, PRIMARY KEY (key_manager_uuid, node_uuid))",
            "CREATE TABLE keys (key_id TEXT PRIMARY KEY, key_manager_uuid TEXT NOT NULL, key_type TEXT NOT NULL, svm_uuid TEXT, key_tag TEXT, wrapped {blob}, metadata TEXT NOT NULL, created TEXT NOT NULL)",
            "CREATE INDEX keys_manager ON keys (key_manager_uuid, key_id)",
            "CREATE TABLE audit (id TEXT PRIMARY KEY, time TEXT NOT NULL, user_name TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL)",
        ],
        [
            // Volumes: the consumers of keys. key_id is the volume's VEK (a row of keys) or NULL when unencrypted;
            // a volume and its key are written and deleted in one transaction.
            "CREATE TABLE volumes (uuid TEXT PRIMARY KEY, svm_uuid TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, state TEXT NOT NULL, encryption_state TEXT NOT NULL, key_id TEXT UNIQUE, created TEXT NOT NULL, UNIQUE (svm_uuid, name))",
            "CREATE INDEX keys_svm ON keys (svm_uuid)",
        ],
        [
            // The ONTAP volume fields Keyhold stores but does not act on (tiering, NAS, space settings), as one JSON
            // object: see Ontap/Schemas/VolumeAttributes. Volumes from before get ONTAP's defaults when read.
            "ALTER TABLE volumes ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}'",
        ],
        [
            // What each node last measured of each key server; checked (fixed-width UTC text) is when the node last
            // vouched for state, so a node that stopped writing reads as unknown. Rows go with their key server.
            "CREATE TABLE node_connectivity (key_manager_uuid TEXT NOT NULL, server TEXT NOT NULL, node_uuid TEXT NOT NULL, state TEXT NOT NULL, checked TEXT NOT NULL, PRIMARY KEY (key_manager_uuid, server, node_uuid))",
            // The node that runs a job, so a restarted node can fail its own interrupted jobs (NULL: before this step).
            "ALTER TABLE jobs ADD COLUMN node_uuid TEXT",
            "CREATE INDEX jobs_node_state ON jobs (node_uuid, state)",
            // volumes.size holds bytes (20 GiB by default), past PostgreSQL's 32-bit INTEGER; SQLite's is 64-bit already.
            // Neither store can change a column's type portably, so the column is replaced (NOT NULL, like the old one).
            "ALTER TABLE volumes ADD COLUMN size_bytes BIGINT NOT NULL DEFAULT 0",
            "UPDATE volumes SET size_bytes = size",
            "ALTER TABLE volumes DROP COLUMN size",
            "ALTER TABLE volumes RENAME COLUMN size_bytes TO size",
        ],
        [
            // Accounts as ONTAP has them (/api/security/accounts). applications: a JSON array (NULL = REST with a
            // password, what the accounts before this step had); password_hash '' = no password (certificate only).
            // admin_locked is the lock an administrator sets; failed_logins and locked_until the login policy's.
            "ALTER TABLE users ADD COLUMN applications TEXT",
            "ALTER TABLE users ADD COLUMN admin_locked INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN comment TEXT",
            "ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN locked_until TEXT",
            // ONTAP's audit messages (/api/security/audit/messages): one row per change or summary, idx unique per node.
            "CREATE TABLE audit_messages (node_uuid TEXT NOT NULL, idx BIGINT NOT NULL, timestamp TEXT NOT NULL, node_name TEXT NOT NULL, " +
            "application TEXT NOT NULL, location TEXT NOT NULL, user_name TEXT NOT NULL, input TEXT NOT NULL, state TEXT NOT NULL, " +
            "scope TEXT NOT NULL, message TEXT, PRIMARY KEY (node_uuid, idx))",
            "CREATE INDEX audit_messages_time ON audit_messages (timestamp, node_uuid, idx)",
            // The old audit rows (user, method, path, status) become messages of an unknown node; the old table goes.
            "INSERT INTO audit_messages (node_uuid, idx, timestamp, node_name, application, location, user_name, input, state, scope) " +
            "SELECT '', ROW_NUMBER() OVER (ORDER BY time, id), time, '', 'http', '', user_name, method || ' ' || path, " +
            "CASE WHEN status < 400 THEN 'success' ELSE 'error' END, 'cluster' FROM audit",
            "DROP TABLE audit",
            // /api/security/audit: whether GETs are audited too (one row; none = all off, ONTAP's default).
            "CREATE TABLE audit_settings (id INTEGER PRIMARY KEY, cli INTEGER NOT NULL, http INTEGER NOT NULL, ontapi INTEGER NOT NULL)",
        ],
        [
            // The ONTAP SVM fields Keyhold stores but does not act on (language, comment, aggregates, protocols), as one
            // JSON object: see Ontap/Schemas/SvmAttributes. SVMs from before get ONTAP's defaults when read.
            "ALTER TABLE svms ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}'",
            // The cluster's contact and location (PATCH /api/cluster); NULL until set.
            "ALTER TABLE cluster ADD COLUMN contact TEXT",
            "ALTER TABLE cluster ADD COLUMN location TEXT",
        ],
        [
            // KMIP objects (KmipObjects/): owner is the client certificate's CN; attributes is the TTLV list of every
            // attribute (never material); wrapped is the whole encoded object (material included) wrapped under the
            // onboard root key of key_manager_uuid. Locate answers in creation order.
            "CREATE TABLE kmip_objects (uid TEXT PRIMARY KEY, owner TEXT NOT NULL, object_type INTEGER NOT NULL, state INTEGER NOT NULL, name TEXT, attributes {blob} NOT NULL, wrapped {blob}, key_manager_uuid TEXT, created TEXT NOT NULL, changed TEXT NOT NULL)",
            "CREATE INDEX kmip_objects_owner ON kmip_objects (owner, created)",
            // The KMIP clients each node has seen (identity = certificate CN), for the admin resource.
            // The cluster's KMIP CA: one for every node, so a client trusts one certificate; its key wrapped under the cluster secret.
            "CREATE TABLE kmip_ca (id TEXT PRIMARY KEY, certificate TEXT NOT NULL, wrapped_key {blob} NOT NULL, created TEXT NOT NULL)",
            "CREATE TABLE kmip_clients (identity TEXT NOT NULL, node_uuid TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, connections BIGINT NOT NULL, PRIMARY KEY (identity, node_uuid))",
        ],
        [
            // When each node last beat (fixed-width UTC text, like node_connectivity.checked); NULL: never since this step.
            "ALTER TABLE nodes ADD COLUMN last_seen TEXT",
        ],
        [
            // Each primary key server's secondaries (ONTAP 9.11.1+: comma-separated, in order; '' = none) and its timeout for
            // create and remove operations (9.13+; seconds, -1 waits forever, 0 does not wait).
            "ALTER TABLE key_servers ADD COLUMN secondary_key_servers TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE key_servers ADD COLUMN create_remove_timeout INTEGER NOT NULL DEFAULT 60",
        ],
        [
            // key_backup kept current in pieces (Onboard/KeyBackupPieces, docs/key-backup.md): every write of a key row
            // gives it a new random stamp, so a node sees which pieces changed from counts and sums of stamps per key ID
            // prefix, read from this index alone, without reading the keys. Rows from before keep 0 until written.
            "ALTER TABLE keys ADD COLUMN stamp BIGINT NOT NULL DEFAULT 0",
            "DROP INDEX keys_manager",
            "CREATE INDEX keys_manager ON keys (key_manager_uuid, key_id, stamp)",
        ],
        [
            // The cluster's key-manager configuration (/api/security/key-manager-configs, one row; none = ONTAP's defaults).
            // health_policy: JSON {"okm":{"enabled":true,"manage_volume_offline":true},...} per keystore type.
            "CREATE TABLE key_manager_config (id INTEGER PRIMARY KEY, cc_mode INTEGER NOT NULL, polling_interval INTEGER NOT NULL, cloud_kms_retry_count INTEGER NOT NULL, health_policy TEXT NOT NULL)",
        ],
        [
            // Issue 14: pages, filters and counts that cost the same at 1,000 and 1,000,000 rows (docs/scaling.md).
            // The default volume order (name, uuid) read from an index: a first page reads 101 index entries, not a sort.
            "CREATE INDEX volumes_name ON volumes (name, uuid)",
            // name=prefix* filters: the wildcard is case-insensitive, so the range runs on the ASCII-lower-cased name
            // (FilterSql.PrefixRange); PostgreSQL compares it bytewise, as the range was computed.
            "{sqlite}CREATE INDEX volumes_name_folded ON volumes (lower(name))",
            "{postgres}CREATE INDEX volumes_name_folded ON volumes ((lower(name)) COLLATE \"C\")",
            // Equality filters and order_by on name compare ordinally (COLLATE "C") on PostgreSQL; SQLite's index above is ordinal.
            "{postgres}CREATE INDEX volumes_name_c ON volumes ((name COLLATE \"C\"))",
            // Counts kept beside the rows (Storage/RowCounts): every insert or delete of a volume or key appends +1 or -1
            // under its names in the same transaction (triggers, so no write path can forget), and RowCountCompactor
            // folds each name's rows into one. Appending rather than updating one row keeps concurrent PostgreSQL writers
            // from conflicting on a hot counter row under SERIALIZABLE.
            "CREATE TABLE row_counts (name TEXT NOT NULL, n BIGINT NOT NULL)",
            "CREATE INDEX row_counts_name ON row_counts (name, n)",
            "INSERT INTO row_counts (name, n) SELECT 'volumes', COUNT(*) FROM volumes",
            "INSERT INTO row_counts (name, n) SELECT 'volumes svm=' || svm_uuid, COUNT(*) FROM volumes GROUP BY svm_uuid",
            "INSERT INTO row_counts (name, n) SELECT 'keys km=' || key_manager_uuid, COUNT(*) FROM keys GROUP BY key_manager_uuid",
            "{sqlite}CREATE TRIGGER volumes_counted_insert AFTER INSERT ON volumes BEGIN " +
                "INSERT INTO row_counts (name, n) VALUES ('volumes', 1), ('volumes svm=' || NEW.svm_uuid, 1); END",
            "{sqlite}CREATE TRIGGER volumes_counted_delete AFTER DELETE ON volumes BEGIN " +
                "INSERT INTO row_counts (name, n) VALUES ('volumes', -1), ('volumes svm=' || OLD.svm_uuid, -1); END",
            "{sqlite}CREATE TRIGGER volumes_counted_move AFTER UPDATE OF svm_uuid ON volumes WHEN OLD.svm_uuid <> NEW.svm_uuid BEGIN " +
                "INSERT INTO row_counts (name, n) VALUES ('volumes svm=' || OLD.svm_uuid, -1), ('volumes svm=' || NEW.svm_uuid, 1); END",
            "{sqlite}CREATE TRIGGER keys_counted_insert AFTER INSERT ON keys BEGIN " +
                "INSERT INTO row_counts (name, n) VALUES ('keys km=' || NEW.key_manager_uuid, 1); END",
            "{sqlite}CREATE TRIGGER keys_counted_delete AFTER DELETE ON keys BEGIN " +
                "INSERT INTO row_counts (name, n) VALUES ('keys km=' || OLD.key_manager_uuid, -1); END",
            "{sqlite}CREATE TRIGGER keys_counted_move AFTER UPDATE OF key_manager_uuid ON keys WHEN OLD.key_manager_uuid <> NEW.key_manager_uuid BEGIN " +
                "INSERT INTO row_counts (name, n) VALUES ('keys km=' || OLD.key_manager_uuid, -1), ('keys km=' || NEW.key_manager_uuid, 1); END",
            "{postgres}CREATE FUNCTION volumes_counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
                "IF TG_OP <> 'INSERT' THEN INSERT INTO row_counts (name, n) VALUES ('volumes', -1), ('volumes svm=' || OLD.svm_uuid, -1); END IF; " +
                "IF TG_OP <> 'DELETE' THEN INSERT INTO row_counts (name, n) VALUES ('volumes', 1), ('volumes svm=' || NEW.svm_uuid, 1); END IF; " +
                "RETURN NULL; END $$",
            "{postgres}CREATE TRIGGER volumes_counted AFTER INSERT OR DELETE OR UPDATE OF svm_uuid ON volumes FOR EACH ROW EXECUTE FUNCTION volumes_counted()",
            "{postgres}CREATE FUNCTION keys_counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
                "IF TG_OP <> 'INSERT' THEN INSERT INTO row_counts (name, n) VALUES ('keys km=' || OLD.key_manager_uuid, -1); END IF; " +
                "IF TG_OP <> 'DELETE' THEN INSERT INTO row_counts (name, n) VALUES ('keys km=' || NEW.key_manager_uuid, 1); END IF; " +
                "RETURN NULL; END $$",
            "{postgres}CREATE TRIGGER keys_counted AFTER INSERT OR DELETE OR UPDATE OF key_manager_uuid ON keys FOR EACH ROW EXECUTE FUNCTION keys_counted()",
        ],
        [
            // The key manager's KMIP policy (ONTAP 9.9 `policy`, set at POST, for an external key manager only: ONTAP
            // ignores it for the onboard one). NULL = none.
            "ALTER TABLE key_managers ADD COLUMN policy TEXT",
        ],
        [
            // Issue 14 scope 3: a row version per volume and SVM, so a page recognises a row whose record it already
            // wrote (Api/Ontap/RowBytes) from its uuid and versions alone, without reading its other columns. Every
            // INSERT and UPDATE of the row gets a version its uuid never had (a volume or SVM deleted and restored from
            // key_backup comes back with its old uuid), set by the store itself (triggers, defaults), so no write path,
            // on any node, can forget it; INSERTs do not name the column. Rows already stored keep 0: no new one gets it.
            "ALTER TABLE volumes ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE svms ADD COLUMN row_version BIGINT NOT NULL DEFAULT 0",
            // SQLite: a random 64-bit version (a repeat of one uuid's earlier version: 1 in 2^64 per write). Its ALTER
            // takes no expression default, so an insert sets it after the fact; an UPDATE that did not change it does too.
            "{sqlite}CREATE TRIGGER volumes_versioned_insert AFTER INSERT ON volumes BEGIN " +
                "UPDATE volumes SET row_version = random() WHERE rowid = NEW.rowid; END",
            "{sqlite}CREATE TRIGGER volumes_versioned_update AFTER UPDATE ON volumes WHEN NEW.row_version = OLD.row_version BEGIN " +
                "UPDATE volumes SET row_version = random() WHERE rowid = NEW.rowid; END",
            "{sqlite}CREATE TRIGGER svms_versioned_insert AFTER INSERT ON svms BEGIN " +
                "UPDATE svms SET row_version = random() WHERE rowid = NEW.rowid; END",
            "{sqlite}CREATE TRIGGER svms_versioned_update AFTER UPDATE ON svms WHEN NEW.row_version = OLD.row_version BEGIN " +
                "UPDATE svms SET row_version = random() WHERE rowid = NEW.rowid; END",
            // PostgreSQL: a sequence, never repeated; nextval takes no lock a serializable writer could conflict on. An
            // INSERT takes it as the column's default (no trigger on the create path); every UPDATE gets a new one.
            "{postgres}CREATE SEQUENCE row_versions",
            "{postgres}ALTER TABLE volumes ALTER COLUMN row_version SET DEFAULT nextval('row_versions')",
            "{postgres}ALTER TABLE svms ALTER COLUMN row_version SET DEFAULT nextval('row_versions')",
            "{postgres}CREATE FUNCTION row_versioned() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
                "NEW.row_version := nextval('row_versions'); RETURN NEW; END $$",
            "{postgres}CREATE TRIGGER volumes_versioned BEFORE UPDATE ON volumes FOR EACH ROW EXECUTE FUNCTION row_versioned()",
            "{postgres}CREATE TRIGGER svms_versioned BEFORE UPDATE ON svms FOR EACH ROW EXECUTE FUNCTION row_versioned()",
        ],
    ];

    public static int Latest => Steps.Length;

    public static async Task ApplyAsync(IStore store, CancellationToken ct = default)
    {
        // Nodes sharing a store may start together: one migrates at a time, and each step checks the version again.
        await using var exclusive = store is IMigrationLock migrationLock ? await migrationLock.AcquireAsync(ct) : null;
        await store.WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", t);
            return 0;
        }, ct);

        for (var version = await CurrentAsync(store, ct) + 1; version <= Steps.Length; version++)
        {
            var step = Steps[version - 1];
            var target = version;
            await store.WriteAsync(async (c, tx, t) =>
            {
                if (await VersionAsync(c, tx, t) >= target)
                {
                    return 0; // another node ran this step first
                }
                foreach (var sql in step)
                {
                    // "" when the statement is marked for the other store ({sqlite} / {postgres}).
                    if (store.Dialect.TypeTokens(sql) is { Length: > 0 } spelled)
                    {
                        await Db.ExecuteAsync(c, tx, spelled, t);
                    }
                }
                await Db.ExecuteAsync(c, tx, "DELETE FROM schema_version", t);
                await Db.ExecuteAsync(c, tx, "INSERT INTO schema_version (version) VALUES (@v)", t, ("@v", target));
                return 0;
            }, ct);
        }
    }

    public static Task<int> CurrentAsync(IStore store, CancellationToken ct = default) =>
        store.ReadAsync((c, t) => VersionAsync(c, null, t), ct);

    private static async Task<int> VersionAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, CancellationToken ct) =>
        Convert.ToInt32(await Db.ScalarAsync(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version", ct) ?? 0, System.Globalization.CultureInfo.InvariantCulture);
}
