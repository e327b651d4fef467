package io.kizuna.command.causation;

import io.kizuna.api.history.Causation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Says who caused the commands a thread sends while it serves one request: {@link #within} opens the scope, and as
 * a dispatch interceptor on the command gateway this adds the scope's {@link Causation} to every command sent in it
 * as metadata (keys a command already carries are left alone). Axon copies the keys onto the events the commands
 * apply ({@link CausationConfiguration}), so every stored event names its request, source and actor — including the
 * claim, merge and account commands a request leads to, without each sender passing the causation along.
 *
 * <p>The scope is the calling thread's: the gateway runs dispatch interceptors on the thread that sends, and every
 * entry point (the intake, merges by people) sends synchronously.
 */
public final class CommandCausation implements MessageDispatchInterceptor<CommandMessage<?>> {

    private static final ThreadLocal<Causation> CURRENT = new ThreadLocal<>();

    /** The causation of the request this thread is serving, or null outside any. */
    public static Causation current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code work} with {@code causation} as the cause of the commands it sends. Within an outer scope the outer
     * causation stays: the entry point that opened it knows the caller best.
     */
    public static <T> T within(Causation causation, Supplier<T> work) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        CURRENT.set(causation);
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, message) -> {
            Causation causation = CURRENT.get();
            if (causation == null) {
                return message;
            }
            Map<String, Object> missing = new LinkedHashMap<>(causation.metaData());
            missing.keySet().removeAll(message.getMetaData().keySet());
            return missing.isEmpty() ? message : message.andMetaData(missing);
        };
    }
}
