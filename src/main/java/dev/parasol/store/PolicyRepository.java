package dev.parasol.store;

import dev.parasol.policy.Identity;
import dev.parasol.policy.IdentityType;
import dev.parasol.policy.Policy;
import dev.parasol.policy.SecuritySetting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Policies and what they refer to: security settings and identities. */
public final class PolicyRepository {
    private final Connection c;

    PolicyRepository(Connection c) {
        this.c = c;
    }

    // ---- security settings

    public List<SecuritySetting> allSettings() throws SQLException {
        Map<Long, Set<Long>> integrations = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT setting_id, integration_id FROM security_setting_integration");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                integrations.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2));
            }
        }
        List<SecuritySetting> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM security_setting ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                out.add(new SecuritySetting(id, rs.getString(2), Set.copyOf(integrations.getOrDefault(id, Set.of()))));
            }
        }
        return out;
    }

    public Optional<SecuritySetting> findSetting(String name) throws SQLException {
        String key = ListRepository.key(name);
        return allSettings().stream().filter(s -> ListRepository.key(s.name()).equals(key)).findFirst();
    }

    public SecuritySetting insertSetting(String name, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO security_setting (name, name_key, created_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, ListRepository.key(name));
            Sql.setInstant(ps, 3, at);
            ps.executeUpdate();
            return new SecuritySetting(Sql.generatedId(ps), name, Set.of());
        }
    }

    public void setSettingIntegrations(long settingId, Collection<Long> integrationIds) throws SQLException {
        replaceLinks("security_setting_integration", "setting_id", "integration_id", settingId, integrationIds);
    }

    public void deleteSetting(long settingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM security_setting WHERE id = ?")) {
            ps.setLong(1, settingId);
            ps.executeUpdate();
        }
    }

    // ---- identities

    public record StoredIdentity(long id, Identity identity, Optional<String> label, Instant createdAt) {
    }

    public List<StoredIdentity> allIdentities() throws SQLException {
        List<StoredIdentity> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, type, id_value, label, created_at FROM identities ORDER BY type, id_value");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredIdentity(rs.getLong(1), new Identity(IdentityType.fromLabel(rs.getString(2)), rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), Sql.getInstant(rs, "created_at")));
            }
        }
        return out;
    }

    public Optional<StoredIdentity> findIdentity(Identity identity) throws SQLException {
        return allIdentities().stream().filter(s -> s.identity().equals(identity)).findFirst();
    }

    public StoredIdentity insertIdentity(Identity identity, Optional<String> label, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO identities (type, id_value, label, created_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, identity.type().label());
            ps.setString(2, identity.value());
            ps.setString(3, label.orElse(null));
            Sql.setInstant(ps, 4, at);
            ps.executeUpdate();
            return new StoredIdentity(Sql.generatedId(ps), identity, label, at);
        }
    }

    public void updateIdentityLabel(long id, Optional<String> label) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE identities SET label = ? WHERE id = ?")) {
            ps.setString(1, label.orElse(null));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    public void deleteIdentity(long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM identities WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    // ---- policies

    /** All policies in evaluation order, the Default Policy last. */
    public List<Policy> allPolicies() throws SQLException {
        Map<Long, List<Identity>> identities = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pi.policy_id, i.type, i.id_value FROM policy_identity pi JOIN identities i ON i.id = pi.identity_id ORDER BY i.type, i.id_value");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                identities.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Identity(IdentityType.fromLabel(rs.getString(2)), rs.getString(3)));
            }
        }
        Map<Long, List<Long>> lists = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT policy_id, list_id FROM policy_list ORDER BY list_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lists.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        List<Policy> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, position, is_default, security_setting_id FROM policy ORDER BY is_default, position, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                out.add(new Policy(id, rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getLong(5),
                        List.copyOf(identities.getOrDefault(id, List.of())), List.copyOf(lists.getOrDefault(id, List.of()))));
            }
        }
        return out;
    }

    public long insertPolicy(String name, long settingId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO policy (name, name_key, position, is_default, security_setting_id, created_at) VALUES (?, ?, 0, FALSE, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, ListRepository.key(name));
            ps.setLong(3, settingId);
            Sql.setInstant(ps, 4, at);
            ps.executeUpdate();
            return Sql.generatedId(ps);
        }
    }

    public void setPolicySetting(long policyId, long settingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE policy SET security_setting_id = ? WHERE id = ?")) {
            ps.setLong(1, settingId);
            ps.setLong(2, policyId);
            ps.executeUpdate();
        }
    }

    public void setPolicyIdentities(long policyId, Collection<Long> identityIds) throws SQLException {
        replaceLinks("policy_identity", "policy_id", "identity_id", policyId, identityIds);
    }

    public void setPolicyLists(long policyId, Collection<Long> listIds) throws SQLException {
        replaceLinks("policy_list", "policy_id", "list_id", policyId, listIds);
    }

    /** Writes positions 1..n in the given order; the Default Policy is placed after them. */
    public void renumber(List<Long> orderedPolicyIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE policy SET position = ? WHERE id = ?")) {
            int position = 1;
            for (Long id : orderedPolicyIds) {
                ps.setInt(1, position++);
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE policy SET position = ? WHERE is_default")) {
            ps.setInt(1, orderedPolicyIds.size() + 1);
            ps.executeUpdate();
        }
    }

    public void deletePolicy(long policyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM policy WHERE id = ?")) {
            ps.setLong(1, policyId);
            ps.executeUpdate();
        }
    }

    private void replaceLinks(String table, String ownerColumn, String targetColumn, long ownerId, Collection<Long> targets)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + ownerColumn + " = ?")) {
            ps.setLong(1, ownerId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (" + ownerColumn + ", " + targetColumn + ") VALUES (?, ?)")) {
            for (Long target : new LinkedHashSet<>(targets)) {
                ps.setLong(1, ownerId);
                ps.setLong(2, target);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
