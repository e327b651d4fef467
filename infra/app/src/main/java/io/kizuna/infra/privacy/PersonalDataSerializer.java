package io.kizuna.infra.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Axon's serializer with the personal values of customer events and snapshots sealed ({@link PersonalDataCodec}):
 * what is stored, hashed into the history chain and sent over the wire is the sealed form, and everything that reads
 * it back (aggregates, projections, history, time travel, upcasters after their work) gets it opened, or redacted once
 * the customer is forgotten. Upcasters see the sealed form; they must leave envelopes as they are.
 *
 * <p>Sealing uses a random IV, so serializing one payload twice would give two different texts. The hash chain
 * serializes a payload before the engine writes it; both must be the same bytes, so the sealed form of each event
 * payload is remembered (weakly, by identity) and reused.
 */
public final class PersonalDataSerializer implements Serializer {

    private final Serializer delegate;
    private final Supplier<PersonalDataCodec> codec;
    private final Cache<Object, SerializedObject<byte[]>> sealed =
            Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

    /** {@code codec} is looked up when first needed, so the serializer can exist before the data keys do. */
    public PersonalDataSerializer(Serializer delegate, Supplier<PersonalDataCodec> codec) {
        this.delegate = delegate;
        this.codec = codec;
    }

    public Serializer delegate() {
        return delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !PersonalDataCodec.covers(object.getClass().getName())) {
            return delegate.serialize(object, expectedRepresentation);
        }
        // events are immutable records: one sealed form each; a snapshot (a mutable aggregate) is sealed every time
        SerializedObject<byte[]> bytes = object instanceof Record ? sealed.get(object, this::seal) : seal(object);
        return getConverter().convert(bytes, expectedRepresentation);
    }

    private SerializedObject<byte[]> seal(Object object) {
        SerializedObject<byte[]> plain = delegate.serialize(object, byte[].class);
        byte[] data = codec.get().seal(plain.getType().getName(), plain.getData());
        return new SimpleSerializedObject<>(data, byte[].class, plain.getType());
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        if (type == null || !PersonalDataCodec.covers(type.getName())) {
            return delegate.deserialize(serializedObject);
        }
        SerializedObject<byte[]> bytes = getConverter().convert(serializedObject, byte[].class);
        byte[] opened = codec.get().open(type.getName(), bytes.getData());
        return delegate.deserialize(new SimpleSerializedObject<>(opened, byte[].class, type));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
