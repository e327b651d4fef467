package io.kizuna.api.journey;

import java.math.BigDecimal;
import java.util.List;

/**
 * Which touchpoints a journey rule reacts to. Every part that is given must hold; an empty list means "any".
 * {@code minValue}/{@code maxValue} test the touchpoint's value (in {@code currency} when given; a touchpoint without
 * a value fails a value test). {@code countAtLeast} makes the rule wait for the n-th matching touchpoint: the count
 * is of the customer's matching touchpoints whose business time is at or before this one's (so "the second
 * purchase" means the second by business time).
 */
public record TouchpointCondition(
        List<String> types,
        List<String> channels,
        List<String> campaigns,
        List<PropertyCondition> properties,
        BigDecimal minValue,
        BigDecimal maxValue,
        String currency,
        Integer countAtLeast) {

    public TouchpointCondition {
        types = types == null ? List.of() : List.copyOf(types);
        channels = channels == null ? List.of() : List.copyOf(channels);
        campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
        properties = properties == null ? List.of() : List.copyOf(properties);
    }

    public static TouchpointCondition ofTypes(String... types) {
        return new TouchpointCondition(List.of(types), null, null, null, null, null, null, null);
    }

    public TouchpointCondition withCountAtLeast(int n) {
        return new TouchpointCondition(types, channels, campaigns, properties, minValue, maxValue, currency, n);
    }

    public TouchpointCondition withChannels(String... channelNames) {
        return new TouchpointCondition(
                types, List.of(channelNames), campaigns, properties, minValue, maxValue, currency, countAtLeast);
    }

    public TouchpointCondition withProperty(PropertyCondition property) {
        List<PropertyCondition> all = new java.util.ArrayList<>(properties);
        all.add(property);
        return new TouchpointCondition(types, channels, campaigns, all, minValue, maxValue, currency, countAtLeast);
    }

    public TouchpointCondition withMinValue(BigDecimal amount, String currencyCode) {
        return new TouchpointCondition(
                types, channels, campaigns, properties, amount, maxValue, currencyCode, countAtLeast);
    }
}
