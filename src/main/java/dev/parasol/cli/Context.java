package dev.parasol.cli;

import dev.parasol.intake.ImportService;
import dev.parasol.report.ActivityService;
import dev.parasol.report.ReportService;
import dev.parasol.service.Actor;
import dev.parasol.service.AuditService;
import dev.parasol.service.BackupService;
import dev.parasol.service.ConfigService;
import dev.parasol.service.DecisionCache;
import dev.parasol.service.DecisionService;
import dev.parasol.service.EventService;
import dev.parasol.service.ExportService;
import dev.parasol.service.IntegrationService;
import dev.parasol.service.ListService;
import dev.parasol.service.PolicyService;
import dev.parasol.service.RejectionService;
import dev.parasol.service.SafeguardService;
import dev.parasol.store.Store;
import dev.parasol.store.StoreWait;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What commands run against: the environment they were started in, the store (opened on
 * first use, so --help and --version never touch it) and the services over it. The CLI
 * makes one per process; the shell keeps one open across commands.
 */
public final class Context implements AutoCloseable {
    private final Map<String, String> environment;
    private final Clock clock;
    private final String origin;
    private Path homeOverride;
    private String dbOverride;
    private Store store;
    private InputStream stdin = System.in;
    private final Cancellation cancellation = new Cancellation();
    private boolean oneShot;
    private boolean readOnly;
    private Map<String, String> cachedSettings;
    /** Where the store's own notices go (the running command's stderr). */
    private java.io.PrintWriter diagnostics = new java.io.PrintWriter(java.io.Writer.nullWriter());
    /** How processes waiting for this one's store see it named. */
    private String processName = "parasol";

