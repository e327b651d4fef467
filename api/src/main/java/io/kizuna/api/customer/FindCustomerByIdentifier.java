package io.kizuna.api.customer;

import io.kizuna.api.consistency.ConsistencyToken;
import io.kizuna.api.identity.Identifier;

/** Which customer is known by this identifier? Answers with a {@link CustomerResult}. */
public record FindCustomerByIdentifier(Identifier identifier, ConsistencyToken consistencyToken) {}
