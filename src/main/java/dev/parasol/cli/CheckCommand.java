package dev.parasol.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.parasol.ExitCode;
import dev.parasol.Json;
import dev.parasol.ParasolException;
import dev.parasol.intake.Rejection;
import dev.parasol.policy.Decision;
import dev.parasol.policy.DomainName;
import dev.parasol.policy.Identity;
import dev.parasol.policy.Verdict;
import dev.parasol.service.DecisionCache;
import dev.parasol.service.DecisionCacheBuilder;
import dev.parasol.service.DecisionService;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check",
        description = {"Decide what happens to a request for DOMAIN: the verdict, the policy that applied, the list",
                "and entry that decided, and every integration category holding the name (audit-mode hits too).",
                "With --file, decide one domain per line (millions of lines) for the same identities.",
                "A single check answers from the decision cache ($PARASOL_HOME/decisions.cache) while the store is",
                "unchanged since it was built; PARASOL_DECISION_CACHE=off always asks the store."},
        footer = {"", "Examples:", "  parasol check www.malware-c2.xyz",
                "  parasol check www.malware-c2.xyz --identity roaming-computer:laptop-7 -o json",
                "  parasol check example.org --ip 10.20.3.4",
                "  parasol check --file queries.txt --identity ad-group:finance -o csv > decisions.csv",
                "  parasol check www.malware-c2.xyz --ip 10.1.2.3 --record",
                "", "JSON: {\"domain\",\"verdict\":\"allowed|blocked\",\"policy\",\"categories\":[...],\"matched\":{\"list\",\"entry\"}|null}"})
public final class CheckCommand extends BaseCommand {
    @Parameters(paramLabel = "DOMAIN", arity = "0..1", description = "The name requested.")
    String domain;

    @Option(names = "--identity", paramLabel = "TYPE:VALUE", description = "An identity of the request (repeatable).")
    List<String> identities = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDR", description = "The client address; it matches network identities.")
    String ip;

    @Option(names = "--file", paramLabel = "FILE", description = "Decide every name in FILE ('-' for standard input), one a line.")
    String file;

    @Option(names = "--only", paramLabel = "VERDICT", description = "With --file: print only 'blocked' or 'allowed' decisions.")
    String only;

    @Option(names = "--summary-only", description = "With --file: print only the summary line (to stderr).")
    boolean summaryOnly;

    @Option(names = "--record", description = "Also record the decisions as activity (see 'parasol activity search').")
    boolean record;

    @Mixin
    OutputOptions output;

    @Override
    protected ExitCode run() throws IOException {
        List<Identity> request = DecisionService.requestIdentities(identities, Optional.ofNullable(ip));
        if ((domain == null) == (file == null)) {
            throw ParasolException.usage("give a DOMAIN or --file FILE (not both)");
        }
        if (file != null) {
            return batch(request);
        }
        if (!record) {
            ctx().onlyReads();
        }
        DecisionCache.Mode cacheMode = record ? DecisionCache.Mode.OFF : ctx().decisionCacheMode();
        DecisionCache.Attempt cached = cacheMode == DecisionCache.Mode.OFF
                ? DecisionCache.Attempt.none(false) : DecisionCache.open(ctx().home());
        Decision d = null;
        if (cached.engine().isPresent()) {
            DomainName name = DecisionService.requestedName(domain);
            try {
                d = cached.engine().get().decide(name, request);
                ctx().useCachedSettings(cached.storedSettings());
            } catch (RuntimeException damaged) {
                // A file damaged behind its intact header: the store answers instead.
                cached = DecisionCache.Attempt.none(true);
            }
        }
        if (d == null) {
            d = ctx().decisions().check(domain, request);
        }
        if (record) {
            ctx().activity().record(request, List.of(d));
        }
        switch (output.format()) {
            case json -> Printer.printJson(out(), json(d));
            case csv -> Printer.printCsv(out(), HEADERS, List.of(row(d)));
            case table -> {
                Printer.printTable(out(), HEADERS.stream().map(h -> h.toUpperCase(java.util.Locale.ROOT)).toList(), List.of(row(d)));
                if (d.verdict() == Verdict.ALLOWED && !d.categories().isEmpty() && d.matched().isEmpty()) {
                    err().println("Audit mode: " + String.join(", ", d.categories())
                            + " lists this name, but policy '" + d.policy() + "' does not enforce it.");
                }
            }
        }
        if (cached.engine().isEmpty() && cached.storeWasClosed()) {
            rebuildCache(cacheMode, d, request);
        }
        return ExitCode.OK;
    }

    /**
     * The next check answers from the cache; this one has answered already. With inline builds,
     * the new file is asked {@code answered}'s question again (when there is one).
     */
    private void rebuildCache(DecisionCache.Mode mode, Decision answered, List<Identity> request) {
        out().flush();
        if (mode == DecisionCache.Mode.INLINE) {
            ctx().close(); // the builder reads the store only while no process has it open
            Path home = ctx().home();
            if (DecisionCache.build(home) && answered != null) {
                // The new file must answer as the store just did; one that does not is removed.
                Optional<Decision> again = DecisionCache.open(home).engine().map(e -> e.decide(answered.domain(), request));
                if (again.isPresent() && !again.get().equals(answered)) {
                    DecisionCache.discard(home);
                    err().println("parasol: the decision cache answered " + again.get().verdict().label() + " where the store answered "
                            + answered.verdict().label() + "; the cache was removed (please report this)");
                }
            }
        } else if (mode == DecisionCache.Mode.BACKGROUND) {
            DecisionCacheBuilder.startInBackground(ctx().home());
        }
    }

