package dev.parasol.service;

import java.util.List;

/** What adding or removing names did: which changed, which were already so, which were refused and why. */
public record EntryChange(String list, List<String> changed, List<String> unchanged, List<Rejected> rejected) {
    public record Rejected(String input, String reason) {
    }
}
