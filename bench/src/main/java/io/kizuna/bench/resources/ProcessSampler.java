package io.kizuna.bench.resources;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and memory of the processes under test, read from Linux's {@code /proc} every second during the run. Each is found by
 * the TCP port it listens on (the platform's HTTP port, Elasticsearch's, PostgreSQL's) and counted with all its
 * descendants (PostgreSQL's backends, Elasticsearch's controller). CPU is user plus system time, including children
 * that ended during the run (the root's {@code cutime}/{@code cstime}); memory is the sum of the tree's proportional
 * set size ({@code Pss} of {@code smaps_rollup}, so shared buffers are not counted once per backend), or of its RSS
 * where that cannot be read. On a machine without {@code /proc} nothing is measured.
 */
public final class ProcessSampler implements AutoCloseable {

    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on every Linux of the last decades

    /** What one watched process tree used. */
    public record Usage(long pid, String command, double cpuSeconds, double peakMemoryMb, int samples) {}

    private final Map<String, Integer> ports;
    private final Map<String, Long> roots = new LinkedHashMap<>();
    private final Map<String, Double> cpuAtStart = new HashMap<>();
    private final Map<String, Double> cpuLast = new HashMap<>();
    private final Map<String, Double> peakMb = new HashMap<>();
    private final Map<String, Integer> samples = new HashMap<>();
    private ScheduledExecutorService timer;

    /** @param ports name of each process ({@code platform}, {@code elasticsearch}, {@code postgres}) to its port */
    public ProcessSampler(Map<String, Integer> ports) {
        this.ports = ports;
    }

    public synchronized void start() {
        if (!Files.isDirectory(PROC)) {
            return;
        }
        Map<Long, Long> listeners = listeningInodes();
        Map<Long, Long> ownerOfInode = socketOwners(listeners.keySet());
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            for (Map.Entry<Long, Long> l : listeners.entrySet()) {
                if (l.getValue() == e.getValue().longValue() && ownerOfInode.containsKey(l.getKey())) {
                    roots.put(e.getKey(), topmostWithSamePort(ownerOfInode.get(l.getKey()), ownerOfInode));
                    break;
                }
            }
        }
        Snapshot first = Snapshot.take();
        for (Map.Entry<String, Long> r : roots.entrySet()) {
            cpuAtStart.put(
                    r.getKey(), first.cpuSeconds(r.getValue(), first.tree(r.getValue(), otherRoots(r.getKey()))));
        }
        timer = Executors.newSingleThreadScheduledExecutor(t -> {
            Thread thread = new Thread(t, "bench-process-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sample, 0, 1000, TimeUnit.MILLISECONDS);
    }

    /** The processes found (name to pid). */
    public synchronized Map<String, Long> found() {
        return new LinkedHashMap<>(roots);
    }

    public synchronized Map<String, Usage> usage() {
        Map<String, Usage> usage = new LinkedHashMap<>();
        for (Map.Entry<String, Long> r : roots.entrySet()) {
            String name = r.getKey();
            double cpu = cpuLast.getOrDefault(name, cpuAtStart.get(name)) - cpuAtStart.get(name);
            usage.put(
                    name,
                    new Usage(
                            r.getValue(),
                            command(r.getValue()),
                            cpu,
                            peakMb.getOrDefault(name, 0.0),
                            samples.getOrDefault(name, 0)));
        }
        return usage;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            sample();
        }
    }

    private synchronized void sample() {
        Snapshot now = Snapshot.take();
        for (Map.Entry<String, Long> r : roots.entrySet()) {
            List<Long> tree = now.tree(r.getValue(), otherRoots(r.getKey()));
            if (tree.isEmpty()) {
                continue; // ended
            }
            cpuLast.put(r.getKey(), now.cpuSeconds(r.getValue(), tree));
            double mb = 0;
            for (long pid : tree) {
                mb += memoryKb(pid) / 1024.0;
            }
            peakMb.merge(r.getKey(), mb, Math::max);
            samples.merge(r.getKey(), 1, Integer::sum);
        }
    }

    /**
     * Every process's parent and CPU ticks, read once per sample (one pass over {@code /proc}, so the sampler itself
     * stays cheap).
     */
    private record Snapshot(Map<Long, long[]> stats, Map<Long, List<Long>> children) {

        static Snapshot take() {
            Map<Long, long[]> stats = new HashMap<>();
            Map<Long, List<Long>> children = new HashMap<>();
            for (long pid : pids()) {
                String[] stat = stat(pid);
                if (stat == null) {
                    continue;
                }
                long parent = Long.parseLong(stat[3]);
                long own = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
                long ended = Long.parseLong(stat[15]) + Long.parseLong(stat[16]);
                stats.put(pid, new long[] {parent, own, ended});
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(pid);
            }
            return new Snapshot(stats, children);
        }

        /** The root and all its descendants that are alive, leaving out the subtrees of {@code exclude}. */
        List<Long> tree(long root, Set<Long> exclude) {
            List<Long> tree = new ArrayList<>();
            if (!stats.containsKey(root)) {
                return tree;
            }
            List<Long> todo = new ArrayList<>(List.of(root));
            while (!todo.isEmpty()) {
                long pid = todo.remove(todo.size() - 1);
                tree.add(pid);
                for (long child : children.getOrDefault(pid, List.of())) {
                    if (!exclude.contains(child)) {
                        todo.add(child);
                    }
                }
            }
            return tree;
        }

        /** CPU seconds of a tree: every live process's own time plus the root's ended children. */
        double cpuSeconds(long root, List<Long> tree) {
            double ticks = 0;
            for (long pid : tree) {
                long[] stat = stats.get(pid);
                if (stat != null) {
                    ticks += stat[1] + (pid == root ? stat[2] : 0);
                }
            }
            return ticks / TICKS_PER_SECOND;
        }
    }

    /** Fields of {@code /proc/PID/stat} after the command (index 0 is the pid, as in proc(5) minus one). */
    private static String[] stat(long pid) {
        try {
            String text = Files.readString(PROC.resolve(pid + "/stat"));
            int close = text.lastIndexOf(')');
            String[] rest = text.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 2];
            fields[0] = Long.toString(pid);
            fields[1] = text.substring(text.indexOf('(') + 1, close);
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long parent(long pid) {
        String[] stat = stat(pid);
        return stat == null ? -1 : Long.parseLong(stat[3]);
    }

    /**
     * The other watched processes: a platform that started its own Elasticsearch node is its parent, and each is
     * counted once, under its own name.
     */
    private Set<Long> otherRoots(String name) {
        Set<Long> others = new HashSet<>();
        roots.forEach((n, pid) -> {
            if (!n.equals(name)) {
                others.add(pid);
            }
        });
        return others;
    }

    private static double memoryKb(long pid) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the resident set size
        }
        try {
            for (String line : Files.readAllLines(PROC.resolve(pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static String command(long pid) {
        try {
            String cmd = new String(Files.readAllBytes(PROC.resolve(pid + "/cmdline")))
                    .replace('\0', ' ')
                    .strip();
            return cmd.length() > 120 ? cmd.substring(0, 120) + "…" : cmd;
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    /** Inodes of listening TCP sockets (IPv4 and IPv6) to their local port. */
    private static Map<Long, Long> listeningInodes() {
        Map<Long, Long> inodes = new HashMap<>();
        for (String file : List.of("net/tcp", "net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(PROC.resolve(file));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A")) { // LISTEN
                        long port = Long.parseLong(f[1].substring(f[1].indexOf(':') + 1), 16);
                        inodes.put(Long.parseLong(f[9]), port);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        return inodes;
    }

    /** For each of the inodes, a process that holds it open. */
    private static Map<Long, Long> socketOwners(Set<Long> inodes) {
        Map<Long, Long> owners = new HashMap<>();
        for (long pid : pids()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
                for (Path fd : fds) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            long inode = Long.parseLong(target.substring(8, target.length() - 1));
                            if (inodes.contains(inode)) {
                                owners.putIfAbsent(inode, pid);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // closed meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not ours to read, or gone
            }
        }
        return owners;
    }

    /**
     * PostgreSQL's backends inherit the listening socket: climb from the process found to the highest ancestor that
     * also holds one of the listening sockets (the postmaster).
     */
    private static long topmostWithSamePort(long pid, Map<Long, Long> ownerOfInode) {
        Set<Long> holders = new HashSet<>(ownerOfInode.values());
        long current = pid;
        long parent = parent(current);
        while (parent > 1 && holdsAny(parent, ownerOfInode.keySet())) {
            current = parent;
            parent = parent(current);
        }
        return holders.contains(current) || current == pid ? current : pid;
    }

    private static boolean holdsAny(long pid, Set<Long> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")
                            && inodes.contains(Long.parseLong(target.substring(8, target.length() - 1)))) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
