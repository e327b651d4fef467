package io.kizuna.cli.importing.file;

import io.kizuna.cli.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which CSV column holds which part of a {@code track} call ({@code --map userId=customer_id,event=action,
 * properties.revenue=amount}): {@code userId}, {@code anonymousId}, {@code event}, {@code timestamp},
 * {@code messageId}, and {@code properties.<name>} for each property. Unmapped columns are ignored; empty cells are
 * left out of the call. Values stay strings, as written (the intake reads amounts such as {@code "39.80"} exactly).
 */
public final class CsvMapping {

    private static final List<String> TOP_LEVEL = List.of("userId", "anonymousId", "event", "timestamp", "messageId");
    private static final String PROPERTIES = "properties.";

    /** Target (a call's field) to column name, in the order given. */
    private final Map<String, String> columns;

    private Map<String, Integer> indexes = Map.of();

    private CsvMapping(Map<String, String> columns) {
        this.columns = columns;
    }

    /**
     * Reads {@code field=column,...}.
     *
     * @throws IllegalArgumentException saying what is wrong with the mapping, for the user to correct
     */
    public static CsvMapping parse(String spec) {
        Map<String, String> columns = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "a CSV import needs --map field=column,...: say at least which column holds the event and which"
                            + " the userId or anonymousId");
        }
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException(
                        "--map: '" + pair.strip() + "' is not field=column (e.g. event=action)");
            }
            String target = pair.substring(0, equals).strip();
            String column = pair.substring(equals + 1).strip();
            boolean property = target.startsWith(PROPERTIES) && target.length() > PROPERTIES.length();
            if (!property && !TOP_LEVEL.contains(target)) {
                throw new IllegalArgumentException("--map: unknown field '" + target
                        + "': map userId, anonymousId, event, timestamp, messageId or properties.<name>");
            }
            if (column.isEmpty()) {
                throw new IllegalArgumentException("--map: " + target + "= names no column");
            }
            if (columns.put(target, column) != null) {
                throw new IllegalArgumentException("--map: " + target + " is mapped twice");
            }
        }
        if (!columns.containsKey("event")) {
            throw new IllegalArgumentException(
                    "--map has no event=<column>: each CSV row becomes a track call, which needs its event name");
        }
        if (!columns.containsKey("userId") && !columns.containsKey("anonymousId")) {
            throw new IllegalArgumentException(
                    "--map has neither userId=<column> nor anonymousId=<column>: a track call needs at least one");
        }
        return new CsvMapping(columns);
    }

    /** The mapping as given, normalised: {@code userId=customer_id,event=action}. */
    public String spec() {
        List<String> pairs = new ArrayList<>();
        columns.forEach((target, column) -> pairs.add(target + "=" + column));
        return String.join(",", pairs);
    }

    /**
     * Finds the mapped columns in the header row (names compared with surrounding spaces removed).
     *
     * @throws IllegalArgumentException naming a mapped column the header lacks, or one it has twice
     */
    public void bind(List<String> header) {
        Map<String, Integer> positions = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            names.add(name);
            if (positions.putIfAbsent(name, i) != null && columns.containsValue(name)) {
                throw new IllegalArgumentException("the header has two columns named '" + name + "'");
            }
        }
        Map<String, Integer> resolved = new HashMap<>();
        for (Map.Entry<String, String> mapped : columns.entrySet()) {
            Integer index = positions.get(mapped.getValue());
            if (index == null) {
                throw new IllegalArgumentException("--map " + mapped.getKey() + "=" + mapped.getValue()
                        + ": the header has no column '" + mapped.getValue() + "' (it has: " + String.join(", ", names)
                        + ")");
            }
            resolved.put(mapped.getKey(), index);
        }
        this.indexes = resolved;
    }

    /**
     * The track call of one row, without messageId unless a column gives it.
     *
     * @throws IllegalArgumentException saying which mapping leaves the call incomplete
     */
    public ObjectNode toTrack(List<String> row) {
        ObjectNode call = Json.MAPPER.createObjectNode();
        call.put("type", "track");
        ObjectNode properties = Json.MAPPER.createObjectNode();
        for (String target : columns.keySet()) {
            String value = cell(row, target);
            if (value == null) {
                continue;
            }
            if (target.startsWith(PROPERTIES)) {
                properties.put(target.substring(PROPERTIES.length()), value);
            } else {
                call.put(target, value);
            }
        }
        if (!call.has("event")) {
            throw new IllegalArgumentException(
                    "no event: column '" + columns.get("event") + "' (event=" + columns.get("event") + ") is empty");
        }
        if (!call.has("userId") && !call.has("anonymousId")) {
            throw new IllegalArgumentException("no userId or anonymousId: " + identifierColumns());
        }
        if (!properties.isEmpty()) {
            call.set("properties", properties);
        }
        return call;
    }

    private String identifierColumns() {
        String userId = columns.get("userId");
        String anonymousId = columns.get("anonymousId");
        if (userId != null && anonymousId != null) {
            return "columns '" + userId + "' (userId) and '" + anonymousId + "' (anonymousId) are both empty";
        }
        if (userId != null) {
            return "column '" + userId + "' (userId=" + userId
                    + ") is empty and no anonymousId column is mapped (add anonymousId=<column> to --map)";
        }
        return "column '" + anonymousId + "' (anonymousId=" + anonymousId
                + ") is empty and no userId column is mapped (add userId=<column> to --map)";
    }

    private String cell(List<String> row, String target) {
        Integer index = indexes.get(target);
        if (index == null || index >= row.size()) {
            return null;
        }
        String value = row.get(index);
        return value.isBlank() ? null : value;
    }
}
