package dev.parasol.support;

import dev.parasol.store.Store;
import java.nio.file.Path;

/** Opens the store a test runs against: embedded H2 in {@code home}, or PostgreSQL when selected. */
public final class TestStores {
    private TestStores() {
    }

    public static Store open(Path home) {
        return Postgres.selected() ? Store.open(Postgres.server().storeUrlFor(home)) : Store.openEmbedded(home);
    }
}
