package io.kizuna.bench.generate;

import io.kizuna.bench.generate.Catalog.Event;
import io.kizuna.bench.generate.Dataset.Customer;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes generated messages as the Segment calls a tracker, a POS export or a server library sends: {@code
 * {"batch":[...]}} bodies for {@code POST /v1/batch}. Online calls name the device's anonymousId (plus the userId once
 * the customer identified); POS and store data of a known customer name only the userId (the loyalty card), as a
 * store system knows nothing of web cookies.
 */
public final class SegmentJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Dataset data;

    public SegmentJson(Dataset data) {
        this.data = data;
    }

    /** A {@code /v1/batch} request body. */
    public byte[] batch(List<Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(messages.size() * 420 + 32);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeName("batch");
            g.writeStartArray();
            for (Message m : messages) {
                write(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** One message as JSON text (for tests and for reading the data). */
    public String message(Message m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, m);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void write(JsonGenerator g, Message m) {
        Customer c = data.customers().get(m.customer());
        g.writeStartObject();
        g.writeStringProperty("type", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringProperty("messageId", data.messageId(m));
        Event event = m.touchpoint() ? Catalog.event(m.event()) : null;
        boolean offline = event != null && event.offline();
        if (m.has(Message.KNOWN)) {
            g.writeStringProperty("userId", c.userId());
        }
        if (m.has(Message.SECOND_DEVICE)) {
            g.writeStringProperty("anonymousId", c.secondAnonymousId());
        } else if (!(offline && m.has(Message.KNOWN))) {
            g.writeStringProperty("anonymousId", c.anonymousId());
        }
        g.writeStringProperty("timestamp", Instant.ofEpochMilli(m.at()).toString());
        switch (m.kind()) {
            case TRACK -> {
                g.writeStringProperty("event", event.name());
                g.writeName("properties");
                g.writeStartObject();
                if (event.valued()) {
                    boolean usd = m.has(Message.USD);
                    g.writeName("revenue");
                    g.writeNumber(usd ? BigDecimal.valueOf(m.amountMinor(), 2) : BigDecimal.valueOf(m.amountMinor()));
                    g.writeStringProperty("currency", usd ? "USD" : "JPY");
                    g.writeStringProperty("orderId", "o-" + data.seed() + "-" + m.customer() + "-" + m.sequence());
                }
                if (event.type().startsWith("product") || event.valued()) {
                    g.writeStringProperty("sku", "SKU-" + ((m.customer() * 31 + m.sequence()) % 500));
                }
                if (offline) {
                    g.writeStringProperty("storeId", "store-" + (m.customer() % 40));
                }
                g.writeEndObject();
            }
            case PAGE, SCREEN -> {
                g.writeStringProperty("name", event.name());
                g.writeName("properties");
                g.writeStartObject();
                if (m.kind() == Message.Kind.PAGE) {
                    g.writeStringProperty("path", "/");
                    g.writeStringProperty("url", "https://shop.kizuna-bench.test/");
                }
                g.writeEndObject();
            }
            case IDENTIFY -> {
                if (!m.has(Message.SECOND_DEVICE)) {
                    g.writeName("traits");
                    g.writeStartObject();
                    g.writeStringProperty("email", c.email());
                    g.writeStringProperty("name", c.givenName() + " " + c.familyName());
                    g.writeStringProperty("plan", c.plan());
                    g.writeStringProperty("locale", m.has(Message.USD) ? "en-US" : "ja-JP");
                    g.writeEndObject();
                }
            }
        }
        g.writeName("context");
        g.writeStartObject();
        if (event != null && event.channel() != null) {
            g.writeStringProperty("channel", event.channel());
        }
        if (m.campaign() >= 0) {
            g.writeName("campaign");
            g.writeStartObject();
            g.writeStringProperty("name", Catalog.CAMPAIGNS.get(m.campaign()));
            g.writeStringProperty("source", event != null && event.channel().equals("ads") ? "search" : "newsletter");
            g.writeEndObject();
        }
        g.writeName("library");
        g.writeStartObject();
        g.writeStringProperty(
                "name",
                offline ? "kizuna-bench-pos" : m.kind() == Message.Kind.SCREEN ? "analytics-ios" : "analytics.js");
        g.writeStringProperty("version", "1.0.0");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }
}
