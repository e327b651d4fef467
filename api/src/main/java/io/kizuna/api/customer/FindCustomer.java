package io.kizuna.api.customer;

import io.kizuna.api.consistency.ConsistencyToken;

/** Which customer has this id? Answers with a {@link CustomerResult}. */
public record FindCustomer(String customerId, ConsistencyToken consistencyToken) {}
