package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Activity blocks as Parasol wrote them from V7 until format 2 (the whole block deflated at
 * once, row by row), kept here so tests can put them in a store and check they still read the same.
 */
final class FormatOneBlocks {
    private FormatOneBlocks() {
    }

    static byte[] encode(ActivityBlock b) {
        BlockBytes.Writer w = new BlockBytes.Writer();
        w.varint(1);
        w.varint(b.size);
        for (ActivityBlock.Field f : ActivityBlock.FIELDS) {
            ActivityBlock.Column c = b.column(f);
            w.varint(c.distinct());
            for (int ref = 1; ref <= c.distinct(); ref++) {
                w.string(c.text(ref));
            }
        }
        long previous = 0;
        for (int i = 0; i < b.size; i++) {
            w.zigzag(b.nanos()[i] - previous);
            previous = b.nanos()[i];
            w.varint(b.blocked()[i] ? 1 : 0);
            for (ActivityBlock.Field f : ActivityBlock.FIELDS) {
                w.varint(b.column(f).ref(i));
            }
        }
        return w.deflated();
    }

    /** Stores {@code records} as one format 1 block, with its sketch and tally, as V7's repository did. */
    static void insert(Connection c, List<ActivityRecord> records) throws SQLException {
        ActivityBlock block = ActivityBlock.of(records);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int blocked = 0;
        for (int i = 0; i < block.size; i++) {
            first = Math.min(first, block.nanos()[i]);
            last = Math.max(last, block.nanos()[i]);
            blocked += block.blocked()[i] ? 1 : 0;
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO activity_block (first_at, last_at, requests, blocked) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            Sql.setInstant(ps, 1, ActivityBlock.instant(first));
            Sql.setInstant(ps, 2, ActivityBlock.instant(last));
            ps.setInt(3, block.size);
            ps.setInt(4, blocked);
            ps.executeUpdate();
            id = Sql.generatedId(ps);
        }
        byte[][] parts = {encode(block), ActivitySketch.of(block), ActivityTally.of(block, Long.MIN_VALUE, Long.MAX_VALUE).encode()};
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO activity_block_part (block_id, part, bytes) VALUES (?, ?, ?)")) {
            for (int p = 0; p < parts.length; p++) {
                ps.setLong(1, id);
                ps.setInt(2, p);
                ps.setBytes(3, parts[p]);
                ps.executeUpdate();
            }
        }
    }
}
