package dev.parasol.service;

import dev.parasol.policy.Identity;
import java.util.List;
import java.util.Optional;

public record IdentityView(Identity identity, Optional<String> label, List<String> policies) {
}
