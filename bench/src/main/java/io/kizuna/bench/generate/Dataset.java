package io.kizuna.bench.generate;

import java.util.List;

/**
 * What the generator made, and what the platform should hold once all of it is sent: the customers with their
 * identifiers and expected touchpoint counts, and the messages in the order they are sent.
 *
 * @param seed the seed it was made from; also in every messageId and userId, so two seeds never collide
 * @param customers every generated customer; the deep one (if any) last
 * @param online the online traffic in sending order (by business time), client retries included
 * @param late the offline data (store visits, POS purchases) sent after the online traffic, retries included
 * @param figures counts of what was generated
 */
public record Dataset(long seed, List<Customer> customers, List<Message> online, List<Message> late, Figures figures) {

    /**
     * A generated person. Once everything is stored, every identifier of theirs names one platform customer holding
     * {@code expectedTouchpoints} touchpoints (the second device's ones included, through the merge).
     *
     * @param anonymousId the first device's id (every customer has one)
     * @param secondAnonymousId a second device whose identify later ties it to this customer (a merge), or null
     * @param userId set once the customer identifies, else null (an anonymous visitor throughout)
     * @param email traits.email of the identify, or null
     * @param familyName traits.name's family part (free-text searchable), or null
     * @param maxLevel how far the journey went ({@link Catalog#AWARENESS} ... {@link Catalog#RETENTION})
     */
    public record Customer(
            int index,
            String anonymousId,
            String secondAnonymousId,
            String userId,
            String email,
            String familyName,
            String givenName,
            String plan,
            int maxLevel,
            long expectedTouchpoints,
            boolean deep) {}

    /**
     * @param touchpoints distinct touchpoints (what the platform must store)
     * @param messages calls sent, retries included
     * @param retries duplicate sends (same messageId)
     * @param identifies identify calls
     * @param merges second devices tied to a known customer by a later identify
     * @param late offline messages sent after the online traffic
     * @param purchasesJpy purchases in JPY
     * @param purchasesUsd purchases in USD
     * @param returns returns (negative values)
     * @param knownCustomers customers who identified
     */
    public record Figures(
            long touchpoints,
            long messages,
            long retries,
            long identifies,
            long merges,
            long late,
            long purchasesJpy,
            long purchasesUsd,
            long returns,
            long knownCustomers) {}

    /** The customer made to have very many events (for time travel over a long history), if any. */
    public Customer deepCustomer() {
        Customer last = customers.isEmpty() ? null : customers.get(customers.size() - 1);
        return last != null && last.deep() ? last : null;
    }

    public String messageId(Message m) {
        return "bench-" + seed + "-" + m.customer() + "-" + m.sequence();
    }
}
