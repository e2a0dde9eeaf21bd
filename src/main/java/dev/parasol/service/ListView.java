package dev.parasol.service;

import dev.parasol.policy.DestinationList;
import java.util.List;

/** A destination list with its size and the policies it is attached to. */
public record ListView(DestinationList list, long entries, List<String> policies) {
}
