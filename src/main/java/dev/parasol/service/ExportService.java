package dev.parasol.service;

import dev.parasol.ExitCode;
import dev.parasol.ParasolException;
import dev.parasol.export.AtomicFile;
import dev.parasol.export.BindConfigWriter;
import dev.parasol.export.BlockAction;
import dev.parasol.export.DomainListWriter;
import dev.parasol.export.ExportFormat;
import dev.parasol.export.ExportPlan;
import dev.parasol.export.ExportTarget;
import dev.parasol.export.PolicyZones;
import dev.parasol.export.ReloadCommand;
import dev.parasol.export.RpzZone;
import dev.parasol.export.RpzZoneWriter;
import dev.parasol.export.UnboundConfigWriter;
import dev.parasol.export.ZoneSerial;
import dev.parasol.policy.DestinationList;
import dev.parasol.policy.Policy;
import dev.parasol.policy.PolicyLists;
import dev.parasol.policy.PolicySnapshot;
import dev.parasol.store.Store;
import dev.parasol.store.Tx;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes what Parasol decides in the formats resolvers load: RPZ zones and the configuration
 * that loads them, or flat blocklists. Entries are streamed from the store in name order into
 * staged files (so a retried transaction never prints twice, and a zone's serial can depend on
 * its content), then delivered to the target: printed, or swapped into place atomically.
 */
public final class ExportService {
    /** Settings key prefix for a zone's serial and content hash. */
    static final String SERIAL_SETTING = "rpz-serial:";
    private static final int MAX_SETTING_NAME = 100;
    static final Duration RELOAD_TIMEOUT = Duration.ofMinutes(2);

    private final Store store;
    private final Clock clock;
    private final Path stagingDir;

    public ExportService(Store store, Clock clock, Path stagingDir) {
        this.store = store;
        this.clock = clock;
        this.stagingDir = stagingDir;
    }

    /**
     * @param policy     the policy to export; empty means the Default Policy for domain lists and every policy for zones
     * @param perList    one zone per list instead of one per policy (rpz and the resolver configurations)
     * @param zoneDir    where the zone files live, for the resolver configurations
     */
    public record Request(ExportFormat format, Optional<String> policy, boolean perList, BlockAction action,
                          Optional<Path> zoneDir, Optional<String> reloadCommand) {
    }

    /** One file of an export: how many names it blocks and passes, and what happened to it. */
    public record FileReport(String fileName, long blocked, long allowed, long tooLong, Optional<Long> serial, Delivery delivery) {
    }

    public enum Delivery { PRINTED, WRITTEN, UNCHANGED_REWRITTEN, UNCHANGED_KEPT }

    public record Result(List<FileReport> files, boolean reloaded) {
        public boolean changed() {
            return files.stream().anyMatch(f -> f.delivery() == Delivery.WRITTEN);
        }
    }

    /** An output rendered but not yet delivered: its header and its staged body. */
    private record Staged(String fileName, String header, Path body, long blocked, long allowed, long tooLong,
                          Optional<String> serialKey, Optional<ZoneSerial> serial, boolean serialChanged) {
    }

    public Result export(Request request, ExportTarget target, Consumer<String> diagnostics) {
        validate(request, target);
        List<Staged> staged = stage(request);
        try {
            List<FileReport> reports = new ArrayList<>();
            for (Staged s : staged) {
                String name = target instanceof ExportTarget.File f ? f.path().toString() : s.fileName();
                reports.add(report(name, s, deliver(s, target)));
            }
            recordSerials(staged);
            Result result = new Result(reports, false);
            boolean ifChanged = target instanceof ExportTarget.File f ? f.ifChanged()
                    : target instanceof ExportTarget.Directory d && d.ifChanged();
            if (request.reloadCommand().isPresent() && (result.changed() || !ifChanged)) {
                reload(request.reloadCommand().get(), diagnostics);
                result = new Result(reports, true);
            }
            return result;
        } catch (IOException e) {
            throw new ParasolException(ExitCode.FAILURE, "cannot write the export: " + e.getMessage(), e);
        } finally {
            deleteAll(staged);
        }
    }

    private static void validate(Request r, ExportTarget target) {
        ExportFormat f = r.format();
        if (f.isResolverConfig() && r.zoneDir().isEmpty()) {
            throw ParasolException.usage(f + " needs --zone-dir DIR: the directory 'parasol export rpz --out DIR' writes the zones to");
        }
        if (!f.isResolverConfig() && r.zoneDir().isPresent()) {
            throw ParasolException.usage("--zone-dir applies to bind-config and unbound-config only");
        }
        if (f.isDomainList() && r.perList()) {
            throw ParasolException.usage("--per-list applies to rpz, bind-config and unbound-config only");
        }
        if (f != ExportFormat.RPZ && !r.action().equals(BlockAction.NXDOMAIN)) {
            throw ParasolException.usage("--action applies to rpz only");
        }
        if (target instanceof ExportTarget.Stream && r.reloadCommand().isPresent()) {
            throw ParasolException.usage("--reload-command needs --out: nothing is reloaded after printing");
        }
        if (f == ExportFormat.RPZ && target instanceof ExportTarget.File) {
            throw new IllegalArgumentException("rpz writes a directory of zone files");
        }
    }

