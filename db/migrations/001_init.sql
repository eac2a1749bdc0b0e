-- kubedojo platform schema, version 1. Times are ISO 8601 text (UTC); JSON columns hold text.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,            -- scrypt$N$r$p$salt$hash (base64)
  role          TEXT NOT NULL CHECK (role IN ('candidate', 'instructor', 'reviewer', 'admin')),
  group_name    TEXT,
  created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,            -- sha256 of the cookie's token
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE attempts (
  id             TEXT PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users(id),
  scenario_id    TEXT NOT NULL,
  scenario_title TEXT NOT NULL,
  scenario_kind  TEXT NOT NULL,
  pass_threshold REAL NOT NULL,
  mode           TEXT NOT NULL CHECK (mode IN ('exam', 'practice')),
  status         TEXT NOT NULL CHECK (status IN ('starting', 'running', 'submitted', 'expired', 'failed')),
  end_reason     TEXT,                     -- submitted | deadline | idle | failed
  error          TEXT,
  seed           INTEGER NOT NULL,
  started_at     TEXT NOT NULL,
  deadline       TEXT,                     -- null in practice mode
  submitted_at   TEXT,
  cluster        TEXT,
  workers        INTEGER NOT NULL DEFAULT 1,
  notepad        TEXT NOT NULL DEFAULT '',
  tasks_json     TEXT NOT NULL,            -- the tasks as drawn at start (snapshot)
  last_input_at  TEXT,
  score          REAL,
  passed         INTEGER
);
CREATE INDEX attempts_user ON attempts(user_id, started_at);
CREATE INDEX attempts_status ON attempts(status);

CREATE TABLE task_states (
  attempt_id     TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  task_id        TEXT NOT NULL,
  flagged        INTEGER NOT NULL DEFAULT 0,
  done           INTEGER NOT NULL DEFAULT 0,
  done_at        TEXT,
  first_activity TEXT,
  last_activity  TEXT,
  viewing_since  TEXT,                     -- the task shown now (see /view), null otherwise
  seconds        REAL NOT NULL DEFAULT 0,  -- accumulated viewing time
  PRIMARY KEY (attempt_id, task_id)
);

CREATE TABLE grades (
  id           INTEGER PRIMARY KEY,
  attempt_id   TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  task_id      TEXT NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('done', 'submit')),
  results_json TEXT NOT NULL,              -- the TaskResult
  earned       REAL NOT NULL,
  points       REAL NOT NULL,
  at           TEXT NOT NULL
);
CREATE INDEX grades_attempt ON grades(attempt_id, task_id);

CREATE TABLE overrides (
  id         INTEGER PRIMARY KEY,
  attempt_id TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  task_id    TEXT NOT NULL,
  earned     REAL NOT NULL,
  reason     TEXT NOT NULL,
  by_user    INTEGER NOT NULL REFERENCES users(id),
  at         TEXT NOT NULL
);

CREATE TABLE recordings (
  attempt_id  TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  terminal_id TEXT NOT NULL,
  path        TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  bytes       INTEGER NOT NULL DEFAULT 0,
  out_chars   INTEGER NOT NULL DEFAULT 0,  -- output sequence reached (continues across shells)
  PRIMARY KEY (attempt_id, terminal_id)
);

CREATE TABLE command_log (
  id          INTEGER PRIMARY KEY,
  attempt_id  TEXT NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  terminal_id TEXT NOT NULL,
  node        TEXT NOT NULL,
  t           TEXT NOT NULL,
  command     TEXT NOT NULL,
  exit_code   INTEGER
);
CREATE INDEX command_log_attempt ON command_log(attempt_id, id);

CREATE TABLE assignments (
  id          INTEGER PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  group_name  TEXT NOT NULL,
  due         TEXT,
  created_by  INTEGER NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL
);

CREATE TABLE scenarios_uploaded (
  id          TEXT PRIMARY KEY,
  yaml        TEXT NOT NULL,
  published   INTEGER NOT NULL DEFAULT 0,
  uploaded_by INTEGER REFERENCES users(id),
  updated_at  TEXT NOT NULL
);

-- publish/unpublish of scenarios that come from files (published unless a row says otherwise)
CREATE TABLE scenario_flags (
  id        TEXT PRIMARY KEY,
  published INTEGER NOT NULL
);

CREATE TABLE selftests (
  id          TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'passed', 'failed')),
  log_json    TEXT NOT NULL DEFAULT '[]',
  result_json TEXT,
  by_user     INTEGER REFERENCES users(id),
  started_at  TEXT NOT NULL,
  finished_at TEXT
);
