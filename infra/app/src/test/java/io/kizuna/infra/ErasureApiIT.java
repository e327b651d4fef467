package io.kizuna.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** forgetCustomer refuses what it cannot act on, with the code and the field at fault, and stores nothing then. */
class ErasureApiIT extends PlatformIT {

    @Test
    void anUnknownCustomerIsNotFound() {
        JsonNode answer =
                graphql().document("forgetCustomer", "id", UUID.randomUUID().toString(), "reason", "request");

        assertThat(answer.path("errors").get(0).path("extensions").path("code").asString())
                .as(answer.toString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void anIdThatIsNoCustomerIdAndAMissingReasonAreBadInput() {
        JsonNode badId = graphql().document("forgetCustomer", "id", "hanako@example.com", "reason", "request");
        JsonNode noReason =
                graphql().document("forgetCustomer", "id", UUID.randomUUID().toString(), "reason", "  ");

        assertThat(badId.path("errors").get(0).path("extensions").path("code").asString())
                .as(badId.toString())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(badId.path("errors").get(0).path("extensions").path("field").asString())
                .isEqualTo("id");
        assertThat(noReason.path("errors")
                        .get(0)
                        .path("extensions")
                        .path("field")
                        .asString())
                .as(noReason.toString())
                .isEqualTo("reason");
    }
}
