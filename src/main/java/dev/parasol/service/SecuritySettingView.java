package dev.parasol.service;

import java.util.List;

/** A security setting with its integrations by name and the policies that apply it. */
public record SecuritySettingView(String name, List<String> integrations, List<String> policies) {
}
