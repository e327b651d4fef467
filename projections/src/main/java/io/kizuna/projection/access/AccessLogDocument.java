package io.kizuna.projection.access;

import io.kizuna.api.access.AccessLogEntry;
import io.kizuna.api.access.HistoryAccessed;
import java.time.Instant;
import java.util.Map;

/** One recorded read of customer history as stored in the access-log view; its document id is the access id. */
public class AccessLogDocument {

    public String id;
    public Instant at;
    public String actor;
    public String operation;
    public String customerId;
    public Map<String, Object> arguments;
    public String outcome;

    public AccessLogDocument() {
        // for Jackson
    }

    public static AccessLogDocument of(HistoryAccessed event) {
        AccessLogDocument document = new AccessLogDocument();
        document.id = event.accessId();
        document.at = event.at();
        document.actor = event.actor();
        document.operation = event.operation();
        document.customerId = event.customerId();
        document.arguments = event.arguments() == null ? Map.of() : event.arguments();
        document.outcome = event.outcome();
        return document;
    }

    public AccessLogEntry toEntry() {
        return new AccessLogEntry(
                id, at, actor, operation, customerId, arguments == null ? Map.of() : arguments, outcome);
    }
}
