-- Group search: the faces deleted from each group, in order, so that every node's search index
-- applies the deletions it has not seen (group_version.deletions says that there are some).
-- Writes to one group's faces take the group's advisory lock, so ids and seqs commit in order within a group.
CREATE TABLE face_deletion (
  seq         bigserial PRIMARY KEY,
  group_name  text      NOT NULL,
  face_id     bigint    NOT NULL
);
CREATE INDEX face_deletion_group ON face_deletion (group_name, seq);
