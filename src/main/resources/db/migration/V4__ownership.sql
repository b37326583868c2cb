-- Several Kring nodes on one PostgreSQL (architecture section 10, issue 15). A node owns a meeting while it
-- holds a session-level advisory lock on it; each time a node takes a meeting it raises owner_epoch and
-- writes its own address in owner_node, in the meeting row itself. Every append of a clustered node
-- checks owner_epoch in the same statement that moves last_seq: both touch this one row, so an append of a
-- paused old owner and the new owner's takeover are ordered by PostgreSQL's row lock, and the older
-- epoch's append changes nothing. A single node (KRING_NODE_URL unset) never reads these columns.
ALTER TABLE meeting ADD COLUMN owner_epoch bigint       NOT NULL DEFAULT 0;
ALTER TABLE meeting ADD COLUMN owner_node  varchar(123) NULL;
