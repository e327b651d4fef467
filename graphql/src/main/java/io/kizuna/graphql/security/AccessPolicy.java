package io.kizuna.graphql.security;

import static io.kizuna.api.apikey.Role.ADMIN;
import static io.kizuna.api.apikey.Role.ANALYST;
import static io.kizuna.api.apikey.Role.AUDITOR;
import static io.kizuna.api.apikey.Role.INTEGRATOR;

import io.kizuna.api.apikey.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who may use which GraphQL root field: the one table of the API's access control. Deny by default: a root field
 * missing here is refused to every role, ADMIN included (a unit test fails when the schema has a root field without
 * an entry, so a new operation cannot ship unprotected). ADMIN is allowed every field that has an entry.
 *
 * <p>Below the root, every field of what a caller may read is readable, except that ANALYST sees personal values
 * masked ({@link PersonalDataMasking}).
 */
public final class AccessPolicy {

    private static final Map<String, Set<Role>> ROOT_FIELDS = table();

    private AccessPolicy() {}

    private static Map<String, Set<Role>> table() {
        Map<String, Set<Role>> t = new TreeMap<>();
        // profiles: read by analysts (masked) and auditors (who need to find the customer whose history they read)
        t.put("Query.customer", roles(ANALYST, AUDITOR));
        t.put("Query.customerByIdentifier", roles(ANALYST, AUDITOR));
        t.put("Query.customers", roles(ANALYST, AUDITOR));
        // history, time travel, verification, access log: auditors
        t.put("Query.customerHistory", roles(AUDITOR));
        t.put("Query.customerAsOf", roles(AUDITOR));
        t.put("Query.verifyHistory", roles(AUDITOR));
        t.put("Mutation.verifyAllHistories", roles(AUDITOR)); // starts a read-only job
        t.put("Query.rebuildJob", roles(AUDITOR)); // follows a verification job (and, for admins, a rebuild)
        t.put("Query.auditLog", roles(AUDITOR));
        // journeys, segments, analytics: analysts read, admins define
        t.put("Query.journeyModels", roles(ANALYST));
        t.put("Query.journeyModel", roles(ANALYST));
        t.put("Query.journeyFunnel", roles(ANALYST));
        t.put("Query.account", roles(ANALYST));
        t.put("Query.segments", roles(ANALYST));
        t.put("Query.segment", roles(ANALYST));
        t.put("Query.previewSegment", roles(ANALYST));
        t.put("Subscription.stageTransitions", roles(ANALYST));
        t.put("Subscription.segmentMembershipChanged", roles(ANALYST));
        t.put("Mutation.defineJourneyModel", roles());
        t.put("Mutation.defineSegment", roles());
        // writes: integrators
        t.put("Mutation.recordTouchpoints", roles(INTEGRATOR));
        t.put("Mutation.updateTraits", roles(INTEGRATOR));
        t.put("Mutation.mergeCustomers", roles(INTEGRATOR));
        // operations: admins only
        t.put("Mutation.rebuildViews", roles());
        t.put("Query.sources", roles());
        t.put("Mutation.createSource", roles());
        t.put("Mutation.revokeSource", roles());
        // privacy: consent answers are written by integrators (also through the intake); an export is the whole
        // unmasked record of one person, for data requests; erasure is an administrator's decision
        t.put("Mutation.giveConsent", roles(INTEGRATOR));
        t.put("Mutation.withdrawConsent", roles(INTEGRATOR));
        t.put("Query.exportCustomer", roles(AUDITOR));
        t.put("Mutation.forgetCustomer", roles());
        t.put("Query.apiKeys", roles());
        t.put("Mutation.createApiKey", roles());
        t.put("Mutation.revokeApiKey", roles());
        return java.util.Collections.unmodifiableMap(t);
    }

    /** The roles and ADMIN. */
    private static Set<Role> roles(Role... roles) {
        EnumSet<Role> set = EnumSet.of(ADMIN, roles);
        return java.util.Collections.unmodifiableSet(set);
    }

    /** Whether a caller with this role (null: none) may use the root field {@code Type.field}. */
    public static boolean allows(Role role, String rootField) {
        Set<Role> allowed = ROOT_FIELDS.get(rootField);
        return role != null && allowed != null && allowed.contains(role);
    }

    /** Every root field with a policy, as {@code Type.field}, with the roles allowed. */
    public static Map<String, Set<Role>> rootFields() {
        return ROOT_FIELDS;
    }
}
