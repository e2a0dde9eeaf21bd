package dev.parasol.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conditional-request state per feed URL (ETag, Last-Modified). */
public final class FeedRepository {
    private final Connection c;
    private final Engine engine;

    FeedRepository(Connection c, Engine engine) {
        this.c = c;
        this.engine = engine;
    }

    public record FeedState(Optional<String> etag, Optional<String> lastModified) {
    }

    public Optional<FeedState> find(String url) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT etag, last_modified FROM feed_state WHERE url = ?")) {
            ps.setString(1, url);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new FeedState(Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2))))
                        : Optional.empty();
            }
        }
    }

    public void save(String url, Optional<String> etag, Optional<String> lastModified, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                engine.upsert("feed_state", List.of("url"), List.of("url", "etag", "last_modified", "fetched_at")))) {
            ps.setString(1, url);
            ps.setString(2, etag.orElse(null));
            ps.setString(3, lastModified.orElse(null));
            Sql.setInstant(ps, 4, at);
            ps.executeUpdate();
        }
    }
}
