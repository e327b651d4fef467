package io.kizuna.api.customer;

import io.kizuna.api.consistency.ConsistencyToken;

/**
 * Which customers match this free text (identifier values and trait values) and filter? Best matches first when
 * text is given, else most recently seen first. {@code after} is a cursor from an earlier page. Answers with a
 * {@link CustomerPage}.
 */
public record SearchCustomers(
        String text, CustomerFilter filter, int first, String after, ConsistencyToken consistencyToken) {}
