package io.kizuna.bench.generate;

import io.kizuna.bench.generate.Catalog.Event;
import io.kizuna.bench.generate.Dataset.Customer;
import io.kizuna.bench.generate.Dataset.Figures;
import io.kizuna.bench.generate.Message.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes customers and their journeys from a seed: the same settings give exactly the same data. Anonymous visitors
 * arrive through ads, emails and pages, some engage (products, store visits, support calls, coupons), some convert
 * (web orders and POS purchases in JPY or USD), some come back (a second purchase, loyalty, reviews, returns); the
 * rest drop off at each stage. Most who go far identify (userId, email) part-way; a few used a second device whose
 * later login ties it to them (a merge). Store and POS data partly arrives late, after the online traffic, and about
 * one message in a hundred is sent twice, as a client retry does.
 *
 * <p>Each customer's journey comes from its own random stream (seed and index), so a customer's data does not depend
 * on how many others there are; the touchpoint budget is spread over the customers with a long tail (most have a
 * few, some very many).
 */
public final class JourneyGenerator {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /**
     * @param customers how many customers (besides the deep one)
     * @param touchpoints distinct touchpoints over those customers (at least one each)
     * @param seed the seed
     * @param anchor the latest business time: every touchpoint happened within 180 days (the deep customer: a year)
     *     before it
     * @param deepCustomerEvents touchpoints of one extra customer with a very long history (0: none)
     * @param retryRate share of messages sent a second time
     * @param lateRate share of offline (store, POS) touchpoints that arrive after the online traffic
     */
    public record Settings(
            int customers,
            long touchpoints,
            long seed,
            Instant anchor,
            int deepCustomerEvents,
            double retryRate,
            double lateRate) {

        public Settings {
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be at least 1, got " + customers);
            }
            if (touchpoints < customers) {
                throw new IllegalArgumentException("touchpoints (" + touchpoints
                        + ") must be at least the number of customers (" + customers + "): one each at least");
            }
            if (deepCustomerEvents < 0) {
                throw new IllegalArgumentException("deep customer events must not be negative");
            }
        }

