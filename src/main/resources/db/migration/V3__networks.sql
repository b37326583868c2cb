-- The learning network (protocol.md section 9, meeting-rules NW-rules): a series of meetings with one
-- coordinator, and the members who come back from meeting to meeting.
--
-- Unlike a meeting, a network is not event-sourced: its rows ARE the state. What happens inside its
-- meetings stays in those meetings' events (meeting_event); a participant of a network meeting carries
-- its member id in its stored ParticipantJoined event, so who-met-whom across meetings (mixing, the
-- network report) is read from the events of the network's meetings.
--
-- Text columns are sized at four times the protocol's character limit (as in V1), so that any text the
-- input rules accept fits; the limits themselves are checked in Java.

CREATE TABLE network (
    network_id           varchar(64)  PRIMARY KEY,
    name                 varchar(800) NOT NULL,               -- 1..200 characters
    language             varchar(8)   NOT NULL,               -- nl | en
    -- SHA-256 hex of the coordinator key, as the moderator key of a meeting (io.kring.meeting.Credentials).
    -- The key itself is never stored; it is also the moderator key of every meeting of the network (NW3).
    coordinator_key_hash varchar(64)  NOT NULL,
    created_at           timestamptz  NOT NULL,
    -- Moves on every meeting planned in the network and every member join: what retention looks at.
    last_activity_at     timestamptz  NOT NULL
);

CREATE INDEX network_last_activity_idx ON network (last_activity_at);

-- A member: one person across the meetings of one network. Created on their first join of a network
-- meeting (NW4) with the name and organisation of that join; the profile columns are theirs to fill
-- (PUT /api/networks/{id}/members/me). Deleting a member (DELETE .../members/me) deletes the row: the
-- token stops working and the profile and consent are gone; the member id stays, without a name, in the
-- join events of the meetings they attended.
CREATE TABLE network_member (
    member_id          varchar(64)   PRIMARY KEY,
    network_id         varchar(64)   NOT NULL REFERENCES network (network_id) ON DELETE CASCADE,
    -- SHA-256 hex of the secret part of the member token ("{memberId}.{secret}", 256 random bits).
    token_hash         varchar(64)   NOT NULL,
    name               varchar(240)  NOT NULL,                -- 1..60
    organisation       varchar(320)  NOT NULL DEFAULT '',     -- 0..80
    -- The profile (protocol.md section 9); null: not given. "function" is an SQL keyword, hence job_function.
    job_function       varchar(320)  NULL,                    -- 0..80
    email              varchar(1016) NULL,                    -- a valid address (at most 254)
    phone              varchar(160)  NULL,                    -- 0..40
    offer              varchar(2000) NULL,                    -- 0..500
    ask                varchar(2000) NULL,                    -- 0..500
    -- Consent: the directory shows nothing of a member until they set it.
    share_in_directory boolean       NOT NULL DEFAULT false,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,                -- the profile's last change
    last_seen_at       timestamptz   NOT NULL                 -- the member's last join of a network meeting
);

CREATE INDEX network_member_network_idx ON network_member (network_id);
CREATE INDEX network_member_directory_idx ON network_member (network_id) WHERE share_in_directory;

-- A meeting of a network: planned by its coordinator (POST /api/networks/{id}/meetings). Null for a
-- meeting on its own. The network's own fields of the meeting (starts_at, mode) are listed by
-- GET /api/networks/{id} without loading the meetings.
ALTER TABLE meeting ADD COLUMN network_id varchar(64) NULL REFERENCES network (network_id);
ALTER TABLE meeting ADD COLUMN starts_at  timestamptz NULL;   -- when it is planned to start; null: not said
ALTER TABLE meeting ADD COLUMN mode       varchar(16) NULL;   -- online | inPerson | hybrid (network meetings)

CREATE INDEX meeting_network_idx ON meeting (network_id, starts_at) WHERE network_id IS NOT NULL;
