package dev.parasol.service;

import java.util.List;

/** A policy as admins see it: names instead of ids. */
public record PolicyView(String name, int position, boolean isDefault, String securitySetting,
                         List<String> identities, List<String> lists, List<String> enforcedIntegrations) {
}
