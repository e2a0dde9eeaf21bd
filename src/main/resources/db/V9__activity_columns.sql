-- Activity blocks in format 2 (ActivityBlock): each column deflated on its own and the names'
-- dictionary in pages, so a search inflates only what it reads. Blocks stored before stay in
-- format 1 and are still read; `activity prune` rewrites them in format 2 a few a transaction
-- (ActivityRepository.upgradeBlocks), as does any prune or merge that touches one. The version
-- also makes a Parasol from before format 2 refuse the store instead of failing on a block.
ALTER TABLE activity_block ADD COLUMN format SMALLINT DEFAULT 1 NOT NULL;
