package io.kizuna.command.account;

import io.kizuna.api.touchpoint.Touchpoint;
import java.util.Map;

/**
 * The account (group) a touchpoint was made for: the {@code groupId} of a Segment group call, or the
 * {@code context.groupId} Segment's B2B convention puts on any call, or a {@code groupId} property; else none.
 */
public final class AccountOf {

    /** The identifier type under which account ids are keyed (an HMAC of the group id, like identifier claims). */
    public static final String ACCOUNT_KEY_TYPE = "account";

    private static final int MAX_GROUP_ID_LENGTH = 200;

    private AccountOf() {}

    public static String groupId(Touchpoint touchpoint) {
        Map<String, Object> properties = touchpoint.properties();
        if (properties.get("_segment") instanceof Map<?, ?> segment
                && segment.get("context") instanceof Map<?, ?> context
                && usable(context.get("groupId"))) {
            return context.get("groupId").toString();
        }
        Object own = properties.get("groupId");
        return usable(own) ? own.toString() : null;
    }

    private static boolean usable(Object value) {
        return (value instanceof String s && !s.isBlank() && s.length() <= MAX_GROUP_ID_LENGTH)
                || value instanceof Number;
    }
}
