-- Admin sessions live here, not in the cookie, so every replica agrees on which are alive:
-- logout deletes the row, and a replayed cookie finds nothing. The cookie carries a random
-- token; only its SHA-256 is stored, so a read of this table cannot be turned into a login.
CREATE TABLE admin_sessions (
  id                   text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  created_at           timestamptz NOT NULL DEFAULT now(),
  last_seen_at         timestamptz NOT NULL DEFAULT now(),
  expires_at           timestamptz NOT NULL,
  -- Sessions made under another ADMIN_PASSWORD_HASH are refused: changing it ends them all.
  password_fingerprint text NOT NULL,
  client_ip            text NOT NULL,
  user_agent           text NOT NULL DEFAULT ''
);

CREATE INDEX admin_sessions_expires_at_idx ON admin_sessions (expires_at);
CREATE INDEX admin_sessions_last_seen_at_idx ON admin_sessions (last_seen_at);

-- Login attempts per client address in a fixed window, shared by every replica and kept
-- across restarts. One row per client; a successful login deletes it.
CREATE TABLE admin_login_attempts (
  client         text PRIMARY KEY,
  attempts       integer NOT NULL CHECK (attempts > 0),
  window_ends_at timestamptz NOT NULL
);

CREATE INDEX admin_login_attempts_window_ends_at_idx ON admin_login_attempts (window_ends_at);
