package dev.parasol.intake;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches http(s) feeds with okhttp, sending the ETag / Last-Modified of the last successful
 * import so an unchanged feed answers 304 and is not processed again.
 */
public final class FeedFetcher {
    private final Store store;
    private final Clock clock;
    private final OkHttpClient client;

    public FeedFetcher(Store store, Clock clock, OkHttpClient client) {
        this.store = store;
        this.clock = clock;
        this.client = client;
    }

    /** One shared client, built on first use: okhttp (and Kotlin) load only for URL imports. */
    public static OkHttpClient defaultClient() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final OkHttpClient CLIENT = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** An open response body to import, or empty when the feed has not changed. */
    public record Fetched(Optional<InputStream> body, Response response) implements AutoCloseable {
        @Override
        public void close() {
            response.close();
        }
    }

    public static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** How a URL is shown in messages and stored as a source: without its query, which may hold keys. */
    public static String displayName(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    /** The last path segment, for format detection ("feed.csv.gz"). */
    public static Optional<String> fileName(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(path.substring(path.lastIndexOf('/') + 1));
    }

    public Fetched fetch(String url, boolean force) {
        Request.Builder request = new Request.Builder().url(url).header("User-Agent", "parasol");
        if (!force) {
            store.read(tx -> tx.feeds().find(url)).ifPresent(state -> {
                state.etag().ifPresent(e -> request.header("If-None-Match", e));
                state.lastModified().ifPresent(m -> request.header("If-Modified-Since", m));
            });
        }
        Response response;
        try {
            response = client.newCall(request.build()).execute();
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, displayName(url) + ": cannot fetch: " + e.getMessage(), e);
        }
        if (response.code() == 304) {
            return new Fetched(Optional.empty(), response);
        }
        if (!response.isSuccessful()) {
            int code = response.code();
            response.close();
            throw new ParasolException(code == 404 ? ExitCode.NOT_FOUND : ExitCode.FAILURE,
                    displayName(url) + ": HTTP " + code);
        }
        return new Fetched(Optional.of(response.body().byteStream()), response);
    }

    /** After a successful import: remember the validators for the next conditional request. */
    public void remember(String url, Response response) {
        Optional<String> etag = Optional.ofNullable(response.header("ETag"));
        Optional<String> lastModified = Optional.ofNullable(response.header("Last-Modified"));
        if (etag.isEmpty() && lastModified.isEmpty()) {
            return;
        }
        store.inTransaction(tx -> {
            tx.feeds().save(url, etag, lastModified, clock.instant());
            return null;
        });
    }
}
