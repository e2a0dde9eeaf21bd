package dev.parasol.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the build. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/parasol/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"parasol " + p.getProperty("version", "unknown")};
    }
}