    /** Decisions recorded per transaction with --file --record, so memory stays bounded. */
    private static final int RECORD_BATCH = 10_000;

    private static final List<String> HEADERS = List.of("domain", "verdict", "policy", "categories", "list", "entry");

    private static List<String> row(Decision d) {
        return List.of(d.domain().value(), d.verdict().label(), d.policy(), String.join(" ", d.categories()),
                d.matched().map(Decision.Match::list).orElse(""), d.matched().map(Decision.Match::entry).orElse(""));
    }

    static Map<String, Object> json(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", d.domain().value());
        m.put("verdict", d.verdict().label());
        m.put("policy", d.policy());
        m.put("categories", d.categories());
        m.put("matched", d.matched().map(x -> {
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("list", x.list());
            match.put("entry", x.entry());
            return match;
        }).orElse(null));
        return m;
    }

    private ExitCode batch(List<Identity> request) throws IOException {
        Optional<Verdict> filter = Optional.ofNullable(only).map(v -> switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "blocked" -> Verdict.BLOCKED;
            case "allowed" -> Verdict.ALLOWED;
            default -> throw ParasolException.usage("--only takes 'blocked' or 'allowed'");
        });
        long[] rejectedShown = {0};
        DecisionCache.Mode cacheMode = record ? DecisionCache.Mode.OFF : ctx().decisionCacheMode();
        DecisionCache.Attempt cached = cacheMode == DecisionCache.Mode.OFF
                ? DecisionCache.Attempt.none(false) : DecisionCache.open(ctx().home());
        cached.engine().ifPresent(unused -> ctx().useCachedSettings(cached.storedSettings()));
        DecisionService.BatchSummary s;
        try (InputStream in = Inputs.open(ctx(), file); DecisionSink sink = summaryOnly ? null : new DecisionSink(out(), output.format())) {
            List<Decision> toRecord = new ArrayList<>();
            Cancellation cancellation = ctx().cancellation();
            Consumer<Decision> onDecision = d -> {
                cancellation.throwIfRequested();
                if (record) {
                    toRecord.add(d);
                    if (toRecord.size() >= RECORD_BATCH) {
                        ctx().activity().record(request, toRecord);
                        toRecord.clear();
                    }
                }
                if (sink != null && (filter.isEmpty() || filter.get() == d.verdict())) {
                    sink.accept(d);
                }
            };
            Consumer<Rejection> onRejected = r -> {
                if (rejectedShown[0]++ < 100) {
                    err().println("parasol: " + r.describe());
                }
            };
            s = cached.engine().isPresent()
                    ? DecisionService.checkBatch(cached.engine().get(), cached.entries(), 0, Inputs.displayName(file), in, request,
                            onDecision, onRejected)
                    : ctx().decisions().checkBatch(Inputs.displayName(file), in, request, onDecision, onRejected);
            if (record) {
                ctx().activity().record(request, toRecord);
            }
        }
        out().flush();
        if (cached.engine().isEmpty() && cached.storeWasClosed()) {
            rebuildCache(cacheMode, null, request);
        }
        double seconds = s.decideNanos() / 1e9;
        err().printf("%d decisions (%d blocked), %d rejected; %d entries loaded in %d ms; decided in %d ms (%.0f decisions/s)%n",
                s.decisions(), s.blocked(), s.rejected(), s.entriesLoaded(), s.loadNanos() / 1_000_000, s.decideNanos() / 1_000_000,
                seconds > 0 ? s.decisions() / seconds : 0.0);
        return s.rejected() > 0 ? ExitCode.INPUT_REJECTED : ExitCode.OK;
    }

    /** Streams decisions as they are made: table lines, NDJSON, or CSV rows. */
    private static final class DecisionSink implements Consumer<Decision>, AutoCloseable {
        private final PrintWriter out;
        private final OutputFormat format;
        private final ObjectWriter jsonWriter;
        private final SequenceWriter csv;
        private final StringBuilder line = new StringBuilder(128);

        DecisionSink(PrintWriter out, OutputFormat format) throws IOException {
            this.out = out;
            this.format = format;
            this.jsonWriter = format == OutputFormat.json ? Json.mapper().writer() : null;
            if (format == OutputFormat.csv) {
                CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
                HEADERS.forEach(schema::addColumn);
                this.csv = new CsvMapper().writer(schema.build()).writeValues(out);
            } else {
                this.csv = null;
            }
        }

        @Override
        public void accept(Decision d) {
            try {
                switch (format) {
                    case json -> out.println(jsonWriter.writeValueAsString(json(d)));
                    case csv -> csv.write(row(d));
                    case table -> {
                        line.setLength(0);
                        line.append(d.verdict() == Verdict.BLOCKED ? "blocked  " : "allowed  ").append(d.domain().value())
                                .append("  ").append(d.policy());
                        d.matched().ifPresent(m -> line.append("  ").append(m.list()).append("  ").append(m.entry()));
                        if (!d.categories().isEmpty()) {
                            line.append("  [").append(String.join(" ", d.categories())).append(']');
                        }
                        out.println(line);
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (csv != null) {
                csv.flush();
            }
        }
    }
}
