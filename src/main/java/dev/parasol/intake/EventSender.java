package dev.parasol.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parasol.ExitCode;
import dev.parasol.Json;
import dev.parasol.ParasolException;
import dev.parasol.intake.format.Format;
import dev.parasol.intake.format.FormatDetector;
import dev.parasol.intake.format.IndicatorSink;
import dev.parasol.intake.format.MispParser;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * `parasol send`: reads indicators in any format the importer reads, validates them the same
 * way, and posts them as Enforcement-API events to a URL (this Parasol's receiver, another
 * Parasol, or an Umbrella org) in batches, waiting out 429 Retry-After and retrying 5xx.
 */
public final class EventSender {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_ATTEMPTS = 6;

    private final OkHttpClient client;
    private final Clock clock;
    private final Sleeper sleeper;

    /** How the sender waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public EventSender(OkHttpClient client, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public record Options(Optional<Format> format, int batchSize, String providerName, long maxWaitSeconds, boolean disableSafeguards) {
    }

    public record Report(long read, long sent, long batches, long retries, Map<String, Long> rejectedByReason) {
        public long rejected() {
            return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Report send(String url, String sourceName, Optional<String> fileName, InputStream raw, Options options,
                       ImportListener listener) {
        List<String> names = new ArrayList<>();
        Map<String, Long> byReason = new TreeMap<>();
        long[] read = {0};
        IndicatorValidator validator = new IndicatorValidator(Set.of());
        try (InputStream in = ImportService.decompressed(new BufferedInputStream(raw, 1 << 16))) {
            Format format = options.format().orElseGet(() -> ImportService.detect(in, fileName));
            var parser = format == Format.MISP ? new MispParser() : FormatDetector.parserFor(format);
            parser.parse(in, new IndicatorSink() {
                @Override
                public void indicator(String value, long line, boolean disableSafeguards) {
                    read[0]++;
                    IndicatorValidator.Outcome o = validator.validate(value, disableSafeguards || options.disableSafeguards());
                    if (o.accepted()) {
                        names.add(o.name().value());
                    } else {
                        rejected(line, value, o.reason());
                    }
                }

                @Override
                public void rejected(long line, String input, String reason) {
                    byReason.merge(IndicatorValidator.reasonKind(reason), 1L, Long::sum);
                    listener.rejected(new Rejection(sourceName, line, input, reason));
                }

                @Override
                public void warning(String message) {
                    listener.warning(message);
                }
            });
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot read " + sourceName + ": " + e.getMessage(), e);
        }
        String deviceId = UUID.randomUUID().toString();
        long batches = 0;
        long retries = 0;
        for (int from = 0; from < names.size(); from += options.batchSize()) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + options.batchSize()));
            retries += post(url, events(batch, deviceId, options.providerName()), options.maxWaitSeconds());
            batches++;
        }
        return new Report(read[0], names.size(), batches, retries, byReason);
    }

    private String events(List<String> names, String deviceId, String providerName) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        List<Map<String, Object>> events = new ArrayList<>(names.size());
        for (String name : names) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("alertTime", now);
            e.put("deviceId", deviceId);
            e.put("deviceVersion", "parasol");
            e.put("dstDomain", name);
            e.put("dstUrl", "http://" + name + "/");
            e.put("eventTime", now);
            e.put("protocolVersion", "1.0a");
            e.put("providerName", providerName);
            events.add(e);
        }
        try {
            return Json.mapper().writeValueAsString(events);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts one batch; returns how many retries it took. */
    private long post(String url, String body, long maxWaitSeconds) {
        for (int attempt = 1; ; attempt++) {
            Request request = new Request.Builder().url(url).post(RequestBody.create(body, JSON)).build();
            long waitMillis;
            try (Response response = client.newCall(request).execute()) {
                int code = response.code();
                if (code == 202 || code == 200) {
                    return attempt - 1;
                }
                String text = response.body().string();
                if (code == 429) {
                    long retryAfter = parseRetryAfter(response.header("Retry-After"));
                    if (retryAfter > maxWaitSeconds) {
                        throw new ParasolException(ExitCode.FAILURE, displayName(url) + ": rate limited; the server asks to retry after "
                                + retryAfter + " s, more than --max-wait " + maxWaitSeconds + " s");
                    }
                    waitMillis = retryAfter * 1000;
                } else if (code >= 500) {
                    waitMillis = Math.min(30_000, 500L << attempt);
                } else {
                    throw new ParasolException(code == 401 || code == 403 ? ExitCode.CONFLICT : ExitCode.INPUT_REJECTED,
                            displayName(url) + ": HTTP " + code + ": " + message(text));
                }
            } catch (IOException e) {
                waitMillis = Math.min(30_000, 500L << attempt);
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ParasolException(ExitCode.FAILURE, displayName(url) + ": " + e.getMessage(), e);
                }
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new ParasolException(ExitCode.FAILURE, displayName(url) + ": still failing after " + attempt + " attempts");
            }
            try {
                sleeper.sleep(waitMillis);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ParasolException(ExitCode.FAILURE, "interrupted");
            }
        }
    }

    private static long parseRetryAfter(String header) {
        try {
            return header == null ? 1 : Math.max(0, Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String message(String body) {
        try {
            JsonNode n = Json.mapper().readTree(body);
            return n.has("message") ? n.get("message").asText() + (n.has("errors") ? " " + n.get("errors") : "") : body;
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    private static String displayName(String url) {
        return FeedFetcher.displayName(url);
    }
}
