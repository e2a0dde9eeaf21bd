package dev.parasol.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Command tests: each test gets its own home (and H2 file) and an in-process {@link Cli}. */
public abstract class CliTest {
    @TempDir
    protected Path home;
    protected Cli cli;

    @BeforeEach
    void openCli() {
        cli = new Cli(home);
    }

    @AfterEach
    void closeCli() {
        cli.close();
    }
}
