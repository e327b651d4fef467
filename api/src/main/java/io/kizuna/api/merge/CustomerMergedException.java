package io.kizuna.api.merge;

/** A command reached a customer that was merged away; it belongs to {@code survivorId}. */
public class CustomerMergedException extends RuntimeException {

    private final String survivorId;

    public CustomerMergedException(String customerId, String survivorId) {
        super("customer " + customerId + " was merged into " + survivorId);
        this.survivorId = survivorId;
    }

    public String survivorId() {
        return survivorId;
    }
}
