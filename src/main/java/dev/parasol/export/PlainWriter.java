package dev.parasol.export;

import java.io.IOException;
import java.io.Writer;

/**
 * One blocked name a line, nothing else (no comments: consumers of plain lists differ in what
 * they skip). Exceptions cannot be expressed; allowed names are simply absent.
 */
public final class PlainWriter implements DomainListWriter {
    @Override
    public String header(String policyName) {
        return "";
    }

    @Override
    public void allow(Writer out, String name) {
        // Plain lists have no exception syntax.
    }

    @Override
    public void block(Writer out, String name) throws IOException {
        out.write(name);
        out.write('\n');
    }
}
