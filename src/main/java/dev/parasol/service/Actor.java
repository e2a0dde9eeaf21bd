package dev.parasol.service;

/**
 * Who makes a change and through which door: an admin ("alice", origin cli or shell) or an
 * integration ("ThreatQ Account", origin cli for imports, http for the receiver).
 */
public record Actor(String user, String origin) {
    public static final String CLI = "cli";
    public static final String SHELL = "shell";
    public static final String HTTP = "http";

    public Actor {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("an actor needs a user name");
        }
    }

    /** The same door, acting as another user (an integration's account). */
    public Actor as(String otherUser) {
        return new Actor(otherUser, origin);
    }
}
