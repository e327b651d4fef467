package io.kizuna.api.export;

/**
 * Everything Kizuna holds about one customer, for a portability (data access) request. Answers with a
 * {@link CustomerExport}; throws {@link io.kizuna.api.validation.NotFoundException} for an unknown customer.
 */
public record ExportCustomer(String customerId) {}
