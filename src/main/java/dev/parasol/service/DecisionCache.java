package dev.parasol.service;

import dev.parasol.ParasolException;
import dev.parasol.policy.DecisionEngine;
import dev.parasol.policy.DestinationList;
import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Integration;
import dev.parasol.policy.ListKind;
import dev.parasol.policy.MappedMembership;
import dev.parasol.policy.Policy;
import dev.parasol.policy.PolicySnapshot;
import dev.parasol.policy.SecuritySetting;
import dev.parasol.store.Store;
import dev.parasol.store.StoreStamp;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file in the Parasol home that answers a single {@code parasol check} without opening the
 * store: H2's open alone costs more than a whole JVM start, and cron jobs run checks by the
 * hundred. It holds the policies, lists, integrations and security settings, and every entry
 * of the lists that can change a decision in the table {@link MappedMembership} probes in place.
 *
 * <p>It is trusted only while it describes the store file exactly: it records the
 * {@link StoreStamp} of the file it was read from, is read only from a store no process has
 * open, and is built only through a read-only connection that leaves the file untouched
 * ({@link Store#readClosedStore}). Any write since (by any process, a restore included) moves
 * the stamp, and the next check answers from the store and has the file built again.
 */
public final class DecisionCache {
    public static final String FILE = "decisions.cache";
    private static final int MAGIC = 0x50534443; // "PSDC"
    /** Bump when what the file holds, or how decisions read it, changes. */
    private static final int FORMAT = 1;

    /** PARASOL_DECISION_CACHE: build the file in a separate process (default), in the check itself, or never. */
    public enum Mode {
        BACKGROUND, INLINE, OFF;

        public static Mode from(Optional<String> setting) {
            String value = setting.isPresent() ? setting.get().strip().toLowerCase(Locale.ROOT) : "background";
            return switch (value) {
                case "background", "on" -> BACKGROUND;
                case "inline" -> INLINE;
                case "off" -> OFF;
                default -> throw ParasolException.usage("PARASOL_DECISION_CACHE takes background, inline or off, not '" + value + "'");
            };
        }
    }

    /** What opening the cache found: an engine over it, and whether a rebuild could succeed now. */
    public record Attempt(Optional<DecisionEngine> engine, long entries, Map<String, String> storedSettings, boolean storeWasClosed) {
        public static Attempt none(boolean storeWasClosed) {
            return new Attempt(Optional.empty(), 0, Map.of(), storeWasClosed);
        }
    }

    private DecisionCache() {
    }

    /** The cache of {@code home} when it describes the store exactly as it is; otherwise an empty engine. */
    public static Attempt open(Path home) {
        Optional<StoreStamp> now = StoreStamp.ofClosedStore(home);
        if (now.isEmpty()) {
            return Attempt.none(false);
        }
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Attempt.none(true);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                return Attempt.none(true);
            }
            ByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            if (map.getInt() != MAGIC || map.getInt() != FORMAT || map.getLong() != programStamp()
                    || !readStamp(map).equals(now.get())) {
                return Attempt.none(true);
            }
            int metaLength = map.getInt();
            if (metaLength < 0 || metaLength > map.remaining()) {
                return Attempt.none(true);
            }
            byte[] meta = new byte[metaLength];
            map.get(meta);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(meta));
            PolicySnapshot snapshot = readSnapshot(in);
            Map<String, String> settings = new HashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                settings.put(in.readUTF(), in.readUTF());
            }
            MappedMembership membership = new MappedMembership(map);
            return new Attempt(Optional.of(new DecisionEngine(snapshot, membership)), membership.size(), settings, true);
        } catch (IOException | RuntimeException e) {
            // Unreadable or written by another version: answered from the store, and built again.
            return Attempt.none(true);
        }
    }

    /**
     * Builds the file from the store as it is now, unless a process has the store open or
     * another builder is at work; returns whether the file now describes the store.
     */
    public static boolean build(Path home) {
        try {
            return buildFromClosedStore(home);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private record Contents(List<Policy> policies, List<DestinationList> lists, List<Integration> integrations,
                            List<SecuritySetting> settings, Map<String, String> storedSettings, DecisionService.InMemoryPolicies loaded) {
    }

    private static boolean buildFromClosedStore(Path home) throws IOException {
        Optional<Store.Stamped<Contents>> read = Store.readClosedStore(home, tx -> {
            List<Policy> policies = tx.policies().allPolicies();
            List<DestinationList> lists = tx.lists().all();
            List<Integration> integrations = tx.integrations().all();
            List<SecuritySetting> settings = tx.policies().allSettings();
            PolicySnapshot snapshot = new PolicySnapshot(policies, lists, integrations, settings);
            return new Contents(policies, lists, integrations, settings, ConfigService.storedValues(tx),
                    DecisionService.loadInMemory(tx, snapshot));
        });
        if (read.isEmpty()) {
            return false;
        }
        Contents c = read.get().value();
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        writeSnapshot(c, new DataOutputStream(meta));
        Path temp = home.resolve(FILE + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            boolean written;
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeLong(programStamp());
                writeStamp(read.get().stamp(), out);
                out.writeInt(meta.size());
                meta.writeTo(out);
                written = c.loaded().membership().writeTo(out);
            }
            if (!written) {
                return false;
            }
            Files.move(temp, home.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes the file (the next check answers from the store and builds it again). */
    public static void discard(Path home) {
        try {
            Files.deleteIfExists(home.resolve(FILE));
        } catch (IOException e) {
            // an unreadable leftover is refused by its stamp anyway
        }
    }

    /** The build of this program (its jar's modification time): a cache written by another build is not read. */
    private static long programStamp() {
        try {
            Path code = Path.of(DecisionCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.getLastModifiedTime(code).to(TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            return 0;
        }
    }

    private static void writeStamp(StoreStamp s, DataOutputStream out) throws IOException {
        out.writeLong(s.size());
        out.writeLong(s.modifiedNanos());
        out.writeLong(s.changedNanos());
        out.writeLong(s.inode());
        out.writeLong(s.device());
    }

    private static StoreStamp readStamp(ByteBuffer in) {
        return new StoreStamp(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }

    private static void writeSnapshot(Contents c, DataOutputStream out) throws IOException {
        out.writeInt(c.policies().size());
        for (Policy p : c.policies()) {
            out.writeLong(p.id());
            out.writeUTF(p.name());
            out.writeInt(p.position());
            out.writeBoolean(p.isDefault());
            out.writeLong(p.securitySettingId());
            out.writeInt(p.identities().size());
            for (Identity i : p.identities()) {
                out.writeUTF(i.type().label());
                out.writeUTF(i.value());
            }
            writeIds(p.listIds(), out);
        }
        out.writeInt(c.lists().size());
        for (DestinationList l : c.lists()) {
            out.writeLong(l.id());
            out.writeUTF(l.name());
            out.writeUTF(l.kind().name());
            out.writeBoolean(l.global());
            out.writeLong(l.integrationId().orElse(-1L));
        }
        out.writeInt(c.integrations().size());
        for (Integration i : c.integrations()) {
            out.writeLong(i.id());
            out.writeUTF(i.name());
            out.writeUTF(i.displayName());
            out.writeBoolean(i.enabled());
            out.writeLong(i.listId().orElse(-1L));
        }
        out.writeInt(c.settings().size());
        for (SecuritySetting s : c.settings()) {
            out.writeLong(s.id());
            out.writeUTF(s.name());
            writeIds(s.integrationIds(), out);
        }
        out.writeInt(c.storedSettings().size());
        for (Map.Entry<String, String> e : c.storedSettings().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.flush();
    }

    private static PolicySnapshot readSnapshot(DataInputStream in) throws IOException {
        List<Policy> policies = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            long id = in.readLong();
            String name = in.readUTF();
            int position = in.readInt();
            boolean isDefault = in.readBoolean();
            long settingId = in.readLong();
            List<Identity> identities = new ArrayList<>();
            for (int k = in.readInt(); k > 0; k--) {
                identities.add(new Identity(IdentityType.fromLabel(in.readUTF()), in.readUTF()));
            }
            policies.add(new Policy(id, name, position, isDefault, settingId, identities, readIds(in)));
        }
        List<DestinationList> lists = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            lists.add(new DestinationList(in.readLong(), in.readUTF(), ListKind.valueOf(in.readUTF()), in.readBoolean(), optionalId(in.readLong())));
        }
        List<Integration> integrations = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            integrations.add(new Integration(in.readLong(), in.readUTF(), in.readUTF(), in.readBoolean(), Optional.empty(),
                    optionalId(in.readLong()), Instant.EPOCH));
        }
        List<SecuritySetting> settings = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            settings.add(new SecuritySetting(in.readLong(), in.readUTF(), new LinkedHashSet<>(readIds(in))));
        }
        return new PolicySnapshot(policies, lists, integrations, settings);
    }

    private static void writeIds(java.util.Collection<Long> ids, DataOutputStream out) throws IOException {
        out.writeInt(ids.size());
        for (long id : ids) {
            out.writeLong(id);
        }
    }

    private static List<Long> readIds(DataInputStream in) throws IOException {
        List<Long> ids = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            ids.add(in.readLong());
        }
        return ids;
    }

    private static Optional<Long> optionalId(long id) {
        return id < 0 ? Optional.empty() : Optional.of(id);
    }
}