        public Settings(int customers, long touchpoints, long seed, Instant anchor, int deepCustomerEvents) {
            this(customers, touchpoints, seed, anchor, deepCustomerEvents, 0.01, 0.6);
        }
    }

    private JourneyGenerator() {}

    public static Dataset generate(Settings settings) {
        long[] budgets = budgets(settings);
        List<Customer> customers = new ArrayList<>(settings.customers() + 1);
        List<Message> online = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, settings.touchpoints() * 11 / 10));
        List<Message> late = new ArrayList<>();
        Counter counter = new Counter();
        for (int i = 0; i < settings.customers(); i++) {
            customers.add(journey(settings, i, (int) budgets[i], false, online, late, counter));
        }
        if (settings.deepCustomerEvents() > 0) {
            customers.add(journey(
                    settings, settings.customers(), settings.deepCustomerEvents(), true, online, late, counter));
        }
        Comparator<Message> byTime = Comparator.comparingLong(Message::at)
                .thenComparingInt(Message::customer)
                .thenComparingInt(Message::sequence);
        online.sort(byTime);
        late.sort(byTime);
        SplittableRandom retries = new SplittableRandom(mix(settings.seed(), -1));
        List<Message> onlineSent = withRetries(online, settings.retryRate(), retries, counter);
        List<Message> lateSent = withRetries(late, settings.retryRate(), retries, counter);
        Figures figures = new Figures(
                counter.touchpoints,
                onlineSent.size() + lateSent.size(),
                counter.retries,
                counter.identifies,
                counter.merges,
                lateSent.size(),
                counter.purchasesJpy,
                counter.purchasesUsd,
                counter.returns,
                counter.known);
        return new Dataset(settings.seed(), List.copyOf(customers), onlineSent, lateSent, figures);
    }

    /** The touchpoint budget of each customer: a long-tailed (log-normal) share of the total, at least one each. */
    static long[] budgets(Settings settings) {
        int n = settings.customers();
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = Math.exp(new SplittableRandom(mix(settings.seed(), i)).nextGaussian() * 1.1);
            sum += weights[i];
        }
        long spare = settings.touchpoints() - n;
        long[] budgets = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            budgets[i] = 1 + (long) Math.floor(spare * weights[i] / sum);
            given += budgets[i];
        }
        // rounding leaves a few over: one more each for the first ones, in order
        for (int i = 0; given < settings.touchpoints(); i = (i + 1) % n) {
            budgets[i]++;
            given++;
        }
        return budgets;
    }

    private static Customer journey(
            Settings s, int index, int n, boolean deep, List<Message> online, List<Message> late, Counter counter) {
        SplittableRandom rng = new SplittableRandom(mix(s.seed(), index));
        rng.nextGaussian(); // the budget's draw
        String anonymousId = new UUID(rng.nextLong(), rng.nextLong()).toString();
        int maxLevel = deep ? Catalog.RETENTION : level(rng, n);
        double knownChance =
                switch (maxLevel) {
                    case Catalog.AWARENESS -> 0.15;
                    case Catalog.ENGAGEMENT -> 0.5;
                    default -> 0.95;
                };
        boolean known = deep || rng.nextDouble() < knownChance;
        boolean secondDevice = !deep && known && n >= 5 && rng.nextDouble() < 0.10;
        boolean usd = rng.nextDouble() < 0.25;
        String familyName = known ? pick(rng, Catalog.FAMILY_NAMES) : null;
        String givenName = known ? pick(rng, Catalog.GIVEN_NAMES) : null;
        String plan = known ? pick(rng, Catalog.PLANS) : null;
        String userId = known ? "bench-" + s.seed() + "-u" + index : null;
        String email = known
                ? (givenName + "." + familyName + "." + s.seed() + "." + index + "@mail.kizuna-bench.test")
                        .toLowerCase(java.util.Locale.ROOT)
                : null;
        String secondAnonymousId = secondDevice ? new UUID(rng.nextLong(), rng.nextLong()).toString() : null;

        // business times: a start within 180 days (a year for the deep customer), increasing gaps after it
        long anchor = s.anchor().toEpochMilli();
        long start = deep ? anchor - 365 * DAY_MS : anchor - (1 + rng.nextLong(180)) * DAY_MS;
        double meanGap = Math.min((double) (anchor - start) / (n + 1), 3.0 * DAY_MS);
        long[] times = new long[n];
        long t = start;
        for (int p = 0; p < n; p++) {
            t += 1000 + (long) (-Math.log(1 - rng.nextDouble()) * meanGap);
            times[p] = Math.min(t, anchor - 120_000 + p % 60_000); // room for a later login
        }

        short[] events = new short[n];
        int firstPurchase = -1;
        int purchases = 0;
        for (int p = 0; p < n; p++) {
            int cap = (int) Math.min(maxLevel, (long) (p + 1) * (maxLevel + 1) / n);
            short e;
            if (cap >= Catalog.CONVERSION && purchases == 0 || cap >= Catalog.RETENTION && purchases == 1) {
                e = rng.nextDouble() < 0.65 ? Catalog.ORDER_COMPLETED : Catalog.POS_PURCHASE;
            } else {
                int level = rng.nextBoolean() ? cap : rng.nextInt(cap + 1);
                e = eventOf(rng, level);
                if (e == Catalog.RETURN && purchases == 0) {
                    e = Catalog.ORDER_COMPLETED;
                }
            }
            if (e == Catalog.ORDER_COMPLETED || e == Catalog.POS_PURCHASE) {
                purchases++;
                if (firstPurchase < 0) {
                    firstPurchase = p;
                }
            }
            events[p] = e;
        }
        int identifyAt = !known ? -1 : deep ? 0 : rng.nextInt(firstPurchase >= 0 ? firstPurchase + 1 : n);
        int secondDeviceUntil = secondDevice ? Math.max(1, n / 5) : 0;

        long lastAmount = 0;
        for (int p = 0; p < n; p++) {
            Event event = Catalog.event(events[p]);
            byte flags = usd ? Message.USD : 0;
            boolean fromSecondDevice = p < secondDeviceUntil && !event.offline();
            if (known && p >= identifyAt && !fromSecondDevice) {
                flags |= Message.KNOWN;
            }
            if (fromSecondDevice) {
                flags |= Message.SECOND_DEVICE;
            }
            boolean isLate = event.offline() && rng.nextDouble() < s.lateRate();
            if (isLate) {
                flags |= Message.LATE;
            }
            long amount = 0;
            if (event.valued()) {
                if (events[p] == Catalog.RETURN) {
                    amount = -lastAmount;
                    counter.returns++;
                } else {
                    amount = usd ? rng.nextLong(500, 40_000) : rng.nextLong(50, 5_000) * 10;
                    lastAmount = amount;
                    if (usd) {
                        counter.purchasesUsd++;
                    } else {
                        counter.purchasesJpy++;
                    }
                }
            }
            byte campaign = event.campaign() && rng.nextDouble() < 0.8
                    ? (byte) rng.nextInt(Catalog.CAMPAIGNS.size())
                    : (byte) -1;
            Message m = new Message(index, p, event.kind(), events[p], times[p], amount, flags, campaign);
            (isLate ? late : online).add(m);
            counter.touchpoints++;
        }
        if (known) {
            long at = times[identifyAt] - 1000;
            byte flags = (byte) (Message.KNOWN | (usd ? Message.USD : 0));
            online.add(new Message(index, n, Kind.IDENTIFY, (short) -1, at, 0, flags, (byte) -1));
            counter.identifies++;
            counter.known++;
        }
        if (secondDevice) {
            // logging in on the second device, after everything else: its anonymous customer merges into this one
            long at = times[n - 1] + 60_000;
            byte flags = (byte) (Message.KNOWN | Message.SECOND_DEVICE);
            online.add(new Message(index, n + 1, Kind.IDENTIFY, (short) -1, at, 0, flags, (byte) -1));
            counter.identifies++;
            counter.merges++;
        }
        return new Customer(
                index, anonymousId, secondAnonymousId, userId, email, familyName, givenName, plan, maxLevel, n, deep);
    }

    /** How far a journey goes: 40 % see only ads, mails and pages, 25 % engage, 20 % buy once, 15 % come back. */
    private static int level(SplittableRandom rng, int n) {
        double r = rng.nextDouble();
        int level = r < 0.40 ? 0 : r < 0.65 ? 1 : r < 0.85 ? 2 : 3;
        if (n >= 12 && level < Catalog.RETENTION && rng.nextDouble() < 0.5) {
            level++;
        }
        return Math.min(level, n - 1);
    }

    private static short eventOf(SplittableRandom rng, int level) {
        int total = 0;
        for (Event e : Catalog.EVENTS) {
            if (e.level() == level) {
                total += e.weight();
            }
        }
        int r = rng.nextInt(total);
        for (short i = 0; i < Catalog.EVENTS.size(); i++) {
            Event e = Catalog.EVENTS.get(i);
            if (e.level() == level) {
                r -= e.weight();
                if (r < 0) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no event of level " + level);
    }

    /** The messages in sending order with each retry placed a little later (up to 2,000 messages) than the first send. */
    private static List<Message> withRetries(List<Message> sorted, double rate, SplittableRandom rng, Counter counter) {
        int size = sorted.size();
        List<double[]> order = new ArrayList<>(size + (int) (size * rate * 2) + 16);
        List<Message> retries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(new double[] {i, i});
            if (rng.nextDouble() < rate) {
                retries.add(sorted.get(i).retry());
                order.add(new double[] {i + 1 + rng.nextInt(2000) + 0.5, size + retries.size() - 1});
            }
        }
        counter.retries += retries.size();
        order.sort(Comparator.comparingDouble(o -> o[0]));
        List<Message> sent = new ArrayList<>(order.size());
        for (double[] o : order) {
            int at = (int) o[1];
            sent.add(at < size ? sorted.get(at) : retries.get(at - size));
        }
        return sent;
    }

    private static <T> T pick(SplittableRandom rng, List<T> values) {
        return values.get(rng.nextInt(values.size()));
    }

    /** A well-spread 64-bit seed for one customer's stream (SplitMix64's finaliser). */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final class Counter {
        long touchpoints;
        long retries;
        long identifies;
        long merges;
        long purchasesJpy;
        long purchasesUsd;
        long returns;
        long known;
    }
}
