package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads block parts with one prepared statement. */
final class ActivityBlockParts implements AutoCloseable {
    private final Connection c;
    private PreparedStatement ps;

    ActivityBlockParts(Connection c) {
        this.c = c;
    }

    byte[] bytes(long id, ActivityRepository.Part part) throws SQLException {
        if (ps == null) {
            ps = c.prepareStatement("SELECT bytes FROM activity_block_part WHERE block_id = ? AND part = ?");
        }
        ps.setLong(1, id);
        ps.setInt(2, part.number);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("activity block " + id + " has no part " + part);
            }
            return rs.getBytes(1);
        }
    }

    ActivityBlock requests(long id) throws SQLException {
        return ActivityBlock.decode(bytes(id, ActivityRepository.Part.REQUESTS));
    }

    @Override
    public void close() throws SQLException {
        if (ps != null) {
            ps.close();
        }
    }
}
