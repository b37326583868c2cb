-- RC8: the published recap's secret id, on the meeting's own row: GET /api/recaps/{recapId} finds its
-- meeting without loading any. The append that stores a RecapPublished or RecapUnpublished event sets or
-- clears it in the same statement, so the lookup never disagrees with the log; deleting the meeting
-- (DELETE, retention) deletes it with the row. The events stay the source of truth: the recap is shown
-- only when the replayed meeting has this id published.
ALTER TABLE meeting ADD COLUMN recap_id varchar(64) NULL;

CREATE UNIQUE INDEX meeting_recap_id_idx ON meeting (recap_id) WHERE recap_id IS NOT NULL;