    private List<Staged> stage(Request request) {
        return store.read(tx -> {
            List<Staged> staged = new ArrayList<>();
            try {
                List<DestinationList> lists = tx.lists().all();
                PolicySnapshot snapshot = new PolicySnapshot(tx.policies().allPolicies(), lists,
                        tx.integrations().all(), tx.policies().allSettings());
                Optional<Policy> only = selectedPolicy(request, snapshot);
                List<PolicyZones> plan = ExportPlan.build(snapshot, lists, only, request.perList());
                switch (request.format()) {
                    case RPZ -> {
                        for (PolicyZones p : plan) {
                            for (RpzZone z : p.zones()) {
                                staged.add(stageZone(tx, z, request.action()));
                            }
                        }
                    }
                    case BIND_CONFIG -> staged.add(stageText("named.conf.parasol", BindConfigWriter.write(plan, request.zoneDir().get())));
                    case UNBOUND_CONFIG -> staged.add(stageText("unbound.conf.parasol", UnboundConfigWriter.write(plan, request.zoneDir().get())));
                    default -> staged.add(stageDomainList(tx, snapshot, plan.get(0), request.format()));
                }
                return staged;
            } catch (IOException e) {
                deleteAll(staged);
                throw new UncheckedIOException(e);
            } catch (SQLException | RuntimeException e) {
                deleteAll(staged);
                throw e;
            }
        });
    }

    private static Optional<Policy> selectedPolicy(Request request, PolicySnapshot snapshot) {
        List<Policy> policies = snapshot.policies();
        if (request.policy().isPresent()) {
            String wanted = request.policy().get().strip();
            return Optional.of(policies.stream().filter(p -> p.name().equalsIgnoreCase(wanted)).findFirst()
                    .orElseThrow(() -> Names.notFound("policy", wanted, policies.stream().map(Policy::name).toList())));
        }
        if (request.format().isDomainList()) {
            // A flat list serves one set of clients: those no other policy claims.
            return policies.stream().filter(Policy::isDefault).findFirst();
        }
        return Optional.empty();
    }

