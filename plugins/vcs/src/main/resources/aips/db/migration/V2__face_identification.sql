-- A task may name a face group (the face-ingest service's) to identify its face events against;
-- an identified event keeps the match: {faceId, tag, description, similarity}.
ALTER TABLE compute_task ADD COLUMN face_group text, ADD COLUMN face_threshold double precision;
ALTER TABLE event ADD COLUMN identity jsonb;
