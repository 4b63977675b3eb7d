#!/usr/bin/env bash
# seed.sh DB COUNT: add SVM rows to Keyhold's store until table svms holds COUNT rows, in one transaction,
# straight through SQLite (the service must be stopped). Names svm000001, svm000002, ... (sort before "vs1").
# UUIDs are random v4-shaped, so Keyhold's Guid.Parse accepts them.
set -euo pipefail
db=$1 want=$2
have=$(sqlite3 "$db" "SELECT count(*) FROM svms")
start=$(sqlite3 "$db" "SELECT count(*) FROM svms WHERE name LIKE 'svm%'")
add=$((want - have))
[ "$add" -gt 0 ] || exit 0
sqlite3 "$db" <<SQL
.output /dev/null
PRAGMA journal_mode=WAL;
.output stdout
BEGIN;
WITH RECURSIVE n(i) AS (SELECT $start + 1 UNION ALL SELECT i + 1 FROM n WHERE i < $start + $add)
INSERT INTO svms (uuid, name, state, created)
SELECT lower(substr(h,1,8)||'-'||substr(h,9,4)||'-4'||substr(h,14,3)||'-a'||substr(h,18,3)||'-'||substr(h,21,12)),
       printf('svm%06d', i), 'running', strftime('%Y-%m-%dT%H:%M:%S+00:00','now')
FROM (SELECT i, hex(randomblob(16)) AS h FROM n);
COMMIT;
SQL