    private Staged stageZone(Tx tx, RpzZone zone, BlockAction action) throws IOException, SQLException {
        Path body = Files.createTempFile(stagingDir, "parasol-export-", ".body");
        MessageDigest digest = sha256();
        // The header without its serial is part of what the serial stands for (lists, action).
        digest.update(RpzZoneWriter.header(zone, action, 0).getBytes(StandardCharsets.UTF_8));
        RpzZoneWriter rules;
        try (Writer w = writer(new DigestOutputStream(Files.newOutputStream(body), digest))) {
            rules = new RpzZoneWriter(w, zone.name(), action);
            Set<String> allowed = new HashSet<>();
            forEachName(tx, zone.passthruLists(), name -> {
                allowed.add(name);
                rules.passthru(name);
            });
            forEachName(tx, zone.blockLists(), name -> {
                // Within one zone the most specific rule wins, so a blocked child of an allowed
                // parent would beat the parent's passthru: leave it out, as allow beats every block.
                if (!coveredBy(allowed, name)) {
                    rules.block(name);
                }
            });
        }
        String key = serialKey(zone.name());
        Optional<ZoneSerial> previous = tx.settings().get(key).flatMap(ZoneSerial::decode);
        ZoneSerial serial = ZoneSerial.next(previous, HexFormat.of().formatHex(digest.digest()), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        boolean changed = previous.map(p -> !p.equals(serial)).orElse(true);
        return new Staged(zone.fileName(), RpzZoneWriter.header(zone, action, serial.serial()), body,
                rules.blockedNames(), rules.passthruNames(), rules.tooLongNames(), Optional.of(key), Optional.of(serial), changed);
    }

    private Staged stageDomainList(Tx tx, PolicySnapshot snapshot, PolicyZones policy, ExportFormat format)
            throws IOException, SQLException {
        DomainListWriter lines = DomainListWriter.of(format);
        PolicyLists lists = snapshot.listsOf(snapshot.policies().indexOf(policy.policy()));
        Path body = Files.createTempFile(stagingDir, "parasol-export-", ".body");
        long[] blockedAllowed = new long[2];
        try (Writer w = writer(Files.newOutputStream(body))) {
            Set<String> allowed = new HashSet<>();
            forEachName(tx, lists.allow(), name -> {
                allowed.add(name);
                lines.allow(w, name);
                blockedAllowed[1]++;
            });
            forEachName(tx, lists.blocking(), name -> {
                if (!coveredBy(allowed, name)) {
                    lines.block(w, name);
                    blockedAllowed[0]++;
                }
            });
        }
        return new Staged(policy.slug() + "." + format.label(), lines.header(policy.policy().name()), body,
                blockedAllowed[0], blockedAllowed[1], 0, Optional.empty(), Optional.empty(), false);
    }

    /** A resolver configuration: small, so all of it is the header and the staged body stays empty. */
    private Staged stageText(String fileName, String text) throws IOException {
        Path body = Files.createTempFile(stagingDir, "parasol-export-", ".body");
        return new Staged(fileName, text, body, 0, 0, 0, Optional.empty(), Optional.empty(), false);
    }

    @FunctionalInterface
    private interface NameSink {
        void accept(String name) throws IOException;
    }

    private static void forEachName(Tx tx, List<DestinationList> lists, NameSink sink) throws SQLException, IOException {
        try {
            tx.membership().forEachDistinctDomain(lists.stream().map(DestinationList::id).toList(), name -> {
                try {
                    sink.accept(name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Whether the name or one of its parents is allowed: an allow entry covers its subdomains. */
    static boolean coveredBy(Set<String> allowed, String name) {
        if (allowed.isEmpty()) {
            return false;
        }
        if (allowed.contains(name)) {
            return true;
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            if (allowed.contains(name.substring(dot + 1))) {
                return true;
            }
        }
        return false;
    }

    private static Delivery deliver(Staged s, ExportTarget target) throws IOException {
        if (target instanceof ExportTarget.File file) {
            return toFile(s, file.path(), file.ifChanged());
        }
        if (target instanceof ExportTarget.Directory dir) {
            return toFile(s, dir.path().resolve(s.fileName()), dir.ifChanged());
        }
        Writer out = ((ExportTarget.Stream) target).out();
        out.write(s.header());
        try (Reader r = Files.newBufferedReader(s.body(), StandardCharsets.UTF_8)) {
            r.transferTo(out);
        }
        out.flush();
        return Delivery.PRINTED;
    }

    private static Delivery toFile(Staged s, Path path, boolean ifChanged) throws IOException {
        AtomicFile.Outcome outcome = AtomicFile.write(path, ifChanged, out -> {
            out.write(s.header().getBytes(StandardCharsets.UTF_8));
            Files.copy(s.body(), out);
        });
        return switch (outcome) {
            case CHANGED -> Delivery.WRITTEN;
            case UNCHANGED_REWRITTEN -> Delivery.UNCHANGED_REWRITTEN;
            case UNCHANGED_KEPT -> Delivery.UNCHANGED_KEPT;
        };
    }

    private static FileReport report(String name, Staged s, Delivery delivery) {
        return new FileReport(name, s.blocked(), s.allowed(), s.tooLong(), s.serial().map(ZoneSerial::serial), delivery);
    }

    private void recordSerials(List<Staged> staged) {
        if (staged.stream().noneMatch(Staged::serialChanged)) {
            return;
        }
        store.inTransaction(tx -> {
            for (Staged s : staged) {
                if (s.serialChanged()) {
                    tx.settings().put(s.serialKey().get(), s.serial().get().encode());
                }
            }
            return null;
        });
    }

    private static void reload(String command, Consumer<String> diagnostics) throws IOException {
        ReloadCommand.Result r = ReloadCommand.run(command, RELOAD_TIMEOUT, line -> diagnostics.accept("reload: " + line));
        if (!r.ok()) {
            String how = r.timedOut() ? "did not finish within " + RELOAD_TIMEOUT.toSeconds() + " s" : "exited with status " + r.exitStatus();
            throw new ParasolException(ExitCode.RELOAD_FAILED, "files written, but the reload command " + how + ": " + command);
        }
    }

    /** Zone names fit the settings key but for extreme list names; those are keyed by a hash of the name. */
    static String serialKey(String zone) {
        String key = SERIAL_SETTING + zone;
        if (key.length() <= MAX_SETTING_NAME) {
            return key;
        }
        return SERIAL_SETTING + HexFormat.of().formatHex(sha256().digest(zone.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void deleteAll(List<Staged> staged) {
        for (Staged s : staged) {
            try {
                Files.deleteIfExists(s.body());
            } catch (IOException ignored) {
                // A leftover temp file is not worth failing an export over.
            }
        }
    }
}
