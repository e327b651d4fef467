package io.kizuna.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.apikey.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final List<String> rootFields = KizunaSchemaFiles.rootFields(KizunaSchemaFiles.schema());

    @Test
    void everyRootFieldOfTheSchemaHasAPolicyEntry() {
        assertThat(rootFields)
                .contains("Query.customer", "Mutation.recordTouchpoints", "Subscription.stageTransitions");
        assertThat(AccessPolicy.rootFields().keySet())
                .as("root fields without an entry in AccessPolicy (refused to everyone until they have one)")
                .containsAll(rootFields);
    }

    @Test
    void thePolicyNamesOnlyFieldsTheSchemaHas() {
        assertThat(rootFields).containsAll(AccessPolicy.rootFields().keySet());
    }

    @Test
    void adminMayUseEveryRootFieldAndNoKeyNone() {
        for (String field : rootFields) {
            assertThat(AccessPolicy.allows(Role.ADMIN, field)).as(field).isTrue();
            assertThat(AccessPolicy.allows(null, field)).as(field).isFalse();
        }
    }

    @Test
    void aFieldMissingFromTheTableIsRefusedToEveryRole() {
        for (Role role : Role.values()) {
            assertThat(AccessPolicy.allows(role, "Query.somethingNew")).isFalse();
        }
    }

    @Test
    void rolesGetWhatTheyNeedAndNoMore() {
        assertThat(AccessPolicy.allows(Role.INTEGRATOR, "Mutation.recordTouchpoints"))
                .isTrue();
        assertThat(AccessPolicy.allows(Role.INTEGRATOR, "Query.customer")).isFalse();
        assertThat(AccessPolicy.allows(Role.ANALYST, "Query.customers")).isTrue();
        assertThat(AccessPolicy.allows(Role.ANALYST, "Query.customerHistory")).isFalse();
        assertThat(AccessPolicy.allows(Role.ANALYST, "Mutation.updateTraits")).isFalse();
        assertThat(AccessPolicy.allows(Role.AUDITOR, "Query.auditLog")).isTrue();
        assertThat(AccessPolicy.allows(Role.AUDITOR, "Mutation.recordTouchpoints"))
                .isFalse();
        assertThat(AccessPolicy.allows(Role.AUDITOR, "Mutation.createApiKey")).isFalse();
        for (Role role : List.of(Role.INTEGRATOR, Role.ANALYST, Role.AUDITOR)) {
            assertThat(AccessPolicy.allows(role, "Mutation.createApiKey")).isFalse();
            assertThat(AccessPolicy.allows(role, "Query.apiKeys")).isFalse();
            assertThat(AccessPolicy.allows(role, "Mutation.rebuildViews")).isFalse();
            assertThat(AccessPolicy.allows(role, "Mutation.defineSegment")).isFalse();
        }
    }
}
