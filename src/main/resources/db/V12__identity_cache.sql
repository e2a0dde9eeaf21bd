-- Ids for the tables that take rows by the hundred (list entries, received events, rejections,
-- audit records) are handed out 1,000 at a time. H2's default hands out 32 and, each time they run
-- out, writes its sequence in a transaction of its own that makes the store write every page
-- changed so far: a receiver request of 100 events paid for about six such writes, and they were
-- 30 % of the receiver's time (docs/performance.md). A crash skips at most the unused ids; ids
-- are never reused either way. PostgreSQL reads this as the same option (a per-session cache).
ALTER TABLE list_entry ALTER COLUMN id SET CACHE 1000;
ALTER TABLE received_event ALTER COLUMN id SET CACHE 1000;
ALTER TABLE rejected_indicator ALTER COLUMN id SET CACHE 1000;
ALTER TABLE audit_log ALTER COLUMN id SET CACHE 1000;
