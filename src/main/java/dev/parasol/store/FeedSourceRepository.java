package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The feed sources of lists (V4__bulk_import.sql): each whole-feed import of a source is its next
 * generation, and the entries the source carries take their sightings from it.
 */
public final class FeedSourceRepository {
    private final Connection c;

    FeedSourceRepository(Connection c) {
        this.c = c;
    }

    /** A feed source of a list as an import starts: the generation this import is, and what came before. */
    public record FeedGeneration(long sourceId, long generation, Optional<Instant> previousSeenAt, long carriedBefore) {
    }

    /**
     * Starts the next import of {@code source} into the list: counts its generation up and sets
     * its last seen time. Locks the source's row, so two imports of one source take turns.
     */
    public FeedGeneration nextFeedGeneration(long listId, String source, Instant at) throws SQLException {
        Optional<FeedGeneration> known = advanceFeed(listId, source, at);
        if (known.isPresent()) {
            return known.get();
        }
        // First import of this source. Another process may be creating the same row: it then
        // holds the key until it commits, and this insert fails as a duplicate once it has.
        Savepoint beforeInsert = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO feed_source (list_id, name, generation, last_seen_at, carried_entries) VALUES (?, ?, 1, ?, 0)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, listId);
            ps.setString(2, source);
            Sql.setInstant(ps, 3, at);
            ps.executeUpdate();
            return new FeedGeneration(Sql.generatedId(ps), 1, Optional.empty(), 0);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(beforeInsert);
            return advanceFeed(listId, source, at).orElseThrow(() -> e);
        }
    }

    private Optional<FeedGeneration> advanceFeed(long listId, String source, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, generation, last_seen_at, carried_entries FROM feed_source WHERE list_id = ? AND name = ? FOR UPDATE")) {
            ps.setLong(1, listId);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                FeedGeneration next = new FeedGeneration(rs.getLong(1), rs.getLong(2) + 1,
                        Optional.of(Sql.getInstant(rs, "last_seen_at")), rs.getLong(4));
                try (PreparedStatement up = c.prepareStatement("UPDATE feed_source SET generation = ?, last_seen_at = ? WHERE id = ?")) {
                    up.setLong(1, next.generation());
                    Sql.setInstant(up, 2, at);
                    up.setLong(3, next.sourceId());
                    up.executeUpdate();
                }
                return Optional.of(next);
            }
        }
    }

    public void setCarriedEntries(long sourceId, long count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE feed_source SET carried_entries = ? WHERE id = ?")) {
            ps.setLong(1, count);
            ps.setLong(2, sourceId);
            ps.executeUpdate();
        }
    }
}
