package dev.parasol.service;

import dev.parasol.policy.Integration;

/**
 * An integration as admins see it. {@code mode}: "disabled"; "audit" while no policy's
 * security setting enforces it (hits are reported, nothing blocked); "enforced" otherwise.
 */
public record IntegrationView(Integration integration, String url, long domains, String mode) {
}
