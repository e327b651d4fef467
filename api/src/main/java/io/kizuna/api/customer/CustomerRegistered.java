package io.kizuna.api.customer;

import io.kizuna.api.identity.Identifier;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A new customer came into being, first known by {@code identifier}. */
@Revision("1")
public record CustomerRegistered(String customerId, Identifier identifier, Instant registeredAt) {}
