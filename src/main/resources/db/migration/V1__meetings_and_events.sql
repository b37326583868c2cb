-- Kring's store: one row per meeting, and each meeting's events in order.
-- The events are the source of truth (replaying them rebuilds the meeting, docs/architecture.md);
-- the meeting row carries what must be found without loading a meeting: its sequence number,
-- its status and the next deadline to re-arm after a restart.
CREATE TABLE meeting (
    meeting_id       varchar(64)  PRIMARY KEY,
    title            varchar(800) NOT NULL,
    language         varchar(8)   NOT NULL,
    status           varchar(16)  NOT NULL,
    created_at       timestamptz  NOT NULL,
    last_seq         bigint       NOT NULL,
    next_deadline_at timestamptz  NULL
);

CREATE INDEX meeting_next_deadline_idx ON meeting (next_deadline_at) WHERE next_deadline_at IS NOT NULL;

CREATE TABLE meeting_event (
    meeting_id  varchar(64) NOT NULL REFERENCES meeting (meeting_id),
    seq         bigint      NOT NULL,
    type        varchar(64) NOT NULL,
    payload     text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);