    public Context(Map<String, String> environment, Clock clock, String origin) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.origin = origin;
    }

    /**
     * A context for another door (the shell): the same environment, clock and --home/--db,
     * its own store, opened on first use and kept open until it is closed.
     */
    public Context withOrigin(String otherOrigin) {
        Context other = new Context(environment, clock, otherOrigin);
        other.homeOverride = homeOverride;
        other.dbOverride = dbOverride;
        other.processName = processName;
        return other;
    }

    public String origin() {
        return origin;
    }

    void setHome(Path home) {
        this.homeOverride = home;
    }

    void setDb(String jdbcUrl) {
        this.dbOverride = jdbcUrl;
    }

    /** --home, else $PARASOL_HOME, else ~/.parasol. */
    public Path home() {
        if (homeOverride != null) {
            return homeOverride;
        }
        String fromEnv = environment.get("PARASOL_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".parasol");
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    /** Where '-' reads from; the shell and tests replace it. */
    public InputStream stdin() {
        return stdin;
    }

    public void setStdin(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Set by the shell's Ctrl-C while a command runs; never set in a one-shot CLI run. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** Whether stderr is a terminal (so progress bars make sense). */
    public boolean stderrIsTerminal() {
        return System.console() != null && !"dumb".equals(environment.get("TERM"));
    }

    public Clock clock() {
        return clock;
    }

    /** The acting admin: --as, else $PARASOL_USER, else the operating-system user. */
    public Actor actor(Optional<String> as) {
        String user = as.filter(s -> !s.isBlank())
                .or(() -> env("PARASOL_USER"))
                .orElse(System.getProperty("user.name", "unknown"));
        return new Actor(user.strip(), origin);
    }

    /** The writer of the command line being run (its stderr), for notices from below the commands. */
    void setDiagnostics(java.io.PrintWriter err) {
        this.diagnostics = err;
    }

    /** Set by main: this process runs one command and exits, so start-up is worth saving. */
    public void markOneShot() {
        oneShot = true;
    }

    /**
     * How a single check may use the decision cache: only in a one-shot process on the embedded
     * store that has not opened it yet (the shell keeps the store open, and so never needs it).
     */
    public DecisionCache.Mode decisionCacheMode() {
        if (!oneShot || externalDb().isPresent() || store != null) {
            return DecisionCache.Mode.OFF;
        }
        return DecisionCache.Mode.from(env("PARASOL_DECISION_CACHE"));
    }

    /**
     * Says that this one-shot command only reads, briefly, before it first uses the store: a
     * closed embedded store is then read directly, which starts faster (see {@link
     * Store#openEmbeddedReadOnly}). Processes that open the store wait until this one exits, so
     * only commands whose whole run is short say so (a single check, the integrations list):
     * not a listing a pager may hold open, nor a batch of a million queries.
     */
    public synchronized void onlyReads() {
        if (oneShot && store == null) {
            readOnly = true;
        }
    }

    public synchronized Store store() {
        if (store == null) {
            StoreWait wait = storeWait();
            store = externalDb().map(url -> Store.open(url, wait))
                    .orElseGet(() -> readOnly ? Store.openEmbeddedReadOnly(home(), wait) : Store.openEmbedded(home(), wait));
        }
        return store;
    }

    /**
     * Names this process for the notices of others waiting for the store: "parasol" and the
     * command's words, never its arguments (a URL there may carry a customer key).
     */
    public void nameProcess(String[] args) {
        StringBuilder name = new StringBuilder("parasol");
        for (int i = 0, words = 0; i < args.length && words < 2; i++) {
            if (args[i].startsWith("-")) {
                continue;
            }
            if (!args[i].matches("[a-z][a-z-]*")) {
                break;
            }
            name.append(' ').append(args[i]);
            words++;
        }
        processName = name.toString();
    }

    /** How long opening and using the store may wait for other processes: PARASOL_STORE_WAIT, default 60 s. */
    StoreWait storeWait() {
        java.time.Duration limit = env("PARASOL_STORE_WAIT").map(Context::waitLimit).orElse(StoreWait.DEFAULT_LIMIT);
        return new StoreWait(limit, message -> diagnostics.println("parasol: " + message), processName);
    }

    private static java.time.Duration waitLimit(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})\\s*(ms|s|m)?").matcher(text.strip());
        if (!m.matches()) {
            throw dev.parasol.ParasolException.usage("PARASOL_STORE_WAIT takes a time such as 60, 60s, 2m or 500ms, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null || m.group(2).equals("s") ? java.time.Duration.ofSeconds(n)
                : m.group(2).equals("m") ? java.time.Duration.ofMinutes(n) : java.time.Duration.ofMillis(n);
    }

    /** --db, else $PARASOL_DB: a store other than the embedded one in the home. */
    public Optional<String> externalDb() {
        String db = dbOverride != null ? dbOverride : environment.get("PARASOL_DB");
        return Optional.ofNullable(db).filter(d -> !d.isBlank());
    }

    public BackupService backups() {
        return new BackupService(clock);
    }

    public IntegrationService integrations() {
        return new IntegrationService(store(), clock, env("PARASOL_PUBLIC_BASE_URL"));
    }

    public ListService lists() {
        return new ListService(store(), clock);
    }

    public PolicyService policies() {
        return new PolicyService(store(), clock);
    }

    public DecisionService decisions() {
        return new DecisionService(store());
    }

    public AuditService audit() {
        return new AuditService(store(), clock);
    }

    public EventService events() {
        return new EventService(store());
    }

    public RejectionService rejections() {
        return new RejectionService(store());
    }

    public SafeguardService safeguards() {
        return new SafeguardService(store(), clock);
    }

    public ConfigService config() {
        if (cachedSettings != null) {
            return ConfigService.readingFrom(cachedSettings, this::env);
        }
        return new ConfigService(store(), clock, this::env);
    }

    /** A check answered from the decision cache reads the settings the cache keeps, so the store stays closed. */
    public void useCachedSettings(Map<String, String> stored) {
        cachedSettings = Map.copyOf(stored);
    }

    public ExportService exports() {
        return new ExportService(store(), clock, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public ActivityService activity() {
        return new ActivityService(store(), clock);
    }

    public ReportService reports() {
        return new ReportService(store());
    }

    public ImportService imports() {
        Store s = store();
        return new ImportService(s, clock, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
