package io.kizuna.api.customer;

import java.util.List;

/**
 * The stored profiles of exactly these customers, merged-away ones included as they are (no redirect to the
 * survivor). Answers with a {@link CustomerProfiles}.
 */
public record FindCustomerProfiles(List<String> customerIds) {}
