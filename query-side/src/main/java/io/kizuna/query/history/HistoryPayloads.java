package io.kizuna.query.history;

import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shapes event payloads for the caller of a history read: the one place that decides what of a payload a caller
 * sees. Today every caller sees the whole payload as JSON (times as ISO-8601 text, amounts as exact numbers); with
 * roles (issue 7) this is where personal fields are masked for callers not entitled to them.
 */
@Component
public class HistoryPayloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** The payload as a JSON object, as this caller may see it. */
    public Map<String, Object> forCaller(Object payload) {
        return JSON.convertValue(payload, MAP);
    }
}
