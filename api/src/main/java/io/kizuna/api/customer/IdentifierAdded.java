package io.kizuna.api.customer;

import io.kizuna.api.identity.Identifier;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The customer is now also known by {@code identifier}. */
@Revision("1")
public record IdentifierAdded(String customerId, Identifier identifier, Instant addedAt) {}
