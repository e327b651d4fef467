package io.kizuna.command.privacy;

/**
 * Makes a customer's stored personal data unreadable for good: destroys its data key (so the encrypted values of its
 * events and snapshots can never be read again, on any node, also after a restart) and drops its snapshots.
 * Destroying a destroyed key changes nothing.
 */
public interface CustomerDataShredder {

    void shred(String customerId);
}
