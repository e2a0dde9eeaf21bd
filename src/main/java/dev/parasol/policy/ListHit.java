package dev.parasol.policy;

/** A list that holds the requested name or one of its parents, and the entry that matched. */
public record ListHit(long listId, String entry) {
}
