-- Activity blocks in format 2 (ActivityBlock): each column deflated on its own and dictionaries in
-- pages, so a search inflates only what it reads. Blocks already stored stay in format 1 and are
-- still read; a prune or merge rewrites a block in format 2. Nothing in the schema changes: this
-- version exists so a Parasol from before format 2 refuses the store ("upgrade Parasol") instead
-- of failing on the first new block it reads.
COMMENT ON TABLE activity_block_part IS 'activity block parts; requests in format 1 (V7) or 2 (V9)';
