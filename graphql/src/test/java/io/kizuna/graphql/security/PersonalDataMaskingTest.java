package io.kizuna.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.PropertyDataFetcher;
import io.kizuna.api.identity.Identifier;
import io.kizuna.api.privacy.PersonalData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PersonalDataMaskingTest {

    private final PersonalDataMasking masking = new PersonalDataMasking(new PersonalData(
            PersonalData.DEFAULT_TRAITS, PersonalData.DEFAULT_IDENTIFIER_TYPES, Set.of("shipping_to")));

    private static DataFetchingEnvironment on(Object source) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .source(source)
                .build();
    }

    @Test
    void personalIdentifierValuesAreMaskedOthersShown() throws Exception {
        DataFetcher<?> value = masking.wrap("Identifier.value", PropertyDataFetcher.fetching("value"));

        assertThat(value.get(on(new Identifier("email", "hanako@example.jp")))).isEqualTo(PersonalData.MASKED);
        assertThat(value.get(on(new Identifier("userId", "u-1")))).isEqualTo(PersonalData.MASKED);
        assertThat(value.get(on(new Identifier("crm", "C-1001")))).isEqualTo("C-1001");
    }

    @Test
    void personalTraitsAreMaskedByNameWhateverTheirSpelling() throws Exception {
        DataFetcher<?> traits = masking.wrap(
                "Customer.traits", env -> Map.of("first_name", "Hanako", "Email", "hanako@example.jp", "plan", "gold"));

        assertThat(traits.get(on(null)))
                .isEqualTo(Map.of("first_name", PersonalData.MASKED, "Email", PersonalData.MASKED, "plan", "gold"));
    }

    @Test
    void declaredPersonalPropertiesAreMaskedEvenWhenFetchedLater() throws Exception {
        DataFetcher<?> properties = masking.wrap(
                "Touchpoint.properties",
                env -> CompletableFuture.completedFuture(Map.of("shippingTo", "Tokyo 1-2-3", "sku", "TEA-01")));

        Object masked = ((CompletableFuture<?>) properties.get(on(null))).join();

        assertThat(masked).isEqualTo(Map.of("shippingTo", PersonalData.MASKED, "sku", "TEA-01"));
    }

    /** Found in review: Segment keeps a message's traits in properties._segment.context.traits, a group call's too. */
    @Test
    void personalTraitsNestedInPropertiesAndPersonalPropertiesAtAnyDepthAreMasked() throws Exception {
        DataFetcher<?> properties = masking.wrap(
                "Touchpoint.properties",
                env -> Map.of(
                        "_segment",
                        Map.of("context", Map.of("traits", Map.of("email", "hanako@example.jp", "plan", "gold"))),
                        "items",
                        List.of(Map.of("shipping_to", "Tokyo 1-2-3", "sku", "TEA-01")),
                        "sku",
                        "TEA-01"));

        assertThat(properties.get(on(null)))
                .isEqualTo(Map.of(
                        "_segment",
                        Map.of("context", Map.of("traits", Map.of("email", PersonalData.MASKED, "plan", "gold"))),
                        "items",
                        List.of(Map.of("shipping_to", PersonalData.MASKED, "sku", "TEA-01")),
                        "sku",
                        "TEA-01"));
        assertThat(masking.masks("AccountMembership.traits")).isTrue();
    }

    @Test
    void aLookUpOrARuleThatWouldRevealAPersonalValueIsNamedAsSuch() {
        assertThat(masking.probe("Query.customerByIdentifier", Map.of("type", "email", "value", "a@example.jp")))
                .contains("personal identifier");
        assertThat(masking.probe("Query.customerByIdentifier", Map.of("type", "crm", "value", "C-1")))
                .isNull();
        assertThat(masking.probe("Query.previewSegment", Map.of("rule", "trait(email) >= \"m\"")))
                .contains("email");
        assertThat(masking.probe("Query.previewSegment", Map.of("rule", "trait(plan) = \"gold\"")))
                .isNull();
        assertThat(masking.probe("Query.previewSegment", Map.of("rule", "trait(email) exists")))
                .isNull();
        assertThat(masking.probe("Query.previewSegment", Map.of("rule", "not a rule (")))
                .isNull();
    }
}
