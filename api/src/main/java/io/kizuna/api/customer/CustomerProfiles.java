package io.kizuna.api.customer;

import java.util.List;

/** Profiles found for a {@link FindCustomerProfiles}, in the order asked; unknown ids are left out. */
public record CustomerProfiles(List<CustomerProfile> profiles) {}
